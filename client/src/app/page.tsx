import { ExplorerView } from '@/features/explorer/explorer-view';

export default function ExplorerPage() {
  return (
    <>
      <h1>Explorer</h1>
      <ExplorerView />
    </>
  );
}
