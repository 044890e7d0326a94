/**
 * State merge of two copies of one record. Commutative, associative and idempotent on the record state
 * (value with the greatest stamp per field, pointwise max of histories), so bundles applied in any order,
 * any number of times, converge. Concurrent losers are reported so the caller can keep them as conflicts.
 */
import {
  covers,
  DELETED_FIELD,
  historyOf,
  joinHistories,
  compactMeta,
  type CrdtRecord,
  type FieldMeta,
} from './record';
import { replicaOf, type Stamp } from './hlc';

export interface LostWrite {
  kind: 'field';
  field: string;
  loserValue: unknown;
  loserStamp: Stamp;
}

export interface DeleteEditConflict {
  kind: 'delete-edit';
  deleteStamp: Stamp;
  /** Fields written without the deleting replica having seen them. */
  fields: string[];
  /** The greatest of those writes: the conflict's identity (a later unseen edit is a new conflict). */
  editStamp: Stamp;
}

export type MergeConflict = LostWrite | DeleteEditConflict;

export interface MergeResult {
  record: CrdtRecord;
  /** Fields whose value in `record` differs from `local` (for history and preview). */
  changedFields: string[];
  conflicts: MergeConflict[];
}

function mergeField(
  field: string,
  localValue: unknown,
  local: FieldMeta,
  incomingValue: unknown,
  incoming: FieldMeta,
  conflicts: MergeConflict[],
  untrusted: ReadonlySet<string> | undefined,
): { value: unknown; meta: FieldMeta; tookIncoming: boolean } {
  if (local.s === incoming.s) {
    const h = joinHistories(historyOf(local), historyOf(incoming));
    return { value: localValue, meta: compactMeta(local.s, h), tookIncoming: false };
  }
  const incomingWins = incoming.s > local.s;
  // Two writes under one duplicated replica id (a copied base): that id's history entries say nothing about
  // which write saw which, so such writes are taken as concurrent and the loser is kept (never silently lost).
  const twins = untrusted !== undefined && replicaOf(local.s) === replicaOf(incoming.s) && untrusted.has(replicaOf(local.s));
  const incomingSawLocal = !twins && covers(incoming, local.s);
  const localSawIncoming = !twins && covers(local, incoming.s);
  if (!incomingSawLocal && !localSawIncoming) {
    conflicts.push(
      incomingWins
        ? { kind: 'field', field, loserValue: localValue, loserStamp: local.s }
        : { kind: 'field', field, loserValue: incomingValue, loserStamp: incoming.s },
    );
  }
  const winner = incomingWins ? incoming : local;
  const h = joinHistories(historyOf(local), historyOf(incoming));
  return {
    value: incomingWins ? incomingValue : localValue,
    meta: compactMeta(winner.s, h),
    tookIncoming: incomingWins,
  };
}

/** `untrusted`: replica ids known to have been used by two bases (see mergeField). */
export function mergeRecords(local: CrdtRecord | undefined, incoming: CrdtRecord, untrusted?: ReadonlySet<string>): MergeResult {
  if (!local) {
    const conflicts: MergeConflict[] = [];
    const changedFields = Object.keys(incoming._m);
    detectDeleteEdit(incoming, conflicts);
    return { record: incoming, changedFields, conflicts };
  }
  const record: CrdtRecord = { ...local, _m: { ...local._m } };
  const conflicts: MergeConflict[] = [];
  const changedFields: string[] = [];
  for (const [field, inMeta] of Object.entries(incoming._m)) {
    const localMeta = local._m[field];
    if (!localMeta) {
      record._m[field] = inMeta;
      if (incoming[field] === undefined) delete record[field];
      else record[field] = incoming[field];
      changedFields.push(field);
      continue;
    }
    const merged = mergeField(field, local[field], localMeta, incoming[field], inMeta, conflicts, untrusted);
    record._m[field] = merged.meta;
    if (merged.tookIncoming) {
      if (merged.value === undefined) delete record[field];
      else record[field] = merged.value;
      changedFields.push(field);
    }
  }
  detectDeleteEdit(record, conflicts);
  return { record, changedFields, conflicts };
}

/** A tombstone that has not seen some field write: someone edited what someone else deleted. */
function detectDeleteEdit(record: CrdtRecord, conflicts: MergeConflict[]): void {
  if (record._deleted !== 1) return;
  const del = record._m[DELETED_FIELD];
  if (!del) return;
  const unseen = Object.entries(record._m).filter(([field, meta]) => field !== DELETED_FIELD && !covers(del, meta.s));
  if (unseen.length === 0) return;
  let editStamp = '';
  for (const [, meta] of unseen) if (meta.s > editStamp) editStamp = meta.s;
  conflicts.push({ kind: 'delete-edit', deleteStamp: del.s, fields: unseen.map(([f]) => f).sort(), editStamp });
}
