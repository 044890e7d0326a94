/**
 * Section « Rapports » (loaded on demand: lazyNamed in App.tsx keeps it, MUI X Charts, the PDF and MIME
 * libraries out of the start-up bundle). Three tabs: the reports, the reverse-review campaign, the letter
 * templates. `#/rapports/<onglet>` keeps the tab across reloads; `#/rapports/rendu` is the print-only page.
 */
import { Box, Tab, Tabs } from '@mui/material';
import { navigate, useRoute } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ReportsView } from './ReportsView';
import { ReportsRenderRoute } from './RenderRoute';
import { TemplatesEditor } from './TemplatesEditor';
import { CampaignPage } from '../campaign/CampaignPage';

const tabs = [
  { id: 'rapports', label: 'Rapports' },
  { id: 'campagne', label: 'Campagne de revue inverse' },
  { id: 'modeles', label: 'Modèles de courrier' },
] as const;

export function ReportsPage() {
  const route = useRoute();
  const sub = route.params[0];
  if (sub === 'rendu') return <ReportsRenderRoute />;
  const tab = tabs.find((t) => t.id === sub)?.id ?? 'rapports';
  return (
    <>
      <PageHeader title="Rapports" subtitle="Rapports imprimables et exportables, campagne annuelle de revue inverse des habilitations, modèles de courrier." />
      <Tabs value={tab} onChange={(_, v: string) => navigate('rapports', v)} sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }} aria-label="Onglets des rapports">
        {tabs.map((t) => (
          <Tab key={t.id} value={t.id} label={t.label} id={`onglet-${t.id}`} aria-controls={`panneau-${t.id}`} />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`panneau-${tab}`} aria-labelledby={`onglet-${tab}`}>
        {tab === 'rapports' && <ReportsView initial={route.query.get('rapport') ?? undefined} />}
        {tab === 'campagne' && <CampaignPage />}
        {tab === 'modeles' && <TemplatesEditor />}
      </Box>
    </>
  );
}
