/**
 * The editable table of the window's values (oldest first), one labelled input per day, each with its own
 * error. Pasting a list of numbers into a cell fills the following cells.
 */
import { spreadPaste } from './parse-window-values';

export function WindowEditor({
  dates,
  cells,
  errors,
  onChange,
}: {
  dates: readonly string[];
  cells: readonly string[];
  errors: readonly (string | null)[];
  onChange: (cells: string[]) => void;
}) {
  return (
    <div className="table-wrap">
      <table data-testid="window-editor">
        <caption className="hint">
          The last {cells.length} days the model reads (edit to ask “what if”; paste a column to fill several)
        </caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col" className="num">
              Sales
            </th>
          </tr>
        </thead>
        <tbody>
          {cells.map((cell, i) => {
            const id = `window-value-${i}`;
            const error = errors[i];
            return (
              <tr key={i}>
                <td>
                  <label htmlFor={id}>{dates[i] ?? `Day ${i + 1}`}</label>
                </td>
                <td className="num">
                  <input
                    id={id}
                    type="text"
                    inputMode="decimal"
                    value={cell}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                    onChange={(e) => onChange(cells.map((c, j) => (j === i ? e.target.value : c)))}
                    onPaste={(e) => {
                      const spread = spreadPaste(cells, i, e.clipboardData.getData('text'));
                      if (spread) {
                        e.preventDefault();
                        onChange(spread);
                      }
                    }}
                  />
                  {error && (
                    <p className="field-error" id={`${id}-error`}>
                      {error}
                    </p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
