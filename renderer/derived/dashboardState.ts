/**
 * The dashboard's part of the derived state, read with plain IndexedDB (no Dexie, no zod): the derived-state
 * worker's first chunk answers the dashboard with this alone — the snapshot in one read, caught up through the
 * `_ts` index, seats recounted and counts checked from index keys — and loads the rest (Dexie, the search index,
 * rebuilds, live updates, saves: derivedState.ts) only after the first screen. derivedState.ts uses the same
 * reads on its Dexie connection's database (`db.backendDB()`), so both paths read the base one way.
 */
import { dataOf, type CrdtRecord } from '../../shared/crdt/record';
import type { Allocation, Habilitation } from '../../shared/domain/habilitation';
import type { Contact } from '../../shared/domain/contact';
import type { Convention } from '../../shared/domain/convention';
import type { Partner } from '../../shared/domain/partner';
import type { VersionVector } from '../../shared/sync/vector';
import { dashboardConvention, SEAT_INDEX, seatKey, type DashboardConvention, type DashboardInput, type DashboardView } from '../features/dashboard/dashboardData';
import { openExisting, request, store } from './idb';

export { openExisting };

/** Bump when the shape of a snapshot or what it holds changes: older snapshots are then rebuilt. */
export const DERIVED_FORMAT = 3; // 2: conventions kept as the lists read them (DashboardConvention); 3: state as JSON text
export const DASHBOARD_KEY = 'dashboard';
export const SEARCH_KEY = 'search';
/** The dashboard's cards as last saved, for the day they were computed for (see storedDashboardView). */
export const DASHBOARD_VIEW_KEY = 'dashboard:view';
/** Same key as renderer/sync/engine.ts (not imported: the worker would carry the bundle code). */
const KNOWN_VECTOR_KEY = 'sync.knownVector';

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
  conventions: Map<string, DashboardConvention>;
  contacts: Map<string, ContactRoles>;
  allocations: Map<string, Allocation>;
  pending: Map<string, Pending>;
  seats: Map<string, number>;
}

export interface SnapshotHeader {
  format: number;
  schema: number;
  /** The base's name and replica: a snapshot copied from elsewhere is not trusted. */
  base: string;
  position: Position;
}

/**
 * The dashboard state as stored: one JSON text. IndexedDB hands back one string far faster than the ~66,000
 * small objects of the stress set's state as structured clones (the read every start waits for).
 */
export interface DashboardSnapshot extends SnapshotHeader {
  state: string;
}

interface StoredDashboardState {
  partners: PartnerLine[];
  conventions: DashboardConvention[];
  contacts: [string, ContactRoles][];
  allocations: Allocation[];
  pending: Pending[];
  seats: [string, number][];
}

export function encodeDashboardState(s: DashboardState): string {
  const stored: StoredDashboardState = {
    partners: [...s.partners.values()],
    conventions: [...s.conventions.values()],
    contacts: [...s.contacts],
    allocations: [...s.allocations.values()],
    pending: [...s.pending.values()],
    seats: [...s.seats],
  };
  return JSON.stringify(stored);
}

/** The state back from its text; throws on a text that is not one (then the state is rebuilt). */
export function decodeDashboardState(text: unknown): DashboardState {
  if (typeof text !== 'string') throw new Error('instantané du tableau de bord illisible');
  const d = JSON.parse(text) as StoredDashboardState;
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r] as const));
  return { partners: byId(d.partners), conventions: byId(d.conventions), contacts: new Map(d.contacts), allocations: byId(d.allocations), pending: byId(d.pending), seats: new Map(d.seats) };
}

export interface Change {
  table: Watched;
  id: string;
  rec: CrdtRecord | undefined;
}

/** Why a snapshot cannot be used (null: it can), for the base `base` at Dexie schema `schema`. */
export function distrust(h: SnapshotHeader | undefined, base: string, schema: number): string | null {
  if (!h) return 'aucun instantané';
  if (h.format !== DERIVED_FORMAT) return `format ${h.format} (attendu ${DERIVED_FORMAT})`;
  if (h.schema !== schema) return `schéma ${h.schema} (attendu ${schema})`;
  if (h.base !== base) return 'instantané d’une autre base';
  return null;
}

const live = (r: CrdtRecord | undefined): r is CrdtRecord => !!r && r._deleted === 0;

export function emptyDashboardState(): DashboardState {
  return { partners: new Map(), conventions: new Map(), contacts: new Map(), allocations: new Map(), pending: new Map(), seats: new Map() };
}

/** One record into the dashboard state; adds to `recount` the partners whose seats must be recounted. */
export function applyDashboardRecord(s: DashboardState, table: Watched, id: string, rec: CrdtRecord | undefined, recount: Set<string>): void {
  const on = live(rec);
  switch (table) {
    case 'partners':
      if (on) s.partners.set(id, { id, name: rec.name as string, status: rec.status as Partner['status'] });
      else s.partners.delete(id);
      break;
    case 'conventions':
      if (on) s.conventions.set(id, dashboardConvention(dataOf<Convention>(rec)));
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

/* Plain IndexedDB reads. Dexie names an index by its key path (`_ts`, `[a+b]`; `*_r` is the multi-entry `_r`). */

/** The installed Dexie schema version (Dexie opens IndexedDB at version × 10). */
export const schemaOf = (idb: IDBDatabase) => Math.round(idb.version / 10);

export async function readDerived<T>(idb: IDBDatabase, key: string): Promise<T | undefined> {
  return ((await request(store(idb, 'derived').get(key))) as { value: T } | undefined)?.value;
}

/** Greatest `_ts` of the watched tables and the known vector, in one read transaction (index keys only). */
export async function currentPosition(idb: IDBDatabase): Promise<Position> {
  const tx = idb.transaction([...WATCHED, 'meta'], 'readonly');
  const lasts = WATCHED.map(
    (t) =>
      new Promise<string | undefined>((resolve, reject) => {
        const r = tx.objectStore(t).index('_ts').openKeyCursor(null, 'prev');
        r.onsuccess = () => resolve(r.result?.key as string | undefined);
        r.onerror = () => reject(r.error);
      }),
  );
  const known = request(tx.objectStore('meta').get(KNOWN_VECTOR_KEY));
  let ts = '';
  for (const k of await Promise.all(lasts)) if (k && k > ts) ts = k;
  const v = ((await known) as { value?: unknown } | undefined)?.value;
  return { ts, known: v && typeof v === 'object' ? { ...(v as VersionVector) } : {} };
}

/**
 * Records of a table possibly changed since `from`: stamped after its `ts`, plus — when an import has moved the
 * known vector — those holding stamps of a replica above its former entry, or of replicas it did not list.
 */
export async function changedSince(idb: IDBDatabase, table: Watched, from: Position, now: Position): Promise<CrdtRecord[]> {
  let bound = from.ts;
  const newlyKnown: string[] = [];
  for (const [r, s] of Object.entries(now.known)) {
    const before = from.known[r];
    if (before === undefined) newlyKnown.push(r);
    else if (s !== before && before < bound) bound = before;
  }
  const s = store(idb, table);
  const byTs = (await request(bound === '' ? s.getAll() : s.index('_ts').getAll(IDBKeyRange.lowerBound(bound, true)))) as CrdtRecord[];
  if (newlyKnown.length === 0) return byTs;
  const seen = new Set(byTs.map((r) => r.id));
  for (const r of newlyKnown) {
    for (const rec of (await request(store(idb, table).index('_r').getAll(IDBKeyRange.only(r)))) as CrdtRecord[]) {
      if (!seen.has(rec.id)) {
        seen.add(rec.id);
        byTs.push(rec);
      }
    }
  }
  return byTs;
}

export async function readChanges(idb: IDBDatabase, from: Position, now: Position): Promise<Change[]> {
  const changes: Change[] = [];
  for (const table of WATCHED) for (const rec of await changedSince(idb, table, from, now)) changes.push({ table, id: rec.id, rec });
  return changes;
}

const SEAT_STATUSES = ['active', 'suppression-demandee'] as const;

/** Seats of one partner, from the seat index keys of its ranges alone. */
function partnerSeatKeys(idb: IDBDatabase, partnerId: string): Promise<[number, string, string, string, string][]> {
  const index = store(idb, 'habilitations').index(SEAT_INDEX);
  return Promise.all(
    SEAT_STATUSES.map(
      (status) =>
        new Promise<[number, string, string, string, string][]>((resolve, reject) => {
          const keys: [number, string, string, string, string][] = [];
          // [0, status, partnerId] sorts before every longer key with that prefix, and an array part ([]) after any string.
          const r = index.openKeyCursor(IDBKeyRange.bound([0, status, partnerId], [0, status, partnerId, []]));
          r.onsuccess = () => {
            const c = r.result;
            if (!c) return resolve(keys);
            keys.push(c.key as [number, string, string, string, string]);
            c.continue();
          };
          r.onerror = () => reject(r.error);
        }),
    ),
  ).then((parts) => parts.flat());
}

export async function totalSeats(idb: IDBDatabase): Promise<number> {
  const index = store(idb, 'habilitations').index(SEAT_INDEX);
  const counts = await Promise.all(SEAT_STATUSES.map((status) => request(index.count(IDBKeyRange.bound([0, status], [0, status, []])))));
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * Seats of some partners again, from the seat index keys of their ranges alone. A habilitation that moved to
 * another partner leaves its former partner counted too high (the record no longer says where it was): the
 * total then exceeds the index's, and `recountAll` counts every seat again.
 */
export async function recountSeats(
  idb: IDBDatabase,
  seats: Map<string, number>,
  partnerIds: ReadonlySet<string>,
  recountAll: () => Promise<Map<string, number>>,
  { checkTotal = true }: { checkTotal?: boolean } = {},
): Promise<void> {
  if (partnerIds.size === 0) return;
  for (const key of [...seats.keys()]) if (partnerIds.has(key.slice(0, key.indexOf('|')))) seats.delete(key);
  for (const partnerId of partnerIds) {
    for (const [, , p, service, profile] of await partnerSeatKeys(idb, partnerId)) {
      const k = seatKey(p, service, profile);
      seats.set(k, (seats.get(k) ?? 0) + 1);
    }
  }
  // The total is counted over the whole seat index (IndexedDB counts key by key): the first stage leaves it to
  // the full state's check, after the first screen.
  if (!checkTotal) return;
  let sum = 0;
  for (const n of seats.values()) sum += n;
  if (sum !== (await totalSeats(idb))) {
    const fresh = await recountAll();
    seats.clear();
    for (const [k, n] of fresh) seats.set(k, n);
  }
}

/** Live (not deleted) records of a table, from the `_deleted` index's keys. */
export const liveCount = (idb: IDBDatabase, table: string) => request(store(idb, table).index('_deleted').count(IDBKeyRange.only(0)));

/** Counts from index keys against the state: a difference means the snapshot cannot be trusted. */
export async function checkDashboard(idb: IDBDatabase, d: DashboardState): Promise<string | null> {
  const [partners, conventions, allocations, seats] = await Promise.all([liveCount(idb, 'partners'), liveCount(idb, 'conventions'), liveCount(idb, 'allocations'), totalSeats(idb)]);
  let sum = 0;
  for (const n of d.seats.values()) sum += n;
  const wrong: string[] = [];
  if (partners !== d.partners.size) wrong.push('partenaires');
  if (conventions !== d.conventions.size) wrong.push('conventions');
  if (allocations !== d.allocations.size) wrong.push('nombres autorisés');
  if (seats !== sum) wrong.push('places occupées');
  return wrong.length ? `comptes différents : ${wrong.join(', ')}` : null;
}

/** Days the cards are saved for: today and the next ones, so that a start the next morning (or after a weekend) finds its own. */
export const SAVED_VIEW_DAYS = 4;

/** The cards the page shows (counts and first lines) as saved with the snapshot, at its position, per day. */
export interface DashboardViewSnapshot extends SnapshotHeader {
  days: Record<string, DashboardView>;
}

/**
 * The saved cards for `today`, if nothing was written since they were computed: the first screen then needs
 * neither the state's text (≈ 8 MB on the stress set) nor its lists. Otherwise null (the caller catches the
 * snapshot up). Written in the snapshot's transaction (derivedState.ts `save`), so it is of the same position; a
 * record stamped since, or an import that moved the known vector, makes `readChanges` non-empty.
 */
export async function storedDashboardView(idb: IDBDatabase, schema: number, today: string): Promise<{ view: DashboardView; today: string; now: Position; snapshotBase: string } | null> {
  const v = await readDerived<DashboardViewSnapshot>(idb, DASHBOARD_VIEW_KEY);
  const view = v?.days && Object.hasOwn(v.days, today) ? v.days[today] : undefined;
  if (distrust(v, v?.base ?? '', schema) || !view) return null;
  const now = await currentPosition(idb);
  if ((await readChanges(idb, v!.position, now)).length > 0) return null;
  return { view, today, now, snapshotBase: v!.base };
}

/** A dashboard brought to the base's current position from its snapshot, and the records read to get there. */
export interface CaughtUpDashboard {
  state: DashboardState;
  /** The snapshot's position (the search snapshot must be at the same one). */
  from: Position;
  now: Position;
  changes: Change[];
}

/**
 * The dashboard state from its snapshot, caught up, or why it cannot be used (then the state is rebuilt with
 * Dexie). It is not checked here: IndexedDB counts an index range key by key, and the counts of `checkDashboard`
 * cost over a second on the stress set — more than everything else the first screen waits for. The full state
 * (derivedState.ts, loaded once the first screen is shown) checks them, and the seat total, in the background and
 * rebuilds — the dashboard then updates — when they disagree. A snapshot that is consistent by position but not by
 * content (a case no known path produces: every write is stamped, deletions included) may thus show for the
 * second or two that check takes. `base` may be unknown yet (the worker starts reading before the page has opened
 * the base): the caller then checks `snapshotBase` itself.
 */
export async function caughtUpDashboard(idb: IDBDatabase, base: string | null, schema: number): Promise<(CaughtUpDashboard & { snapshotBase: string }) | string> {
  const d = await readDerived<DashboardSnapshot>(idb, DASHBOARD_KEY);
  const why = distrust(d, base ?? d?.base ?? '', schema);
  if (why) return why;
  let state: DashboardState;
  try {
    state = decodeDashboardState(d!.state);
  } catch {
    return 'instantané du tableau de bord illisible';
  }
  const from = d!.position;
  const now = await currentPosition(idb);
  const changes = await readChanges(idb, from, now);
  const recount = new Set<string>();
  for (const c of changes) applyDashboardRecord(state, c.table, c.id, c.rec, recount);
  await recountSeats(idb, state.seats, recount, () => Promise.reject(new Error('jamais appelé')), { checkTotal: false });
  return { state, from, now, changes, snapshotBase: d!.base };
}
