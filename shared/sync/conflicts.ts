/**
 * Conflict records: a pure function of the losing write (table, record, field, loser stamp and value), with
 * every field stamped by the loser's stamp, so every replica that detects the same loss makes the very same
 * record, and merging them is a no-op. Resolving is a later local edit of `status` (greater stamp) that wins.
 */
import type { MergeConflict } from '../crdt/merge';
import type { CrdtRecord, MetaMap } from '../crdt/record';
import type { Stamp } from '../crdt/hlc';

export const CONFLICTS_TABLE = 'conflicts';
/** Field name used by delete/edit conflicts (the whole record). */
export const WHOLE_RECORD_FIELD = '*';

export function conflictId(table: string, recordId: string, field: string, loserStamp: Stamp): string {
  return `${table}:${recordId}:${field}:${loserStamp}`;
}

function stampAll(fields: Record<string, unknown>, stamp: Stamp): MetaMap {
  const m: MetaMap = { _deleted: { s: stamp } };
  for (const [k, v] of Object.entries(fields)) if (k !== 'id' && v !== undefined) m[k] = { s: stamp };
  return m;
}

export function conflictRecord(table: string, recordId: string, c: MergeConflict): CrdtRecord {
  const fields: Record<string, unknown> =
    c.kind === 'field'
      ? {
          table,
          recordId,
          field: c.field,
          kind: 'field',
          loserValue: c.loserValue === undefined ? undefined : JSON.stringify(c.loserValue),
          loserStamp: c.loserStamp,
          status: 'ouvert',
        }
      : { table, recordId, field: WHOLE_RECORD_FIELD, kind: 'delete-edit', loserStamp: c.deleteStamp, status: 'ouvert' };
  const stamp = c.kind === 'field' ? c.loserStamp : c.deleteStamp;
  const id = conflictId(table, recordId, fields.field as string, stamp);
  const record: CrdtRecord = { id, _deleted: 0, _m: stampAll(fields, stamp) };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) record[k] = v;
  return record;
}
