import { useEffect } from 'react';
import { AppBar, Box, CssBaseline, Drawer, List, ListItemText, Toolbar, Typography } from '@mui/material';
import { LinkListItem } from '../components/LinkListItem';
import { UnsavedGuardDialog } from '../components/UnsavedGuardDialog';
import { navItems } from './navigation';
import { href, navigate, useRoute } from './router';
import { useServices, type Services } from './services';
import { AppProviders } from './AppProviders';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { FirstRunGate } from '../features/settings/FirstRunGate';
import { AppExtensions } from './extensions';
import { ReadyMarker } from './readiness';
import { Lazy, lazyNamed } from './lazy';
import { useOfficeCaf } from '../features/cafs/officeCaf';

// Every section but the dashboard (the first screen) is its own chunk, fetched when first opened.
const PartnersPage = lazyNamed(() => import('../features/partners/PartnersPage'), 'PartnersPage');
const PartnerPage = lazyNamed(() => import('../features/partners/PartnerPage'), 'PartnerPage');
const ContactsPage = lazyNamed(() => import('../features/contacts/ContactsPage'), 'ContactsPage');
const HabilitationsPage = lazyNamed(() => import('../features/habilitations/HabilitationsPage'), 'HabilitationsPage');
const FollowUpsPage = lazyNamed(() => import('../features/escalation/FollowUpsPage'), 'FollowUpsPage');
const FormsPage = lazyNamed(() => import('../features/forms/FormsPage'), 'FormsPage');
const SyncPage = lazyNamed(() => import('../features/sync/SyncPage'), 'SyncPage');
const SettingsPage = lazyNamed(() => import('../features/settings/SettingsPage'), 'SettingsPage');
const CafsPage = lazyNamed(() => import('../features/cafs/CafsPage'), 'CafsPage');
// The reports and the campaign bring MUI X Charts, jsPDF (in its worker) and mimetext: all in this chunk.
const ReportsPage = lazyNamed(() => import('../features/reports/ReportsPage'), 'ReportsPage');

const DRAWER_WIDTH = 220;

function CurrentPage() {
  const route = useRoute();
  switch (route.section) {
    case 'partenaires':
      return route.params[0] ? <PartnerPage partnerId={route.params[0]} tab={route.params[1]} /> : <PartnersPage />;
    case 'interlocuteurs':
      return <ContactsPage />;
    case 'habilitations':
      return <HabilitationsPage />;
    case 'relances':
      return <FollowUpsPage />;
    case 'formulaires':
      return <FormsPage />;
    case 'rapports':
      return <ReportsPage />;
    case 'synchronisation':
      return <SyncPage />;
    case 'parametres':
      return <SettingsPage />;
    case 'cafs':
      return <CafsPage cafId={route.params[0]} />;
    default:
      return <DashboardPage />;
  }
}

function MenuCommands() {
  const { platform } = useServices();
  useEffect(
    () =>
      platform.onMenuCommand((command) => {
        if (command === 'parametres') navigate('parametres');
        else if (command === 'exporter' || command === 'importer' || command === 'synchroniser') navigate('synchronisation');
        else if (command === 'importer-tableur') navigate('synchronisation', 'echanges', 'tableur');
        else if (command === 'nouveau-partenaire') navigate('partenaires', 'nouveau');
        // 'rechercher' and 'imprimer' are handled by the search dialog and the forms preview.
      }),
    [platform],
  );
  return null;
}

function Shell() {
  const route = useRoute();
  const { caf: officeCaf } = useOfficeCaf();
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (t) => t.zIndex.drawer + 1 }} className="no-print">
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" sx={{ fontWeight: 600 }}>
            Partenaires MCP
          </Typography>
          <Typography variant="body2" sx={{ opacity: 0.8 }}>
            {officeCaf?.name || 'Caf non renseignée'}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <AppExtensions slot="toolbar" />
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        className="no-print"
        sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}
      >
        <Toolbar variant="dense" />
        <nav aria-label="Navigation principale">
          <List dense>
            {navItems.map((item) => (
              <LinkListItem key={item.section} href={href(item.section)} selected={route.section === item.section}>
                <ListItemText primary={item.label} />
              </LinkListItem>
            ))}
          </List>
        </nav>
      </Drawer>
      <Box component="main" sx={{ flex: 1, p: 3, minWidth: 0 }}>
        <Toolbar variant="dense" className="no-print" />
        <Lazy>
          <CurrentPage />
        </Lazy>
      </Box>
      <FirstRunGate />
      <ReadyMarker />
      <MenuCommands />
      <UnsavedGuardDialog />
      <AppExtensions slot="global" />
    </Box>
  );
}

export function App({ services }: { services: Services }) {
  return (
    <AppProviders services={services}>
      <CssBaseline />
      <Shell />
    </AppProviders>
  );
}
