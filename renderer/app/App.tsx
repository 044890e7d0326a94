import { useEffect, useState, type ReactNode } from 'react';
import { AppBar, Box, CssBaseline, List, ListItemText, Paper, Toolbar, Typography } from '@mui/material';
import { LinkListItem } from '../components/LinkListItem';
import { usePendingNavigation } from '../components/unsaved';
import { navItems } from './navigation';
import { href, navigate, useRoute } from './router';
import { useServices, WithData, type Services, type StartServices } from './services';
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

// MUI's Dialog (modal, focus trap, transitions) is fetched the first time a navigation would lose unsaved edits.
const UnsavedGuardDialog = lazyNamed(() => import('../components/UnsavedGuardDialog'), 'UnsavedGuardDialog');

const DRAWER_WIDTH = 220;

/**
 * MUI's `<Drawer variant="permanent">` as it renders — a docked root and a fixed, square paper without elevation,
 * bordered on the right, with the same classes — without the component, whose temporary variant brings Modal,
 * Slide and the focus trap (≈ 20 KB) into the first screen's code.
 */
function PermanentDrawer({ width, className, children }: { width: number; className?: string; children: ReactNode }) {
  return (
    <Box className={`MuiDrawer-root MuiDrawer-docked ${className ?? ''}`} sx={{ flex: '0 0 auto', width, flexShrink: 0 }}>
      <Paper
        square
        elevation={0}
        className="MuiDrawer-paper MuiDrawer-paperAnchorLeft MuiDrawer-paperAnchorDockedLeft"
        sx={(t) => ({
          overflowY: 'auto',
          display: 'flex',
          flexDirection: 'column',
          height: '100%',
          flex: '1 0 auto',
          zIndex: t.zIndex.drawer,
          WebkitOverflowScrolling: 'touch',
          position: 'fixed',
          top: 0,
          left: 0,
          outline: 0,
          borderRight: `1px solid ${t.palette.divider}`,
          width,
          boxSizing: 'border-box',
        })}
      >
        {children}
      </Paper>
    </Box>
  );
}

/** The unsaved-edits question, mounted from the first pending navigation on (then kept, for its transitions). */
function UnsavedGuard() {
  const pending = usePendingNavigation();
  const [asked, setAsked] = useState(false);
  if (pending !== null && !asked) setAsked(true);
  return asked ? (
    <Lazy fallback={null}>
      <UnsavedGuardDialog />
    </Lazy>
  ) : null;
}

function CurrentPage() {
  const route = useRoute();
  // The dashboard paints before the base and the Store are loaded (services.tsx); every other section waits for
  // them inside the <Lazy> boundary (« Chargement… »), so its writes always find the Store.
  if (!sections.has(route.section)) return <DashboardPage />;
  return (
    <WithData>
      <Section />
    </WithData>
  );
}

const sections = new Set(['partenaires', 'interlocuteurs', 'habilitations', 'relances', 'formulaires', 'rapports', 'synchronisation', 'parametres', 'cafs']);

function Section() {
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
      <PermanentDrawer width={DRAWER_WIDTH} className="no-print">
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
      </PermanentDrawer>
      <Box component="main" sx={{ flex: 1, p: 3, minWidth: 0 }}>
        <Toolbar variant="dense" className="no-print" />
        <Lazy>
          <CurrentPage />
        </Lazy>
      </Box>
      <FirstRunGate />
      <ReadyMarker />
      <MenuCommands />
      <UnsavedGuard />
      {/* App-wide duties (backups, window title, opened files) start once the base and the Store are loaded. */}
      <Lazy fallback={null}>
        <WithData waitOnly>
          <AppExtensions slot="global" />
        </WithData>
      </Lazy>
    </Box>
  );
}

export function App({ services }: { services: Services | StartServices }) {
  return (
    <AppProviders services={services}>
      <CssBaseline />
      <Shell />
    </AppProviders>
  );
}
