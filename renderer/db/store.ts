/**
 * The single writer of the database. A user action is one `store.write(...)` call: one Dexie transaction,
 * stamps from the replica's hybrid logical clock, and one history line per changed field (stored as one row per
 * write, see HistoryWrite). Every record it puts
 * carries its index fields (`withIndexFields`: greatest stamp, writing replicas) for the delta export.
 */
import type { Table } from 'dexie';
import { HybridLogicalClock, replicaOf, STAMP_PATTERN, type Stamp } from '../../shared/crdt/hlc';
import { lineValue, linesOfWrites, writeId } from '../../shared/sync/history';
import { applyLocalDelete, applyLocalEdit, applyLocalRestore, dataOf, withIndexFields, type CrdtRecord } from '../../shared/crdt/record';
import { syncedTableNames, syncedTables, type SyncedTableName, type TableRow } from '../../shared/domain/tables';
import { unprintableField } from '../../shared/rules/printable';
import type { AppDatabase, HistoryEntry, HistoryWrite } from './database';
import { bindReplica, clockFor, ensureExportRegistry, type IdentityChange } from '../sync/identity';

// Moved to rows.ts (no zod: read by the first screen's live queries); re-exported for the existing importers.
export { liveRows, liveRowsWhere } from './rows';

export const CLOCK_KEY = 'clock';

/**
 * Tables whose text is typed by the office and printed (forms, Annexe 1, letters): a character no embedded font
 * draws is refused at input (issue 12); a template's subject and letter by the letters' own font (jsPDF, Liberation
 * Sans alone), its e-mail body by both. Not attachments (a file's own name), conflicts or issued-form snapshots.
 */
const PRINTED_TABLES: ReadonlySet<SyncedTableName> = new Set<SyncedTableName>([
  'cafs', 'partners', 'conventions', 'contacts', 'chains', 'habilitations', 'followUps', 'templates', 'reviewCampaigns',
]);

export class ValidationError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

export function newId(): string {
  return globalThis.crypto.randomUUID();
}

export interface WriteContext {
  /** Read a live (not deleted) record. */
  get<T extends SyncedTableName>(table: T, id: string): Promise<TableRow<T> | undefined>;
  /** Create a record, validated against its schema; returns its id. */
  create<T extends SyncedTableName>(table: T, data: Omit<TableRow<T>, 'id'> & { id?: string }): Promise<string>;
  /**
   * `create` for many records of one table (imports): the same validation, one stamp and the same history
   * lines per record, but one bulk read and one bulk write instead of a read and a write per record.
   */
  createMany<T extends SyncedTableName>(table: T, rows: readonly (Omit<TableRow<T>, 'id'> & { id?: string })[], options?: CreateManyOptions): Promise<string[]>;
  /** Change some fields of a record, validated as a whole against its schema. */
  update<T extends SyncedTableName>(table: T, id: string, patch: Partial<TableRow<T>>): Promise<void>;
  remove(table: SyncedTableName, id: string): Promise<void>;
  restore(table: SyncedTableName, id: string): Promise<void>;
  /** Keep a document's bytes under their SHA-256 (table `blobs`, once per content; see attachments.ts). */
  putBlob(sha256: string, bytes: Uint8Array): Promise<void>;
  readonly stamp: () => Stamp;
}

export interface CreateManyOptions {
  /**
   * The ids are new (an import plan's fresh UUIDs): no record is read back (no re-creation of a deleted record to
   * merge with) and the rows are added, not put, so an id that is stored after all fails the whole transaction.
   */
  fresh?: boolean;
}

export interface OpenOptions {
  /** Name of this machine (Electron: host name): a base bound to another machine is a copy and takes a new id. */
  machine?: string;
}

export class Store {
  private clock: HybridLogicalClock | null = null;
  private id: string;
  /** Set when opening changed the base's replica id (copied profile), for the sync page. */
  identityChange: IdentityChange | undefined;

  /**
   * `proposedId`: the replica id for a base that has none bound yet (see renderer/sync/identity.ts); a base
   * keeps the id bound to it, whatever is proposed.
   */
  constructor(
    readonly db: AppDatabase,
    proposedId: string,
    private userName: () => string,
    private readonly now: () => number = Date.now,
  ) {
    this.id = proposedId;
  }

  /** The id this base writes under (bound to the base; changes only when a duplicate is detected). */
  get replicaId(): string {
    return this.id;
  }

  /** After a committed change of id (identity.ts): later stamps carry the new id, after every earlier one. */
  adoptReplicaId(id: string): void {
    this.clock = clockFor(id, this.hlc, this.now);
    this.id = id;
  }

  /**
   * Open the base and resume its clock after the saved stamp and after the greatest stamp any record holds (the
   * saved one may lag behind an import that committed just before the page closed). A stamp that is malformed
   * or would push the clock out of its format is skipped: no content can make the base fail to open.
   */
  async open(options: OpenOptions = {}): Promise<void> {
    await this.db.open();
    const bound = await bindReplica(this.db, this.id, options.machine);
    this.id = bound.id;
    this.identityChange = bound.change;
    const clock = new HybridLogicalClock(this.id, this.now);
    const saved = await this.db.meta.get(CLOCK_KEY);
    const candidates: unknown[] = [saved?.value];
    for (const t of syncedTableNames) {
      try {
        candidates.push((await this.db.syncedTable(t).orderBy('_ts').last())?._ts);
      } catch {
        // No `_ts` index (never: schema 3 on); the saved clock still applies.
      }
    }
    for (const c of candidates) {
      if (typeof c !== 'string' || !STAMP_PATTERN.test(c)) continue;
      try {
        clock.receive(c);
      } catch (e) {
        console.error('Horodatage ignoré à l’ouverture de la base', c, e);
      }
    }
    this.clock = clock;
    await ensureExportRegistry(this.db, clock.current());
  }

  get hlc(): HybridLogicalClock {
    if (!this.clock) throw new Error('Base non ouverte');
    return this.clock;
  }

  setUserName(provider: () => string): void {
    this.userName = provider;
  }

  /** Who the next history lines will name. */
  currentUser(): string {
    return this.userName();
  }

  /** Every synced table plus history, meta and document bytes, in one read-write transaction. */
  get writeTables(): Table[] {
    return [...syncedTableNames.map((t) => this.db.table(t)), this.db.history, this.db.meta, this.db.blobs];
  }

  async write<R>(action: string, body: (ctx: WriteContext) => Promise<R>): Promise<R> {
    const clock = this.hlc;
    const db = this.db;
    const user = this.userName();
    return db.transaction('rw', this.writeTables, async () => {
      await observePersistedClock(db, clock);
      const at = new Date(this.now()).toISOString();
      const history: HistoryWrite[] = [];
      const stamp = () => clock.tick();
      // A line per changed field, stored as one row per write (stamp, table, record): the lines travel in bundles.
      const log = (table: SyncedTableName, recordId: string, changes: { field: string; old: unknown; new: unknown }[], s: Stamp) => {
        const l = changes.map((c): [string, unknown, unknown] => [c.field, lineValue(c.old), lineValue(c.new)]);
        history.push({ id: writeId(s, table, recordId), s, r: replicaOf(s), table, recordId, l, at, user, origin: 'local', action });
      };
      const parse = (table: SyncedTableName, data: object, id: string, typed: object = data): Record<string, unknown> => {
        // Only what this write brings (a screen, an import) is checked, so a record stored before the rule stays
        // editable field by field; records arriving by sync are never refused for it.
        const letterText = table === 'templates' ? { subject: (typed as { subject?: unknown }).subject, letter: (typed as { letter?: unknown }).letter } : {};
        const unprintable = PRINTED_TABLES.has(table) ? (unprintableField(letterText, 'letter') ?? unprintableField(typed)) : undefined;
        if (unprintable) throw new ValidationError(unprintable.message, unprintable.field);
        const parsed = syncedTables[table].safeParse({ ...data, id });
        if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? 'Donnée invalide.', parsed.error.issues[0]?.path.join('.'));
        return parsed.data as Record<string, unknown>;
      };
      /** The stored copy of a created (or re-created) record, its history lines logged. */
      const stampCreate = (table: SyncedTableName, id: string, data: Record<string, unknown>, existing: CrdtRecord | undefined): CrdtRecord => {
        const { id: _id, ...fields } = data;
        const s = stamp();
        const { record, changes } = applyLocalEdit(existing, id, existing ? { ...fields, _deleted: 0 } : fields, s);
        log(table, id, changes.length ? changes : [{ field: '*', old: undefined, new: 'création' }], s);
        return withIndexFields(record);
      };
      const ctx: WriteContext = {
        stamp,
        async get(table, id) {
          const rec = await db.syncedTable(table).get(id);
          return rec && rec._deleted === 0 ? (dataOf(rec) as never) : undefined;
        },
        async create(table, data) {
          const id = data.id ?? newId();
          const parsed = parse(table, data, id);
          const existing = await db.syncedTable(table).get(id);
          await db.syncedTable(table).put(stampCreate(table, id, parsed, existing));
          return id;
        },
        async createMany(table, rows, options = {}) {
          const ids = rows.map((data) => data.id ?? newId());
          const parsed = rows.map((data, i) => parse(table, data, ids[i]!));
          if (options.fresh) {
            await db.syncedTable(table).bulkAdd(parsed.map((p, i) => stampCreate(table, ids[i]!, p, undefined)));
            return ids;
          }
          const existing = await db.syncedTable(table).bulkGet(ids);
          await db.syncedTable(table).bulkPut(parsed.map((p, i) => stampCreate(table, ids[i]!, p, existing[i])));
          return ids;
        },
        async update(table, id, patch) {
          const existing = await db.syncedTable(table).get(id);
          if (!existing || existing._deleted) throw new ValidationError("Cet enregistrement n'existe plus.");
          const current = dataOf<Record<string, unknown>>(existing);
          const next = parse(table, { ...current, ...patch }, id, patch);
          // Fields present before but absent now (optional cleared) are written as undefined.
          const fields: Record<string, unknown> = {};
          for (const k of new Set([...Object.keys(current), ...Object.keys(next)])) if (k !== 'id') fields[k] = next[k];
          const s = stamp();
          const { record, changes } = applyLocalEdit(existing, id, fields, s);
          if (changes.length === 0) return;
          await db.syncedTable(table).put(withIndexFields(record));
          log(table, id, changes, s);
        },
        async remove(table, id) {
          const existing = await db.syncedTable(table).get(id);
          if (!existing || existing._deleted) return;
          const s = stamp();
          await db.syncedTable(table).put(withIndexFields(applyLocalDelete(existing, s)));
          log(table, id, [{ field: '_deleted', old: 0, new: 1 }], s);
        },
        async restore(table, id) {
          const existing = await db.syncedTable(table).get(id);
          if (!existing || !existing._deleted) return;
          const s = stamp();
          await db.syncedTable(table).put(withIndexFields(applyLocalRestore(existing, s)));
          log(table, id, [{ field: '_deleted', old: 1, new: 0 }], s);
        },
        async putBlob(sha256, bytes) {
          if (!(await db.blobs.get(sha256))) await db.blobs.put({ sha256, bytes, size: bytes.byteLength });
        },
      };
      const result = await body(ctx);
      if (history.length) await db.history.bulkAdd(history);
      await db.meta.put({ key: CLOCK_KEY, value: clock.current() });
      return result;
    });
  }
}

/**
 * At the start of a write transaction: take in the clock every earlier write persisted (another window, another
 * Store on this base), so this write's stamps sort above every committed one. The full export's cache and the
 * derived state catch up through `_ts` above a persisted clock, and rely on it (renderer/sync/wireCache.ts).
 */
export async function observePersistedClock(db: AppDatabase, clock: HybridLogicalClock): Promise<void> {
  const saved = (await db.meta.get(CLOCK_KEY))?.value;
  if (typeof saved !== 'string' || !STAMP_PATTERN.test(saved)) return;
  try {
    clock.receive(saved);
  } catch (e) {
    console.error('Horloge enregistrée ignorée', saved, e);
  }
}

/** Live rows of a table as plain domain objects. */
/** Every history line of the base (stored grouped by write), in storage order. Tests and small bases. */
export async function historyLines(db: AppDatabase): Promise<HistoryEntry[]> {
  return linesOfWrites(await db.history.toArray());
}

export type { CrdtRecord };
