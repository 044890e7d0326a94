/**
 * Convention rules: its status follows from its dates; a one-year convention renews tacitly on each
 * anniversary of its effective date; either side may end it with at least 3 months' notice; the reverse review
 * of habilitations is due one year after it was last done.
 */
import { addMonths } from 'date-fns';
import type { Convention } from '../domain/convention';
import { dateOf, formatDate, isoOf, type DateLike } from './dates';

export const conventionStatuses = ['en-preparation', 'signee', 'en-vigueur', 'resiliation-demandee', 'resiliee'] as const;
export type ConventionStatus = (typeof conventionStatuses)[number];
export const conventionStatusLabels: Record<ConventionStatus, string> = {
  'en-preparation': 'En préparation',
  signee: 'Signée',
  'en-vigueur': 'En vigueur',
  'resiliation-demandee': 'Résiliation demandée',
  resiliee: 'Résiliée',
};

export const NOTICE_MONTHS = 3;

type ConventionDates = Pick<
  Convention,
  'signedOn' | 'effectiveOn' | 'tacitRenewal' | 'terminationRequestedOn' | 'terminationEffectiveOn' | 'reverseReviewLastDone' | 'reverseReviewNextDue'
>;

export function conventionStatus(c: Partial<ConventionDates> | undefined, today: DateLike): ConventionStatus {
  const t = isoOf(today);
  if (!c) return 'en-preparation';
  if (c.terminationEffectiveOn && c.terminationEffectiveOn <= t) return 'resiliee';
  if (c.terminationRequestedOn && c.terminationRequestedOn <= t) return 'resiliation-demandee';
  // A one-year convention without tacit renewal ends on its first anniversary.
  if (c.effectiveOn && c.tacitRenewal === false && anniversary(c.effectiveOn, Number(c.effectiveOn.slice(0, 4)) + 1) <= t) return 'resiliee';
  if (c.effectiveOn && c.effectiveOn <= t) return 'en-vigueur';
  if (c.signedOn && c.signedOn <= t) return 'signee';
  return 'en-preparation';
}

/**
 * Next tacit renewal: the first anniversary of the effective date strictly after today. None when renewal is
 * not tacit, when there is no effective date, or when a termination takes effect on or before it.
 */
export function nextRenewal(c: Partial<ConventionDates> | undefined, today: DateLike): string | undefined {
  if (!c?.effectiveOn || c.tacitRenewal === false) return undefined;
  const t = isoOf(today);
  // String arithmetic rather than date objects: the list computes this for 5,000 partners at once.
  const start = c.effectiveOn.slice(0, 10);
  const startYear = Number(start.slice(0, 4));
  // The anniversary in today's year (never before the first one); if already past, the next year's.
  const year = Math.max(startYear + 1, Number(t.slice(0, 4)));
  let next = anniversary(start, year);
  if (next <= t) next = anniversary(start, year + 1);
  if (c.terminationEffectiveOn && c.terminationEffectiveOn <= next) return undefined;
  return next;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The `yyyy-MM-dd` anniversary of `iso` in `year`; 29 February becomes 28 February in common years. */
export function anniversary(iso: string, year: number): string {
  const md = iso.slice(5, 10);
  const y = String(year).padStart(4, '0');
  return md === '02-29' && !isLeap(year) ? `${y}-02-28` : `${y}-${md}`;
}

/** Earliest date a termination requested on `requestedOn` may take effect. */
export function earliestTermination(requestedOn: string): string {
  return isoOf(addMonths(dateOf(requestedOn), NOTICE_MONTHS));
}

/** French reason the termination dates are refused, or null when they are acceptable. */
export function terminationError(requestedOn: string | undefined, effectiveOn: string | undefined): string | null {
  if (!requestedOn && !effectiveOn) return null;
  if (!requestedOn) return 'Résiliation refusée : indiquez la date de la demande de résiliation (lettre recommandée).';
  if (!effectiveOn) return null;
  const earliest = earliestTermination(requestedOn);
  if (effectiveOn < earliest) {
    return `Résiliation refusée : le préavis doit être d'au moins ${NOTICE_MONTHS} mois. Demandée le ${formatDate(requestedOn)}, elle ne peut prendre effet avant le ${formatDate(earliest)}.`;
  }
  return null;
}

/** Next reverse review: the stored date if the office set one, else last done + 1 year, else effect + 1 year. */
export function reverseReviewNextDue(c: Partial<ConventionDates> | undefined): string | undefined {
  if (!c) return undefined;
  // String arithmetic, as nextRenewal (the dashboard asks for 5,000 conventions at once): one year later, 29
  // February becoming 28 February, as date-fns' addYears does.
  const yearAfter = (iso: string) => anniversary(iso, Number(iso.slice(0, 4)) + 1);
  if (c.reverseReviewLastDone) return yearAfter(c.reverseReviewLastDone);
  if (c.reverseReviewNextDue) return c.reverseReviewNextDue;
  if (c.effectiveOn) return yearAfter(c.effectiveOn);
  return undefined;
}

export function isReverseReviewOverdue(c: Partial<ConventionDates> | undefined, today: DateLike): boolean {
  const due = reverseReviewNextDue(c);
  return !!due && due < isoOf(today);
}

/** Other checks on a convention's dates, in French; null when fine. */
export function conventionDatesError(c: Partial<ConventionDates>): string | null {
  if (c.signedOn && c.effectiveOn && c.effectiveOn < c.signedOn) return "La date d'effet ne peut pas précéder la date de signature.";
  return terminationError(c.terminationRequestedOn, c.terminationEffectiveOn);
}
