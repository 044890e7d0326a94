/**
 * The annual reverse review (« revue inverse des habilitations »): the partner's administrator returns the list
 * of its users (e-mail, name, function, profile). Compared with the partner's seat-holding habilitations:
 * in both (confirmed), in the records only (to end: reason preselected), in the list only (to add: quota checked).
 */
import { profileByCode } from '../catalog/cdapProfiles';
import type { Allocation, Habilitation } from '../domain/habilitation';
import { normaliseEmail, normaliseName } from '../rules/duplicates';
import { checkQuota, holdsSeat } from '../rules/quota';
import { cellText, type CellValue } from './cells';

export interface ReturnedUser {
  line: number;
  firstName: string;
  lastName: string;
  email: string;
  function: string;
  /** Blank when the list has no profile column: matched on the person alone. */
  profile: string;
  service: string;
}

export interface ReviewToAdd extends ReturnedUser {
  /** French refusal of the quota (null when a seat is free). */
  quota: string | null;
}

export interface ReviewResult {
  confirmed: { habilitation: Habilitation; line: number }[];
  toEnd: Habilitation[];
  toAdd: ReviewToAdd[];
  /** Lines of the list that could not be read (no name, unknown profile). */
  refused: { line: number; message: string }[];
}

export const REVIEW_MESSAGES = {
  noName: 'Ligne sans nom ni mél : ignorée.',
  unknownProfile: (p: string) => `Profil inconnu « ${p} » : ligne ignorée.`,
  noProfile: "Profil absent : renseignez-le dans la liste pour ajouter cette personne.",
} as const;

/** The list's users from sheet rows and a mapping (the import's habilitation fields). */
export function returnedUsers(rows: readonly (readonly CellValue[])[], headerRow: number, mapping: readonly (string | null)[]): { users: ReturnedUser[]; refused: ReviewResult['refused'] } {
  const col = (key: string) => mapping.indexOf(key);
  const get = (cells: readonly CellValue[], key: string) => {
    const i = col(key);
    return i < 0 ? '' : cellText(cells[i] ?? null).trim();
  };
  const users: ReturnedUser[] = [];
  const refused: ReviewResult['refused'] = [];
  for (let i = headerRow + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    if (cells.every((c) => c === null || c === '')) continue;
    const u: ReturnedUser = {
      line: i + 1,
      firstName: get(cells, 'firstName'),
      lastName: get(cells, 'lastName'),
      email: get(cells, 'email'),
      function: get(cells, 'function'),
      profile: get(cells, 'profile').toUpperCase().replace(/\s+/g, ''),
      service: get(cells, 'service').toUpperCase() || 'CDAP',
    };
    if (!u.lastName && !u.email) refused.push({ line: u.line, message: REVIEW_MESSAGES.noName });
    else if (u.profile && !profileByCode(u.profile)) refused.push({ line: u.line, message: REVIEW_MESSAGES.unknownProfile(u.profile) });
    else users.push(u);
  }
  return { users, refused };
}

const personOf = (p: { email: string; firstName: string; lastName: string }) => ({ email: normaliseEmail(p.email), name: normaliseName(`${p.firstName} ${p.lastName}`) });

export function reconcileReview(habilitations: readonly Habilitation[], allocations: readonly Allocation[], users: readonly ReturnedUser[], refused: ReviewResult['refused'] = []): ReviewResult {
  const open = habilitations.filter(holdsSeat);
  const used = new Set<string>();
  const result: ReviewResult = { confirmed: [], toEnd: [], toAdd: [], refused: [...refused] };
  const seats = new Map<string, number>();
  for (const h of open) seats.set(`${h.service}|${h.profile}`, (seats.get(`${h.service}|${h.profile}`) ?? 0) + 1);
  for (const u of users) {
    const who = personOf(u);
    const same = (h: Habilitation) => {
      const p = personOf(h);
      return (who.email && p.email === who.email) || (!!who.name && p.name === who.name && (!who.email || !p.email));
    };
    const match = open.find((h) => !used.has(h.id) && same(h) && (!u.profile || (h.profile === u.profile && h.service === u.service)));
    if (match) {
      used.add(match.id);
      result.confirmed.push({ habilitation: match, line: u.line });
      continue;
    }
    if (!u.profile) {
      result.refused.push({ line: u.line, message: REVIEW_MESSAGES.noProfile });
      continue;
    }
    const key = `${u.service}|${u.profile}`;
    const taken = seats.get(key) ?? 0;
    const max = allocations.find((a) => a.service === u.service && a.profile === u.profile)?.maxUsers;
    const quota = checkQuota({ service: u.service, profile: u.profile }, max, taken);
    if (!quota) seats.set(key, taken + 1);
    result.toAdd.push({ ...u, quota });
  }
  result.toEnd = open.filter((h) => !used.has(h.id));
  return result;
}

export interface AdditionQuota {
  user: ReturnedUser;
  /** French refusal (null: a seat is free, or the override reason covers it). */
  refusal: string | null;
  /** Beyond the allocation (or no allocation): recorded with the override reason. */
  exceeds: boolean;
}

/**
 * The quota of each addition once the chosen ends have freed their seats: seats are the partner's seat-holding
 * habilitations minus those ended by the review, and each chosen addition takes one, in list order. The same
 * rule serves the dialog's note (with what is ticked) and the apply step (inside its transaction).
 */
export function quotaAfterChoices(
  habilitations: readonly Habilitation[],
  allocations: readonly Allocation[],
  ended: ReadonlySet<string>,
  additions: readonly ReturnedUser[],
  options: { chosen?: (u: ReturnedUser) => boolean; overrideReason?: string | undefined } = {},
): AdditionQuota[] {
  const seats = new Map<string, number>();
  for (const h of habilitations) if (holdsSeat(h) && !ended.has(h.id)) seats.set(`${h.service}|${h.profile}`, (seats.get(`${h.service}|${h.profile}`) ?? 0) + 1);
  return additions.map((user) => {
    const key = `${user.service}|${user.profile}`;
    const used = seats.get(key) ?? 0;
    const max = allocations.find((a) => a.service === user.service && a.profile === user.profile)?.maxUsers;
    const refusal = checkQuota({ service: user.service, profile: user.profile, overrideReason: options.overrideReason }, max, used);
    if (!refusal && (options.chosen?.(user) ?? true)) seats.set(key, used + 1);
    return { user, refusal, exceeds: max === undefined || used + 1 > max };
  });
}
