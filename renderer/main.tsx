import './features/registrations';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { detectPlatform } from './platform';
import { bootServices } from './app/services';
import { installUnsavedGuard } from './components/unsaved';
import { noBaseYet } from './db/firstRun';
import { DATABASE_NAME } from './db/database';
import { loadFirstRunDialog } from './features/settings/FirstRunGate';
import { prestartDerived } from './derived/client';

// The derived-state worker reads the dashboard's snapshot while this page opens the base and renders.
prestartDerived(DATABASE_NAME);

// No base yet in this profile: the first-run dialog will open, so its code is fetched now, while the base is created.
void noBaseYet(DATABASE_NAME).then((none) => {
  if (none) void loadFirstRunDialog();
});

// Before the first render: its hashchange listener must run before the router's.
installUnsavedGuard(window);

const root = createRoot(document.getElementById('root')!);
const platform = detectPlatform();
bootServices(platform)
  .then((services) => root.render(<App services={services} />))
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    root.render(
      <div role="alert" style={{ fontFamily: 'sans-serif', padding: 32 }}>
        <h1>L'application n'a pas pu démarrer</h1>
        <p>{message}</p>
        <p>Fermez les autres fenêtres de l'application puis relancez-la. Si le problème persiste, restaurez une sauvegarde (voir la documentation).</p>
      </div>,
    );
  });
