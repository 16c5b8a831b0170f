'use client';
/**
 * Models (`/models?category=…`): a category's model versions as a leaderboard (backtest MAE, MASE, sMAPE,
 * coverage, fit time; champion, active and fallback marked), the top candidates' forecasts over the last
 * backtest fold against the actual values, and Activate / Roll back for trainers. The category is kept
 * in the URL.
 */
import { useMutation, useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { FoldChart } from '@/components/lazy-charts';
import { Empty, ErrorState, Loading } from '@/components/states';
import { useCan } from '@/lib/auth/viewer-context';
import { GetCategoryPageDocument } from '../categories/categories.generated';
import { CategoryPicker } from '../categories/category-picker';
import { lastFoldSeries, rankVersions } from './leaderboard';
import { LeaderboardTable } from './leaderboard-table';
import { ActivateModelVersionDocument, GetModelVersionsDocument } from './models.generated';

export function ModelsView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const canActivate = useCan('train');
  const first = useQuery(GetCategoryPageDocument, {
    variables: { first: 1 },
    skip: Boolean(params.get('category')),
  });
  const category = params.get('category') ?? first.data?.categoriesConnection.edges[0]?.node.name ?? '';
  const versions = useQuery(GetModelVersionsDocument, { variables: { category }, skip: !category });
  const [activate, activation] = useMutation(ActivateModelVersionDocument, {
    refetchQueries: [GetModelVersionsDocument],
    awaitRefetchQueries: true,
  });
  const [activating, setActivating] = useState<string | null>(null);
  const ranked = useMemo(() => rankVersions(versions.data?.modelVersions ?? []), [versions.data]);
  const fold = useMemo(() => lastFoldSeries(ranked), [ranked]);

  if (first.error) return <ErrorState error={first.error} onRetry={() => void first.refetch()} />;
  if (!category)
    return first.loading ? <Loading label="Loading categories…" /> : <Empty>No categories yet.</Empty>;
  const lastDates = fold[0]?.data;
  return (
    <>
      <form className="controls panel" aria-label="Category" onSubmit={(e) => e.preventDefault()}>
        <CategoryPicker
          id="models-category"
          value={category}
          onChange={(c) =>
            router.replace(`${pathname}?${new URLSearchParams({ category: c.name }).toString()}`)
          }
        />
        <Link href={`/train?category=${encodeURIComponent(category)}`}>Train {category}</Link>
      </form>
      <section className="panel" aria-labelledby="leaderboard-title" aria-busy={versions.loading}>
        <h2 id="leaderboard-title">{category}: leaderboard</h2>
        {versions.error ? (
          <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />
        ) : versions.loading && !versions.data ? (
          <Loading label="Loading model versions…" />
        ) : !ranked.length ? (
          <Empty>
            No model for {category} yet.{' '}
            <Link href={`/train?category=${encodeURIComponent(category)}`}>Train one</Link> (model Auto fits
            every family and keeps the best).
          </Empty>
        ) : (
          <>
            <p className="hint">
              Ranked by mean backtest MASE (below 1 beats seasonal naive); coverage is the share of actual
              days inside the 90 % interval. The active version serves predict.
            </p>
            <LeaderboardTable
              versions={ranked}
              canActivate={canActivate}
              activating={activating}
              onActivate={(id) => {
                setActivating(id);
                void activate({ variables: { id } })
                  .catch(() => undefined)
                  .finally(() => setActivating(null));
              }}
            />
            {activation.error && <ErrorState error={activation.error} title="Could not activate" />}
          </>
        )}
      </section>
      {fold.length > 1 && lastDates && (
        <section className="panel" aria-labelledby="fold-title">
          <h2 id="fold-title">
            Last backtest fold ({lastDates[0]!.x} to {lastDates.at(-1)!.x}): the top {fold.length - 1} against
            the actual values
          </h2>
          <FoldChart
            series={fold}
            label={`Forecasts of the top candidates of ${category} against actual sales`}
          />
        </section>
      )}
    </>
  );
}
