import { Suspense } from 'react';
import { Loading } from '@/components/states';
import { PredictView } from '@/features/predict/predict-view';

export default function PredictPage() {
  return (
    <>
      <h1>Predict</h1>
      <Suspense fallback={<Loading />}>
        <PredictView />
      </Suspense>
    </>
  );
}
