/**
 * Plain IndexedDB, no Dexie: what the first screen reads before Dexie and zod are loaded (the derived-state
 * worker's first stage, and the page's start-up reads in renderer/app/startupReads.ts). Records are read as Dexie
 * stores them (domain fields plus `_m`, `_deleted`, index fields).
 */
import { dataOf, type CrdtRecord } from '../../shared/crdt/record';

export function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

export const store = (idb: IDBDatabase, table: string) => idb.transaction(table, 'readonly').objectStore(table);

/**
 * The base `name` if it exists (never creates one: a first start leaves creating it to Dexie), closing itself
 * when another connection upgrades the schema.
 */
export function openExisting(name: string): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open(name);
    let created = false;
    r.onupgradeneeded = () => {
      created = true;
      r.transaction?.abort();
    };
    r.onsuccess = () => {
      r.result.onversionchange = () => r.result.close();
      resolve(r.result);
    };
    r.onerror = () => (created ? resolve(null) : reject(r.error));
    r.onblocked = () => resolve(null);
  });
}


/** Live (not deleted) rows of a table, as `liveRows` (renderer/db/rows.ts) gives them. */
export async function plainLiveRows<T>(idb: IDBDatabase, table: string): Promise<T[]> {
  const rows = (await request(store(idb, table).index('_deleted').getAll(IDBKeyRange.only(0)))) as CrdtRecord[];
  return rows.map((r) => dataOf<T>(r));
}

/** Live rows whose `index` equals `value`, as `liveRowsWhere` gives them. */
export async function plainLiveRowsWhere<T>(idb: IDBDatabase, table: string, index: string, value: string): Promise<T[]> {
  const rows = (await request(store(idb, table).index(index).getAll(IDBKeyRange.only(value)))) as CrdtRecord[];
  return rows.filter((r) => r._deleted === 0).map((r) => dataOf<T>(r));
}

/** Records by id (deleted ones included, undefined when absent), as Dexie's `bulkGet`. */
export async function plainBulkGet(idb: IDBDatabase, table: string, ids: readonly string[]): Promise<(CrdtRecord | undefined)[]> {
  const s = store(idb, table);
  return Promise.all(ids.map((id) => request(s.get(id) as IDBRequest<CrdtRecord | undefined>)));
}

/** Records whose `index` is any of `values`, in Dexie's `where(index).anyOf(values).toArray()` order (key, then id). */
export async function plainAnyOf(idb: IDBDatabase, table: string, index: string, values: readonly string[]): Promise<CrdtRecord[]> {
  const i = store(idb, table).index(index);
  const found = await Promise.all([...new Set(values)].sort().map((v) => request(i.getAll(IDBKeyRange.only(v)) as IDBRequest<CrdtRecord[]>)));
  return found.flat();
}
