/**
 * History lines as replicated data (issue 10, « History travels »).
 *
 * A line says who changed which field of which record, when, on which workstation, from what to what, in which
 * action. Its id depends only on the write it describes — the write's stamp, table, record and field — so every
 * workstation gives the same line the same id, lines merge as a set union (a line already held is skipped,
 * whichever bundle or path brings it again), and a line belongs to its write's stamp: a delta carries the lines
 * whose stamp the receiver's version vector does not cover, exactly as for records (vector.ts).
 *
 * On the wire (payload `history`, format 3) lines are grouped by write: one entry per stamp with its table,
 * record, author, action and time (as an offset from the stamp's millis, usually 0 or a few ms), then the
 * changed fields as `[field, old, new]` (`null` for no value: no domain field is nullable). Workstation names
 * travel once per replica id. Lines written before format 3, and those rebuilt on import from older bundles,
 * have no stamp: they stay on their workstation.
 */
import { z } from '../validation/zod';
import { millisOf, replicaOf, REPLICA_ID_PATTERN, STAMP_PATTERN, type Stamp } from '../crdt/hlc';
import { syncedTables, type SyncedTableName } from '../domain/tables';
import { BundleError, bundleMessages } from './errors';
import { covered, type VersionVector } from './vector';
import { RESERVED_NAMES, reservedKeyIn } from './validate';
import { lineId } from './historyWrites';

// Lines and stored writes without zod (historyWrites.ts: the Dexie schema's upgrades need them, not validation).
export { lineId, writeId, linesOfWrite, linesOfWrites, groupLines, mergeWrites, type FieldChange, type WriteShape, type LineOf } from './historyWrites';

/** A replicated history line, as every workstation holds it. */
export interface HistoryLine {
  /** `lineId(s, table, recordId, field)`. */
  id: string;
  /** Stamp of the write the line describes. */
  s: Stamp;
  table: SyncedTableName;
  recordId: string;
  field: string;
  old: unknown;
  new: unknown;
  /** ISO instant of the write, on the writing workstation. */
  at: string;
  /** Who wrote (the office user name of the writing workstation). */
  user: string;
  action?: string;
  /** Name of the writing workstation (absent for one's own lines). */
  workstation?: string;
}


/** Longest value a line keeps (JSON characters): form snapshots (up to 2 MB) are not repeated in history. */
export const MAX_LINE_VALUE_CHARS = 10_000;
export const LINE_VALUE_TOO_LARGE = '(valeur trop volumineuse pour l’historique)';
/** Lines a bundle may declare (header `historyLines`), and fields per write. */
export const MAX_HISTORY_LINES = 5_000_000;
export const MAX_FIELDS_PER_WRITE = 500;
/** Payload bytes a line may take, for the header-derived limit (format.ts plainBytesLimit). */
export const MAX_BYTES_PER_LINE = 2 * MAX_LINE_VALUE_CHARS + 1_024;
/** Time of a write vs its stamp's millis (the clock may run ahead of the wall clock by up to its drift bound). */
export const MAX_AT_OFFSET_MS = 30 * 24 * 3600 * 1000;

/** The value a line stores: the value itself, or a short marker when it is too large to repeat. */
export function lineValue(v: unknown): unknown {
  if (v === undefined || v === null || typeof v === 'number' || typeof v === 'boolean') return v ?? undefined;
  if (typeof v === 'string') return v.length > MAX_LINE_VALUE_CHARS ? LINE_VALUE_TOO_LARGE : v;
  return JSON.stringify(v).length > MAX_LINE_VALUE_CHARS ? LINE_VALUE_TOO_LARGE : v;
}

/** Is this line one the receiver (known to have seen `base`) lacks? Every line for an empty (full) base. */
export function lineNeedsSending(line: Pick<HistoryLine, 's'>, base: VersionVector): boolean {
  return !covered(base, line.s);
}

export interface WireWrite {
  s: string;
  t: string;
  r: string;
  u: string;
  a?: string;
  /** `at` minus the stamp's millis (ms), when not 0. */
  d?: number;
  l: [string, unknown, unknown][];
}

export interface WireHistory {
  /** Workstation names by replica id. */
  w: Record<string, string>;
  e: WireWrite[];
}

const toJson = (v: unknown) => (v === undefined ? null : v);
const fromJson = (v: unknown) => (v === null ? undefined : v);

/**
 * Lines to their wire form. Lines of one write (same stamp, table, record) are grouped when adjacent — the
 * Dexie export reads them in stamp order. The sender names its own lines' workstation before calling this.
 */
export function historyToWire(lines: Iterable<HistoryLine>): WireHistory {
  const w: Record<string, string> = Object.create(null) as Record<string, string>;
  const e: WireWrite[] = [];
  let cur: WireWrite | undefined;
  for (const h of lines) {
    const rep = replicaOf(h.s);
    const name = h.workstation;
    if (name && !Object.hasOwn(w, rep)) w[rep] = name.slice(0, 80);
    if (!cur || cur.s !== h.s || cur.t !== h.table || cur.r !== h.recordId || cur.u !== h.user || cur.a !== h.action) {
      cur = { s: h.s, t: h.table, r: h.recordId, u: h.user, l: [] };
      if (h.action !== undefined) cur.a = h.action;
      const d = Date.parse(h.at) - millisOf(h.s);
      if (d && Number.isFinite(d)) cur.d = d;
      e.push(cur);
    }
    cur.l.push([h.field, toJson(h.old), toJson(h.new)]);
  }
  return { w: { ...w }, e };
}

export function wireLineCount(h: WireHistory | undefined): number {
  if (!h) return 0;
  let n = 0;
  for (const e of h.e) n += e.l.length;
  return n;
}

const stamp = z.string().regex(STAMP_PATTERN);
const wireWriteSchema = z.strictObject({
  s: stamp,
  t: z.string().max(40),
  r: z.string().min(1).max(300),
  u: z.string().max(200),
  a: z.string().max(500).optional(),
  d: z.number().int().min(-MAX_AT_OFFSET_MS).max(MAX_AT_OFFSET_MS).optional(),
  l: z.array(z.tuple([z.string().min(1).max(60), z.unknown(), z.unknown()])).min(1).max(MAX_FIELDS_PER_WRITE),
});
const wireHistorySchema = z.strictObject({
  w: z.record(z.string().regex(REPLICA_ID_PATTERN), z.string().max(80)),
  e: z.array(z.unknown()),
});

function fail(detail: string): never {
  throw new BundleError('invalid-record', bundleMessages.invalidHistory(detail));
}

const tooLarge = (v: unknown) => v !== undefined && (typeof v === 'string' ? v.length > MAX_LINE_VALUE_CHARS : JSON.stringify(v).length > MAX_LINE_VALUE_CHARS);

/**
 * Validate a payload's history (wire form) and rebuild the lines from the parsed values only. Anything not as
 * this application writes it — unknown table, reserved name, malformed stamp, oversized value, the same line
 * twice — refuses the whole file with a French message (nothing is imported).
 */
export function validateHistory(raw: unknown): HistoryLine[] {
  if (raw === undefined) return [];
  const reserved = reservedKeyIn(raw);
  if (reserved) fail(`nom réservé « ${reserved.slice(0, 40)} ».`);
  const top = wireHistorySchema.safeParse(raw);
  if (!top.success) fail('structure illisible.');
  const names = top.data.w;
  const out: HistoryLine[] = [];
  const seen = new Set<string>();
  for (const [i, rawWrite] of top.data.e.entries()) {
    const parsed = wireWriteSchema.safeParse(rawWrite);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(`écriture n° ${i + 1}${issue?.path.length ? `, « ${issue.path.join('.')} »` : ''} : ${issue?.message ?? 'donnée invalide.'}`);
    }
    const w = parsed.data;
    if (!Object.hasOwn(syncedTables, w.t)) fail(`type d'enregistrement inconnu « ${w.t.slice(0, 40)} ».`);
    const at = new Date(millisOf(w.s) + (w.d ?? 0));
    if (Number.isNaN(at.getTime())) fail(`écriture n° ${i + 1} : date invalide.`);
    const rep = replicaOf(w.s);
    for (const [field, o, n] of w.l) {
      if (RESERVED_NAMES.has(field)) fail(`nom réservé « ${field} ».`);
      const old = fromJson(o);
      const neu = fromJson(n);
      if (tooLarge(old) || tooLarge(neu)) fail(`valeur trop volumineuse (champ « ${field} »).`);
      const id = lineId(w.s, w.t, w.r, field);
      if (seen.has(id)) fail('la même ligne figure deux fois dans le fichier.');
      seen.add(id);
      const line: HistoryLine = { id, s: w.s, table: w.t as SyncedTableName, recordId: w.r, field, old, new: neu, at: at.toISOString(), user: w.u };
      if (w.a !== undefined) line.action = w.a;
      if (Object.hasOwn(names, rep)) line.workstation = names[rep]!;
      out.push(line);
    }
  }
  return out;
}

/** The lines of `incoming` whose id is not in `held` (first occurrence of each): what an import adds. */
export function newLines(incoming: readonly HistoryLine[], held: ReadonlySet<string>): HistoryLine[] {
  const out: HistoryLine[] = [];
  const taken = new Set<string>();
  for (const l of incoming) {
    if (held.has(l.id) || taken.has(l.id)) continue;
    taken.add(l.id);
    out.push(l);
  }
  return out;
}

/** Ids of the lines carried for a record's write: `(table, record)` keys and `(table, record, field, stamp)` ids. */
export function carriedIndex(lines: readonly HistoryLine[]): { records: Set<string>; ids: Set<string> } {
  const records = new Set<string>();
  const ids = new Set<string>();
  for (const l of lines) {
    records.add(`${l.table}|${l.recordId}`);
    ids.add(l.id);
  }
  return { records, ids };
}

/** Greatest stamp among lines (for the clock drift check). */
export function maxLineStamp(lines: readonly HistoryLine[]): string {
  let max = '';
  for (const l of lines) if (l.s > max) max = l.s;
  return max;
}
