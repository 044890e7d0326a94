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
import type { AppDatabase } from '../db/database';
import type { DerivedCounts } from './api';
import { CURRENT_SCHEMA_VERSION } from '../db/schema';
import { computeDashboard, countSeats, dashboardConvention, dashboardView, pendingSuppressionRows, type Dashboard, type DashboardView } from '../features/dashboard/dashboardData';
import { dayAfter, todayIso } from '../../shared/rules/dates';
import {
  applyDashboardRecord,
  checkDashboard,
  currentPosition,
  DASHBOARD_KEY,
  DASHBOARD_VIEW_KEY,
  SAVED_VIEW_DAYS,
  decodeDashboardState,
  encodeDashboardState,
  dashboardInput,
  DERIVED_FORMAT,
  distrust,
  emptyDashboardState,
  liveCount,
  readChanges,
  recountSeats,
  SEARCH_KEY,
  WATCHED,
  type CaughtUpDashboard,
  type Change,
  type DashboardSnapshot,
  type DashboardState,
  type DashboardViewSnapshot,
  type Position,
  type SnapshotHeader,
  type Watched,
} from './dashboardState';

export { applyDashboardRecord, changedSince, DASHBOARD_KEY, DERIVED_FORMAT, SEARCH_KEY, WATCHED, type DashboardState, type Position, type Watched } from './dashboardState';

/** Above this many records changed in one notification, catching up is replaced by a rebuild. */
export const REBUILD_ABOVE = 20_000;

export interface SearchState {
  partners: Map<string, PartnerFields>;
  /** Convention id → partner and number (numbers are searched on the partner's line). */
  conventions: Map<string, { partnerId: string; number: string }>;
  index: SearchIndex;
}

interface SearchStateSnapshot extends SnapshotHeader {
  partners: Map<string, PartnerFields>;
  conventions: Map<string, { partnerId: string; number: string }>;
  docs: SearchSnapshot;
}

export type DerivedStatus = 'vide' | 'instantané' | 'reconstruction' | 'à jour';

const live = (r: CrdtRecord | undefined): r is CrdtRecord => !!r && r._deleted === 0;

/** The raw IndexedDB database under a Dexie connection, for the reads shared with the worker's first chunk. */
async function backend(db: AppDatabase): Promise<IDBDatabase> {
  // Dexie closes on another connection's schema upgrade and reopens on its next call; raw reads need it open.
  if (!db.isOpen()) await db.open();
  return db.backendDB();
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
    pendingSuppressionRows(db),
    countSeats(db),
  ]);
  const s = emptyDashboardState();
  for (const p of partners) applyDashboardRecord(s, 'partners', p.id, p, new Set());
  for (const c of conventions) s.conventions.set(c.id, dashboardConvention(c));
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

  /**
   * Load the dashboard's snapshot (one read), catch up, check: the dashboard is then available. Then the search
   * snapshot (larger), brought to the same position with the same records. Either is rebuilt when missing, stale
   * or inconsistent. Resolves once both are current.
   *
   * `preloaded`: the dashboard the worker's first chunk already caught up (dashboardState.ts): not read again;
   * what was committed since it read the position is caught up here (this object's listener was not there yet).
   */
  start(preloaded?: CaughtUpDashboard): Promise<void> {
    return this.run(async () => {
      let from: Position;
      let now: Position;
      let changes: Change[];
      if (preloaded) {
        this.status = 'instantané';
        this.dashboard = preloaded.state;
        from = preloaded.from;
        now = await currentPosition(await backend(this.db));
        const later = await readChanges(await backend(this.db), preloaded.now, now);
        changes = [...preloaded.changes, ...later];
        // The first stage caught up without checking (its seat total included): both are checked here, after the
        // first screen. The partners its own catch-up touched are recounted with their total.
        const touched = this.applyToDashboard(later);
        for (const c of preloaded.changes) if (c.table === 'habilitations' && c.rec?.partnerId) touched.add(c.rec.partnerId as string);
        await recountSeats(await backend(this.db), this.dashboard.seats, touched, () => countSeats(this.db));
        const wrong = await checkDashboard(await backend(this.db), this.dashboard);
        if (wrong) return this.rebuild(wrong);
      } else {
        const d = ((await this.db.derived.get(DASHBOARD_KEY)) as { value: DashboardSnapshot } | undefined)?.value;
        const why = distrust(d, this.options.base, CURRENT_SCHEMA_VERSION);
        if (why) return this.rebuild(why);
        let state: DashboardState;
        try {
          state = decodeDashboardState(d!.state);
        } catch {
          return this.rebuild('instantané du tableau de bord illisible');
        }
        this.status = 'instantané';
        this.dashboard = state;
        from = d!.position;
        now = await currentPosition(await backend(this.db));
        changes = await readChanges(await backend(this.db), from, now);
        await this.recount(changes);
        const wrongDashboard = await checkDashboard(await backend(this.db), this.dashboard);
        if (wrongDashboard) return this.rebuild(wrongDashboard);
      }
      this.dashboardReady = true;
      this.options.onChange?.({ dashboard: true, search: false });

      const s = ((await this.db.derived.get(SEARCH_KEY)) as { value: SearchStateSnapshot } | undefined)?.value;
      const distrustSearch =
        distrust(s, this.options.base, CURRENT_SCHEMA_VERSION) ?? (s!.position.ts !== from.ts || JSON.stringify(s!.position.known) !== JSON.stringify(from.known) ? 'instantanés de positions différentes' : null);
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

  /** Records into the dashboard state, then the seats of the partners they touch (see recountSeats). */
  private async recount(changes: readonly Change[]): Promise<void> {
    const partners = this.applyToDashboard(changes);
    await recountSeats(await backend(this.db), this.dashboard!.seats, partners, () => countSeats(this.db));
  }

  private applyToDashboard(changes: readonly Change[]): Set<string> {
    const partners = new Set<string>();
    for (const c of changes) applyDashboardRecord(this.dashboard!, c.table, c.id, c.rec, partners);
    return partners;
  }

  /** Everything stamped since the position (see changedSince); returns how many records were applied. */
  private async catchUp(): Promise<number> {
    const now = await currentPosition(await backend(this.db));
    const changes = await readChanges(await backend(this.db), this.position, now);
    await this.recount(changes);
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
    return (await checkDashboard(await backend(this.db), this.dashboard!)) ?? (await this.checkSearch());
  }

  private async checkSearch(): Promise<string | null> {
    const idb = await backend(this.db);
    const [partners, conventions, contacts, habilitations] = await Promise.all([liveCount(idb, 'partners'), liveCount(idb, 'conventions'), liveCount(idb, 'contacts'), liveCount(idb, 'habilitations')]);
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
    const position = await currentPosition(await backend(this.db));
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
      const changes: Change[] = [];
      for (const [table, ids] of dirty) {
        const list = [...ids];
        const recs = await this.db.table<CrdtRecord, string>(table).bulkGet(list);
        list.forEach((id, i) => changes.push({ table, id, rec: recs[i] }));
      }
      await this.recount(changes);
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
    const dash: DashboardSnapshot = { ...h, state: encodeDashboardState(this.dashboard) };
    const search: SearchStateSnapshot = { ...h, partners: this.search.partners, conventions: this.search.conventions, docs: this.search.index.snapshot() };
    // The cards of today and the next days too: the next start shows them at once when nothing was written since.
    const input = dashboardInput(this.dashboard);
    const days: Record<string, DashboardView> = {};
    for (let i = 0, day = todayIso(); i < SAVED_VIEW_DAYS; i++, day = dayAfter(day)) days[day] = dashboardView(computeDashboard(input, day));
    const view: DashboardViewSnapshot = { ...h, days };
    await this.db.transaction('rw', this.db.derived, async () => {
      await this.db.derived.bulkPut([
        { key: DASHBOARD_KEY, value: dash },
        { key: SEARCH_KEY, value: search },
        { key: DASHBOARD_VIEW_KEY, value: view },
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

  counts(): DerivedCounts | null {
    if (!this.search || !this.searchReady) return null;
    const i = this.search.index;
    return { partner: i.count('partner'), contact: i.count('contact'), habilitation: i.count('habilitation') };
  }

  searchFor(query: string, perGroup: number): SearchResult | null {
    return this.search && this.searchReady ? this.search.index.search(query, perGroup) : null;
  }
}
