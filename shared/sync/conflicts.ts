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

/** Longest losing value kept (the conflicts schema caps `loserValue` at 1,000,000 characters). */
export const MAX_LOSER_JSON = 1_000_000;
/**
 * Stored instead of a longer value. Not valid JSON on purpose: the review screen says the value was too large
 * to keep, and « garder cette valeur » refuses. (Only form snapshots can be that large.)
 */
export const TOO_LARGE_MARKER = '…valeur trop volumineuse pour être conservée';

export function loserJson(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const json = JSON.stringify(value);
  return json.length > MAX_LOSER_JSON ? TOO_LARGE_MARKER : json;
}

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
          loserValue: loserJson(c.loserValue),
          loserStamp: c.loserStamp,
          status: 'ouvert',
        }
      : // The losing writes are the edits the delete had not seen: the greatest of them identifies the conflict,
        // so an edit made after this conflict was closed opens a new one (never only inside the tombstone).
        { table, recordId, field: WHOLE_RECORD_FIELD, kind: 'delete-edit', loserStamp: c.editStamp, status: 'ouvert' };
  const stamp = c.kind === 'field' ? c.loserStamp : c.editStamp;
  const id = conflictId(table, recordId, fields.field as string, stamp);
  const record: CrdtRecord = { id, _deleted: 0, _m: stampAll(fields, stamp) };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) record[k] = v;
  return record;
}
