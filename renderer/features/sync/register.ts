// App-wide pieces of the sync feature: the daily backup timer, the backup before quit, and bundle files
// opened from the OS (file association) — mounted once in the global slot.
import { registerExtension } from '../../app/extensions';
import { SyncGlobal } from './SyncGlobal';

registerExtension('global', SyncGlobal);
