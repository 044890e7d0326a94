// App-wide pieces of the sync feature: the daily backup timer, the backup before quit, and bundle files
// opened from the OS (file association) — mounted once in the global slot.
import { registerExtension } from '../../app/extensions';
import { lazyNamed } from '../../app/lazy';

// Its own chunk (passphrase, crypto): mounted once the base and the Store are loaded, after the first screen.
registerExtension('global', lazyNamed(() => import('./SyncGlobal'), 'SyncGlobal'));
