import './features/registrations';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { detectPlatform } from './platform';
import { startServices, StartFailure } from './app/services';
import { installUnsavedGuard } from './components/unsaved';
import { noBaseYet } from './db/firstRun';
import { DATABASE_NAME } from './db/name';
import { loadFirstRunDialog } from './features/settings/FirstRunGate';
import { prestartDerived } from './derived/client';

performance.mark('code principal évalué');
// The derived-state worker reads the dashboard's snapshot while this page reads its settings and renders.
prestartDerived(DATABASE_NAME);

// No base yet in this profile: the first-run dialog will open, so its code is fetched now.
void noBaseYet(DATABASE_NAME).then((none) => {
  if (none) void loadFirstRunDialog();
});

// Before the first render: its hashchange listener must run before the router's.
installUnsavedGuard(window);

const root = createRoot(document.getElementById('root')!);
const platform = detectPlatform();
// The first screen renders from the settings and plain IndexedDB reads; the base (Dexie) and the Store (zod)
// load right after it (app/services.tsx).
startServices(platform, DATABASE_NAME)
  .then((services) => {
    performance.mark('services de démarrage');
    root.render(<App services={services} />);
  })
  .catch((error: unknown) => root.render(<StartFailure message={error instanceof Error ? error.message : String(error)} />));
