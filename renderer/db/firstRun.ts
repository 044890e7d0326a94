/** First-run bookkeeping, apart from the bulk loader so the start-up check does not fetch it. */
import { syncedTableNames } from '../../shared/domain/values';
import type { AppDatabase } from './database';

export const FIRST_RUN_KEY = 'firstRunDone';

export interface FirstRunChoice {
  choice: 'empty' | 'demo' | 'join';
  at: string;
  user: string;
}

/**
 * Is the database empty of every synced record (first run)? One read transaction; each table's first key, not a
 * count (IndexedDB counts key by key: seconds on a large base).
 */
export async function isDatabaseEmpty(db: AppDatabase): Promise<boolean> {
  const tables = syncedTableNames.map((t) => db.syncedTable(t));
  const firstKeys = await db.transaction('r', tables, () => Promise.all(tables.map((t) => t.limit(1).primaryKeys())));
  return firstKeys.every((keys) => keys.length === 0);
}

/** Does the first-run dialog have to open: no first-run choice recorded, and an empty base? */
export async function isFirstRun(db: AppDatabase): Promise<boolean> {
  return !(await getFirstRunChoice(db)) && (await isDatabaseEmpty(db));
}

/**
 * Before anything is opened: no base of this name exists yet in this profile, so the first-run dialog will open
 * (its code can be fetched at once). False when unsure (`indexedDB.databases` missing).
 */
export async function noBaseYet(name: string): Promise<boolean> {
  try {
    const list = await indexedDB.databases?.();
    return !!list && !list.some((d) => d.name === name);
  } catch {
    return false;
  }
}

export async function getFirstRunChoice(db: AppDatabase): Promise<FirstRunChoice | undefined> {
  const entry = await db.meta.get(FIRST_RUN_KEY);
  return entry?.value as FirstRunChoice | undefined;
}

export async function recordFirstRunChoice(db: AppDatabase, choice: FirstRunChoice): Promise<void> {
  await db.meta.put({ key: FIRST_RUN_KEY, value: choice });
}
