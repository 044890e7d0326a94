/**
 * Escalation chains and follow-ups (issue 4): validation of a chain before it is saved, and the state of a
 * follow-up — when it becomes due for escalation and whom to contact next.
 *
 * Decisions (documented for the office):
 * - Side: a request sent TO THE CAF SERVICE CENTRE that goes unanswered escalates along the Caf-side list
 *   (the Caf's people in charge); a request sent TO THE PARTNER escalates along the partner-side list.
 * - Next person: the first entry of that side, in the order presented, not yet contacted for this request
 *   (so reordering the chain later never skips or repeats anyone).
 * - Due time: the chain delay, counted (shared/calendar) from the last contact made for the request, or from
 *   its sending time before any; the calendar is the territory of the partner's Caf (or the office's Caf).
 *   An URGENT request is due at once (« ou en présence d'une situation jugée urgente … la procédure
 *   d'escalade peut être mise en œuvre »): no delay is waited.
 * - No chain recorded for the partner: the contracts' most common delay, 48 heures of 08:00–16:00 service,
 *   applies so the request still comes up, with nobody named as next.
 * - Chain exhausted (everyone contacted): the request stays due until it is closed as answered.
 */
import type { Territory } from '../domain/common';
import type { Contact } from '../domain/contact';
import type { DelayUnit, EscalationChain } from '../domain/escalation';
import type { FollowUp } from '../domain/followup';
import { dueAt, parseTimeOfDay, SERVICE_HOURS_ORDER_MESSAGE } from '../calendar';
import { personName } from './names';

export const ESCALATION_MESSAGES = {
  delay: 'Le délai doit être un nombre entier supérieur à zéro.',
  delayTooLong: 'Le délai ne peut pas dépasser 365.',
  time: 'Heure attendue au format hh:mm (par exemple 08:00).',
  hoursOrder: SERVICE_HOURS_ORDER_MESSAGE,
  duplicate: (name: string) => `L'interlocuteur « ${name} » figure deux fois dans la même liste.`,
  deleted: (name: string) => `L'interlocuteur « ${name} » a été supprimé : retirez-le de la procédure avant d'enregistrer.`,
  missing: "Un interlocuteur de la procédure n'existe plus : retirez-le avant d'enregistrer.",
  wrongSideCaf: (name: string) => `« ${name} » n'est pas un interlocuteur de la Caf : il ne peut pas figurer côté Caf.`,
  wrongSidePartner: (name: string) => `« ${name} » n'est pas un interlocuteur de ce partenaire : il ne peut pas figurer côté partenaire.`,
} as const;

export const DEFAULT_DELAY = { value: 48, unit: 'hours' as DelayUnit };
export const DEFAULT_OPENS = '08:00';
export const DEFAULT_CLOSES = '16:00';

export function delayLabel(value: number, unit: DelayUnit): string {
  const plural = value > 1;
  switch (unit) {
    case 'hours':
      return `${value} heure${plural ? 's' : ''}`;
    case 'calendar-days':
      return `${value} jour${plural ? 's' : ''} calendaire${plural ? 's' : ''}`;
    case 'working-days':
      return `${value} jour${plural ? 's' : ''} ouvré${plural ? 's' : ''}`;
  }
}

export function contactName(c: Pick<Contact, 'firstName' | 'lastName'>): string {
  return personName(c);
}

/** A contact as the chain editor knows it: its data, and whether it is a tombstone. */
export interface KnownContact {
  contact: Contact;
  deleted: boolean;
}

export type ContactStatus = { kind: 'active' } | { kind: 'deleted' } | { kind: 'inactive'; since: string } | { kind: 'not-yet'; from: string };

/** `today` is `yyyy-MM-dd`. A contact whose activeUntil is before today is no longer in office. */
export function contactStatus(known: KnownContact | undefined, today: string): ContactStatus {
  if (!known || known.deleted) return { kind: 'deleted' };
  const { activeUntil, activeFrom } = known.contact;
  if (activeUntil && activeUntil < today) return { kind: 'inactive', since: activeUntil };
  if (activeFrom && activeFrom > today) return { kind: 'not-yet', from: activeFrom };
  return { kind: 'active' };
}

/** What the editor submits: delay as typed (may be NaN), service hours, ordered contact ids. */
export interface ChainDraft {
  delayValue: number;
  delayUnit: DelayUnit;
  serviceOpens: string;
  serviceCloses: string;
  cafSide: string[];
  partnerSide: string[];
}

/**
 * First problem of a draft chain as the French message shown to the user, or null when it can be saved.
 * `contacts` holds every contact the draft may reference, deleted ones included (a deleted contact is a
 * tombstone: its name is still known, so the message can name it).
 */
export function validateChain(draft: ChainDraft, partnerId: string, contacts: ReadonlyMap<string, KnownContact>): string | null {
  if (!Number.isInteger(draft.delayValue) || draft.delayValue <= 0) return ESCALATION_MESSAGES.delay;
  if (draft.delayValue > 365) return ESCALATION_MESSAGES.delayTooLong;
  let open: number;
  let close: number;
  try {
    open = parseTimeOfDay(draft.serviceOpens);
    close = parseTimeOfDay(draft.serviceCloses);
  } catch {
    return ESCALATION_MESSAGES.time;
  }
  if (close <= open) return ESCALATION_MESSAGES.hoursOrder;
  for (const [side, ids] of [['caf', draft.cafSide], ['partner', draft.partnerSide]] as const) {
    const seen = new Set<string>();
    for (const id of ids) {
      const known = contacts.get(id);
      if (!known) return ESCALATION_MESSAGES.missing;
      const name = contactName(known.contact);
      if (known.deleted) return ESCALATION_MESSAGES.deleted(name);
      if (seen.has(id)) return ESCALATION_MESSAGES.duplicate(name);
      seen.add(id);
      if (side === 'caf' && !known.contact.cafId) return ESCALATION_MESSAGES.wrongSideCaf(name);
      if (side === 'partner' && known.contact.partnerId !== partnerId) return ESCALATION_MESSAGES.wrongSidePartner(name);
    }
  }
  return null;
}

export type ChainSide = 'caf' | 'partner';

export function sideOf(direction: FollowUp['direction']): ChainSide {
  return direction === 'vers-caf' ? 'caf' : 'partner';
}

export interface FollowUpState {
  side: ChainSide;
  /** Instant the escalation delay counts from (last contact, or sending). */
  countsFrom: Date;
  due: Date;
  overdue: boolean;
  /** Next person to contact, in chain order; undefined when none is left (or no chain). */
  nextContactId?: string;
  /** 1-based position of the next person in the side's list. */
  nextPosition?: number;
  /** Every person of the side has been contacted. */
  exhausted: boolean;
  /** No chain recorded: the default delay was used. */
  noChain: boolean;
  delay: { value: number; unit: DelayUnit };
}

export function followUpState(fu: FollowUp, chain: EscalationChain | undefined, territory: Territory, now: Date): FollowUpState {
  const side = sideOf(fu.direction);
  const list = chain ? (side === 'caf' ? chain.cafSide : chain.partnerSide) : [];
  const contacted = new Set(fu.steps.filter((s) => s.side === side).map((s) => s.contactId));
  // A closed request has no one left to contact, whatever remains in the chain.
  const nextIndex = fu.status === 'close' ? -1 : list.findIndex((e) => !contacted.has(e.contactId));
  const last = fu.steps.at(-1);
  const countsFrom = new Date(last ? last.contactedAt : fu.sentAt);
  const delay = chain && chain.delayValue > 0 ? { value: chain.delayValue, unit: chain.delayUnit } : DEFAULT_DELAY;
  const hours = { territory, opens: chain?.serviceOpens ?? DEFAULT_OPENS, closes: chain?.serviceCloses ?? DEFAULT_CLOSES };
  let due: Date;
  if (fu.urgent) due = countsFrom;
  else {
    try {
      due = dueAt(countsFrom, delay, hours);
    } catch {
      // A chain synced in with unusable hours: fall back to the default hours rather than hide the request.
      due = dueAt(countsFrom, delay, { territory, opens: DEFAULT_OPENS, closes: DEFAULT_CLOSES });
    }
  }
  return {
    side,
    countsFrom,
    due,
    overdue: fu.status === 'ouverte' && now.getTime() >= due.getTime(),
    nextContactId: nextIndex >= 0 ? list[nextIndex]!.contactId : undefined,
    nextPosition: nextIndex >= 0 ? nextIndex + 1 : undefined,
    exhausted: fu.status === 'ouverte' && !!chain && list.length > 0 && nextIndex < 0,
    noChain: !chain,
    delay,
  };
}

/** Open follow-ups by due time, soonest first (ties: older sending first). */
export function byDue<T extends { fu: FollowUp; state: FollowUpState }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.state.due.getTime() - b.state.due.getTime() || a.fu.sentAt.localeCompare(b.fu.sentAt));
}

export const FOLLOW_UP_MESSAGES = {
  partner: 'Choisissez le partenaire concerné.',
  subject: "L'objet est obligatoire.",
  sentAt: "Indiquez la date et l'heure d'envoi (jj/mm/aaaa hh:mm).",
  future: "La date d'envoi ne peut pas être dans le futur.",
  noNext: "Personne d'autre à contacter : tous les interlocuteurs de la procédure ont été contactés.",
  closed: 'Cette relance est déjà close.',
  sentAfterContact: "La date d'envoi ne peut pas être postérieure au premier contact déjà noté.",
  contactedAt: "Indiquez la date et l'heure du contact (jj/mm/aaaa hh:mm).",
  contactedFuture: "L'heure du contact ne peut pas être dans le futur.",
  contactedBefore: "L'heure du contact ne peut pas précéder l'envoi de la demande ni le contact précédent.",
} as const;

/** Step appended when the office contacts the next person; throws the French message when impossible. */
export function nextStep(fu: FollowUp, chain: EscalationChain | undefined, territory: Territory, at: Date): FollowUp['steps'][number] {
  if (fu.status !== 'ouverte') throw new Error(FOLLOW_UP_MESSAGES.closed);
  if (Number.isNaN(at.getTime())) throw new Error(FOLLOW_UP_MESSAGES.contactedAt);
  const previous = fu.steps.at(-1)?.contactedAt ?? fu.sentAt;
  if (at.getTime() < Date.parse(previous)) throw new Error(FOLLOW_UP_MESSAGES.contactedBefore);
  const state = followUpState(fu, chain, territory, at);
  if (!state.nextContactId) throw new Error(FOLLOW_UP_MESSAGES.noNext);
  return { side: state.side, contactId: state.nextContactId, contactedAt: at.toISOString() };
}
