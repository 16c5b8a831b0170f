import Link from 'next/link';
import { RunDetailView } from '@/features/runs/run-detail-view';

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <p>
        <Link href="/runs">← All runs</Link>
      </p>
      <h1>Training run</h1>
      <RunDetailView id={id} />
    </>
  );
}
