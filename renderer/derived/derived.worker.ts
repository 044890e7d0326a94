/**
 * The derived-state worker: opens its own connection to the base, loads the snapshot, catches up, rebuilds when
 * needed, follows every committed write (Dexie relays them between the page and workers), answers the dashboard
 * and the search box, and writes the snapshot — all off the page's main thread. One typed boundary (comlink).
 */
import { expose } from 'comlink';
import { createDerivedApi } from './service';

expose(createDerivedApi());
