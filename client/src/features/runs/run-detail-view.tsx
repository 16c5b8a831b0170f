'use client';
/**
 * A run's page (`/runs/<id>`): status, its loss curve (live while it trains: the subscription replays the
 * stored epochs, then streams), metrics against the baselines, the evaluation plot (proxied from the API at
 * /plots/…), model version, hyperparameters, MLflow link, and the GraphQL playground.
 */
import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { useEffect } from 'react';
import { Empty, ErrorState, Loading } from '@/components/states';
import { formatDateTime } from '@/lib/dates';
import { formatDuration } from '@/lib/format';
import { usePublicUrls } from '@/lib/public-config-context';
import { LossCurve } from '@/components/lazy-charts';
import { MetricsTable } from './metrics-table';
import { RunStatusBadge } from './run-status-badge';
import { GetRunDocument, type GetRunQuery } from './runs.generated';
import { CandidateList } from './candidate-list';
import { candidatesFromVersions } from './candidates';
import { isTerminal, useRunProgress } from './use-run-progress';

export function RunDetailView({ id }: { id: string }) {
  const run = useQuery(GetRunDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  if (run.error && !run.data) return <ErrorState error={run.error} onRetry={() => void run.refetch()} />;
  if (!run.data) return <Loading label="Loading the run…" />;
  if (!run.data.run)
    return (
      <Empty>
        No run with id {id}. <Link href="/runs">Back to the runs</Link>.
      </Empty>
    );
  return <RunDetail run={run.data.run} refetch={run.refetch} />;
}

function RunDetail({
  run,
  refetch,
}: {
  run: NonNullable<GetRunQuery['run']>;
  refetch: () => Promise<unknown>;
}) {
  const urls = usePublicUrls();
  const progress = useRunProgress(run.id, {
    initial: { epochs: run.epochs, status: run.status, totalEpochs: run.totalEpochs, error: run.error },
    skip: isTerminal(run.status),
  });
  const status = progress.status ?? run.status;
  const finishedLive = isTerminal(status) && !isTerminal(run.status);
  useEffect(() => {
    if (finishedLive) void refetch(); // metrics and model version exist now
  }, [finishedLive, refetch]);
  const version = run.modelVersion;
  const hyper = Object.entries(run.hyperparameters ?? {});

  return (
    <>
      <div className="card-head panel">
        <h2 style={{ margin: 0 }}>
          {run.category} · run {run.id.slice(0, 8)}
        </h2>
        <RunStatusBadge status={status} />
      </div>
      <div className="two-col">
        <section className="panel" aria-labelledby="curve-title">
          <h2 id="curve-title">Loss per epoch</h2>
          <p aria-live="polite" data-testid="run-progress-text">
            {progress.epochs.length} / {progress.totalEpochs ?? run.totalEpochs} epochs
            {status === 'RUNNING' && ' · live'}
          </p>
          <LossCurve
            runId={run.id}
            epochs={progress.epochs}
            totalEpochs={progress.totalEpochs ?? run.totalEpochs}
          />
          {(progress.candidates.length || run.candidates.length > 1) && (
            <>
              <h3>Candidates</h3>
              <CandidateList
                candidates={
                  progress.candidates.length ? progress.candidates : candidatesFromVersions(run.candidates)
                }
              />
              <Link href={`/models?category=${encodeURIComponent(run.category)}`}>
                Leaderboard of {run.category}
              </Link>
            </>
          )}
          {status === 'FAILED' && (
            <p className="field-error" role="alert">
              Training failed: {progress.error ?? run.error}
            </p>
          )}
          {progress.connectionError && (
            <ErrorState
              error={progress.connectionError}
              title="Live updates interrupted"
              onRetry={progress.restart}
            />
          )}
        </section>
        <section className="panel" aria-labelledby="metrics-title">
          <h2 id="metrics-title">Validation metrics</h2>
          {run.metrics ? (
            <MetricsTable metrics={run.metrics} />
          ) : (
            <p className="hint">
              {isTerminal(status) ? 'This run has no metrics.' : 'Metrics appear when the run succeeds.'}
            </p>
          )}
        </section>
      </div>
      {version?.plotUrl && (
        <section className="panel" aria-labelledby="plot-title">
          <h2 id="plot-title">Evaluation plot</h2>
          {/* A same-origin path proxied to the API (app/plots/[file]/route.ts); not optimised by next/image. */}
          <img
            className="plot"
            src={new URL(version.plotUrl, 'http://x').pathname}
            alt={`Validation: actual vs predicted daily sales of ${run.category}`}
          />
        </section>
      )}
      <div className="two-col">
        <section className="panel" aria-labelledby="run-info-title">
          <h2 id="run-info-title">Run</h2>
          <dl className="meta">
            <dt>Experiment</dt>
            <dd>{run.experimentName}</dd>
            <dt>Created</dt>
            <dd>{formatDateTime(run.createdAt)}</dd>
            <dt>Started</dt>
            <dd>{formatDateTime(run.startedAt)}</dd>
            <dt>Finished</dt>
            <dd>{formatDateTime(run.finishedAt)}</dd>
            <dt>Backend</dt>
            <dd>{run.tfBackend ?? '—'}</dd>
            <dt>Per epoch</dt>
            <dd>{run.secondsPerEpoch == null ? '—' : formatDuration(run.secondsPerEpoch * 1000)}</dd>
            {hyper.map(([key, value]) => (
              <FragmentRow key={key} label={key} value={JSON.stringify(value)} />
            ))}
            <dt>MLflow</dt>
            <dd>
              {run.mlflowUrl ? (
                <a href={run.mlflowUrl} target="_blank" rel="noreferrer">
                  Open the run in MLflow
                </a>
              ) : (
                (run.mlflowSync ?? 'not tracked')
              )}
            </dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="version-title">
          <h2 id="version-title">Model version</h2>
          {version ? (
            <dl className="meta">
              <dt>Id</dt>
              <dd>{version.id}</dd>
              <dt>Active</dt>
              <dd>{version.active ? 'yes (serves predict)' : 'no'}</dd>
              <dt>Window</dt>
              <dd>{version.windowSize} days</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(version.createdAt)}</dd>
              <dt>Interval</dt>
              <dd>
                {version.intervalCoverage == null
                  ? '—'
                  : `${Math.round(version.intervalCoverage * 100)}% nominal`}
                {version.intervalValidationCoverage != null &&
                  `, ${Math.round(version.intervalValidationCoverage * 100)}% measured`}
              </dd>
            </dl>
          ) : (
            <p className="hint">No model version (only a succeeded run has one).</p>
          )}
          <p>
            {version?.active && (
              <Link href={`/predict?category=${encodeURIComponent(run.category)}`}>Forecast with it</Link>
            )}
            {version?.active && ' · '}
            {urls ? (
              <a href={urls.playgroundUrl} target="_blank" rel="noreferrer">
                GraphQL playground
              </a>
            ) : (
              'GraphQL playground'
            )}
          </p>
        </section>
      </div>
    </>
  );
}

function FragmentRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
