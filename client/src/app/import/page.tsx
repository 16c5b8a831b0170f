import { ImportView } from '@/features/imports/import-view';

export default function ImportPage() {
  return (
    <>
      <h1>Import sales</h1>
      <ImportView />
    </>
  );
}
