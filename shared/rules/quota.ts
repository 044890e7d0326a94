/**
 * Profile allocations (bulletin d'adhésion) and the rules an habilitation must obey: the quota per
 * partner × service × profile, the T4 instructor number, the reason required to end an access.
 * Pure functions: the renderer calls them inside the write transaction, with the rows it just read.
 */
import { profileByCode } from '../catalog/cdapProfiles';
import type { Allocation, EndReason, Habilitation, HabilitationStatus } from '../domain/habilitation';
import { endReasons } from '../domain/values';

/** Statuses that hold a seat: a suppression requested but not yet done still uses the account. */
export const seatHoldingStatuses: readonly HabilitationStatus[] = ['active', 'suppression-demandee'];

export function holdsSeat(h: Pick<Habilitation, 'status'>): boolean {
  return seatHoldingStatuses.includes(h.status);
}

export type QuotaLevel = 'non-accorde' | 'disponible' | 'atteint' | 'depasse';

export interface QuotaState {
  /** Authorised number, undefined when the profile is not granted (blank or « / » on the bulletin). */
  max: number | undefined;
  used: number;
  level: QuotaLevel;
}

export const quotaLevelLabels: Record<QuotaLevel, string> = {
  'non-accorde': 'Non accordé',
  disponible: 'Disponible',
  atteint: 'Quota atteint',
  depasse: 'Quota dépassé',
};

export function quotaState(max: number | undefined, used: number): QuotaState {
  if (max === undefined) return { max, used, level: used > 0 ? 'depasse' : 'non-accorde' };
  return { max, used, level: used > max ? 'depasse' : used === max ? 'atteint' : 'disponible' };
}

/** Seats in use for one partner × service × profile. */
export function seatsUsed(habilitations: readonly Pick<Habilitation, 'partnerId' | 'service' | 'profile' | 'status'>[], partnerId: string, service: string, profile: string): number {
  let n = 0;
  for (const h of habilitations) if (h.partnerId === partnerId && h.service === service && h.profile === profile && holdsSeat(h)) n++;
  return n;
}

export function findAllocation(allocations: readonly Allocation[], partnerId: string, service: string, profile: string): Allocation | undefined {
  return allocations.find((a) => a.partnerId === partnerId && a.service === service && a.profile === profile);
}

export interface SeatRequest {
  service: string;
  profile: string;
  /** The explicit reason the user gives to exceed the quota; blank counts as none. */
  overrideReason?: string | undefined;
}

/**
 * Whether one more seat may be taken. Returns the French refusal, or null when allowed.
 * `used` counts the seats already taken (without the new one); `max` undefined = profile not granted.
 */
export function checkQuota(request: SeatRequest, max: number | undefined, used: number): string | null {
  if (request.overrideReason && request.overrideReason.trim()) return null;
  if (max === undefined) {
    return `Le profil ${request.profile} n'est pas accordé à ce partenaire pour le service ${request.service} : renseignez le nombre autorisé dans le bulletin d'adhésion, ou indiquez le motif du dépassement.`;
  }
  if (used + 1 > max) {
    return `Quota atteint pour le profil ${request.profile} (${request.service}) : ${used} habilitation${used > 1 ? 's' : ''} pour ${max} autorisée${max > 1 ? 's' : ''}. Indiquez le motif du dépassement pour l'enregistrer quand même.`;
  }
  return null;
}

export const INSTRUCTOR_NUMBER_REQUIRED = "Le numéro d'instructeur est obligatoire pour le profil T4 (services instructeurs RSA).";

/** T4 (and any profile the catalogue marks so) needs the instructor number. */
export function checkInstructorNumber(profile: string, instructorNumber: string | undefined): string | null {
  const def = profileByCode(profile);
  if (def?.needsInstructorNumber && !(instructorNumber ?? '').trim()) return INSTRUCTOR_NUMBER_REQUIRED;
  return null;
}

export const END_REASON_REQUIRED = "Indiquez le motif de fin d'accès : départ, changement de fonction, ou perte ou vol des identifiants.";
export const END_DATE_BEFORE_START = "La date de fin d'accès ne peut pas précéder la date de début.";

/** Ending an access needs one of the three reasons and an end date not before the start. */
export function checkEndAccess(h: Pick<Habilitation, 'startOn'>, reason: string | undefined, endOn: string): string | null {
  if (!reason || !(endReasons as readonly string[]).includes(reason)) return END_REASON_REQUIRED;
  if (endOn < h.startOn) return END_DATE_BEFORE_START;
  return null;
}

export type { EndReason };
