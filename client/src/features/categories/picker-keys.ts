/**
 * Keyboard rules of the category picker (ARIA combobox with a listbox popup), pure so they are tested
 * without a browser: which option is active after a key, and what the key does.
 */

export type PickerAction =
  { kind: 'move'; index: number } | { kind: 'pick'; index: number } | { kind: 'close' } | { kind: 'none' };

/**
 * What `key` does with `count` options and option `active` highlighted (-1: none). Arrow keys open and move
 * (wrapping), Home/End jump, Enter picks the active option, Escape closes.
 */
export function pickerKey(key: string, active: number, count: number): PickerAction {
  if (key === 'Escape') return { kind: 'close' };
  if (!count) return { kind: 'none' };
  switch (key) {
    case 'ArrowDown':
      return { kind: 'move', index: active < 0 ? 0 : (active + 1) % count };
    case 'ArrowUp':
      return { kind: 'move', index: active <= 0 ? count - 1 : active - 1 };
    case 'Home':
      return { kind: 'move', index: 0 };
    case 'End':
      return { kind: 'move', index: count - 1 };
    case 'Enter':
      return active >= 0 && active < count ? { kind: 'pick', index: active } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}
