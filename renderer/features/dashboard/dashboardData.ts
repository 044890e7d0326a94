/**
 * The dashboard's actionable lists, computed in one pass per collection. `computeDashboard` is pure (tested
 * under Node); `loadDashboard` reads what it needs from Dexie without decoding the 150,000 habilitations of
 * the stress set (seats come from index keys, only pending suppressions are read): it is the first screen,
 * so it must not wait for the search index's full read.
 */
import { addDays, addYears } from 'date-fns';
import type { ContactRole } from '../../../shared/domain/contact';
import { contactRoleLabels, endReasonLabels } from '../../../shared/domain/values';
import type { Allocation, Habilitation } from '../../../shared/domain/habilitation';
import type { Contact } from '../../../shared/domain/contact';
import type { Convention } from '../../../shared/domain/convention';
import type { Partner } from '../../../shared/domain/partner';
import { nextRenewal, reverseReviewNextDue } from '../../../shared/rules/convention';
import { dateOf, isoOf } from '../../../shared/rules/dates';
import { quotaState } from '../../../shared/rules/quota';
import { missingRequiredRoles } from '../../../shared/rules/requiredRoles';
import type { AppDatabase } from '../../db/database';
import type { CrdtRecord } from '../../../shared/crdt/record';
import { personName } from '../../../shared/rules/names';
import { fold } from '../../../shared/search/normalize';
import { RENEWAL_WINDOW_DAYS, REVIEW_WINDOW_DAYS } from './windows';

export { RENEWAL_WINDOW_DAYS, REVIEW_WINDOW_DAYS };

export interface DashboardLine {
  /** Stable key for React. */
  key: string;
  partnerId: string;
  partnerName: string;
  /** Partner page tab the line opens. */
  tab: string;
  /** What needs doing, in French. */
  detail: string;
  /** The date that matters (yyyy-MM-dd), for sorting and export. */
  date?: string;
  /** Line needs attention now (overdue, exceeded). */
  urgent?: boolean;
}

export interface Dashboard {
  renewals: DashboardLine[];
  reviews: DashboardLine[];
  quotas: DashboardLine[];
  missingRoles: DashboardLine[];
  suppressions: DashboardLine[];
}

/** What the lists read of a convention (the derived state keeps only this: its snapshot is read at every start). */
export type DashboardConvention = Pick<Convention, 'id' | 'partnerId' | 'number' | 'effectiveOn' | 'tacitRenewal' | 'terminationEffectiveOn' | 'reverseReviewLastDone' | 'reverseReviewNextDue'>;

export function dashboardConvention(c: Convention): DashboardConvention {
  const out: DashboardConvention = { id: c.id, partnerId: c.partnerId, number: c.number, tacitRenewal: c.tacitRenewal };
  // Absent fields stay absent (not `undefined`): a rebuilt state and a caught-up one compare equal.
  if (c.effectiveOn !== undefined) out.effectiveOn = c.effectiveOn;
  if (c.terminationEffectiveOn !== undefined) out.terminationEffectiveOn = c.terminationEffectiveOn;
  if (c.reverseReviewLastDone !== undefined) out.reverseReviewLastDone = c.reverseReviewLastDone;
  if (c.reverseReviewNextDue !== undefined) out.reverseReviewNextDue = c.reverseReviewNextDue;
  return out;
}

/** Lines of a card shown before « Tout afficher ». */
export const DASHBOARD_SHOWN = 25;

/** A card as the page first shows it: its counts and its first lines (the rest is asked for when wanted). */
export interface DashboardCardView {
  count: number;
  urgent: number;
  first: DashboardLine[];
}

/**
 * What the derived-state worker sends the page for the dashboard: ~125 lines, not the ~12,000 of the stress set
 * (each copied across the worker boundary, then held by the page, at every change).
 */
export type DashboardView = Record<keyof Dashboard, DashboardCardView>;

export const dashboardCards = ['renewals', 'reviews', 'quotas', 'missingRoles', 'suppressions'] as const satisfies readonly (keyof Dashboard)[];

export function dashboardView(d: Dashboard, shown = DASHBOARD_SHOWN): DashboardView {
  const card = (lines: DashboardLine[]): DashboardCardView => ({ count: lines.length, urgent: lines.reduce((n, l) => n + (l.urgent ? 1 : 0), 0), first: lines.slice(0, shown) });
  return { renewals: card(d.renewals), reviews: card(d.reviews), quotas: card(d.quotas), missingRoles: card(d.missingRoles), suppressions: card(d.suppressions) };
}

export interface DashboardInput {
  partners: readonly Pick<Partner, 'id' | 'name' | 'status'>[];
  conventions: readonly DashboardConvention[];
  contacts: readonly Pick<Contact, 'partnerId' | 'roles' | 'activeFrom' | 'activeUntil'>[];
  allocations: readonly Allocation[];
  /** Seats in use per `partnerId|service|profile` (active + suppression requested). */
  seats: ReadonlyMap<string, number>;
  pendingSuppressions: readonly Pick<Habilitation, 'id' | 'partnerId' | 'firstName' | 'lastName' | 'profile' | 'endOn' | 'endReason'>[];
}

export const seatKey = (partnerId: string, service: string, profile: string) => `${partnerId}|${service}|${profile}`;

/**
 * Names compared folded (no case, no accents: shared/search/normalize.ts), each name folded once: a collator's
 * compare cost most of the lists' time over the ~12,000 lines of the stress set, for the same order on names.
 */
const foldedNames = new Map<string, string>();
function nameKey(name: string): string {
  let k = foldedNames.get(name);
  if (k === undefined) {
    // Bounded: the partners' names of one base, plus what renames add over a long session.
    if (foldedNames.size > 100_000) foldedNames.clear();
    k = fold(name);
    foldedNames.set(name, k);
  }
  return k;
}
const byName = (a: string, b: string) => byIso(nameKey(a), nameKey(b));
const byIso = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/**
 * `yyyy-MM-dd` → `dd/MM/yyyy` by slicing: the same result as formatDate for stored dates, without date-fns'
 * parse/format, which cost tens of microseconds each over the ~10,000 lines of the stress set.
 */
export function formatDate(iso: string | undefined): string {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : (iso ?? '');
}

/** The same month-day in year `y` (string arithmetic; 29 February may land a day off, callers then check exactly). */
const sameDayIn = (iso: string, y: number) => `${String(y).padStart(4, '0')}${iso.slice(4, 10)}`;

// Ties end on the line's key, so a list does not depend on the order its records were read in.
const byDateThenName = (a: DashboardLine, b: DashboardLine) => byIso(a.date ?? '', b.date ?? '') || byName(a.partnerName, b.partnerName) || byIso(a.key, b.key);

type PartnerLookup = Pick<DashboardInput, 'partners'>;

type PartnerIndex = { active(id: string): boolean; name(id: string): string };
/** One index per partners list: the four lists of one computation share it. */
const partnerIndexes = new WeakMap<PartnerLookup['partners'], PartnerIndex>();

function partnerIndex(input: PartnerLookup): PartnerIndex {
  let index = partnerIndexes.get(input.partners);
  if (!index) {
    const partners = new Map(input.partners.map((p) => [p.id, p] as const));
    index = {
      active: (id: string) => partners.get(id)?.status === 'actif',
      name: (id: string) => partners.get(id)?.name ?? '(partenaire inconnu)',
    };
    partnerIndexes.set(input.partners, index);
  }
  return index;
}

/** Renewals / terminations and reverse reviews (partners + conventions). */
export function computeConventionLists(input: Pick<DashboardInput, 'partners' | 'conventions'>, today: string): Pick<Dashboard, 'renewals' | 'reviews'> {
  const t = isoOf(today);
  const horizon = isoOf(addDays(dateOf(t), RENEWAL_WINDOW_DAYS));
  const reviewHorizon = isoOf(addDays(dateOf(t), REVIEW_WINDOW_DAYS));
  const { active, name } = partnerIndex(input);
  const renewals: DashboardLine[] = [];
  const reviews: DashboardLine[] = [];
  for (const c of input.conventions) {
    if (!active(c.partnerId)) continue;
    const base = { partnerId: c.partnerId, partnerName: name(c.partnerId), tab: 'convention' };
    const number = c.number ? `Convention ${c.number}` : 'Convention';
    const ended = c.terminationEffectiveOn !== undefined && c.terminationEffectiveOn < t;
    if (ended) continue;
    if (c.terminationEffectiveOn && c.terminationEffectiveOn <= horizon) {
      renewals.push({ ...base, key: `fin-${c.id}`, date: c.terminationEffectiveOn, detail: `${number} : résiliation effective le ${formatDate(c.terminationEffectiveOn)}`, urgent: true });
    } else if (c.effectiveOn && c.tacitRenewal === false) {
      const anniversary = isoOf(addYears(dateOf(c.effectiveOn), 1));
      if (anniversary >= t && anniversary <= horizon) {
        renewals.push({ ...base, key: `fin-${c.id}`, date: anniversary, detail: `${number} : se termine le ${formatDate(anniversary)} (sans reconduction tacite)`, urgent: true });
      }
    } else if (c.effectiveOn) {
      // Cheap test first: is an anniversary of the effective date in the window at all?
      const y = Number(t.slice(0, 4));
      const plausible = c.effectiveOn.slice(5, 10) === '02-29' || [y, y + 1].some((year) => sameDayIn(c.effectiveOn!, year) >= t && sameDayIn(c.effectiveOn!, year) <= horizon);
      const next = plausible ? nextRenewal(c, t) : undefined;
      if (next && next <= horizon) renewals.push({ ...base, key: `renouv-${c.id}`, date: next, detail: `${number} : reconduction tacite le ${formatDate(next)}` });
    }
    // Last done + 1 year is far from the window unless its month-day is close: skip the date arithmetic then.
    const last = c.reverseReviewLastDone;
    const roughDue = last ? sameDayIn(last, Number(last.slice(0, 4)) + 1) : undefined;
    const due = roughDue && roughDue > reviewHorizon && last!.slice(5, 10) !== '02-29' ? undefined : reverseReviewNextDue(c);
    if (due && due <= reviewHorizon) {
      const late = due < t;
      reviews.push({
        ...base,
        key: `revue-${c.id}`,
        date: due,
        urgent: late,
        detail: `Revue inverse des habilitations ${late ? 'en retard depuis le' : 'à faire avant le'} ${formatDate(due)}${c.reverseReviewLastDone ? ` (dernière le ${formatDate(c.reverseReviewLastDone)})` : ''}`,
      });
    }
  }

  return { renewals: renewals.sort(byDateThenName), reviews: reviews.sort(byDateThenName) };
}

/** Quotas reached or exceeded (partners + allocations + seats in use). */
export function computeQuotas(input: Pick<DashboardInput, 'partners' | 'allocations' | 'seats'>): DashboardLine[] {
  const { active, name } = partnerIndex(input);
  const quotas: DashboardLine[] = [];
  const allocated = new Set<string>();
  for (const a of input.allocations) {
    const key = seatKey(a.partnerId, a.service, a.profile);
    allocated.add(key);
    if (!active(a.partnerId)) continue;
    const used = input.seats.get(key) ?? 0;
    const s = quotaState(a.maxUsers, used);
    if (s.level === 'atteint' || s.level === 'depasse') {
      quotas.push({
        key: `quota-${a.id}`,
        partnerId: a.partnerId,
        partnerName: name(a.partnerId),
        tab: 'habilitations',
        urgent: s.level === 'depasse',
        detail: `${a.service} ${a.profile} : ${used} habilitation${used > 1 ? 's' : ''} pour ${a.maxUsers} autorisée${a.maxUsers > 1 ? 's' : ''} — ${s.level === 'depasse' ? 'quota dépassé' : 'quota atteint'}`,
      });
    }
  }
  // Seats on a profile with no allocation at all exceed a quota of zero.
  for (const [key, used] of input.seats) {
    if (allocated.has(key) || used === 0) continue;
    const [partnerId = '', service = '', profile = ''] = key.split('|');
    if (!active(partnerId)) continue;
    quotas.push({ key: `quota-${key}`, partnerId, partnerName: name(partnerId), tab: 'habilitations', urgent: true, detail: `${service} ${profile} : ${used} habilitation${used > 1 ? 's' : ''} sur un profil non accordé — quota dépassé` });
  }
  quotas.sort((a, b) => Number(!!b.urgent) - Number(!!a.urgent) || byName(a.partnerName, b.partnerName) || byIso(a.detail, b.detail) || byIso(a.key, b.key));

  return quotas;
}

/** Active partners lacking a required role today (partners + contacts). */
export function computeMissingRoles(input: Pick<DashboardInput, 'partners' | 'contacts'>, today: string): DashboardLine[] {
  const t = isoOf(today);
  const contactsByPartner = new Map<string, DashboardInput['contacts'][number][]>();
  for (const c of input.contacts) {
    if (!c.partnerId) continue;
    const list = contactsByPartner.get(c.partnerId);
    if (list) list.push(c);
    else contactsByPartner.set(c.partnerId, [c]);
  }
  const missingRoles: DashboardLine[] = [];
  for (const p of input.partners) {
    if (p.status !== 'actif') continue;
    const missing: ContactRole[] = missingRequiredRoles(contactsByPartner.get(p.id) ?? [], t);
    if (missing.length) {
      missingRoles.push({ key: `roles-${p.id}`, partnerId: p.id, partnerName: p.name, tab: 'interlocuteurs', detail: `Manque : ${missing.map((r) => contactRoleLabels[r]).join(', ')}` });
    }
  }
  missingRoles.sort((a, b) => byName(a.partnerName, b.partnerName) || byIso(a.detail, b.detail) || byIso(a.key, b.key));

  return missingRoles;
}

/** Pending access suppressions (partners + pending habilitations). */
export function computeSuppressions(input: Pick<DashboardInput, 'partners' | 'pendingSuppressions'>): DashboardLine[] {
  const { active, name } = partnerIndex(input);
  return input.pendingSuppressions
    .filter((h) => active(h.partnerId))
    .map((h) => ({
      key: `supp-${h.id}`,
      partnerId: h.partnerId,
      partnerName: name(h.partnerId),
      tab: 'habilitations',
      ...(h.endOn ? { date: h.endOn } : {}),
      detail: `${personName(h)} (${h.profile})${h.endOn ? ` — à compter du ${formatDate(h.endOn)}` : ''}${h.endReason ? ` — ${endReasonLabels[h.endReason]}` : ''}`,
    }))
    .sort(byDateThenName);
}

export function computeDashboard(input: DashboardInput, today: string): Dashboard {
  return {
    ...computeConventionLists(input, today),
    quotas: computeQuotas(input),
    missingRoles: computeMissingRoles(input, today),
    suppressions: computeSuppressions(input),
  };
}

/** Index over which seats are counted from keys alone (schema version 2). */
export const SEAT_INDEX = '[_deleted+status+partnerId+service+profile]';

/**
 * Seats in use per partner × service × profile, from SEAT_INDEX alone (no record decoded), in one read
 * transaction and without a step per habilitation: a `nextunique` key cursor gives each combination once with
 * its first (lowest) primary key, and one `getAllKeys` gives the primary keys of the whole range in index order
 * (sorted by combination, then primary key). A combination's seats are the run of primary keys from its first
 * one to the next combination's. On the stress set this replaces a 140,000-step key cursor.
 */
export async function countSeats(db: AppDatabase): Promise<Map<string, number>> {
  return db.transaction('r', db.habilitations, async () => {
    const seats = new Map<string, number>();
    for (const status of ['active', 'suppression-demandee'] as const) {
      // [0, status] sorts before every longer key with that prefix, and an array part ([]) after any string.
      const range = () => db.habilitations.where(SEAT_INDEX).between([0, status], [0, status, []], true, true);
      const starts = new Map<unknown, string>();
      await range().eachUniqueKey((k, cursor) => {
        const [, , partnerId, service, profile] = k as unknown as [number, string, string, string, string];
        starts.set(cursor.primaryKey, seatKey(partnerId, service, profile));
      });
      const primaryKeys = await range().primaryKeys();
      let key: string | undefined;
      let run = 0;
      const flush = () => {
        if (key !== undefined && run > 0) seats.set(key, (seats.get(key) ?? 0) + run);
      };
      for (const pk of primaryKeys) {
        const next = starts.get(pk);
        if (next !== undefined) {
          flush();
          key = next;
          run = 0;
        }
        run++;
      }
      flush();
    }
    return seats;
  });
}

/*
 * Reads. Whole small tables are read with `table.toArray()` and filtered here rather than through the
 * `_deleted` index: inside a live query Dexie shares an identical query between subscribers (the five cards,
 * and the follow-up card's contact list), so each table is read from IndexedDB once. Records are used as they
 * are (no `dataOf` copy): the CRDT bookkeeping fields are simply ignored.
 */
type Row = { _deleted: 0 | 1 };
const live = <T>(rows: readonly Row[]) => rows.filter((r) => r._deleted === 0) as unknown as T[];

export async function readPartners(db: AppDatabase): Promise<DashboardInput['partners']> {
  return live<Pick<Partner, 'id' | 'name' | 'status'>>(await db.partners.toArray());
}

/** Live habilitations whose suppression is requested, read through SEAT_INDEX (schema 12 has no `status` index). */
export function pendingSuppressionRows(db: AppDatabase): Promise<CrdtRecord[]> {
  return db.habilitations.where(SEAT_INDEX).between([0, 'suppression-demandee'], [0, 'suppression-demandee', []], true, true).toArray();
}

async function readPending(db: AppDatabase): Promise<DashboardInput['pendingSuppressions']> {
  return live<Habilitation>(await pendingSuppressionRows(db));
}

export async function loadConventionLists(db: AppDatabase, today: string, partners?: DashboardInput['partners']): Promise<Pick<Dashboard, 'renewals' | 'reviews'>> {
  const [p, conventions] = await Promise.all([partners ?? readPartners(db), db.conventions.toArray()]);
  return computeConventionLists({ partners: p, conventions: live<Convention>(conventions) }, today);
}

export async function loadQuotas(db: AppDatabase, partners?: DashboardInput['partners']): Promise<DashboardLine[]> {
  const [p, allocations, seats] = await Promise.all([partners ?? readPartners(db), db.allocations.toArray(), countSeats(db)]);
  return computeQuotas({ partners: p, allocations: live<Allocation>(allocations), seats });
}

export async function loadMissingRoles(db: AppDatabase, today: string, partners?: DashboardInput['partners']): Promise<DashboardLine[]> {
  const [p, contacts] = await Promise.all([partners ?? readPartners(db), db.contacts.toArray()]);
  return computeMissingRoles({ partners: p, contacts: live<Contact>(contacts) }, today);
}

export async function loadSuppressions(db: AppDatabase, partners?: DashboardInput['partners']): Promise<DashboardLine[]> {
  const [p, pending] = await Promise.all([partners ?? readPartners(db), readPending(db)]);
  return computeSuppressions({ partners: p, pendingSuppressions: pending });
}

/**
 * Every list at once (tests, bench): the partners read once, the four card loaders in parallel. The page runs
 * the card loaders one live query each, so a card shows as soon as its own data is ready.
 */
export async function loadDashboard(db: AppDatabase, today: string): Promise<Dashboard> {
  const partners = await readPartners(db);
  const [conv, quotas, missingRoles, suppressions] = await Promise.all([
    loadConventionLists(db, today, partners),
    loadQuotas(db, partners),
    loadMissingRoles(db, today, partners),
    loadSuppressions(db, partners),
  ]);
  return { ...conv, quotas, missingRoles, suppressions };
}
