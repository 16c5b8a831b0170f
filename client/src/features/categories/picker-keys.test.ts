import { describe, expect, it } from 'vitest';
import { pickerKey } from './picker-keys';

describe('pickerKey', () => {
  it('should highlight the first option when ArrowDown is pressed with none active', () => {
    expect(pickerKey('ArrowDown', -1, 5)).toEqual({ kind: 'move', index: 0 });
  });
  it('should wrap around when moving past either end', () => {
    expect(pickerKey('ArrowDown', 4, 5)).toEqual({ kind: 'move', index: 0 });
    expect(pickerKey('ArrowUp', 0, 5)).toEqual({ kind: 'move', index: 4 });
    expect(pickerKey('ArrowUp', -1, 5)).toEqual({ kind: 'move', index: 4 });
  });
  it('should jump with Home and End', () => {
    expect(pickerKey('Home', 3, 5)).toEqual({ kind: 'move', index: 0 });
    expect(pickerKey('End', 0, 5)).toEqual({ kind: 'move', index: 4 });
  });
  it('should pick the active option on Enter and do nothing without one', () => {
    expect(pickerKey('Enter', 2, 5)).toEqual({ kind: 'pick', index: 2 });
    expect(pickerKey('Enter', -1, 5)).toEqual({ kind: 'none' });
    expect(pickerKey('Enter', 7, 5)).toEqual({ kind: 'none' });
  });
  it('should close on Escape even when the list is empty', () => {
    expect(pickerKey('Escape', -1, 0)).toEqual({ kind: 'close' });
    expect(pickerKey('ArrowDown', -1, 0)).toEqual({ kind: 'none' });
  });
  it('should leave typing keys to the input', () => {
    expect(pickerKey('a', 1, 5)).toEqual({ kind: 'none' });
  });
});
