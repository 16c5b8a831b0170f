import { describe, expect, it } from 'vitest';
import { MAX_PICKED_CATEGORIES, parseRunIds, parseTrainForm, withCategory } from './hyperparameters';

const form = { categories: ['Beauty'], epochs: '', learningRate: '', batchSize: '', windowSize: '' };

describe('parseTrainForm', () => {
  it('should leave empty fields out so the config defaults apply', () => {
    expect(parseTrainForm(form)).toEqual({
      request: { all: false, input: { categories: ['Beauty'], model: 'AUTO' } },
      errors: {},
    });
  });

  it('should convert the numbers when they are in range', () => {
    const { request } = parseTrainForm({
      ...form,
      epochs: '3',
      learningRate: '0.01',
      batchSize: '4',
      windowSize: '14',
    });
    expect(request?.input).toEqual({
      categories: ['Beauty'],
      model: 'AUTO',
      epochs: 3,
      learningRate: 0.01,
      batchSize: 4,
      windowSize: 14,
    });
  });

  it('should send the chosen model family', () => {
    expect(parseTrainForm({ ...form, model: 'ETS' }).request?.input.model).toBe('ETS');
  });

  it('should ask for trainAll with the overrides and no category list when All categories is on', () => {
    const { request, errors } = parseTrainForm({ ...form, categories: [], all: true, windowSize: '21' });
    expect(errors).toEqual({});
    expect(request).toEqual({ all: true, input: { model: 'AUTO', windowSize: 21 } });
  });

  it('should refuse more categories than train takes at once when they are picked one by one', () => {
    const many = Array.from({ length: MAX_PICKED_CATEGORIES + 1 }, (_, i) => `C${i}`);
    const { request, errors } = parseTrainForm({ ...form, categories: many });
    expect(request).toBeNull();
    expect(errors.categories).toMatch(/All categories/);
    expect(parseTrainForm({ ...form, categories: many.slice(1) }).request?.all).toBe(false);
  });

  it('should report each bad field when values are out of range', () => {
    const { request, errors } = parseTrainForm({
      categories: [],
      epochs: '0',
      learningRate: '0',
      batchSize: '1.5',
      windowSize: '6',
    });
    expect(request).toBeNull();
    expect(Object.keys(errors).sort()).toEqual([
      'batchSize',
      'categories',
      'epochs',
      'learningRate',
      'windowSize',
    ]);
  });
});

describe('withCategory', () => {
  it('should add a picked category at the end, once, when it is picked again', () => {
    expect(withCategory(['Toys'], 'Beauty')).toEqual(['Toys', 'Beauty']);
    expect(withCategory(['Toys', 'Beauty'], 'Toys')).toEqual(['Toys', 'Beauty']);
  });
});

describe('parseRunIds', () => {
  it('should split, trim and deduplicate the ids', () => {
    expect(parseRunIds(' a, b,,a ')).toEqual(['a', 'b']);
    expect(parseRunIds(null)).toEqual([]);
  });
});
