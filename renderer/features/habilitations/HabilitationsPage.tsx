import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';

export function HabilitationsPage() {
  return (
    <>
      <PageHeader title="Habilitations" />
      <EmptyState title="Bientôt disponible">Cet écran est en cours de construction.</EmptyState>
    </>
  );
}
