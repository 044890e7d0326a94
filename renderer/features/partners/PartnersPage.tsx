import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';

export function PartnersPage() {
  return (
    <>
      <PageHeader title="Partenaires" />
      <EmptyState title="Bientôt disponible">Cet écran est en cours de construction.</EmptyState>
    </>
  );
}
