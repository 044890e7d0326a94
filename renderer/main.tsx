import './features/registrations';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { detectPlatform } from './platform';
import { bootServices } from './app/services';
import { installUnsavedGuard } from './components/unsaved';

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
