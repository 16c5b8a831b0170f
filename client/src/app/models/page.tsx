import { Suspense } from 'react';
import { Loading } from '@/components/states';
import { ModelsView } from '@/features/models/models-view';

export default function ModelsPage() {
  return (
    <>
      <h1>Models</h1>
      <Suspense fallback={<Loading />}>
        <ModelsView />
      </Suspense>
    </>
  );
}
