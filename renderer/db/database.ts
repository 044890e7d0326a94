import Dexie, { type DBCore, type DBCoreMutateRequest, type Table } from 'dexie';
import { listKeysByTable } from '../../shared/search/listKeys';
import type { CrdtRecord } from '../../shared/crdt/record';
import type { SyncedTableName } from '../../shared/domain/tables';
import type { FieldChange } from '../../shared/sync/history';
import { schemaVersions } from './schema';
import { DATABASE_NAME } from './name';

export { DATABASE_NAME };

/**
 * One history line, as the views, the sync and the tests read it: who changed one field of one record, when,
 * from where. Stored grouped by write (`HistoryWrite`, schema 10): `linesOfWrite` gives a write's lines.
 */
export interface HistoryEntry {
  /** The stored write's sequence number (shared by the lines of one write). */
  seq?: number;
  /**
   * Replicated lines (schema 8 on): `lineId(s, table, recordId, field)`, the stamp of the write, and its replica
   * (index `[r+s]`, for the lines a peer lacks). Lines without them (written before schema 8, dataset loads, lines
   * rebuilt from an older bundle) stay on this workstation.
   */
  id?: string;
  s?: string;
  r?: string;
  table: SyncedTableName;
  recordId: string;
  field: string;
  old: unknown;
  new: unknown;
  /** ISO instant. */
  at: string;
  user: string;
  origin: 'local' | 'bundle';
  /** Label of the installation the bundle came from (« reçu de »). */
  source?: string;
  /** When this workstation received the line (ISO instant; lines from a bundle). */
  receivedAt?: string;
  /** Name of the workstation where the change was made (lines from a bundle). */
  workstation?: string;
  /**
   * Rebuilt on import from the records, because the bundle carried no line for the change (a file of format 1
   * or 2, or a change made before lines travelled): names the importing user, not the author.
   */
  derived?: true;
  /** Short description of the user action (« Création du partenaire »). */
  action?: string;
}

/** What a write's lines share: everything but the field and its values. */
export type HistoryShared = Omit<HistoryEntry, 'id' | 'field' | 'old' | 'new'>;

/**
 * A stored history row (schema 10 on): one write — one stamp on one record — with its changed fields `l`
 * (`[field, old, new]`), in the wire form's grouping (shared/sync/history.ts `WireWrite`). `id` is
 * `writeId(s, table, recordId)` for a stamped write; a row without stamp (local line written before schema 8, a
 * line rebuilt from an older bundle, a summary line) holds its one line or the rebuilt lines of one record.
 */
export interface HistoryWrite extends HistoryShared {
  id?: string;
  l: FieldChange[];
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

export interface PeerEntry {
  id: string;
  label: string;
  /** Version vector of the last bundle received from this peer. */
  lastReceivedVector: Record<string, string>;
  lastReceivedAt: string;
  /** What we believe the peer has seen of us (from its vector). */
  theirVector: Record<string, string>;
  importedBundleIds: string[];
}

/** A persisted piece of derived state (renderer/derived): local only, rebuilt when missing or stale. */
export interface DerivedEntry {
  key: string;
  value: unknown;
}

/** Bytes of a joined document, once per content (schema 5): local, carried in bundles beside the records. */
export interface BlobEntry {
  sha256: string;
  bytes: Uint8Array;
  size: number;
}

export type SyncedTables = { [K in SyncedTableName]: Table<CrdtRecord, string> };

export class AppDatabase extends Dexie {
  declare cafs: Table<CrdtRecord, string>;
  declare partners: Table<CrdtRecord, string>;
  declare conventions: Table<CrdtRecord, string>;
  declare contacts: Table<CrdtRecord, string>;
  declare chains: Table<CrdtRecord, string>;
  declare allocations: Table<CrdtRecord, string>;
  declare habilitations: Table<CrdtRecord, string>;
  declare followUps: Table<CrdtRecord, string>;
  declare issuedForms: Table<CrdtRecord, string>;
  declare conflicts: Table<CrdtRecord, string>;
  declare templates: Table<CrdtRecord, string>;
  declare reviewCampaigns: Table<CrdtRecord, string>;
  declare reviewRequests: Table<CrdtRecord, string>;
  declare history: Table<HistoryWrite, number>;
  declare meta: Table<MetaEntry, string>;
  declare peers: Table<PeerEntry, string>;
  declare derived: Table<DerivedEntry, string>;
  declare attachments: Table<CrdtRecord, string>;
  declare blobs: Table<BlobEntry, string>;

  constructor(name = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const v of schemaVersions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
    this.use({ stack: 'dbcore', name: 'listKeys', create: withListKeys });
  }

  syncedTable(name: SyncedTableName): Table<CrdtRecord, string> {
    return this.table(name) as Table<CrdtRecord, string>;
  }
}

/**
 * Every record put into a table whose list pages through indexes gets its list keys `_k` here, whoever writes
 * it (store, bundle import, data-set load, restore): one place, so no writer can forget them.
 */
function withListKeys(down: DBCore): DBCore {
  return {
    ...down,
    table(name) {
      const table = down.table(name);
      const keysOf = listKeysByTable[name];
      if (!keysOf) return table;
      return {
        ...table,
        mutate(req: DBCoreMutateRequest) {
          if (req.type === 'add' || req.type === 'put') {
            // In place, like withIndexFields: the values are the writer's fresh copies.
            for (const v of req.values as Record<string, unknown>[]) v._k = keysOf(v);
          }
          return table.mutate(req);
        },
      };
    },
  };
}
