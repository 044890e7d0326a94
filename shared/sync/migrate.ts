/**
 * Payload migrations between schema versions. A hook `migrations[v]` turns a payload of schema v into one of
 * schema v + 1; versions that only changed Dexie indexes need none (identity). Newer schemas are refused
 * before decryption; older ones go through every hook up to the current one.
 */
import { BundleError, bundleMessages } from './errors';
import type { BundlePayload } from './format';

export type PayloadMigration = (payload: BundlePayload) => BundlePayload;

/** The oldest schema version this application can still read. */
export const OLDEST_READABLE_SCHEMA = 0;

export const migrations: Record<number, PayloadMigration> = {
  /**
   * Schema 0 was the pre-release prototype: tombstones were `deleted: boolean` instead of `_deleted: 0 | 1`
   * (and its meta key `deleted`). Kept so the hook chain is exercised by a test (synthetic v0 bundle).
   */
  0: (payload) => ({
    tables: Object.fromEntries(
      Object.entries(payload.tables).map(([table, rows]) => [
        table,
        rows.map((row) => {
          if (!row || typeof row !== 'object') return row;
          const { deleted, ...rest } = row as Record<string, unknown>;
          const m = { ...((rest._m as Record<string, unknown> | undefined) ?? {}) };
          if ('deleted' in m) {
            m._deleted = m.deleted;
            delete m.deleted;
          }
          return { ...rest, _deleted: deleted === true ? 1 : 0, _m: m };
        }),
      ]),
    ),
  }),
};

export function migratePayload(payload: BundlePayload, from: number, to: number, hooks: Record<number, PayloadMigration> = migrations): BundlePayload {
  if (from > to) throw new BundleError('schema-newer', bundleMessages.schemaNewer(from, to));
  if (from < OLDEST_READABLE_SCHEMA) throw new BundleError('schema-unsupported', bundleMessages.schemaUnsupported(from));
  let p = payload;
  for (let v = from; v < to; v++) {
    const hook = hooks[v];
    if (hook) p = hook(p);
  }
  return p;
}
