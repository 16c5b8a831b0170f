import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { WindowEditor } from './window-editor';

const dates = ['2024-12-29', '2024-12-30', '2024-12-31'];

describe('WindowEditor', () => {
  it('should label each value with its date and show a cell error by its input', () => {
    render(
      <WindowEditor
        dates={dates}
        cells={['1', 'x', '3']}
        errors={[null, 'not a number', null]}
        onChange={() => {}}
      />,
    );
    const bad = screen.getByLabelText('2024-12-30');
    expect(bad.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(bad.getAttribute('aria-describedby')!)?.textContent).toBe('not a number');
    expect(screen.getByLabelText('2024-12-29').getAttribute('aria-invalid')).toBeNull();
  });

  it('should report an edited cell', () => {
    const onChange = vi.fn();
    render(<WindowEditor dates={dates} cells={['1', '2', '3']} errors={[]} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('2024-12-31'), { target: { value: '30' } });
    expect(onChange).toHaveBeenCalledWith(['1', '2', '30']);
  });
});
