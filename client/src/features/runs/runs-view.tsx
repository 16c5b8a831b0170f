'use client';
/**
 * Runs (`/runs`): newest first, filtered by category (searched in the catalogue) and status (kept in the
 * URL), paged by cursor (`after` = the previous page's endCursor; a stack of cursors gives "Previous").
 */
import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Empty, ErrorState, Loading } from '@/components/states';
import type { RunStatus } from '@/types.generated';
import { CategoryPicker } from '../categories/category-picker';
import { GetRunsDocument } from './runs.generated';
import { RunsTable } from './runs-table';

export const PAGE_SIZE = 20;
const STATUSES: readonly RunStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

interface Filters {
  category: string;
  status: RunStatus | null;
  /** Cursors of the pages before this one, oldest first; the last one is this page's `after`. */
  cursors: string[];
}

function filtersFromUrl(params: URLSearchParams): Filters {
  const status = params.get('status') ?? '';
  return {
    category: params.get('category') ?? '',
    status: (STATUSES as readonly string[]).includes(status) ? (status as RunStatus) : null,
    cursors: (params.get('after') ?? '').split(' ').filter(Boolean),
  };
}

export function RunsView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  // Filters live in state (two quick changes compose) and are mirrored into the URL (shareable, reloadable).
  const [filters, setFilters] = useState(() => filtersFromUrl(new URLSearchParams(params)));
  const { category, status, cursors } = filters;
  useEffect(() => {
    const query = new URLSearchParams();
    if (category) query.set('category', category);
    if (status) query.set('status', status);
    if (cursors.length) query.set('after', cursors.join(' '));
    const search = query.toString();
    if (search !== window.location.search.replace(/^\?/, ''))
      router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  }, [category, status, cursors, pathname, router]);
  const runs = useQuery(GetRunsDocument, {
    // Unset filters are left out, not sent as null: the API reads an explicit null `category` as a filter value.
    variables: {
      first: PAGE_SIZE,
      ...(category && { category }),
      ...(status && { status }),
      ...(cursors.length && { after: cursors.at(-1) }),
    },
    fetchPolicy: 'cache-and-network',
  });
  const data = runs.data?.runs;
  const firstRow = cursors.length * PAGE_SIZE + 1;

  return (
    <>
      <form className="controls panel" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()}>
        <CategoryPicker
          id="runs-category"
          value={category}
          allLabel="All categories"
          onPickAll={() => setFilters((f) => ({ ...f, category: '', cursors: [] }))}
          onChange={(c) => setFilters((f) => ({ ...f, category: c.name, cursors: [] }))}
        />
        <div className="field">
          <label htmlFor="runs-status">Status</label>
          <select
            id="runs-status"
            value={status ?? ''}
            onChange={(e) =>
              setFilters((f) => ({ ...f, status: (e.target.value || null) as RunStatus | null, cursors: [] }))
            }
          >
            <option value="">All statuses</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.charAt(0) + s.slice(1).toLowerCase()}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="secondary" onClick={() => void runs.refetch()}>
          Refresh
        </button>
      </form>
      <section className="panel" aria-labelledby="runs-title" aria-busy={runs.loading}>
        <h2 id="runs-title">Training runs{data ? ` (${data.totalCount})` : ''}</h2>
        {runs.error ? (
          <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
        ) : !data ? (
          <Loading label="Loading runs…" />
        ) : !data.edges.length ? (
          <Empty>
            {category || status ? 'No run matches these filters.' : 'No run yet.'}{' '}
            <Link href="/train">Start a training run</Link>.
          </Empty>
        ) : (
          <>
            <RunsTable runs={data.edges.map((e) => e.node)} />
            <nav className="pager" aria-label="Pages">
              <button
                type="button"
                className="secondary"
                disabled={!cursors.length}
                onClick={() => setFilters((f) => ({ ...f, cursors: f.cursors.slice(0, -1) }))}
              >
                Previous
              </button>
              <span>
                {firstRow}–{firstRow + data.edges.length - 1} of {data.totalCount}
              </span>
              <button
                type="button"
                className="secondary"
                disabled={!data.pageInfo.hasNextPage || !data.pageInfo.endCursor}
                onClick={() => {
                  const next = data.pageInfo.endCursor;
                  if (next) setFilters((f) => ({ ...f, cursors: [...f.cursors, next] }));
                }}
              >
                Next
              </button>
            </nav>
          </>
        )}
      </section>
    </>
  );
}
