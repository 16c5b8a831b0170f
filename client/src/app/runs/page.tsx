import { Suspense } from 'react';
import { Loading } from '@/components/states';
import { RunsView } from '@/features/runs/runs-view';

export default function RunsPage() {
  return (
    <>
      <h1>Runs</h1>
      <Suspense fallback={<Loading />}>
        <RunsView />
      </Suspense>
    </>
  );
}
