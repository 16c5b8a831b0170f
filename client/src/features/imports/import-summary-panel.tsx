/** An import's result on the Import page: headline, figures and the bad lines by line number. Props in. */
import type { ImportFieldsFragment } from './imports.generated';
import { summarizeImport } from './import-summary';

export function ImportSummaryPanel({ imp }: { imp: ImportFieldsFragment }) {
  const summary = summarizeImport(imp);
  const hidden = imp.badLineCount - imp.badLines.length;
  return (
    <section className="panel" aria-labelledby="import-summary-title" data-testid="import-summary">
      <h2 id="import-summary-title">{imp.fileName}</h2>
      <p className={`tone-${summary.tone}`} role="status">
        {summary.headline}
      </p>
      <dl className="figures">
        {summary.figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {imp.badLines.length > 0 && (
        <>
          <h3>Bad lines</h3>
          <div className="table-wrap">
            <table data-testid="bad-lines" className="stack">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Problem</th>
                  <th scope="col">Message</th>
                </tr>
              </thead>
              <tbody>
                {imp.badLines.map((bad) => (
                  <tr key={`${bad.line}-${bad.code}`}>
                    <td data-label="Line" className="num">
                      {bad.line}
                    </td>
                    <td data-label="Problem">
                      <code>{bad.code}</code>
                    </td>
                    <td data-label="Message">{bad.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {hidden > 0 && <p className="hint">…and {hidden} more bad lines not listed.</p>}
        </>
      )}
    </section>
  );
}
