/**
 * History lines stored one row per write, without zod: moved from history.ts (which re-exports all of it) so the
 * Dexie schema (renderer/db/schema.ts) does not bring validation along. Line ids and the grouping of lines into
 * writes; the wire form and its validation stay in history.ts.
 */
import type { Stamp } from '../crdt/hlc';

export function lineId(s: Stamp, table: string, recordId: string, field: string): string {
  return `${s}|${table}|${recordId}|${field}`;
}

/*
 * Storage: one row per write (schema 10). A write is one stamp on one record; its row holds what the write's
 * lines share (stamp, table, record, time, author, action, workstation, origin) once, and the changed fields as
 * `[field, old, new]` — the grouping of the wire form (`WireWrite`). The logical model is unchanged: a write
 * row stands for its lines (`linesOfWrite`), every view and the sync read lines, and lines merge by id.
 */

/** One changed field of a stored write: `[field, old, new]` (`undefined` for no value). */
export type FieldChange = [field: string, old: unknown, neu: unknown];

/** What a stored write needs for its lines: the rest of its properties are shared by its lines. */
export interface WriteShape {
  /** `writeId(s, table, recordId)`; absent for local lines without a stamp (before schema 8, rebuilt lines). */
  id?: string;
  s?: string;
  table: string;
  recordId: string;
  l: FieldChange[];
}

/** A line as the views read it: the write's shared properties plus one field. */
export type LineOf<W extends WriteShape> = Omit<W, 'l' | 'id'> & { id?: string; field: string; old: unknown; new: unknown };

/** Id of a write (one stamp on one record): the prefix of its lines' ids. */
export function writeId(s: string, table: string, recordId: string): string {
  return `${s}|${table}|${recordId}`;
}

/** The lines a stored write stands for, in its field order. A stamped write's lines get their `lineId`. */
export function linesOfWrite<W extends WriteShape>(w: W): LineOf<W>[] {
  const { l, id: _id, ...shared } = w;
  return l.map(([field, old, neu]) => {
    const line = { ...shared, field, old, new: neu } as LineOf<W>;
    if (w.s) line.id = lineId(w.s, w.table, w.recordId, field);
    return line;
  });
}

/** Every line of many stored writes, in order. */
export function linesOfWrites<W extends WriteShape>(writes: Iterable<W>): LineOf<W>[] {
  const out: LineOf<W>[] = [];
  for (const w of writes) for (const line of linesOfWrite(w)) out.push(line);
  return out;
}

type LineShape = { id?: string; s?: string; table: string; recordId: string; field: string; old: unknown; new: unknown };

/**
 * Lines to stored writes: the lines of one stamp on one record become one write (whatever their order), with the
 * shared properties of its first line; each line without a stamp is a write of its own; the same line twice is
 * kept once. `linesOfWrites(groupLines(x))` is `x` as a set of lines (history.test.ts).
 */
export function groupLines<L extends LineShape>(lines: Iterable<L>): (Omit<L, 'field' | 'old' | 'new'> & WriteShape)[] {
  type W = Omit<L, 'field' | 'old' | 'new'> & WriteShape;
  const out: W[] = [];
  const byId = new Map<string, { w: W; fields: Set<string> }>();
  for (const line of lines) {
    const { field, old, new: neu, id: _id, ...shared } = line;
    if (!line.s) {
      out.push({ ...shared, l: [[field, old, neu]] } as unknown as W);
      continue;
    }
    const id = writeId(line.s, line.table, line.recordId);
    const held = byId.get(id);
    if (held) {
      if (!held.fields.has(field)) {
        held.fields.add(field);
        held.w.l.push([field, old, neu]);
      }
      continue;
    }
    const w = { ...shared, id, l: [[field, old, neu]] } as unknown as W;
    byId.set(id, { w, fields: new Set([field]) });
    out.push(w);
  }
  return out;
}

/**
 * Add `incoming` writes to `held` ones (same write ids), as a set union of their lines: the held write gains the
 * fields it lacks. Returns the writes to store (new ones, and held ones that gained fields) and how many lines
 * were added.
 */
export function mergeWrites<W extends WriteShape>(held: ReadonlyMap<string, W>, incoming: readonly W[]): { put: W[]; added: number } {
  const put: W[] = [];
  let added = 0;
  const touched = new Map<string, W>();
  for (const w of incoming) {
    const id = w.id;
    const prev = id ? (touched.get(id) ?? held.get(id)) : undefined;
    if (!id || !prev) {
      const copy = { ...w, l: [...w.l] };
      if (id) touched.set(id, copy);
      put.push(copy);
      added += w.l.length;
      continue;
    }
    const have = new Set(prev.l.map((c) => c[0]));
    const fresh = w.l.filter((c) => !have.has(c[0]));
    if (!fresh.length) continue;
    added += fresh.length;
    if (touched.get(id) === prev) {
      prev.l.push(...fresh);
    } else {
      const grown = { ...prev, l: [...prev.l, ...fresh] };
      touched.set(id, grown);
      put.push(grown);
    }
  }
  return { put, added };
}
