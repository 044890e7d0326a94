/** First-run bookkeeping, apart from the bulk loader so the start-up check does not fetch it. */
import { syncedTableNames } from '../../shared/domain/values';
import type { AppDatabase } from './database';

export const FIRST_RUN_KEY = 'firstRunDone';

export interface FirstRunChoice {
  choice: 'empty' | 'demo' | 'join';
  at: string;
  user: string;
}

/** Is the database empty of every synced record (first run)? */
export async function isDatabaseEmpty(db: AppDatabase): Promise<boolean> {
  for (const t of syncedTableNames) {
    if ((await db.syncedTable(t).count()) > 0) return false;
  }
  return true;
}

export async function getFirstRunChoice(db: AppDatabase): Promise<FirstRunChoice | undefined> {
  const entry = await db.meta.get(FIRST_RUN_KEY);
  return entry?.value as FirstRunChoice | undefined;
}

export async function recordFirstRunChoice(db: AppDatabase, choice: FirstRunChoice): Promise<void> {
  await db.meta.put({ key: FIRST_RUN_KEY, value: choice });
}
