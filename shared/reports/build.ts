/**
 * The five reports of the « Rapports » section, built from the records. Pure: the renderer reads the tables
 * and passes them; the tests pass the typical generated set and check every figure against the records.
 */
import { addDays, endOfWeek, startOfWeek } from 'date-fns';
import { profileByCode } from '../catalog/cdapProfiles';
import type { Allocation, Caf, Contact, Convention, EscalationChain, FollowUp, Habilitation, IssuedForm, Partner } from '../domain';
import { contactRoleLabels } from '../domain/contact';
import { managementModeLabels } from '../domain/convention';
import { endReasonLabels, endReasons, type EndReason } from '../domain/habilitation';
import { formTypes, type FormType } from '../domain/issuedForm';
import { partnerKindLabels } from '../domain/partner';
import type { Territory } from '../domain/common';
import { currentConvention } from '../forms/build';
import { conventionStatus, conventionStatusLabels, nextRenewal } from '../rules/convention';
import { formatDate, isoOf } from '../rules/dates';
import { contactName, followUpState, type FollowUpState } from '../rules/escalation';
import { holdsSeat } from '../rules/quota';
import { missingRequiredRoles } from '../rules/requiredRoles';
import { reportTitles, type Cell, type Report, type ReportId } from './model';

export interface ReportData {
  cafs: readonly Caf[];
  partners: readonly Partner[];
  conventions: readonly Convention[];
  contacts: readonly Contact[];
  allocations: readonly Allocation[];
  habilitations: readonly Habilitation[];
  followUps: readonly FollowUp[];
  chains: readonly EscalationChain[];
  issuedForms: readonly IssuedForm[];
}

export interface ReportFilters {
  /** undefined: every Caf of the base. */
  cafId?: string | undefined;
  /** The activity report's period, ISO dates, inclusive. */
  from?: string;
  to?: string;
}

export interface ReportClock {
  today: string;
  now: Date;
  /** Calendar used when a partner's Caf is unknown (the office Caf's). */
  territory: Territory;
}

/** Below this share of its seats a granted profile counts as « peu utilisé ». */
export const LOW_USE_RATIO = 0.2;

export const formTypeShortLabels: Record<FormType, string> = {
  'designation-administrateur': 'Désignation administrateur',
  'suppression-cdap': 'Suppression CDAP',
  'demande-habilitation': "Demande d'habilitation",
  'annexe1-interlocuteurs': 'Annexe 1',
  'bulletin-adhesion': "Bulletin d'adhésion",
  'fiche-escalade': "Fiche d'escalade",
};

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const profileOrder = (a: string, b: string) => (Number(a.replace(/\D/g, '')) || 0) - (Number(b.replace(/\D/g, '')) || 0) || a.localeCompare(b);
const pct = (n: number) => `${Math.round(n * 100)} %`;
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

function scope(data: ReportData, filters: ReportFilters) {
  const partners = data.partners.filter((p) => p.status === 'actif' && (!filters.cafId || p.cafId === filters.cafId)).sort((a, b) => collator.compare(a.name, b.name));
  const ids = new Set(partners.map((p) => p.id));
  return { partners, ids, byId: new Map(partners.map((p) => [p.id, p])) };
}

function cafFilter(data: ReportData, filters: ReportFilters): string {
  if (!filters.cafId) return data.cafs.length > 1 ? 'Caf : toutes' : `Caf : ${data.cafs[0]?.name ?? 'non renseignée'}`;
  return `Caf : ${data.cafs.find((c) => c.id === filters.cafId)?.name ?? filters.cafId}`;
}

function base(id: ReportId, data: ReportData, filters: ReportFilters, clock: ReportClock, extraFilters: string[] = []): Pick<Report, 'id' | 'title' | 'madeOn' | 'filters'> {
  return { id, title: reportTitles[id], madeOn: clock.today, filters: [cafFilter(data, filters), 'Partenaires actifs', ...extraFilters] };
}

function showCaf(data: ReportData, filters: ReportFilters): boolean {
  return !filters.cafId && data.cafs.length > 1;
}

function cafNames(data: ReportData): Map<string, string> {
  return new Map(data.cafs.map((c) => [c.id, c.name]));
}

// ---------------------------------------------------------------------------------------------------------------

export function partnersReport(data: ReportData, filters: ReportFilters, clock: ReportClock): Report {
  const { partners, ids } = scope(data, filters);
  const withCaf = showCaf(data, filters);
  const cafs = cafNames(data);
  const conventionsBy = new Map<string, Convention[]>();
  for (const c of data.conventions) if (ids.has(c.partnerId)) (conventionsBy.get(c.partnerId) ?? conventionsBy.set(c.partnerId, []).get(c.partnerId)!).push(c);
  const contactsBy = new Map<string, Contact[]>();
  for (const c of data.contacts) if (c.partnerId && ids.has(c.partnerId)) (contactsBy.get(c.partnerId) ?? contactsBy.set(c.partnerId, []).get(c.partnerId)!).push(c);
  const statusCount = new Map<string, number>();
  let incomplete = 0;
  const rows: Cell[][] = partners.map((p) => {
    const conv = currentConvention(conventionsBy.get(p.id) ?? [], p.id);
    const status = conventionStatusLabels[conventionStatus(conv, clock.today)];
    statusCount.set(status, (statusCount.get(status) ?? 0) + 1);
    const missing = missingRequiredRoles(contactsBy.get(p.id) ?? [], clock.today);
    if (missing.length) incomplete++;
    const renewal = nextRenewal(conv, clock.today);
    return [
      p.name,
      ...(withCaf ? [cafs.get(p.cafId) ?? ''] : []),
      partnerKindLabels[p.kind],
      conv?.number ?? '',
      conv ? status : 'Aucune convention',
      renewal ? formatDate(renewal) : '',
      conv ? managementModeLabels[conv.managementMode] : '',
      missing.map((r) => contactRoleLabels[r]).join(', '),
    ];
  });
  return {
    ...base('partenaires', data, filters, clock),
    summary: [
      plural(partners.length, 'partenaire', 'partenaires'),
      ...[...statusCount].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} : ${n.toLocaleString('fr-FR')}`),
      `Rôles obligatoires manquants : ${plural(incomplete, 'partenaire', 'partenaires')}`,
    ],
    sections: [
      {
        heading: 'Partenaires',
        columns: ['Partenaire', ...(withCaf ? ['Caf'] : []), 'Type', 'Convention n°', 'Statut de la convention', 'Prochain renouvellement tacite', 'Mode de gestion', 'Rôles obligatoires manquants'],
        rows,
        empty: 'Aucun partenaire actif pour ces filtres.',
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------

interface ProfileLine {
  partner: Partner;
  service: string;
  profile: string;
  max: number | undefined;
  active: number;
  pending: number;
}

function profileLines(data: ReportData, filters: ReportFilters): { lines: ProfileLine[]; partners: Partner[] } {
  const { partners, ids, byId } = scope(data, filters);
  const map = new Map<string, ProfileLine>();
  const line = (partnerId: string, service: string, profile: string) => {
    const key = `${partnerId}\u0000${service}\u0000${profile}`;
    let l = map.get(key);
    if (!l) map.set(key, (l = { partner: byId.get(partnerId)!, service, profile, max: undefined, active: 0, pending: 0 }));
    return l;
  };
  for (const a of data.allocations) if (ids.has(a.partnerId)) line(a.partnerId, a.service, a.profile).max = a.maxUsers;
  for (const h of data.habilitations) {
    if (!ids.has(h.partnerId) || !holdsSeat(h)) continue;
    const l = line(h.partnerId, h.service, h.profile);
    if (h.status === 'active') l.active++;
    else l.pending++;
  }
  const lines = [...map.values()].sort((a, b) => collator.compare(a.partner.name, b.partner.name) || a.service.localeCompare(b.service) || profileOrder(a.profile, b.profile));
  return { lines, partners };
}

const profileText = (service: string, profile: string) => `${service === 'CDAP' ? '' : `${service} `}${profile}`;

export function habilitationsReport(data: ReportData, filters: ReportFilters, clock: ReportClock): Report {
  const { lines, partners } = profileLines(data, filters);
  const withCaf = showCaf(data, filters);
  const cafs = cafNames(data);
  let max = 0;
  let active = 0;
  let pending = 0;
  const rows: Cell[][] = lines.map((l) => {
    max += l.max ?? 0;
    active += l.active;
    pending += l.pending;
    return [l.partner.name, ...(withCaf ? [cafs.get(l.partner.cafId) ?? ''] : []), profileText(l.service, l.profile), profileByCode(l.profile)?.label ?? '', l.max ?? 'non accordé', l.active, l.pending];
  });
  const lead = withCaf ? 4 : 3;
  return {
    ...base('habilitations', data, filters, clock),
    summary: [
      plural(partners.length, 'partenaire', 'partenaires'),
      `Autorisées : ${max.toLocaleString('fr-FR')}`,
      `Actives : ${active.toLocaleString('fr-FR')}`,
      `Suppression demandée : ${pending.toLocaleString('fr-FR')}`,
    ],
    sections: [
      {
        heading: 'Habilitations par partenaire et par profil',
        columns: ['Partenaire', ...(withCaf ? ['Caf'] : []), 'Profil', 'Libellé', 'Autorisées', 'Actives', 'Suppression demandée'],
        numeric: [...Array(lead).fill(false), true, true, true],
        rows,
        empty: 'Aucun profil autorisé ni habilitation pour ces filtres.',
        total: ['Total', ...Array(lead - 1).fill(''), max, active, pending],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------

export function quotasReport(data: ReportData, filters: ReportFilters, clock: ReportClock): Report {
  const { lines, partners } = profileLines(data, filters);
  const granted = lines.filter((l) => l.max !== undefined && l.max > 0);
  const used = (l: ProfileLine) => l.active + l.pending;
  const full = lines.filter((l) => (l.max === undefined || l.max === 0 ? used(l) > 0 : used(l) >= l.max));
  const low = granted.filter((l) => used(l) < l.max! * LOW_USE_RATIO);
  const perProfile = new Map<string, { max: number; used: number; partners: number; full: number }>();
  for (const l of lines) {
    const key = profileText(l.service, l.profile);
    const p = perProfile.get(key) ?? perProfile.set(key, { max: 0, used: 0, partners: 0, full: 0 }).get(key)!;
    p.max += l.max ?? 0;
    p.used += used(l);
    if (l.max !== undefined && l.max > 0) p.partners++;
    if (full.includes(l)) p.full++;
  }
  const level = (l: ProfileLine) => (l.max === undefined || l.max === 0 ? 'Non accordé, utilisé' : used(l) > l.max ? 'Dépassé' : 'Complet');
  const row = (l: ProfileLine): Cell[] => [l.partner.name, profileText(l.service, l.profile), l.max ?? 'non accordé', used(l), l.max ? pct(used(l) / l.max) : '—'];
  return {
    ...base('quotas', data, filters, clock, [`Peu utilisé : moins de ${pct(LOW_USE_RATIO)} des places`]),
    summary: [
      plural(partners.length, 'partenaire', 'partenaires'),
      `Profils accordés : ${granted.length.toLocaleString('fr-FR')}`,
      `Complets ou dépassés : ${full.length.toLocaleString('fr-FR')}`,
      `Peu utilisés : ${low.length.toLocaleString('fr-FR')}`,
    ],
    sections: [
      {
        heading: 'Par profil, tous partenaires confondus',
        columns: ['Profil', 'Partenaires autorisés', 'Places autorisées', 'Places utilisées', 'Taux', 'Partenaires complets'],
        numeric: [false, true, true, true, true, true],
        rows: [...perProfile].sort((a, b) => profileOrder(a[0], b[0])).map(([k, p]) => [k, p.partners, p.max, p.used, p.max ? pct(p.used / p.max) : '—', p.full]),
        empty: 'Aucun profil autorisé pour ces filtres.',
      },
      {
        heading: 'Profils complets ou dépassés',
        columns: ['Partenaire', 'Profil', 'Autorisées', 'Utilisées', 'Taux', 'Niveau'],
        numeric: [false, false, true, true, true, false],
        rows: full.map((l) => [...row(l), level(l)]),
        empty: 'Aucun profil complet ni dépassé.',
      },
      {
        heading: `Profils peu utilisés (moins de ${pct(LOW_USE_RATIO)} des places)`,
        columns: ['Partenaire', 'Profil', 'Autorisées', 'Utilisées', 'Taux'],
        numeric: [false, false, true, true, true],
        rows: low.map(row),
        empty: 'Aucun profil peu utilisé.',
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------

export interface DueFollowUp {
  fu: FollowUp;
  state: FollowUpState;
  partner: Partner;
  nextName: string;
}

/** Open follow-ups overdue now, or due before the end of this week (Monday–Sunday). */
export function dueFollowUps(data: ReportData, filters: ReportFilters, clock: ReportClock): { overdue: DueFollowUp[]; thisWeek: DueFollowUp[]; weekEnd: Date } {
  const { byId } = scope(data, filters);
  const chains = new Map(data.chains.map((c) => [c.partnerId, c]));
  const contacts = new Map(data.contacts.map((c) => [c.id, c]));
  const cafs = new Map(data.cafs.map((c) => [c.id, c]));
  const weekEnd = addDays(startOfWeek(clock.now, { weekStartsOn: 1 }), 7);
  const overdue: DueFollowUp[] = [];
  const thisWeek: DueFollowUp[] = [];
  for (const fu of data.followUps) {
    if (fu.status !== 'ouverte') continue;
    const partner = byId.get(fu.partnerId);
    if (!partner) continue;
    const state = followUpState(fu, chains.get(fu.partnerId), cafs.get(partner.cafId)?.territory ?? clock.territory, clock.now);
    const next = state.nextContactId ? contacts.get(state.nextContactId) : undefined;
    const nextName = next ? contactName(next) : state.noChain ? 'Aucune procédure d’escalade' : 'Personne d’autre dans la procédure';
    const row = { fu, state, partner, nextName };
    if (state.overdue) overdue.push(row);
    else if (state.due.getTime() < weekEnd.getTime()) thisWeek.push(row);
  }
  const order = (a: DueFollowUp, b: DueFollowUp) => collator.compare(a.partner.name, b.partner.name) || a.state.due.getTime() - b.state.due.getTime();
  return { overdue: overdue.sort(order), thisWeek: thisWeek.sort(order), weekEnd };
}

const dayTime = (d: Date) => `${formatDate(isoOf(d))} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

export function followUpsReport(data: ReportData, filters: ReportFilters, clock: ReportClock): Report {
  const { overdue, thisWeek, weekEnd } = dueFollowUps(data, filters, clock);
  const weekStart = startOfWeek(clock.now, { weekStartsOn: 1 });
  const columns = ['Partenaire', 'Objet', 'Envoyée le', 'Échéance', 'Prochaine personne'];
  const row = (r: DueFollowUp): Cell[] => [r.partner.name, r.fu.subject, dayTime(new Date(r.fu.sentAt)), dayTime(r.state.due), r.nextName];
  const people = new Map<string, { overdue: number; week: number; partners: Set<string> }>();
  for (const [list, key] of [
    [overdue, 'overdue'],
    [thisWeek, 'week'],
  ] as const) {
    for (const r of list) {
      const p = people.get(r.nextName) ?? people.set(r.nextName, { overdue: 0, week: 0, partners: new Set() }).get(r.nextName)!;
      p[key]++;
      p.partners.add(r.partner.name);
    }
  }
  return {
    ...base('relances', data, filters, clock, [`Semaine du ${formatDate(isoOf(weekStart))} au ${formatDate(isoOf(endOfWeek(clock.now, { weekStartsOn: 1 })))}`]),
    summary: [`En retard : ${overdue.length.toLocaleString('fr-FR')}`, `À échéance cette semaine : ${thisWeek.length.toLocaleString('fr-FR')}`],
    sections: [
      { heading: 'En retard, par partenaire', columns, rows: overdue.map(row), empty: 'Aucune relance en retard.' },
      { heading: `À échéance d'ici au ${formatDate(isoOf(addDays(weekEnd, -1)))}, par partenaire`, columns, rows: thisWeek.map(row), empty: 'Aucune relance à échéance cette semaine.' },
      {
        heading: 'Par prochaine personne à contacter',
        columns: ['Prochaine personne', 'En retard', 'Cette semaine', 'Partenaires'],
        numeric: [false, true, true, false],
        rows: [...people].sort((a, b) => b[1].overdue - a[1].overdue || collator.compare(a[0], b[0])).map(([name, p]) => [name, p.overdue, p.week, [...p.partners].sort(collator.compare).join(', ')]),
        empty: 'Personne à relancer.',
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------

const shortMonths = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const monthNames = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** Months `yyyy-MM` from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endKey = to.slice(0, 7);
  for (let guard = 0; guard < 240; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > endKey) break;
    out.push(key);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export function monthLabel(key: string): string {
  return `${monthNames[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`;
}

export function activityReport(data: ReportData, filters: ReportFilters, clock: ReportClock): Report {
  const from = filters.from ?? `${clock.today.slice(0, 4)}-01-01`;
  const to = filters.to ?? `${clock.today.slice(0, 4)}-12-31`;
  const { ids } = scope(data, filters);
  const months = monthsBetween(from, to);
  const index = new Map(months.map((m, i) => [m, i]));
  const inPeriod = (iso: string | undefined) => !!iso && iso.slice(0, 10) >= from && iso.slice(0, 10) <= to;
  const usedTypes = formTypes.filter((t) => data.issuedForms.some((f) => f.type === t && ids.has(f.partnerId) && inPeriod(isoOf(new Date(f.issuedAt)))));
  const forms = months.map(() => new Map<FormType, number>());
  const created = months.map(() => 0);
  const ended = months.map(() => new Map<EndReason | 'sans-motif', number>());
  for (const f of data.issuedForms) {
    const day = isoOf(new Date(f.issuedAt));
    if (!ids.has(f.partnerId) || !inPeriod(day)) continue;
    const m = forms[index.get(day.slice(0, 7))!]!;
    m.set(f.type, (m.get(f.type) ?? 0) + 1);
  }
  for (const h of data.habilitations) {
    if (!ids.has(h.partnerId)) continue;
    if (inPeriod(h.startOn)) created[index.get(h.startOn.slice(0, 7))!]!++;
    if (h.status !== 'active' && inPeriod(h.endOn)) {
      const m = ended[index.get(h.endOn!.slice(0, 7))!]!;
      const r = h.endReason ?? 'sans-motif';
      m.set(r, (m.get(r) ?? 0) + 1);
    }
  }
  const reasons: (EndReason | 'sans-motif')[] = [...endReasons, ...(ended.some((m) => m.has('sans-motif')) ? (['sans-motif'] as const) : [])];
  const reasonLabel = (r: EndReason | 'sans-motif') => (r === 'sans-motif' ? 'Fin sans motif' : `Fin : ${endReasonLabels[r].toLowerCase()}`);
  const formsTotal = forms.map((m) => [...m.values()].reduce((a, b) => a + b, 0));
  const endedTotal = ended.map((m) => [...m.values()].reduce((a, b) => a + b, 0));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const formCols = usedTypes.map((t) => formTypeShortLabels[t]);
  return {
    ...base('activite', data, filters, clock, [`Période : du ${formatDate(from)} au ${formatDate(to)}`]),
    summary: [`Formulaires émis : ${sum(formsTotal).toLocaleString('fr-FR')}`, `Habilitations créées : ${sum(created).toLocaleString('fr-FR')}`, `Habilitations terminées : ${sum(endedTotal).toLocaleString('fr-FR')}`],
    sections: [
      {
        heading: 'Formulaires émis par type, par mois',
        columns: ['Mois', ...formCols, 'Total'],
        numeric: [false, ...formCols.map(() => true), true],
        rows: months.map((m, i) => [monthLabel(m), ...usedTypes.map((t) => forms[i]!.get(t) ?? 0), formsTotal[i]!]),
        total: ['Total', ...usedTypes.map((t) => sum(forms.map((f) => f.get(t) ?? 0))), sum(formsTotal)],
        empty: 'Aucun mois dans la période.',
      },
      {
        heading: 'Habilitations créées et terminées par motif, par mois',
        columns: ['Mois', 'Créées', ...reasons.map(reasonLabel), 'Terminées'],
        numeric: [false, true, ...reasons.map(() => true), true],
        rows: months.map((m, i) => [monthLabel(m), created[i]!, ...reasons.map((r) => ended[i]!.get(r) ?? 0), endedTotal[i]!]),
        total: ['Total', sum(created), ...reasons.map((r) => sum(ended.map((e) => e.get(r) ?? 0))), sum(endedTotal)],
        empty: 'Aucun mois dans la période.',
      },
    ],
    chart: {
      title: 'Activité par mois',
      labels: months.map((m) => `${shortMonths[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`),
      series: [
        { label: 'Formulaires émis', data: formsTotal },
        { label: 'Habilitations créées', data: created },
        { label: 'Habilitations terminées', data: endedTotal },
      ],
    },
  };
}

export const reportBuilders: Record<ReportId, (data: ReportData, filters: ReportFilters, clock: ReportClock) => Report> = {
  partenaires: partnersReport,
  habilitations: habilitationsReport,
  quotas: quotasReport,
  relances: followUpsReport,
  activite: activityReport,
};

/** Check a period typed by the user; returns the French problem or null. */
export function periodError(from: string | null, to: string | null): string | null {
  if (!from || !to) return 'Période : dates attendues au format jj/mm/aaaa.';
  if (from > to) return 'Période : la date de début doit précéder la date de fin.';
  if (monthsBetween(from, to).length > 36) return 'Période : trois ans au plus.';
  return null;
}
