/**
 * The Dexie side of sync: export (full / delta), import preview (dry run) and import (one transaction),
 * using the planning of shared/sync so the application merges exactly as the property tests prove.
 */
import { format } from 'date-fns';
import Dexie, { type Table } from 'dexie';
import { MAX_DRIFT_MS, replicaOf } from '../../shared/crdt/hlc';
import { applyLocalEdit, withIndexFields, type CrdtRecord } from '../../shared/crdt/record';
import { syncedTableNames, type SyncedTableName } from '../../shared/domain/tables';
import {
  applyRecords,
  encodeBundle,
  lineId,
  carriedIndex,
  groupLines,
  mergeWrites,
  type HistoryLine,
  joinVectors,
  meetVectors,
  selectForPeer,
  vectorAfterImport,
  ALWAYS_SENT_TABLES,
  blobsToSend,
  type BundleBlob,
  type ApplyResult,
  type BundleHeader,
  type DecodedBundle,
  type EncodeProgress,
  type MergeTarget,
  type PassphraseInput,
  type RecordChange,
  type VersionVector,
} from '../../shared/sync';
import { versionVectorSchema } from '../../shared/sync/format';
import { BUNDLE_EXTENSION } from '../../shared/ipc/contract';
import type { AppDatabase, HistoryEntry, HistoryWrite, PeerEntry } from '../db/database';
import { CURRENT_SCHEMA_VERSION } from '../db/schema';
import { CLOCK_KEY, newId, type Store } from '../db/store';
import { decodeOffThread } from './decodeClient';
import { noteImported, readFullExport, type FullExportTables } from './wireCache';
import type { WireTexts } from '../../shared/sync/wireSegments';
import { addDuplicated, duplicatedReplicas, identityMessages, madeByAnotherBase, recordExport, rekeyBase, withoutReplicas, type IdentityChange } from './identity';

/** This replica's soundly known version vector (what it has seen of others, gap-free). */
export const KNOWN_VECTOR_KEY = 'sync.knownVector';
/** Ids of bundles this replica made itself and imported back (backups restored). */
export const OWN_IMPORTED_KEY = 'sync.ownImported';
const MAX_REMEMBERED_IDS = 1000;

export interface Identity {
  replicaId: string;
  replicaLabel: string;
  userName: string;
}

export async function knownVector(db: AppDatabase): Promise<VersionVector> {
  const v = await db.meta.get(KNOWN_VECTOR_KEY);
  const parsed = versionVectorSchema.safeParse(v?.value ?? {});
  return parsed.success ? parsed.data : {};
}

/**
 * What this replica has seen: the stored vector plus its own writes up to `clockAt` — the clock read *before*
 * the transaction that reads the records, so every own write stamped up to it belongs to a transaction created
 * earlier, which the snapshot includes (a write ticking the clock during an export is not claimed).
 */
export async function ownVector(db: AppDatabase, replicaId: string, clockAt: string): Promise<VersionVector> {
  return joinVectors(await knownVector(db), { [replicaId]: clockAt });
}

/** « Poste d'accueil n°2 » → « Poste-d-accueil-n-2 »: letters and digits only, safe on every file system and share. */
export function fileSlug(label: string): string {
  return (
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'poste'
  );
}

/**
 * `<replica id>_<workstation name>_<time>.mcpsync` (the id first: the shared folder tells its own files by it),
 * backups `sauvegarde_<workstation name>_<time>.mcpsync`. The name is the one given at first run or in
 * Paramètres, so a person reading a USB key or the share sees which workstation wrote what.
 */
export function bundleFileName(identity: Pick<Identity, 'replicaId' | 'replicaLabel'>, at: Date, purpose: BundleHeader['purpose']): string {
  const head = purpose === 'backup' ? 'sauvegarde' : identity.replicaId;
  return `${head}_${fileSlug(identity.replicaLabel)}_${format(at, 'yyyyMMdd-HHmmss-SSS')}.${BUNDLE_EXTENSION}`;
}

/** The time part of a bundle file name, for ordering files whose workstation name changed in between. */
export function bundleFileTime(name: string): string {
  return /(\d{8}-\d{6}-\d{3})\.[^.]+$/.exec(name)?.[1] ?? name;
}

/** A workstation never named (older installations) is « Poste » and the start of its id. */
export function identityLabelled(identity: Identity): Identity {
  return identity.replicaLabel.trim() ? identity : { ...identity, replicaLabel: `Poste ${identity.replicaId.slice(0, 6)}` };
}

export interface ExportOptions {
  /** Delta for this peer (judged from the last bundle received from it); full when absent or unknown. */
  peerId?: string | null;
  /** Delta against an explicit base (shared folder: what every known workstation has seen). */
  baseVector?: VersionVector;
  purpose: BundleHeader['purpose'];
  passphrase: PassphraseInput;
  identity: Identity;
  onProgress?: (label: string, fraction: number) => void;
  /** Tests and the bench's reference: a full export that reads every record, without the cache. */
  noCache?: boolean;
}

export interface ExportResult {
  bytes: Uint8Array;
  header: BundleHeader;
  fileName: string;
  recordCount: number;
  /** Documents whose bytes the file carries. */
  blobCount: number;
  /** A full export: how its cache was used (wireCache.ts), and its write once the file was made. */
  cache?: FullExportTables['cache'];
  cacheSaved?: Promise<'écrit' | 'déjà plus récent'>;
}

const phaseLabels: Record<Parameters<EncodeProgress>[0], string> = {
  serialisation: 'Préparation des données',
  compression: 'Compression',
  chiffrement: 'Chiffrement',
};

/**
 * The records of one table that may hold a field stamp `base` does not cover — a superset of what a peer that
 * has seen `base` lacks, read through the indexes (`_ts`, `*_r`, see schema version 3) instead of the whole
 * table. An uncovered stamp s either comes from a replica absent from `base` (found by `_r`), or exceeds
 * base[replicaOf(s)] ≥ the least entry of `base` over the replicas that wrote in this table, and then so does the
 * record's `_ts` (its greatest stamp). Null when the indexes cannot be trusted to list every record (a record
 * without index fields): the caller reads the table.
 */
export async function deltaCandidates(table: Table<CrdtRecord, string>, base: VersionVector): Promise<CrdtRecord[] | null> {
  // Safety net: every record must be in the `_ts` index (a writer that forgot `withIndexFields` would otherwise
  // make deltas leave records out). Counting index keys reads no record.
  const [all, indexed] = await Promise.all([table.count(), table.orderBy('_ts').count()]);
  if (all !== indexed) return null;
  const writers = (await table.orderBy('_r').uniqueKeys()) as string[];
  let bound: string | undefined;
  const unknown: string[] = [];
  for (const r of writers) {
    const seen = base[r];
    if (seen === undefined) unknown.push(r);
    else if (bound === undefined || seen < bound) bound = seen;
  }
  const byStamp = bound === undefined ? [] : await table.where('_ts').above(bound).toArray();
  if (unknown.length === 0) return byStamp;
  const byReplica = await table.where('_r').anyOf(unknown).toArray();
  const seenIds = new Set(byStamp.map((r) => r.id));
  for (const r of byReplica) {
    if (seenIds.has(r.id)) continue;
    seenIds.add(r.id);
    byStamp.push(r);
  }
  return byStamp;
}

/** Every record of the table that a peer known to have seen `base` lacks (the delta selection). */
export async function selectTableForPeer(db: AppDatabase, t: SyncedTableName, base: VersionVector): Promise<CrdtRecord[]> {
  const table = db.syncedTable(t);
  // Full bundle, or the conflicts table (always whole, see ALWAYS_SENT_TABLES): everything.
  if (Object.keys(base).length === 0 || ALWAYS_SENT_TABLES.has(t)) return table.toArray();
  const candidates = (await deltaCandidates(table, base)) ?? (await table.toArray());
  return selectForPeer(t, candidates, base);
}

export async function exportBundle(db: AppDatabase, store: Store, options: ExportOptions): Promise<ExportResult> {
  const progress = options.onProgress ?? (() => undefined);
  let base: VersionVector = options.baseVector ?? {};
  if (options.peerId) base = (await db.peers.get(options.peerId))?.theirVector ?? {};
  // What a duplicated id covers cannot be trusted: records with its stamps always travel.
  const duplicated = await duplicatedReplicas(db);
  base = withoutReplicas(base, duplicated);
  progress('Lecture de la base', 0);
  const clockAt = store.hlc.current();
  const ownLabel = identityLabelled(options.identity).replicaLabel;
  const full = Object.keys(base).length === 0 && !options.noCache;
  // One read transaction: a consistent snapshot even if someone edits during the export.
  const { tables, vector, history, blobs, recordCount, cache } = await db.transaction('r', [...syncedTableNames.map((t) => db.table(t)), db.meta, db.history, db.blobs, db.derived], async () => {
    let out: Record<string, CrdtRecord[] | WireTexts> = {};
    let fromCache: FullExportTables | null = null;
    if (full) {
      // A full export joins the cache's texts and re-encodes only what changed since (wireCache.ts).
      fromCache = await readFullExport(db, db.name, CLOCK_KEY);
      out = fromCache.tables;
      progress('Lecture de la base', 0.4);
    } else {
      let i = 0;
      // Every table's read is asked at once (one transaction, requests queued together): the database reads the
      // next table while this page decodes the last one. The tables stay in their fixed order in the file.
      const selected = await Promise.all(
        syncedTableNames.map(async (t) => {
          const sel = await selectTableForPeer(db, t, base);
          progress('Lecture de la base', (++i / syncedTableNames.length) * 0.4);
          return sel;
        }),
      );
      syncedTableNames.forEach((t, k) => {
        if (selected[k]!.length) out[t] = selected[k]!;
      });
    }
    // Documents' bytes once per content, only those the peer may lack (shared/sync/blobs.ts); a content this
    // base does not hold (not received yet) is left out, its record travels all the same.
    const attachments = out.attachments;
    const shas = Array.isArray(attachments) && attachments.length ? blobsToSend(await db.attachments.toArray(), base) : [];
    const found: BundleBlob[] = [];
    for (const b of await db.blobs.bulkGet(shas)) if (b) found.push({ sha256: b.sha256, bytes: b.bytes });
    const recordCount = fromCache?.recordCount ?? Object.values(out).reduce((n, rs) => n + (Array.isArray(rs) ? rs.length : rs.count), 0);
    return { tables: out, vector: await ownVector(db, store.replicaId, clockAt), history: await selectHistoryForPeer(db, base, ownLabel), blobs: found, recordCount, cache: fromCache };
  });
  const now = new Date();
  const { bytes, header } = await encodeBundle({
    bundleId: newId(),
    schemaVersion: CURRENT_SCHEMA_VERSION,
    replicaId: store.replicaId,
    replicaLabel: identityLabelled(options.identity).replicaLabel,
    duplicatedReplicas: [...duplicated],
    createdAt: now.toISOString(),
    vector,
    baseVector: base,
    purpose: options.purpose,
    tables,
    history,
    blobs,
    passphrase: options.passphrase,
    onProgress: (phase, f) => progress(phaseLabels[phase], 0.4 + f * 0.6),
  });
  // Listed before the bytes leave: a bundle claiming this id that is not listed comes from a copy (identity.ts).
  await recordExport(db, header.bundleId, header.vector[store.replicaId] ?? clockAt);
  progress('Terminé', 1);
  // The cache is written once the file is made; a failure only means the next full export reads more.
  const cacheSaved = cache
    ? cache.save().catch((e: unknown) => {
        console.warn('Cache de l’export complet non écrit', e);
        return 'déjà plus récent' as const;
      })
    : undefined;
  return { bytes, header, recordCount, blobCount: blobs.length, ...(cache ? { cache: cache.cache } : {}), ...(cacheSaved ? { cacheSaved } : {}), fileName: bundleFileName({ replicaId: store.replicaId, replicaLabel: identityLabelled(options.identity).replicaLabel }, now, options.purpose) };
}

/**
 * The history lines a peer known to have seen `base` lacks: per writing replica, those stamped above what the
 * peer has seen of it (index `[r+s]`, schema 8), in stamp order so the lines of one write are adjacent. Lines
 * without a stamp (local only) are in no such index. `ownLabel` names this workstation's own lines.
 */
export async function selectHistoryForPeer(db: AppDatabase, base: VersionVector, ownLabel: string): Promise<HistoryLine[]> {
  const replicas = (await db.history.orderBy('r').uniqueKeys()) as string[];
  const out: HistoryLine[] = [];
  for (const r of replicas) {
    const seen = base[r];
    const rows = await db.history.where('[r+s]').between([r, seen ?? Dexie.minKey], [r, Dexie.maxKey], seen === undefined, true).toArray();
    for (const w of rows) {
      if (!w.id || !w.s) continue;
      const name = w.origin === 'local' ? ownLabel : w.workstation;
      for (const [field, old, neu] of w.l) {
        const line: HistoryLine = { id: lineId(w.s, w.table, w.recordId, field), s: w.s, table: w.table, recordId: w.recordId, field, old, new: neu, at: w.at, user: w.user };
        if (w.action !== undefined) line.action = w.action;
        if (name) line.workstation = name;
        out.push(line);
      }
    }
  }
  return out;
}

/** Held writes (among `ids`), by write id. */
async function heldWrites(db: AppDatabase, ids: string[]): Promise<Map<string, HistoryWrite>> {
  const held = new Map<string, HistoryWrite>();
  if (ids.length === 0 || (await db.history.count()) === 0) return held;
  for (let i = 0; i < ids.length; i += 5000) for (const w of await db.history.where('id').anyOf(ids.slice(i, i + 5000)).toArray()) held.set(w.id!, w);
  return held;
}

/**
 * Add the carried lines this base lacks (in the current transaction), with their origin: the workstation the
 * file came from and when it was received. Exactly once: a line already held (same id) is skipped, whichever
 * file or path brings it again. Lines are stored grouped by write (a held write gains the fields it lacks).
 * Returns how many lines were added.
 */
export async function mergeHistoryLines(db: AppDatabase, lines: readonly HistoryLine[], source: string, receivedAt: string): Promise<number> {
  if (!lines.length) return 0;
  const incoming = groupLines(lines.map((l): HistoryEntry => ({ ...l, r: replicaOf(l.s), origin: 'bundle', source, receivedAt }))) as HistoryWrite[];
  const { put, added } = mergeWrites(await heldWrites(db, incoming.map((w) => w.id!)), incoming);
  if (put.length) await db.history.bulkPut(put);
  return added;
}

/** What every known workstation has seen of us (shared folder delta); empty (= full) when none is known. */
export async function sharedFolderBase(db: AppDatabase): Promise<VersionVector> {
  // A duplicated id's entry mixes what two bases saw: left out (both come back under new ids).
  const duplicated = await duplicatedReplicas(db);
  const peers = (await db.peers.toArray()).filter((p) => !duplicated.has(p.id));
  return withoutReplicas(meetVectors(peers.map((p) => p.theirVector)), duplicated);
}

/** `written` (optional) collects every record put, for the full export's cache. */
function dexieTarget(db: AppDatabase, written?: { table: string; id: string }[]): MergeTarget {
  return {
    bulkGet: (table, ids) => db.syncedTable(table as SyncedTableName).bulkGet(ids),
    isEmpty: async (table) => (await db.syncedTable(table as SyncedTableName).count()) === 0,
    // Merged records get their index fields here (incoming copies carry none; a local copy's are stale).
    bulkPut: async (table, records) => {
      if (written) for (const r of records) written.push({ table, id: r.id });
      await db.syncedTable(table as SyncedTableName).bulkPut(records.map(withIndexFields));
    },
  };
}

async function alreadyImported(db: AppDatabase, header: BundleHeader, replicaId: string): Promise<boolean> {
  if (header.replicaId === replicaId) {
    const own = (await db.meta.get(OWN_IMPORTED_KEY))?.value;
    return Array.isArray(own) && own.includes(header.bundleId);
  }
  return (await db.peers.get(header.replicaId))?.importedBundleIds.includes(header.bundleId) ?? false;
}

export interface Preview {
  decoded: DecodedBundle;
  alreadyImported: boolean;
  plan: ApplyResult;
}

/** Decode in the bundle worker (decodeClient.ts): the page stays responsive whatever the file. */
export async function decode(bytes: Uint8Array, passphrase: PassphraseInput): Promise<DecodedBundle> {
  return decodeOffThread(bytes, passphrase, CURRENT_SCHEMA_VERSION);
}

/** Dry run of the merge in a read-only transaction: what the import would create, change, delete. */
export async function previewImport(db: AppDatabase, decoded: DecodedBundle, replicaId: string): Promise<Preview> {
  const tables = syncedTableNames.map((t) => db.table(t));
  return db.transaction('r', [...tables, db.meta, db.peers], async () => {
    const already = await alreadyImported(db, decoded.header, replicaId);
    const plan = await applyRecords(dexieTarget(db), decoded.tables, { dryRun: true });
    return { decoded, alreadyImported: already, plan };
  });
}

const resolutionLabels: Record<string, string> = {
  'valeur-ecartee': 'Garder la valeur écartée',
  'valeur-actuelle': 'Garder la valeur actuelle',
  suppression: 'Confirmer la suppression',
};
function resolutionLabel(v: unknown): string {
  return typeof v === 'string' && Object.hasOwn(resolutionLabels, v) ? resolutionLabels[v]! : 'aucune décision';
}

/** Beyond this many new records in one import (a first full copy), one summary line per table instead. */
export const CREATED_LINES_MAX = 2000;

/**
 * Lines rebuilt from the merge for the changes the bundle carried no line for (a file of format 1 or 2, or a
 * change made before lines travelled): they name the importing user and say so (`derived`), and stay local.
 * A created record is covered by any carried line of it; another change by the line of its winning write.
 */
export function derivedHistoryLines(changes: RecordChange[], carried: readonly HistoryLine[], at: string, user: string, source: string, action: string): HistoryEntry[] {
  const { records, ids } = carriedIndex(carried);
  const out: HistoryEntry[] = [];
  const base = { at, user, origin: 'bundle' as const, source, receivedAt: at, action, derived: true as const };
  const lacking: RecordChange[] = [];
  for (const c of changes) {
    if (c.kind === 'created') {
      if (!records.has(`${c.table}|${c.recordId}`)) lacking.push(c);
      continue;
    }
    const fields = c.fields.filter((f) => !(f.s && ids.has(lineId(f.s, c.table, c.recordId, f.field))));
    if (fields.length) lacking.push({ ...c, fields });
  }
  const created = new Map<string, number>();
  for (const c of lacking) if (c.kind === 'created') created.set(c.table, (created.get(c.table) ?? 0) + 1);
  const summarise = [...created.values()].reduce((a, b) => a + b, 0) > CREATED_LINES_MAX;
  if (summarise) for (const [table, n] of created) out.push({ ...base, table: table as SyncedTableName, recordId: '*', field: '*', old: undefined, new: `${n} création(s)` });
  for (const c of lacking) {
    const table = c.table as SyncedTableName;
    if (c.kind === 'created') {
      if (!summarise) out.push({ ...base, table, recordId: c.recordId, field: '*', old: undefined, new: 'création' });
    } else if (c.kind === 'deleted') out.push({ ...base, table, recordId: c.recordId, field: '_deleted', old: 0, new: 1 });
    else if (c.kind === 'restored') out.push({ ...base, table, recordId: c.recordId, field: '_deleted', old: 1, new: 0 });
    else for (const f of c.fields) out.push({ ...base, table, recordId: c.recordId, field: f.field, old: f.old, new: f.new });
  }
  return out;
}

/** Rebuilt lines (no stamp) stored as one row per record change: the adjacent lines of one record together. */
export function rebuiltWrites(lines: readonly HistoryEntry[]): HistoryWrite[] {
  const out: HistoryWrite[] = [];
  let cur: HistoryWrite | undefined;
  for (const { field, old, new: neu, id: _id, ...shared } of lines) {
    if (!cur || cur.table !== shared.table || cur.recordId !== shared.recordId) out.push((cur = { ...shared, l: [] }));
    cur.l.push([field, old, neu]);
  }
  return out;
}

export interface ImportOutcome {
  alreadyImported: boolean;
  result: ApplyResult | null;
  /** History lines of the file this base did not hold yet (added with their author and « reçu de »). */
  historyAdded?: number;
  /** This base took a new replica id: the bundle held writes under its id that it never made (French). */
  identityChange?: IdentityChange;
}

/** Thrown inside the import transaction to roll it back and merge again with the own id untrusted. */
class DuplicateIdDetected extends Error {
  constructor(readonly ids: string[]) {
    super('identifiant en double');
  }
}

/**
 * Apply a decoded bundle in ONE read-write transaction: merge, conflict records, history, clock, known
 * vector, peer entry and the bundle id. Any failure (or the page closing) aborts it: nothing changes.
 */
export async function applyImport(db: AppDatabase, store: Store, decoded: DecodedBundle, identity: Identity, onProgress?: (done: number, total: number) => void): Promise<ImportOutcome> {
  try {
    return await applyOnce(db, store, decoded, identity, onProgress, []);
  } catch (e) {
    if (!(e instanceof DuplicateIdDetected)) throw e;
    return applyOnce(db, store, decoded, identity, onProgress, e.ids);
  }
}

/**
 * One attempt. `twin`: the bundle holds writes under this base's id that it never made (or its header says the
 * id is duplicated): the own id is compared as untrusted, so no write is judged « seen » by a vector or history
 * entry of that id, and the base takes a new id in the same transaction.
 */
async function applyOnce(db: AppDatabase, store: Store, decoded: DecodedBundle, identity: Identity, onProgress: ((done: number, total: number) => void) | undefined, detected: string[]): Promise<ImportOutcome> {
  const { header } = decoded;
  const tables: Table[] = [...store.writeTables, db.peers, db.derived];
  const self = store.replicaId;
  // The clock moves only if the import commits: a fork takes the received stamps inside the transaction (and is
  // what the stored clock says), the live clock catches up after the commit.
  const outcome = await db.transaction('rw', tables, async (): Promise<ImportOutcome> => {
    if (await alreadyImported(db, header, self)) return { alreadyImported: true, result: null };
    // A bundle claiming this base's id that it did not make: a copy writes under the same id, whatever the
    // order of the stamps inside (a copy's write below an own write of the same field looks like an old one).
    const foreignBundle = await madeByAnotherBase(db, header, self);
    const untrusted = await addDuplicated(db, [...(header.duplicatedReplicas ?? []), ...detected, ...(foreignBundle ? [self] : [])]);
    const twin = untrusted.has(self);
    const knownBefore = withoutReplicas(await knownVector(db), untrusted);
    const written: { table: string; id: string }[] = [];
    const result = await applyRecords(dexieTarget(db, written), decoded.tables, { ...(onProgress ? { onProgress } : {}), self: { replica: self, clock: store.hlc.current() }, untrusted, known: knownBefore });
    // Found now: roll back and merge again with those ids untrusted (no write of theirs judged « seen »).
    const found = result.duplicatesDetected.filter((r) => !untrusted.has(r));
    if (found.length) throw new DuplicateIdDetected([...detected, ...found]);
    // Documents' bytes (checked against their SHA-256 when decoded), each content once.
    if (decoded.blobs.length) {
      const held = await db.blobs.bulkGet(decoded.blobs.map((b) => b.sha256));
      const fresh = decoded.blobs.filter((_, i) => !held[i]).map((b) => ({ sha256: b.sha256, bytes: b.bytes, size: b.bytes.byteLength }));
      if (fresh.length) await db.blobs.bulkPut(fresh);
    }
    const clock = store.hlc.fork();
    const action = header.purpose === 'backup' ? 'Restauration d’une sauvegarde' : 'Import d’un fichier de synchronisation';
    const receivedAt = new Date().toISOString();
    const historyAdded = await mergeHistoryLines(db, decoded.history, header.replicaLabel, receivedAt);
    const lines = derivedHistoryLines(result.changes, decoded.history, receivedAt, identity.userName || 'Utilisateur', header.replicaLabel, action);
    if (lines.length) await db.history.bulkAdd(rebuiltWrites(lines));
    if (result.maxStamp) clock.receive(result.maxStamp, MAX_DRIFT_MS);
    // Two workstations decided differently on one conflict: reopened (a stamped write that travels), with both
    // decisions shown, instead of the later one silently overwriting the other.
    for (const d of result.disputedResolutions) {
      const rec = await db.conflicts.get(d.conflictId);
      if (!rec) continue;
      const text = `Deux postes ont tranché différemment : « ${resolutionLabel(d.kept)} » et « ${resolutionLabel(d.lost)} ». Vérifiez la valeur et décidez à nouveau.`;
      const { record } = applyLocalEdit(rec, rec.id, { status: 'ouvert', disagreement: text }, clock.tick());
      await db.conflicts.put(withIndexFields(record));
    }
    await db.meta.put({ key: CLOCK_KEY, value: clock.current() });
    // The full export's cache reads these records again, whatever their stamps (wireCache.ts).
    await noteImported(db, written);
    // Own writes are all seen by definition (for the dominance check); the stored vector leaves them out, they
    // are added from the clock at export time (see ownVector). Entries of duplicated ids are never learnt.
    const own = await ownVector(db, self, clock.current());
    const { [self]: _self, ...known } = withoutReplicas(vectorAfterImport(own, { vector: withoutReplicas(header.vector, untrusted), baseVector: header.baseVector }), untrusted);
    await db.meta.put({ key: KNOWN_VECTOR_KEY, value: known });
    if (header.replicaId === self && !twin) {
      const prev = (await db.meta.get(OWN_IMPORTED_KEY))?.value;
      const ids = [...(Array.isArray(prev) ? (prev as string[]) : []), header.bundleId].slice(-MAX_REMEMBERED_IDS);
      await db.meta.put({ key: OWN_IMPORTED_KEY, value: ids });
    } else {
      const prev = await db.peers.get(header.replicaId);
      const entry: PeerEntry = {
        id: header.replicaId,
        label: header.replicaLabel,
        lastReceivedVector: header.vector,
        lastReceivedAt: new Date().toISOString(),
        // Bundles can arrive out of order: what the peer has seen only grows.
        theirVector: joinVectors(prev?.theirVector ?? {}, header.vector),
        importedBundleIds: [...(prev?.importedBundleIds ?? []), header.bundleId].slice(-MAX_REMEMBERED_IDS),
      };
      await db.peers.put(entry);
    }
    if (!twin) return { alreadyImported: false, result, historyAdded };
    // Own id duplicated: already remembered as such; this base now writes under a new one.
    const identityChange = await rekeyBase(db, 'doublon', clock.current(), undefined, foreignBundle ? identityMessages.foreignBundle : undefined);
    return { alreadyImported: false, result, identityChange, historyAdded };
  });
  if (outcome.result?.maxStamp) store.hlc.receive(outcome.result.maxStamp);
  if (outcome.identityChange) {
    store.adoptReplicaId(outcome.identityChange.id);
    store.identityChange = outcome.identityChange;
  }
  return outcome;
}
