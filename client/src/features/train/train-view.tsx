'use client';
/**
 * Train (`/train`): the form, then a live card per run. The runs shown are kept in the URL
 * (`/train?runs=id1,id2`), and runs still queued or running elsewhere are added, so reloading the page
 * mid-run brings every card back and the subscription's replay redraws each whole curve. Training all of a
 * large catalogue queues thousands of runs: the first MAX_CARDS get a card, and the Runs page lists them all.
 */
import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { Empty, ErrorState, Loading } from '@/components/states';
import { useCan, useViewer } from '@/lib/auth/viewer-context';
import { GetCategoryDocument, GetCategoryPageDocument } from '../categories/categories.generated';
import { GetActiveRunsDocument } from '../runs/runs.generated';
import { parseRunIds } from './hyperparameters';
import { RunCard } from './run-card';
import { TrainForm } from './train-form';

/** Run cards shown at most (each one subscribes to its run's progress). */
export const MAX_CARDS = 20;

export function TrainView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const canTrain = useCan('train');
  const role = useViewer()?.user?.role;
  // The catalogue's size (for "All categories") and whether ?category= names one: never the whole list.
  const categories = useQuery(GetCategoryPageDocument, { variables: { first: 1 } });
  const initialName = params.get('category');
  const initial = useQuery(GetCategoryDocument, {
    variables: { name: initialName ?? '' },
    skip: !initialName,
  });
  const [queued, setQueued] = useState(0);
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
  if ((categories.loading && !categories.data) || (initial.loading && !initial.data))
    return <Loading label="Loading categories…" />;
  const count = categories.data?.categoriesConnection.totalCount ?? 0;
  if (!count) return <Empty>No categories are configured.</Empty>;

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
        categoryCount={count}
        initialCategory={initial.data?.category?.name}
        onStarted={(runs) => {
          setQueued(runs.length);
          setIds([...new Set([...runs.slice(0, MAX_CARDS).map((r) => r.id), ...urlIds])]);
        }}
      />
      <h2>Runs</h2>
      {queued > MAX_CARDS && (
        <p className="notice" role="status">
          {queued.toLocaleString('en')} runs queued: the first {MAX_CARDS} are shown here,{' '}
          <Link href="/runs">Runs</Link> lists them all.
        </p>
      )}
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
