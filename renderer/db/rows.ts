/** Live rows of a table, without the Store (and so without zod): the reads live queries share. */
import { dataOf } from '../../shared/crdt/record';
import type { SyncedTableName, TableRow } from '../../shared/domain/tables';
import type { AppDatabase } from './database';

export async function liveRows<T extends SyncedTableName>(db: AppDatabase, table: T): Promise<TableRow<T>[]> {
  const rows = await db.syncedTable(table).where('_deleted').equals(0).toArray();
  return rows.map((r) => dataOf<TableRow<T>>(r));
}

export async function liveRowsWhere<T extends SyncedTableName>(db: AppDatabase, table: T, index: string, value: string): Promise<TableRow<T>[]> {
  const rows = await db.syncedTable(table).where(index).equals(value).toArray();
  return rows.filter((r) => r._deleted === 0).map((r) => dataOf<TableRow<T>>(r));
}
