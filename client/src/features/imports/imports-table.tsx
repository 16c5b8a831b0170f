/** Recent imports on the Import page: when, file, status, rows accepted/rejected, days, categories added. */
import { formatDateTime } from '@/lib/dates';
import type { ImportFieldsFragment } from './imports.generated';

export function ImportsTable({ imports }: { imports: readonly ImportFieldsFragment[] }) {
  return (
    <div className="table-wrap">
      <table data-testid="imports-table" className="stack">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">File</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Accepted
            </th>
            <th scope="col" className="num">
              Rejected
            </th>
            <th scope="col" className="num">
              Days
            </th>
            <th scope="col" className="num">
              New categories
            </th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {imports.map((imp) => (
            <tr key={imp.id} data-testid="import-row">
              <td data-label="Started">{formatDateTime(imp.createdAt)}</td>
              <td data-label="File">{imp.fileName}</td>
              <td data-label="Status">
                <span className={`badge badge-import-${imp.status}`}>{imp.status.toLowerCase()}</span>
              </td>
              <td data-label="Accepted" className="num">
                {imp.rowsAccepted}
              </td>
              <td data-label="Rejected" className="num">
                {imp.rowsRejected}
              </td>
              <td data-label="Days" className="num">
                {imp.days}
              </td>
              <td data-label="New categories" className="num">
                {imp.categoriesAdded}
              </td>
              <td data-label="By">{imp.requestedBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
