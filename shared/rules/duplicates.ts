/**
 * Duplicate contacts: the same professional email (anywhere), or the same person's name within one partner (or
 * within the Caf side). Names compare without accents, case, punctuation or word order issues of spacing.
 */
import type { Contact } from '../domain/contact';

export function normaliseName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function normaliseEmail(s: string): string {
  return s.trim().toLowerCase();
}

type DupFields = Pick<Contact, 'id' | 'partnerId' | 'cafId' | 'firstName' | 'lastName' | 'email'>;

export type DuplicateReason = 'email' | 'nom';
export interface DuplicateMatch<C extends DupFields> {
  contact: C;
  reason: DuplicateReason;
}

export const duplicateReasonLabels: Record<DuplicateReason, string> = {
  email: 'même adresse mél',
  nom: 'même nom chez ce partenaire',
};

/** Existing contacts that look like `candidate` (excluding itself). */
export function findDuplicates<C extends DupFields>(candidate: Omit<DupFields, 'id'> & { id?: string }, existing: readonly C[]): DuplicateMatch<C>[] {
  const email = normaliseEmail(candidate.email);
  const name = normaliseName(`${candidate.firstName} ${candidate.lastName}`);
  const out: DuplicateMatch<C>[] = [];
  for (const c of existing) {
    if (c.id === candidate.id) continue;
    if (email && normaliseEmail(c.email) === email) {
      out.push({ contact: c, reason: 'email' });
      continue;
    }
    const sameOwner = candidate.partnerId ? c.partnerId === candidate.partnerId : !!candidate.cafId && c.cafId === candidate.cafId;
    if (sameOwner && name && normaliseName(`${c.firstName} ${c.lastName}`) === name) out.push({ contact: c, reason: 'nom' });
  }
  return out;
}

