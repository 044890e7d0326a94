/**
 * The second stage of start-up, its own chunk (Dexie, the Store, zod through the domain schemas): fetched right
 * after the first screen is shown, or as soon as something needs the base (services.tsx).
 */
import { liveQuery } from 'dexie';
import { AppDatabase } from '../db/database';
import { Store } from '../db/store';
import { newReplicaId } from '../../shared/crdt/hlc';
import type { Settings } from '../../shared/settings/schema';
import type { Platform } from '../platform';

export interface DataServices {
  db: AppDatabase;
  store: Store;
  /** Dexie's liveQuery (useLive, live.ts); undefined only for a moment in bench mounts, until it is loaded. */
  liveQuery: typeof liveQuery | undefined;
}

export const liveQueryOf = () => liveQuery;

/** Open the database with this installation's replica id; ask for persistent storage once. */
export async function openData(platform: Platform, settingsRef: { current: Settings }, dbName?: string): Promise<DataServices> {
  const db = new AppDatabase(dbName);
  // The replica id is bound to the base (renderer/sync/identity.ts): a base without one (new, or wiped with the
  // settings kept) takes a fresh id, never the settings' one another base may have written under.
  const store = new Store(db, newReplicaId(), () => settingsRef.current.userName || 'Utilisateur');
  const machine = await platform.appInfo().then((i) => i.machine, () => undefined);
  await store.open(machine !== undefined ? { machine } : {});
  // Persistent storage keeps the browser from evicting the office's data under disk pressure.
  if (navigator.storage?.persist) void navigator.storage.persist().catch(() => false);
  return { db, store, liveQuery };
}
