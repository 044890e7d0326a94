/**
 * Every partner needs, at any time, an administrateur (principal), a suppléant, a responsable sécurité and a
 * référent informatique et libertés among its active contacts. Roles and contacts have periods: a role is held
 * from `from` until `until`, both inclusive: « jusqu'au 30/11 » means held on the 30th, not on the 1st. The one
 * rule of the whole app (lists, forms, Annexe 1, chains, dashboard): a replacement effective on the 1st ends the
 * old role on the 30th, so on the 1st only the new person is current.
 */
import type { Contact, ContactRole, RoleAssignment } from '../domain/contact';
import { isoOf, type DateLike } from './dates';

export const requiredRoles: readonly ContactRole[] = [
  'administrateur',
  'administrateur-suppleant',
  'responsable-securite',
  'referent-informatique-libertes',
];

type ContactPeriod = Pick<Contact, 'activeFrom' | 'activeUntil'>;

export function isContactActive(c: ContactPeriod, today: DateLike): boolean {
  const t = isoOf(today);
  return (!c.activeFrom || c.activeFrom <= t) && (!c.activeUntil || c.activeUntil >= t);
}

export function isRoleActive(r: RoleAssignment, today: DateLike): boolean {
  const t = isoOf(today);
  return (!r.from || r.from <= t) && (!r.until || r.until >= t);
}

/** Roles a contact holds today (none if the contact itself is not active). */
export function activeRoles(c: Pick<Contact, 'roles' | 'activeFrom' | 'activeUntil'>, today: DateLike): ContactRole[] {
  if (!isContactActive(c, today)) return [];
  return [...new Set(c.roles.filter((r) => isRoleActive(r, today)).map((r) => r.role))];
}

/** The required roles nobody among `contacts` (one partner's) holds today, in the order of `requiredRoles`. */
export function missingRequiredRoles(contacts: readonly Pick<Contact, 'roles' | 'activeFrom' | 'activeUntil'>[], today: DateLike): ContactRole[] {
  const held = new Set<ContactRole>();
  for (const c of contacts) for (const r of activeRoles(c, today)) held.add(r);
  return requiredRoles.filter((r) => !held.has(r));
}
