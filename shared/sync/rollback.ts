/**
 * Restore as a rollback (issue 10): bring a base back to its state at a backup's time, not by merging the
 * backup (later edits would win) but by computing, per record and per field, what differs from the backup and
 * writing the backup-time values as **new** stamped edits. The rollback is then an edit like any other: it
 * syncs to the other workstations and can itself be undone (from the backup taken just before it).
 *
 * This module is the pure part: one record now vs the same record in the backup → the step that undoes the
 * difference. The Dexie side (reading, one write transaction) is renderer/sync/rollback.ts.
 */
import { dataOf, sameValue, type CrdtRecord } from '../crdt/record';

export type RollbackKind =
  /** Live now, absent from the backup (created since) or deleted in it: deleted. */
  | 'delete'
  /** Deleted now, live in the backup: restored, with its backup-time values. */
  | 'restore'
  /** Absent now, live in the backup (lost since): created again with its backup-time values. */
  | 'recreate'
  /** Live in both: the fields changed since get their backup-time values back. */
  | 'update';

export interface RollbackField {
  field: string;
  /** Value now (undefined: no value). */
  now: unknown;
  /** Value at the backup's time, written back. */
  then: unknown;
}

export interface RollbackStep {
  table: string;
  recordId: string;
  kind: RollbackKind;
  /** Fields whose value differs (for `delete`: none; for `recreate`: every field of the backup). */
  fields: RollbackField[];
  /** Was the record in the backup at all? (`delete` of a record created since vs of one deleted in the backup). */
  inBackup: boolean;
}

function fieldDiffs(now: Record<string, unknown>, then: Record<string, unknown>): RollbackField[] {
  const out: RollbackField[] = [];
  for (const field of new Set([...Object.keys(now), ...Object.keys(then)])) {
    if (field === 'id') continue;
    if (!sameValue(now[field], then[field])) out.push({ field, now: now[field], then: then[field] });
  }
  return out;
}

/** The step bringing `current` back to `then` (either may be absent), or null when nothing differs. */
export function planRecordRollback(table: string, current: CrdtRecord | undefined, then: CrdtRecord | undefined): RollbackStep | null {
  const id = (current ?? then)?.id;
  if (id === undefined) return null;
  const liveNow = current !== undefined && current._deleted === 0;
  const liveThen = then !== undefined && then._deleted === 0;
  if (!liveNow && !liveThen) return null; // deleted or absent on both sides: nothing the office can see differs
  if (liveNow && !liveThen) return { table, recordId: id, kind: 'delete', fields: [], inBackup: then !== undefined };
  const thenData = dataOf<Record<string, unknown>>(then!);
  if (!current) {
    const fields = Object.entries(thenData)
      .filter(([k, v]) => k !== 'id' && v !== undefined)
      .map(([field, v]) => ({ field, now: undefined, then: v }));
    return { table, recordId: id, kind: 'recreate', fields, inBackup: true };
  }
  const fields = fieldDiffs(dataOf<Record<string, unknown>>(current), thenData);
  if (liveNow) return fields.length ? { table, recordId: id, kind: 'update', fields, inBackup: true } : null;
  return { table, recordId: id, kind: 'restore', fields, inBackup: true };
}

export interface RollbackCounts {
  /** Records created since the backup, to be deleted. */
  createdSince: number;
  /** Records changed since (live on both sides), and how many of their fields. */
  changedSince: number;
  fieldsChanged: number;
  /** Records deleted (or lost) since, to come back. */
  deletedSince: number;
  /** Records deleted in the backup but live now (restored since): deleted again. */
  restoredSince: number;
}

export const emptyRollbackCounts = (): RollbackCounts => ({ createdSince: 0, changedSince: 0, fieldsChanged: 0, deletedSince: 0, restoredSince: 0 });

export function countStep(counts: RollbackCounts, step: RollbackStep): void {
  if (step.kind === 'delete') {
    if (step.inBackup) counts.restoredSince++;
    else counts.createdSince++;
  } else if (step.kind === 'update') {
    counts.changedSince++;
    counts.fieldsChanged += step.fields.length;
  } else counts.deletedSince++;
}

/**
 * Every step for one table: `current` is what the base holds now, `backup` the backup's records of the table.
 * Records are matched by id; the order of the steps follows `current`, then the backup's records absent now.
 */
export function planTableRollback(table: string, current: Iterable<CrdtRecord>, backup: readonly CrdtRecord[]): RollbackStep[] {
  const then = new Map<string, CrdtRecord>();
  for (const r of backup) then.set(r.id, r);
  const steps: RollbackStep[] = [];
  const seen = new Set<string>();
  for (const r of current) {
    seen.add(r.id);
    const step = planRecordRollback(table, r, then.get(r.id));
    if (step) steps.push(step);
  }
  for (const r of backup) {
    if (seen.has(r.id)) continue;
    const step = planRecordRollback(table, undefined, r);
    if (step) steps.push(step);
  }
  return steps;
}
