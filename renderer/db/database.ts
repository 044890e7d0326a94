import Dexie, { type Table } from 'dexie';
import type { CrdtRecord } from '../../shared/crdt/record';
import type { SyncedTableName } from '../../shared/domain/tables';
import { schemaVersions } from './schema';

export const DATABASE_NAME = 'partenaires-mcp';

export interface HistoryEntry {
  seq?: number;
  table: SyncedTableName;
  recordId: string;
  field: string;
  old: unknown;
  new: unknown;
  /** ISO instant. */
  at: string;
  user: string;
  origin: 'local' | 'bundle';
  /** Label of the installation the bundle came from. */
  source?: string;
  /** Short description of the user action (« Création du partenaire »). */
  action?: string;
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
  declare history: Table<HistoryEntry, number>;
  declare meta: Table<MetaEntry, string>;
  declare peers: Table<PeerEntry, string>;
  declare derived: Table<DerivedEntry, string>;

  constructor(name = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const v of schemaVersions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }

  syncedTable(name: SyncedTableName): Table<CrdtRecord, string> {
    return this.table(name) as Table<CrdtRecord, string>;
  }
}
