/**
 * The dashboard's actionable lists, computed in one pass per collection. `computeDashboard` is pure (tested
 * under Node); the page feeds it from the records mirror (features/search/searchService.ts), which reads the
 * 150,000 habilitations once per session instead of at every visit (reading them takes seconds).
 */
import { addDays, addYears } from 'date-fns';
import type { ContactRole } from '../../../shared/domain/contact';
import { contactRoleLabels } from '../../../shared/domain/contact';
import type { Allocation, Habilitation } from '../../../shared/domain/habilitation';
import { endReasonLabels } from '../../../shared/domain/habilitation';
import type { Contact } from '../../../shared/domain/contact';
import type { Convention } from '../../../shared/domain/convention';
import type { Partner } from '../../../shared/domain/partner';
import { nextRenewal, reverseReviewNextDue } from '../../../shared/rules/convention';
import { dateOf, formatDate, isoOf } from '../../../shared/rules/dates';
import { quotaState } from '../../../shared/rules/quota';
import { missingRequiredRoles } from '../../../shared/rules/requiredRoles';
import { seatKey, type RecordsMirror } from '../search/searchService';

export const RENEWAL_WINDOW_DAYS = 90;
export const REVIEW_WINDOW_DAYS = 30;

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

export interface DashboardInput {
  partners: readonly Pick<Partner, 'id' | 'name' | 'status'>[];
  conventions: readonly Convention[];
  contacts: readonly Pick<Contact, 'partnerId' | 'roles' | 'activeFrom' | 'activeUntil'>[];
  allocations: readonly Allocation[];
  /** Seats in use per `partnerId|service|profile` (active + suppression requested). */
  seats: ReadonlyMap<string, number>;
  pendingSuppressions: readonly Pick<Habilitation, 'id' | 'partnerId' | 'firstName' | 'lastName' | 'profile' | 'endOn' | 'endReason'>[];
}

export { seatKey };

const byDateThenName = (a: DashboardLine, b: DashboardLine) => (a.date ?? '').localeCompare(b.date ?? '') || a.partnerName.localeCompare(b.partnerName, 'fr');

export function computeDashboard(input: DashboardInput, today: string): Dashboard {
  const t = isoOf(today);
  const horizon = isoOf(addDays(dateOf(t), RENEWAL_WINDOW_DAYS));
  const reviewHorizon = isoOf(addDays(dateOf(t), REVIEW_WINDOW_DAYS));
  const partners = new Map(input.partners.map((p) => [p.id, p] as const));
  const active = (id: string) => partners.get(id)?.status === 'actif';
  const name = (id: string) => partners.get(id)?.name ?? '(partenaire inconnu)';

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
    } else {
      const next = nextRenewal(c, t);
      if (next && next <= horizon) renewals.push({ ...base, key: `renouv-${c.id}`, date: next, detail: `${number} : reconduction tacite le ${formatDate(next)}` });
    }
    const due = reverseReviewNextDue(c);
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
  quotas.sort((a, b) => Number(!!b.urgent) - Number(!!a.urgent) || a.partnerName.localeCompare(b.partnerName, 'fr'));

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
  missingRoles.sort((a, b) => a.partnerName.localeCompare(b.partnerName, 'fr'));

  const suppressions: DashboardLine[] = input.pendingSuppressions
    .filter((h) => active(h.partnerId))
    .map((h) => ({
      key: `supp-${h.id}`,
      partnerId: h.partnerId,
      partnerName: name(h.partnerId),
      tab: 'habilitations',
      ...(h.endOn ? { date: h.endOn } : {}),
      detail: `${h.firstName} ${h.lastName.toUpperCase()} (${h.profile})${h.endOn ? ` — à compter du ${formatDate(h.endOn)}` : ''}${h.endReason ? ` — ${endReasonLabels[h.endReason]}` : ''}`,
    }))
    .sort(byDateThenName);

  return { renewals: renewals.sort(byDateThenName), reviews: reviews.sort(byDateThenName), quotas, missingRoles, suppressions };
}

/** The dashboard from the in-memory mirror (loaded once, kept current): a single pass over each collection. */
export function dashboardFromMirror(m: RecordsMirror, today: string): Dashboard {
  return computeDashboard(
    {
      partners: [...m.partners.values()],
      conventions: [...m.conventions.values()],
      contacts: [...m.contacts.values()],
      allocations: [...m.allocations.values()],
      seats: m.seats,
      pendingSuppressions: [...m.pendingSuppressions.values()],
    },
    today,
  );
}
