/**
 * Test stations for the sync tests under Node (fake-indexeddb): a real AppDatabase + Store + Identity per
 * workstation, every database deleted after each test. One definition for the engine, history, rollback and
 * attachments tests.
 */
import Dexie from 'dexie';
import { afterEach } from 'vitest';
import { AppDatabase } from '../../db/database';
import { Store } from '../../db/store';
import type { Identity } from '../engine';

export interface Station {
  db: AppDatabase;
  store: Store;
  identity: Identity;
}

/**
 * Registers the clean-up and returns `station(replicaId, label, user?)`. `user` signs the history and the
 * identity (default « Agent <label> »); `storeUser` overrides who the Store's lines name (some tests check it is
 * the label).
 */
export function stations(prefix: string, options: { storeUser?: (label: string, user: string) => string } = {}) {
  const dbs: AppDatabase[] = [];
  afterEach(async () => {
    for (const d of dbs.splice(0)) {
      d.close();
      await Dexie.delete(d.name);
    }
  });
  return async function station(replicaId: string, label: string, user = `Agent ${label}`): Promise<Station> {
    const db = new AppDatabase(`${prefix}-${Math.random().toString(36).slice(2)}`);
    dbs.push(db);
    const storeUser = options.storeUser ? options.storeUser(label, user) : user;
    const store = new Store(db, replicaId, () => storeUser);
    await store.open();
    return { db, store, identity: { replicaId, replicaLabel: label, userName: user } };
  };
}

/** Every table of a database, for before/after comparisons. */
export async function dumpTables(db: AppDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  return out;
}

/** A minimal valid partner for the sync tests. */
export const testPartner = (id: string, name: string) => ({
  id,
  cafId: 'caf-1',
  name,
  kind: 'commune' as const,
  siret: '',
  address: { line1: '', line2: '', postalCode: '', city: '' },
  representative: { firstName: '', lastName: '', title: '' },
  status: 'actif' as const,
  notes: '',
});
