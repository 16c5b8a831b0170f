'use client';
/**
 * Import (`/import`): choose or drop a CSV, upload it (a progress bar for the bytes sent, then for the
 * server reading the file, from `importProgress`), then the summary with the bad lines; the recent imports
 * below. Importing needs the import scope (trainer, admin): others see why the form is off.
 */
import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Empty, ErrorState, Loading } from '@/components/states';
import { useCan, useViewer } from '@/lib/auth/viewer-context';
import { FileDrop } from './file-drop';
import { ImportSummaryPanel } from './import-summary-panel';
import { importProgressText, isFinishedImport } from './import-summary';
import { ImportsTable } from './imports-table';
import { GetImportsDocument } from './imports.generated';
import { uploadImport } from './upload-import';
import { useImportProgress } from './use-import-progress';

type Phase =
  { kind: 'idle' } | { kind: 'uploading'; sent: number; total: number } | { kind: 'error'; error: Error };

export function ImportView() {
  const canImport = useCan('import');
  const role = useViewer()?.user?.role;
  const [file, setFile] = useState<File | null>(null);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [importId, setImportId] = useState<string | null>(null);
  const progress = useImportProgress(importId);
  const recent = useQuery(GetImportsDocument, { variables: { first: 10 }, fetchPolicy: 'cache-and-network' });
  const imp = progress.imp?.id === importId ? progress.imp : null;
  const finished = imp !== null && isFinishedImport(imp.status);
  const { refetch } = recent;
  useEffect(() => {
    if (finished) void refetch();
  }, [finished, refetch]);

  const start = () => {
    if (!file) return;
    setImportId(null);
    setPhase({ kind: 'uploading', sent: 0, total: file.size });
    uploadImport({
      file,
      skipBadRows,
      onProgress: (sent, total) => setPhase({ kind: 'uploading', sent, total }),
    })
      .then((queued) => {
        setPhase({ kind: 'idle' });
        setImportId(queued.id);
      })
      .catch((error: Error) => setPhase({ kind: 'error', error }));
  };
  const busy = phase.kind === 'uploading' || (importId !== null && !finished);
  const uploadShare = phase.kind === 'uploading' && phase.total ? phase.sent / phase.total : 0;

  return (
    <>
      {!canImport ? (
        <p className="notice" role="status">
          You are signed in as a {role ?? 'user'}: you can see past imports here, but importing sales needs
          the trainer or admin role.
        </p>
      ) : (
        <form
          className="panel"
          aria-label="Import a sales CSV"
          onSubmit={(e) => {
            e.preventDefault();
            start();
          }}
        >
          <FileDrop file={file} onFile={setFile} disabled={busy} />
          <label className="check-line">
            <input
              id="import-skip-bad-rows"
              type="checkbox"
              checked={skipBadRows}
              disabled={busy}
              onChange={(e) => setSkipBadRows(e.target.checked)}
            />
            Import the good rows and report the rest
          </label>
          <p className="hint">Without it, one bad row rejects the whole file and nothing is imported.</p>
          <button type="submit" disabled={!file || busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
          {phase.kind === 'uploading' && (
            <div className="progress-row">
              <label htmlFor="import-upload-progress">Uploading</label>
              <progress id="import-upload-progress" max={1} value={uploadShare} />
              <span>{Math.round(uploadShare * 100)} % sent</span>
            </div>
          )}
          {imp && !finished && (
            <div className="progress-row">
              <label htmlFor="import-read-progress">Reading</label>
              <progress id="import-read-progress" max={1} value={imp.progress} />
              <span aria-live="polite">{importProgressText(imp)}</span>
            </div>
          )}
          {importId && !imp && !progress.error && <Loading label="Waiting for the server…" />}
          {phase.kind === 'error' && <ErrorState error={phase.error} title="The upload failed" />}
          {progress.error && <ErrorState error={progress.error} title="Lost the import's progress" />}
        </form>
      )}
      {imp && finished && <ImportSummaryPanel imp={imp} />}
      <section className="panel" aria-labelledby="recent-imports-title">
        <h2 id="recent-imports-title">Recent imports</h2>
        {recent.error ? (
          <ErrorState error={recent.error} onRetry={() => void refetch()} />
        ) : recent.loading && !recent.data ? (
          <Loading label="Loading imports…" />
        ) : recent.data?.imports.edges.length ? (
          <ImportsTable imports={recent.data.imports.edges.map((e) => e.node)} />
        ) : (
          <Empty>No imports yet.</Empty>
        )}
      </section>
    </>
  );
}
