import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Paramètres" />
      <EmptyState title="Bientôt disponible">Cet écran est en cours de construction.</EmptyState>
    </>
  );
}
