import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';

export function ContactsPage() {
  return (
    <>
      <PageHeader title="Interlocuteurs" />
      <EmptyState title="Bientôt disponible">Cet écran est en cours de construction.</EmptyState>
    </>
  );
}
