/**
 * What the page reads before the first screen, with plain IndexedDB (no Dexie, no zod: they load right after it,
 * renderer/app/services.tsx): whether the first-run dialog must open, the replica id bound to the base (the key
 * of its derived state), and the first values of the live queries the first screen shows (useLive). Every read
 * may fail (a base at an older schema, a connection closed by Dexie's upgrade): callers then wait for Dexie.
 */
import { REPLICA_ID_PATTERN } from '../../shared/crdt/hlc';
import { syncedTableNames } from '../../shared/domain/values';
import { FIRST_RUN_KEY, noBaseYet } from '../db/firstRun';
import { openExisting, request } from '../derived/idb';

/** Same key as renderer/sync/identity.ts (not imported: it brings the bundle format and zod). */
const REPLICA_KEY = 'replica';

export interface StartupBase {
  /** No base of that name exists yet in this profile (a sure first run). */
  none: boolean;
  /** The base opened as it is (never created or upgraded); null when there is none or it could not be opened. */
  idb: IDBDatabase | null;
}

export async function openStartupBase(name: string): Promise<StartupBase> {
  if (await noBaseYet(name)) return { none: true, idb: null };
  return { none: false, idb: await openExisting(name).catch(() => null) };
}

/**
 * `isFirstRun` (renderer/db/firstRun.ts) read without Dexie: no first-run choice and every synced table empty.
 * One read transaction; a table's emptiness is one key looked up, not a count of its rows.
 */
export async function plainFirstRun(idb: IDBDatabase): Promise<boolean> {
  const tx = idb.transaction(['meta', ...syncedTableNames], 'readonly');
  const choice = (await request(tx.objectStore('meta').get(FIRST_RUN_KEY))) as { value?: unknown } | undefined;
  if (choice?.value) return false;
  const firstKeys = await Promise.all(syncedTableNames.map((t) => request(tx.objectStore(t).getAllKeys(null, 1))));
  return firstKeys.every((keys) => keys.length === 0);
}

/**
 * The replica id bound to the base, as `bindReplica` keeps it when nothing changed; undefined when the base has
 * no binding yet (the Store decides then). Opening the base may still change it (a profile copied to another
 * machine): whoever keys on it follows the Store's id once it is open.
 */
export async function plainReplicaId(idb: IDBDatabase): Promise<string | undefined> {
  const entry = (await request(idb.transaction('meta', 'readonly').objectStore('meta').get(REPLICA_KEY))) as { value?: { id?: unknown } } | undefined;
  const id = entry?.value?.id;
  return typeof id === 'string' && REPLICA_ID_PATTERN.test(id) ? id : undefined;
}
