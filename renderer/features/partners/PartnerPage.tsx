import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';

export function PartnerPage({ partnerId, tab }: { partnerId: string; tab?: string }) {
  return (
    <>
      <PageHeader title="Partenaire" subtitle={`${partnerId} ${tab ?? ''}`} />
      <EmptyState title="Bientôt disponible">Cet écran est en cours de construction.</EmptyState>
    </>
  );
}
