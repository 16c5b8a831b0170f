import { describe, expect, it } from 'vitest';
import { parseRunIds, parseTrainForm } from './hyperparameters';

const form = { categories: ['Beauty'], epochs: '', learningRate: '', batchSize: '', windowSize: '' };

describe('parseTrainForm', () => {
  it('should leave empty fields out so the config defaults apply', () => {
    expect(parseTrainForm(form)).toEqual({ input: { categories: ['Beauty'], model: 'AUTO' }, errors: {} });
  });

  it('should convert the numbers when they are in range', () => {
    const { input } = parseTrainForm({
      ...form,
      epochs: '3',
      learningRate: '0.01',
      batchSize: '4',
      windowSize: '14',
    });
    expect(input).toEqual({
      categories: ['Beauty'],
      model: 'AUTO',
      epochs: 3,
      learningRate: 0.01,
      batchSize: 4,
      windowSize: 14,
    });
  });

  it('should send the chosen model family', () => {
    expect(parseTrainForm({ ...form, model: 'ETS' }).input?.model).toBe('ETS');
  });

  it('should report each bad field when values are out of range', () => {
    const { input, errors } = parseTrainForm({
      categories: [],
      epochs: '0',
      learningRate: '0',
      batchSize: '1.5',
      windowSize: '6',
    });
    expect(input).toBeNull();
    expect(Object.keys(errors).sort()).toEqual([
      'batchSize',
      'categories',
      'epochs',
      'learningRate',
      'windowSize',
    ]);
  });
});

describe('parseRunIds', () => {
  it('should split, trim and deduplicate the ids', () => {
    expect(parseRunIds(' a, b,,a ')).toEqual(['a', 'b']);
    expect(parseRunIds(null)).toEqual([]);
  });
});
