'use client';
/**
 * Train (`/train`): the form, then a live card per run. The runs shown are kept in the URL
 * (`/train?runs=id1,id2`), and runs still queued or running elsewhere are added, so reloading the page
 * mid-run brings every card back and the subscription's replay redraws each whole curve.
 */
import { useQuery } from '@apollo/client/react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { Empty, ErrorState, Loading } from '@/components/states';
import { useCan, useViewer } from '@/lib/auth/viewer-context';
import { GetCategoriesDocument } from '../categories/categories.generated';
import { GetActiveRunsDocument } from '../runs/runs.generated';
import { parseRunIds } from './hyperparameters';
import { RunCard } from './run-card';
import { TrainForm } from './train-form';

export function TrainView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const canTrain = useCan('train');
  const role = useViewer()?.user?.role;
  const categories = useQuery(GetCategoriesDocument);
  const active = useQuery(GetActiveRunsDocument, { fetchPolicy: 'network-only' });
  const urlIds = parseRunIds(params.get('runs'));
  const activeIds = useMemo(
    () => [...(active.data?.running.edges ?? []), ...(active.data?.queued.edges ?? [])].map((e) => e.node.id),
    [active.data],
  );
  const [dismissed, setDismissed] = useState<readonly string[]>([]);
  const ids = [...new Set([...urlIds, ...activeIds])].filter((id) => !dismissed.includes(id));
  const setIds = (next: string[]) => {
    const query = new URLSearchParams(window.location.search);
    if (next.length) query.set('runs', next.join(','));
    else query.delete('runs');
    router.replace(`${pathname}?${query.toString()}`, { scroll: false });
  };

  if (categories.error)
    return <ErrorState error={categories.error} onRetry={() => void categories.refetch()} />;
  if (categories.loading && !categories.data) return <Loading label="Loading categories…" />;
  const names = categories.data?.categories.map((c) => c.name) ?? [];
  if (!names.length) return <Empty>No categories are configured.</Empty>;

  return (
    <>
      {!canTrain && (
        <p className="notice" role="status">
          You are signed in as a {role ?? 'user'}: you can watch runs here, but starting and cancelling
          training needs the trainer or admin role.
        </p>
      )}
      <TrainForm
        disabled={!canTrain}
        categories={names}
        initialCategory={params.get('category') ?? undefined}
        onStarted={(runs) => setIds([...new Set([...runs.map((r) => r.id), ...urlIds])])}
      />
      <h2>Runs</h2>
      {active.error && (
        <ErrorState
          error={active.error}
          title="Could not list active runs"
          onRetry={() => void active.refetch()}
        />
      )}
      {ids.length ? (
        <div className="cards">
          {ids.map((id) => (
            <RunCard
              key={id}
              runId={id}
              onDismiss={() => {
                setDismissed((d) => [...d, id]);
                setIds(urlIds.filter((u) => u !== id));
              }}
            />
          ))}
        </div>
      ) : active.loading ? (
        <Loading label="Looking for active runs…" />
      ) : (
        <Empty>
          No run is training. Pick categories above and start one; its loss curves grow here as epochs finish.
        </Empty>
      )}
    </>
  );
}
