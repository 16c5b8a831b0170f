import { Suspense } from 'react';
import { Loading } from '@/components/states';
import { TrainView } from '@/features/train/train-view';

export default function TrainPage() {
  return (
    <>
      <h1>Train</h1>
      <Suspense fallback={<Loading />}>
        <TrainView />
      </Suspense>
    </>
  );
}
