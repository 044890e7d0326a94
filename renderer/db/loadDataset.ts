/**
 * Bulk loading of a data set (demo or generated) as CRDT records. A user action normally goes through
 * `store.write` (one history line per field); a data set of 200,000 records would make millions of history
 * lines, so here each record gets one stamp from the replica's clock, records are `bulkPut` in chunks, each
 * chunk in its own transaction, and one summary history line records the load.
 */
import { applyLocalEdit, withIndexFields, type CrdtRecord } from '../../shared/crdt/record';
import { datasetTables, type Dataset, type DatasetTable } from '../../shared/demo/dataset';
import { syncedTables } from '../../shared/domain/tables';
import { CLOCK_KEY, observePersistedClock, ValidationError, type Store } from './store';

export { FIRST_RUN_KEY, getFirstRunChoice, isDatabaseEmpty, recordFirstRunChoice, type FirstRunChoice } from './firstRun';

export interface LoadOptions {
  /** Summary history line (« Chargement des données de démonstration »). */
  action: string;
  /** Validate every record with its zod schema first (demo, imports); generated sets are tested instead. */
  validate?: boolean;
  /** Records per transaction. */
  chunkSize?: number;
  /** One transaction for the whole set (small sets such as the demo): nothing is kept if any part fails. */
  atomic?: boolean;
  onProgress?: (loaded: number) => void;
}

export type LoadCounts = Record<DatasetTable, number>;

/** Turn domain objects into CRDT records, one fresh stamp per record. */
export function toRecords(rows: readonly { id: string }[], stamp: () => string): CrdtRecord[] {
  const out: CrdtRecord[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const { id, ...fields } = rows[i] as Record<string, unknown> & { id: string };
    for (const k of Object.keys(fields)) if (fields[k] === undefined) delete fields[k];
    out[i] = applyLocalEdit(undefined, id, fields, stamp()).record;
  }
  return out;
}

function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function validateChunk(d: Dataset): void {
  for (const t of datasetTables) {
    for (const row of d[t]) {
      const r = syncedTables[t].safeParse(row);
      if (!r.success) {
        const issue = r.error.issues[0];
        throw new ValidationError(`Donnée invalide (${t} ${row.id}, ${issue?.path.join('.') ?? ''}) : ${issue?.message ?? ''}`);
      }
    }
  }
}

/**
 * Write a data set (or a sequence of chunks from `generateChunks`) into the database. With `validate`, every
 * chunk is checked before any of it is written (a bad demo record stores nothing of that chunk).
 */
export async function loadDataset(store: Store, source: Dataset | Iterable<Dataset>, options: LoadOptions): Promise<LoadCounts> {
  const db = store.db;
  if (options.atomic) {
    // All or nothing (the demo set): one transaction over every table, no yielding inside it (a Dexie
    // transaction ends when its task does), so a failure half-way leaves the base exactly as it was.
    return db.transaction('rw', [...datasetTables.map((t) => db.syncedTable(t)), db.meta, db.history], () => writeDataset(store, source, options, false));
  }
  return writeDataset(store, source, options, true);
}

async function writeDataset(store: Store, source: Dataset | Iterable<Dataset>, options: LoadOptions, chunked: boolean): Promise<LoadCounts> {
  const db = store.db;
  const chunkSize = options.chunkSize ?? 5_000;
  const counts = Object.fromEntries(datasetTables.map((t) => [t, 0])) as LoadCounts;
  const chunks: Iterable<Dataset> = isDataset(source) ? [source] : source;
  const stamp = () => store.hlc.tick();
  let loaded = 0;
  for (const chunk of chunks) {
    if (options.validate) validateChunk(chunk);
    for (const t of datasetTables) {
      const rows = chunk[t];
      for (let i = 0; i < rows.length; i += chunkSize) {
        // Stored with their index fields (greatest stamp, writing replicas) like every write: see store.ts.
        const n = Math.min(chunkSize, rows.length - i);
        const put = async () => {
          // Stamped inside the transaction, after the clock other writers persisted (see observePersistedClock).
          await observePersistedClock(db, store.hlc);
          const records = toRecords(rows.slice(i, i + chunkSize), stamp).map(withIndexFields);
          await db.syncedTable(t).bulkPut(records);
          await db.meta.put({ key: CLOCK_KEY, value: store.hlc.current() });
        };
        if (chunked) await db.transaction('rw', db.syncedTable(t), db.meta, put);
        else await put();
        counts[t] += n;
        loaded += n;
        options.onProgress?.(loaded);
        if (chunked) await yieldToBrowser();
      }
    }
  }
  const summary = datasetTables
    .filter((t) => counts[t] > 0)
    .map((t) => `${t} ${counts[t]}`)
    .join(', ');
  await db.history.add({
    table: 'partners',
    recordId: '*',
    l: [['*', undefined, summary]],
    at: new Date().toISOString(),
    user: storeUser(store),
    origin: 'local',
    action: options.action,
  });
  return counts;
}

function storeUser(store: Store): string {
  return store.currentUser();
}

function isDataset(x: Dataset | Iterable<Dataset>): x is Dataset {
  return Array.isArray((x as Dataset).partners) && !(Symbol.iterator in (x as object));
}
