/**
 * Every version of the Dexie schema, oldest first. Never edit a released version: add a new one, with an
 * idempotent upgrade (Dexie 4 opens a database declared older or newer without refusing), and a test in
 * database.test.ts that upgrades from each earlier version.
 */
import type { Transaction } from 'dexie';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** Indexes shared by every replicated table: primary key, tombstone flag. */
const synced = (extra = '') => `id, _deleted${extra ? `, ${extra}` : ''}`;

export const schemaVersions: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      cafs: synced(),
      partners: synced('name, kind, siret, cafId, status'),
      conventions: synced('partnerId, number'),
      contacts: synced('partnerId, cafId, email, lastName'),
      chains: synced('partnerId'),
      allocations: synced('partnerId, [partnerId+service+profile]'),
      habilitations: synced('partnerId, status, email, [partnerId+profile], endOn'),
      followUps: synced('partnerId, status'),
      issuedForms: synced('partnerId, issuedAt'),
      conflicts: synced('status, recordId'),
      /** Local only: who changed what, when, from where. */
      history: '++seq, [table+recordId], at',
      /** Local only: replica clock, version vector, first-run choice, peers' last bundles. */
      meta: 'key',
      /** Local only: other installations seen in bundles (label, last bundle received, what they have seen). */
      peers: 'id',
    },
  },
  {
    // Seats in use per partner × service × profile read from index keys alone (no record decoded): the
    // dashboard counts 150,000 habilitations this way in about a second instead of five. No data change.
    version: 2,
    stores: {
      cafs: synced(),
      partners: synced('name, kind, siret, cafId, status'),
      conventions: synced('partnerId, number'),
      contacts: synced('partnerId, cafId, email, lastName'),
      chains: synced('partnerId'),
      allocations: synced('partnerId, [partnerId+service+profile]'),
      habilitations: synced('partnerId, status, email, [partnerId+profile], endOn, [_deleted+status+partnerId+service+profile]'),
      followUps: synced('partnerId, status'),
      issuedForms: synced('partnerId, issuedAt'),
      conflicts: synced('status, recordId'),
      history: '++seq, [table+recordId], at',
      meta: 'key',
      peers: 'id',
    },
  },
];

export const CURRENT_SCHEMA_VERSION = schemaVersions[schemaVersions.length - 1]!.version;
