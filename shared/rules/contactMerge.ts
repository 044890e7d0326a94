/**
 * Merging two contacts that are one person: the kept contact takes the other's details where its own are blank,
 * and every role period of both (so the history of who held what survives). References elsewhere are
 * repointed by the caller, in the same transaction.
 */
import type { Contact, RoleAssignment } from '../domain/contact';
import type { EscalationChain } from '../domain/escalation';
import type { FollowUp } from '../domain/followup';

const textFields = ['firstName', 'function', 'email', 'landline', 'mobile', 'notes'] as const;

export function mergeRoles(a: readonly RoleAssignment[], b: readonly RoleAssignment[]): RoleAssignment[] {
  const seen = new Set<string>();
  const out: RoleAssignment[] = [];
  for (const r of [...a, ...b]) {
    const key = `${r.role}|${r.from ?? ''}|${r.until ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

/** The patch to apply to `kept`. */
export function mergedContactPatch(kept: Contact, dropped: Contact): Partial<Contact> {
  const patch: Partial<Contact> = {};
  for (const f of textFields) if (!kept[f] && dropped[f]) patch[f] = dropped[f];
  if (!kept.civility && dropped.civility) patch.civility = dropped.civility;
  const roles = mergeRoles(kept.roles, dropped.roles);
  if (roles.length !== kept.roles.length) patch.roles = roles;
  // The person has been known since the earlier of the two dates; open-ended wins over an end date.
  if (dropped.activeFrom && (!kept.activeFrom || dropped.activeFrom < kept.activeFrom)) patch.activeFrom = dropped.activeFrom;
  if (kept.activeUntil && (!dropped.activeUntil || dropped.activeUntil > kept.activeUntil)) patch.activeUntil = dropped.activeUntil;
  return patch;
}

/** Chain sides with `from` replaced by `to` (a person listed twice is kept once, at the first place). */
export function repointChain(chain: EscalationChain, from: string, to: string): Pick<EscalationChain, 'cafSide' | 'partnerSide'> | null {
  const fix = (side: EscalationChain['cafSide']) => {
    const seen = new Set<string>();
    const out: EscalationChain['cafSide'] = [];
    for (const e of side) {
      const id = e.contactId === from ? to : e.contactId;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ ...e, contactId: id });
    }
    return out;
  };
  const touches = [...chain.cafSide, ...chain.partnerSide].some((e) => e.contactId === from);
  return touches ? { cafSide: fix(chain.cafSide), partnerSide: fix(chain.partnerSide) } : null;
}

export function repointFollowUpSteps(f: FollowUp, from: string, to: string): FollowUp['steps'] | null {
  if (!f.steps.some((s) => s.contactId === from)) return null;
  return f.steps.map((s) => (s.contactId === from ? { ...s, contactId: to } : s));
}
