import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';

export function FollowUpsPage() {
  return (
    <>
      <PageHeader title="Relances" />
      <EmptyState title="Bientôt disponible">Cet écran est en cours de construction.</EmptyState>
    </>
  );
}
