/**
 * Derived state, kept up to date incrementally and persisted with the position it is current to, so that start-up
 * reads one snapshot instead of the base:
 *
 * - the dashboard's inputs (partners' names and statuses, conventions, allocations, the roles of partner contacts,
 *   pending suppressions) and the seats in use per partner × service × profile — the lists themselves depend on
 *   the day and are computed from these in a few milliseconds;
 * - the search index's documents (tokens included), plus the partner names and convention numbers needed to
 *   re-index a changed record.
 *
 * Position = the greatest `_ts` (record stamp) of the watched tables and the known version vector when the
 * snapshot was taken. Catching up reads, through the `_ts` index, only records stamped after it — local edits,
 * restores (new stamped edits) and local loads; after a bundle import (the known vector moved), records holding
 * stamps of replicas the snapshot had not seen are also read (`_ts` above their former entry, `_r` for replicas
 * it did not know), as the delta export does. After catching up, the live counts of every watched table (index
 * keys only) and the total seats must match the state; otherwise — and when the snapshot is missing or of another
 * format, schema or base — the state is rebuilt from the tables, in two phases: the dashboard first (no
 * habilitation decoded but the pending ones), then the search index. The snapshot is written in one transaction
 * (two rows), so a page killed while writing leaves the previous snapshot, never half of one.
 *
 * This class runs in the derived-state worker (derived.worker.ts) and, in tests, directly under Node.
 */
import Dexie, { type Table } from 'dexie';
import { dataOf, type CrdtRecord } from '../../shared/crdt/record';
import type { Allocation, Habilitation } from '../../shared/domain/habilitation';
import type { Contact } from '../../shared/domain/contact';
import type { Convention } from '../../shared/domain/convention';
import type { Partner } from '../../shared/domain/partner';
import { contactDocument, habilitationDocument, partnerDocument, type PartnerFields } from '../../shared/search/documents';
import { SearchIndex, type SearchResult, type SearchSnapshot } from '../../shared/search/searchIndex';
import type { VersionVector } from '../../shared/sync/vector';
import type { AppDatabase } from '../db/database';
import { CURRENT_SCHEMA_VERSION } from '../db/schema';
import { computeDashboard, countSeats, SEAT_INDEX, seatKey, type Dashboard, type DashboardInput } from '../features/dashboard/dashboardData';

/** Bump when the shape of a snapshot or what it holds changes: older snapshots are then rebuilt. */
export const DERIVED_FORMAT = 1;
export const DASHBOARD_KEY = 'dashboard';
export const SEARCH_KEY = 'search';
/** Same key as renderer/sync/engine.ts (not imported: the worker would carry the bundle code). */
const KNOWN_VECTOR_KEY = 'sync.knownVector';
/** Above this many records changed in one notification, catching up is replaced by a rebuild. */
export const REBUILD_ABOVE = 20_000;

export const WATCHED = ['partners', 'conventions', 'contacts', 'allocations', 'habilitations'] as const;
export type Watched = (typeof WATCHED)[number];

export interface Position {
  /** Greatest `_ts` of the watched tables ('' for an empty base). */
  ts: string;
  known: VersionVector;
}

type PartnerLine = DashboardInput['partners'][number];
type ContactRoles = DashboardInput['contacts'][number] & { partnerId: string };
type Pending = DashboardInput['pendingSuppressions'][number];

export interface DashboardState {
  partners: Map<string, PartnerLine>;
  conventions: Map<string, Convention>;
  contacts: Map<string, ContactRoles>;
  allocations: Map<string, Allocation>;
  pending: Map<string, Pending>;
  seats: Map<string, number>;
}

export interface SearchState {
  partners: Map<string, PartnerFields>;
  /** Convention id → partner and number (numbers are searched on the partner's line). */
  conventions: Map<string, { partnerId: string; number: string }>;
  index: SearchIndex;
}

interface SnapshotHeader {
  format: number;
  schema: number;
  /** The base's name and replica: a snapshot copied from elsewhere is not trusted. */
  base: string;
  position: Position;
}

interface DashboardSnapshot extends SnapshotHeader {
  state: DashboardState;
}

interface SearchStateSnapshot extends SnapshotHeader {
  partners: Map<string, PartnerFields>;
  conventions: Map<string, { partnerId: string; number: string }>;
  docs: SearchSnapshot;
}

export type DerivedStatus = 'vide' | 'instantané' | 'reconstruction' | 'à jour';

const live = (r: CrdtRecord | undefined): r is CrdtRecord => !!r && r._deleted === 0;

export function emptyDashboardState(): DashboardState {
  return { partners: new Map(), conventions: new Map(), contacts: new Map(), allocations: new Map(), pending: new Map(), seats: new Map() };
}

/** One record into the dashboard state; returns the partners whose seats must be recounted. */
export function applyDashboardRecord(s: DashboardState, table: Watched, id: string, rec: CrdtRecord | undefined, recount: Set<string>): void {
  const on = live(rec);
  switch (table) {
    case 'partners':
      if (on) s.partners.set(id, { id, name: rec.name as string, status: rec.status as Partner['status'] });
      else s.partners.delete(id);
      break;
    case 'conventions':
      if (on) s.conventions.set(id, dataOf<Convention>(rec));
      else s.conventions.delete(id);
      break;
    case 'contacts': {
      const c = on ? dataOf<Contact>(rec) : undefined;
      if (c?.partnerId) s.contacts.set(id, { partnerId: c.partnerId, roles: c.roles, activeFrom: c.activeFrom, activeUntil: c.activeUntil });
      else s.contacts.delete(id);
      break;
    }
    case 'allocations':
      if (on) s.allocations.set(id, dataOf<Allocation>(rec));
      else s.allocations.delete(id);
      break;
    case 'habilitations': {
      const before = s.pending.get(id);
      if (before) recount.add(before.partnerId);
      if (rec?.partnerId) recount.add(rec.partnerId as string);
      if (on && rec.status === 'suppression-demandee') {
        const h = dataOf<Habilitation>(rec);
        s.pending.set(id, { id, partnerId: h.partnerId, firstName: h.firstName, lastName: h.lastName, profile: h.profile, endOn: h.endOn, endReason: h.endReason });
      } else s.pending.delete(id);
      break;
    }
  }
}

export function dashboardInput(s: DashboardState): DashboardInput {
  return {
    partners: [...s.partners.values()],
    conventions: [...s.conventions.values()],
    contacts: [...s.contacts.values()],
    allocations: [...s.allocations.values()],
    seats: s.seats,
    pendingSuppressions: [...s.pending.values()],
  };
}

const SEAT_STATUSES = ['active', 'suppression-demandee'] as const;

/**
 * Seats of some partners again, from the seat index keys of their ranges alone. A habilitation that moved to
 * another partner leaves its former partner counted too high (the record no longer says where it was): the
 * total then exceeds the index's, and every seat is counted again.
 */
export async function recountSeats(db: AppDatabase, seats: Map<string, number>, partnerIds: ReadonlySet<string>): Promise<void> {
  if (partnerIds.size === 0) return;
  await recountPartners(db, seats, partnerIds);
  let sum = 0;
  for (const n of seats.values()) sum += n;
  if (sum !== (await totalSeats(db))) {
    const fresh = await countSeats(db);
    seats.clear();
    for (const [k, n] of fresh) seats.set(k, n);
  }
}

async function recountPartners(db: AppDatabase, seats: Map<string, number>, partnerIds: ReadonlySet<string>): Promise<void> {
  for (const key of [...seats.keys()]) if (partnerIds.has(key.slice(0, key.indexOf('|')))) seats.delete(key);
  for (const partnerId of partnerIds) {
    for (const status of SEAT_STATUSES) {
      const keys = (await db.habilitations.where(SEAT_INDEX).between([0, status, partnerId], [0, status, partnerId, []], true, true).keys()) as unknown as [number, string, string, string, string][];
      for (const [, , p, service, profile] of keys) {
        const k = seatKey(p, service, profile);
        seats.set(k, (seats.get(k) ?? 0) + 1);
      }
    }
  }
}

async function totalSeats(db: AppDatabase): Promise<number> {
  let n = 0;
  for (const status of SEAT_STATUSES) n += await db.habilitations.where(SEAT_INDEX).between([0, status], [0, status, []], true, true).count();
  return n;
}

function documentOfContact(s: SearchState, c: Contact) {
  return contactDocument(c, c.partnerId ? s.partners.get(c.partnerId)?.name : undefined);
}

function numbersOf(s: SearchState, partnerId: string): string[] {
  const out: string[] = [];
  for (const c of s.conventions.values()) if (c.partnerId === partnerId && c.number) out.push(c.number);
  return out;
}

/** The whole search state from plain rows. */
export function buildSearchState(src: { partners: Partner[]; conventions: Convention[]; contacts: Contact[]; habilitations: Habilitation[] }): SearchState {
  const partners = new Map<string, PartnerFields>(src.partners.map((p) => [p.id, { id: p.id, name: p.name, siret: p.siret, address: p.address }]));
  const conventions = new Map(src.conventions.map((c) => [c.id, { partnerId: c.partnerId, number: c.number ?? '' }]));
  const byPartner = new Map<string, string[]>();
  for (const c of conventions.values()) {
    if (!c.number) continue;
    const list = byPartner.get(c.partnerId);
    if (list) list.push(c.number);
    else byPartner.set(c.partnerId, [c.number]);
  }
  const s: SearchState = { partners, conventions, index: new SearchIndex() };
  s.index = SearchIndex.build(
    (function* () {
      for (const p of partners.values()) yield partnerDocument(p, byPartner.get(p.id) ?? []);
      for (const c of src.contacts) yield documentOfContact(s, c);
      for (const h of src.habilitations) yield habilitationDocument(h, partners.get(h.partnerId)?.name);
    })(),
  );
  return s;
}

/** Apply changed records (already read) to the search state; partners whose lines show a changed name are re-indexed. */
export async function applySearchRecords(db: AppDatabase, s: SearchState, changes: readonly { table: Watched; id: string; rec: CrdtRecord | undefined }[]): Promise<void> {
  const reindex = new Set<string>();
  for (const { table, id, rec } of changes) {
    if (table === 'partners') {
      const before = s.partners.get(id);
      if (live(rec)) {
        const p = dataOf<Partner>(rec);
        s.partners.set(id, { id, name: p.name, siret: p.siret, address: p.address });
        // The partner's people show its name: re-index them only when it changed.
        if (!before || before.name !== p.name) reindex.add(id);
        else s.index.upsert(partnerDocument(s.partners.get(id)!, numbersOf(s, id)));
      } else {
        s.partners.delete(id);
        s.index.remove('partner', id);
        if (before) reindex.add(id);
      }
    } else if (table === 'conventions') {
      const before = s.conventions.get(id);
      if (before) reindex.add(before.partnerId);
      if (live(rec)) {
        const partnerId = rec.partnerId as string;
        s.conventions.set(id, { partnerId, number: (rec.number as string | undefined) ?? '' });
        if (s.partners.has(partnerId)) s.index.upsert(partnerDocument(s.partners.get(partnerId)!, numbersOf(s, partnerId)));
      } else s.conventions.delete(id);
      if (before && s.partners.has(before.partnerId)) s.index.upsert(partnerDocument(s.partners.get(before.partnerId)!, numbersOf(s, before.partnerId)));
    } else if (table === 'contacts') {
      if (live(rec)) s.index.upsert(documentOfContact(s, dataOf<Contact>(rec)));
      else s.index.remove('contact', id);
    } else if (table === 'habilitations') {
      if (live(rec)) {
        const h = dataOf<Habilitation>(rec);
        s.index.upsert(habilitationDocument(h, s.partners.get(h.partnerId)?.name));
      } else s.index.remove('habilitation', id);
    }
  }
  for (const partnerId of reindex) {
    const p = s.partners.get(partnerId);
    if (p) s.index.upsert(partnerDocument(p, numbersOf(s, partnerId)));
    const name = p?.name;
    for (const c of await db.contacts.where('partnerId').equals(partnerId).toArray()) {
      if (live(c)) s.index.upsert(contactDocument(dataOf<Contact>(c), name));
    }
    for (const h of await db.habilitations.where('partnerId').equals(partnerId).toArray()) {
      if (live(h)) s.index.upsert(habilitationDocument(dataOf<Habilitation>(h), name));
    }
  }
}

const liveRows = async <T,>(t: Table<CrdtRecord, string>) => (await t.where('_deleted').equals(0).toArray()).map((r) => dataOf<T>(r));

/** The dashboard state from the tables (no habilitation decoded but the pending suppressions). */
export async function buildDashboardState(db: AppDatabase): Promise<DashboardState> {
  const [partners, conventions, contacts, allocations, pending, seats] = await Promise.all([
    db.partners.where('_deleted').equals(0).toArray(),
    liveRows<Convention>(db.conventions),
    liveRows<Contact>(db.contacts),
    liveRows<Allocation>(db.allocations),
    db.habilitations.where('status').equals('suppression-demandee').toArray(),
    countSeats(db),
  ]);
  const s = emptyDashboardState();
  for (const p of partners) applyDashboardRecord(s, 'partners', p.id, p, new Set());
  for (const c of conventions) s.conventions.set(c.id, c);
  for (const c of contacts) if (c.partnerId) s.contacts.set(c.id, { partnerId: c.partnerId, roles: c.roles, activeFrom: c.activeFrom, activeUntil: c.activeUntil });
  for (const a of allocations) s.allocations.set(a.id, a);
  for (const h of pending) applyDashboardRecord(s, 'habilitations', h.id, h, new Set());
  s.seats = seats;
  return s;
}

export async function buildSearchStateFromDb(db: AppDatabase): Promise<SearchState> {
  const [partners, conventions, contacts, habilitations] = await Promise.all([
    liveRows<Partner>(db.partners),
    liveRows<Convention>(db.conventions),
    liveRows<Contact>(db.contacts),
    liveRows<Habilitation>(db.habilitations),
  ]);
  return buildSearchState({ partners, conventions, contacts, habilitations });
}

/** Greatest `_ts` over the watched tables, from index keys alone. */
export async function currentTs(db: AppDatabase): Promise<string> {
  let max = '';
  for (const t of WATCHED) {
    const k = (await db.table(t).orderBy('_ts').lastKey()) as string | undefined;
    if (k && k > max) max = k;
  }
  return max;
}

async function knownVector(db: AppDatabase): Promise<VersionVector> {
  const v = (await db.meta.get(KNOWN_VECTOR_KEY))?.value;
  return v && typeof v === 'object' ? { ...(v as VersionVector) } : {};
}

async function currentPosition(db: AppDatabase): Promise<Position> {
  return db.transaction('r', [...WATCHED.map((t) => db.table(t)), db.meta], async () => ({ ts: await currentTs(db), known: await knownVector(db) }));
}

/**
 * Records of a table possibly changed since `from`: stamped after its `ts`, plus — when an import has moved the
 * known vector — those holding stamps of a replica above its former entry, or of replicas it did not list.
 */
export async function changedSince(db: AppDatabase, table: Watched, from: Position, now: Position): Promise<CrdtRecord[]> {
  const t = db.table<CrdtRecord, string>(table);
  let bound = from.ts;
  const newlyKnown: string[] = [];
  for (const [r, s] of Object.entries(now.known)) {
    const before = from.known[r];
    if (before === undefined) newlyKnown.push(r);
    else if (s !== before && before < bound) bound = before;
  }
  const byTs = bound === '' ? await t.toArray() : await t.where('_ts').above(bound).toArray();
  if (newlyKnown.length === 0) return byTs;
  const seen = new Set(byTs.map((r) => r.id));
  for (const r of await t.where('_r').anyOf(newlyKnown).toArray()) if (!seen.has(r.id)) byTs.push(r);
  return byTs;
}

/**
 * Dexie reports changed keys as a range tree (its RangeSet; a plain object once relayed between contexts):
 * nodes with `from`/`to` and children `l`/`r`.
 */
interface RangeNode {
  from?: unknown;
  to?: unknown;
  l?: RangeNode | null;
  r?: RangeNode | null;
}

function* rangesOf(node: RangeNode | null | undefined): Generator<{ from: unknown; to: unknown }> {
  if (!node || !('from' in node)) return;
  yield* rangesOf(node.l);
  yield { from: node.from, to: node.to };
  yield* rangesOf(node.r);
}

export interface ChangeNotice {
  dashboard: boolean;
  search: boolean;
  saved?: boolean;
}

export interface DerivedOptions {
  /** Name and replica of the base (a snapshot from another base is not used). */
  base: string;
  /** Delay before writing the snapshot after a change (ms). */
  saveDelayMs?: number;
  /** Called when the dashboard or the search state changed; `saved` when the snapshot on disk is current. */
  onChange?: (what: ChangeNotice) => void;
}

export class DerivedState {
  dashboard: DashboardState | null = null;
  search: SearchState | null = null;
  position: Position = { ts: '', known: {} };
  status: DerivedStatus = 'vide';
  /** What the last start did, for tests and the bench. */
  lastStart: { from: 'instantané' | 'reconstruction'; caughtUp: number; reason?: string } | null = null;
  private queue: Promise<void> = Promise.resolve();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribe: () => void;
  private dirtyIds = new Map<Watched, Set<string>>();
  private fullCatchUp = false;
  private closed = false;
  /** The dashboard state is current (snapshot caught up, or the rebuild's first phase done). */
  private dashboardReady = false;
  private searchReady = false;

  constructor(
    readonly db: AppDatabase,
    private readonly options: DerivedOptions,
  ) {
    // Every committed write to the base, from any page or worker of the origin (Dexie relays them by
    // BroadcastChannel), names the keys it changed.
    const listener = (parts: Record<string, unknown>) => this.noteMutations(parts);
    Dexie.on('storagemutated', listener);
    this.unsubscribe = () => Dexie.on('storagemutated').unsubscribe(listener);
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
  }

  /** Serialise the state's work: start, catch-ups and saves never interleave. */
  private run<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job);
    this.queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  private header(position: Position): SnapshotHeader {
    return { format: DERIVED_FORMAT, schema: CURRENT_SCHEMA_VERSION, base: this.options.base, position };
  }

  private trusted(h: SnapshotHeader | undefined): string | null {
    if (!h) return 'aucun instantané';
    if (h.format !== DERIVED_FORMAT) return `format ${h.format} (attendu ${DERIVED_FORMAT})`;
    if (h.schema !== CURRENT_SCHEMA_VERSION) return `schéma ${h.schema} (attendu ${CURRENT_SCHEMA_VERSION})`;
    if (h.base !== this.options.base) return 'instantané d’une autre base';
    return null;
  }

  /**
   * Load the dashboard's snapshot (one read), catch up, check: the dashboard is then available. Then the search
   * snapshot (larger), brought to the same position with the same records. Either is rebuilt when missing, stale
   * or inconsistent. Resolves once both are current.
   */
  start(): Promise<void> {
    return this.run(async () => {
      const d = ((await this.db.derived.get(DASHBOARD_KEY)) as { value: DashboardSnapshot } | undefined)?.value;
      const distrust = this.trusted(d);
      if (distrust) return this.rebuild(distrust);
      this.status = 'instantané';
      this.dashboard = d!.state;
      const from = d!.position;
      const now = await currentPosition(this.db);
      const changes = await this.readChanges(from, now);
      const recount = new Set<string>();
      for (const c of changes) applyDashboardRecord(this.dashboard, c.table, c.id, c.rec, recount);
      await recountSeats(this.db, this.dashboard.seats, recount);
      const wrongDashboard = await this.checkDashboard();
      if (wrongDashboard) return this.rebuild(wrongDashboard);
      this.dashboardReady = true;
      this.options.onChange?.({ dashboard: true, search: false });

      const s = ((await this.db.derived.get(SEARCH_KEY)) as { value: SearchStateSnapshot } | undefined)?.value;
      const distrustSearch = this.trusted(s) ?? (s!.position.ts !== from.ts || JSON.stringify(s!.position.known) !== JSON.stringify(from.known) ? 'instantanés de positions différentes' : null);
      if (distrustSearch) return this.rebuildSearch(distrustSearch, now, changes.length);
      this.search = { partners: s!.partners, conventions: s!.conventions, index: SearchIndex.fromSnapshot(s!.docs) };
      await applySearchRecords(this.db, this.search, changes);
      const wrongSearch = await this.checkSearch();
      if (wrongSearch) return this.rebuildSearch(wrongSearch, now, changes.length);
      this.position = now;
      this.lastStart = { from: 'instantané', caughtUp: changes.length };
      this.status = 'à jour';
      this.searchReady = true;
      // Nothing to catch up: the snapshot on disk is current (`saved`), as after a write.
      this.options.onChange?.({ dashboard: true, search: true, saved: changes.length === 0 });
      if (changes.length > 0) this.scheduleSave();
    });
  }

  private async readChanges(from: Position, now: Position): Promise<{ table: Watched; id: string; rec: CrdtRecord | undefined }[]> {
    const changes: { table: Watched; id: string; rec: CrdtRecord | undefined }[] = [];
    for (const table of WATCHED) for (const rec of await changedSince(this.db, table, from, now)) changes.push({ table, id: rec.id, rec });
    return changes;
  }

  /** Everything stamped since the position (see changedSince); returns how many records were applied. */
  private async catchUp(): Promise<number> {
    const now = await currentPosition(this.db);
    const changes = await this.readChanges(this.position, now);
    const recount = new Set<string>();
    for (const c of changes) applyDashboardRecord(this.dashboard!, c.table, c.id, c.rec, recount);
    await recountSeats(this.db, this.dashboard!.seats, recount);
    await applySearchRecords(this.db, this.search!, changes);
    this.position = now;
    return changes.length;
  }

  /** The search state alone from the tables (the dashboard is current at `position`). */
  private async rebuildSearch(reason: string, position: Position, caughtUp: number): Promise<void> {
    this.status = 'reconstruction';
    this.search = await buildSearchStateFromDb(this.db);
    this.position = position;
    await this.catchUp();
    this.lastStart = { from: 'reconstruction', caughtUp, reason: `recherche : ${reason}` };
    this.status = 'à jour';
    this.searchReady = true;
    this.options.onChange?.({ dashboard: true, search: true });
    await this.save();
  }

  private async check(): Promise<string | null> {
    return (await this.checkDashboard()) ?? (await this.checkSearch());
  }

  /** Counts from index keys against the state: a difference means the snapshot cannot be trusted. */
  private async checkDashboard(): Promise<string | null> {
    const db = this.db;
    const [partners, conventions, allocations, seats] = await Promise.all([
      db.partners.where('_deleted').equals(0).count(),
      db.conventions.where('_deleted').equals(0).count(),
      db.allocations.where('_deleted').equals(0).count(),
      totalSeats(db),
    ]);
    const d = this.dashboard!;
    const sum = [...d.seats.values()].reduce((a, b) => a + b, 0);
    const wrong: string[] = [];
    if (partners !== d.partners.size) wrong.push('partenaires');
    if (conventions !== d.conventions.size) wrong.push('conventions');
    if (allocations !== d.allocations.size) wrong.push('nombres autorisés');
    if (seats !== sum) wrong.push('places occupées');
    return wrong.length ? `comptes différents : ${wrong.join(', ')}` : null;
  }

  private async checkSearch(): Promise<string | null> {
    const db = this.db;
    const [partners, conventions, contacts, habilitations] = await Promise.all([
      db.partners.where('_deleted').equals(0).count(),
      db.conventions.where('_deleted').equals(0).count(),
      db.contacts.where('_deleted').equals(0).count(),
      db.habilitations.where('_deleted').equals(0).count(),
    ]);
    const s = this.search!;
    const wrong: string[] = [];
    if (partners !== s.index.count('partner') || partners !== s.partners.size) wrong.push('partenaires');
    if (conventions !== s.conventions.size) wrong.push('conventions');
    if (contacts !== s.index.count('contact')) wrong.push('interlocuteurs');
    if (habilitations !== s.index.count('habilitation')) wrong.push('habilitations');
    return wrong.length ? `comptes différents : ${wrong.join(', ')}` : null;
  }

  /** From the tables: the dashboard first (cheap), then the search index; both saved once built. */
  private async rebuild(reason: string): Promise<void> {
    this.status = 'reconstruction';
    this.dashboardReady = this.searchReady = false;
    const position = await currentPosition(this.db);
    this.dashboard = await buildDashboardState(this.db);
    this.dashboardReady = true;
    this.options.onChange?.({ dashboard: true, search: false });
    this.search = await buildSearchStateFromDb(this.db);
    this.position = position;
    // Writes committed while rebuilding: caught up from the position read before the first read.
    await this.catchUp();
    this.lastStart = { from: 'reconstruction', caughtUp: 0, reason };
    this.status = 'à jour';
    this.searchReady = true;
    this.options.onChange?.({ dashboard: true, search: true });
    await this.save();
  }

  private noteMutations(parts: Record<string, unknown>): void {
    if (this.closed || this.status === 'vide') return;
    const prefix = `idb://${this.db.name}/`;
    let any = false;
    for (const [part, set] of Object.entries(parts)) {
      if (part === 'all') {
        this.fullCatchUp = true;
        any = true;
        continue;
      }
      if (!part.startsWith(prefix)) continue;
      const [table, index] = part.slice(prefix.length).split('/');
      if (index !== '' || !(WATCHED as readonly string[]).includes(table!)) continue;
      const ids = this.dirtyIds.get(table as Watched) ?? new Set<string>();
      this.dirtyIds.set(table as Watched, ids);
      any = true;
      for (const range of rangesOf(set as RangeNode)) {
        if (range.from === range.to && typeof range.from === 'string') ids.add(range.from);
        else this.fullCatchUp = true; // a range (bulk write, clear): read what the stamps say changed
      }
      if (ids.size > REBUILD_ABOVE) this.fullCatchUp = true;
    }
    if (any) void this.run(() => this.applyPending());
  }

  private async applyPending(): Promise<void> {
    if (this.closed || !this.dashboard || !this.search) return;
    const dirty = this.dirtyIds;
    const full = this.fullCatchUp;
    this.dirtyIds = new Map();
    this.fullCatchUp = false;
    if (dirty.size === 0 && !full) return;
    const total = [...dirty.values()].reduce((n, s) => n + s.size, 0);
    if (full || total > REBUILD_ABOVE) {
      await this.catchUp();
      if (await this.check()) await this.rebuild('grande modification');
    } else {
      const recount = new Set<string>();
      const changes: { table: Watched; id: string; rec: CrdtRecord | undefined }[] = [];
      for (const [table, ids] of dirty) {
        const list = [...ids];
        const recs = await this.db.table<CrdtRecord, string>(table).bulkGet(list);
        list.forEach((id, i) => {
          applyDashboardRecord(this.dashboard!, table, id, recs[i], recount);
          changes.push({ table, id, rec: recs[i] });
        });
      }
      await recountSeats(this.db, this.dashboard.seats, recount);
      await applySearchRecords(this.db, this.search, changes);
      // The position stays where the last catch-up left it: another write may have committed whose notice has
      // not arrived yet. The next start reads these records again (applying a record twice changes nothing).
    }
    this.options.onChange?.({ dashboard: true, search: true });
    this.scheduleSave();
  }

  private scheduleSave(): void {
    if (this.closed) return;
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.run(() => this.save());
    }, this.options.saveDelayMs ?? 2000);
  }

  /** Both rows in one transaction: a crash leaves the previous snapshot or this one, never a mix. */
  async save(test?: { beforeCommit?: () => Promise<void> }): Promise<void> {
    if (!this.dashboard || !this.search || this.closed) return;
    const h = this.header(this.position);
    const dash: DashboardSnapshot = { ...h, state: this.dashboard };
    const search: SearchStateSnapshot = { ...h, partners: this.search.partners, conventions: this.search.conventions, docs: this.search.index.snapshot() };
    await this.db.transaction('rw', this.db.derived, async () => {
      await this.db.derived.bulkPut([
        { key: DASHBOARD_KEY, value: dash },
        { key: SEARCH_KEY, value: search },
      ]);
      // Tests interrupt the write here, as a page closing before the commit would.
      await test?.beforeCommit?.();
    });
    this.options.onChange?.({ dashboard: false, search: false, saved: true });
  }

  /** Wait for every queued catch-up and save. */
  async idle(): Promise<void> {
    await this.queue;
  }

  computeDashboard(today: string): Dashboard | null {
    return this.dashboard && this.dashboardReady ? computeDashboard(dashboardInput(this.dashboard), today) : null;
  }

  searchFor(query: string, perGroup: number): SearchResult | null {
    return this.search && this.searchReady ? this.search.index.search(query, perGroup) : null;
  }
}
