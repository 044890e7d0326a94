import { describe, expect, it } from 'vitest';
import { findDuplicates, normaliseName } from './duplicates';
import { emailError } from './email';

const base = { partnerId: 'p1', cafId: undefined, firstName: '', lastName: '', email: '' };

describe('duplicate contacts', () => {
  const existing = [
    { ...base, id: 'c1', firstName: 'Hélène', lastName: 'Payet', email: 'helene.payet@ville.re' },
    { ...base, id: 'c2', partnerId: 'p2', firstName: 'Jean', lastName: 'Dupont', email: 'j.dupont@ccas.fr' },
  ];
  it('same email anywhere, case-insensitive', () => {
    const m = findDuplicates({ ...base, partnerId: 'p9', firstName: 'X', lastName: 'Y', email: ' Helene.PAYET@ville.re' }, existing);
    expect(m.map((x) => [x.contact.id, x.reason])).toEqual([['c1', 'email']]);
  });
  it('same normalised name only within the same partner', () => {
    expect(findDuplicates({ ...base, firstName: 'helene', lastName: 'PAYET ' }, existing).map((x) => x.reason)).toEqual(['nom']);
    expect(findDuplicates({ ...base, firstName: 'Jean', lastName: 'Dupont' }, existing)).toEqual([]);
    expect(findDuplicates({ ...base, partnerId: 'p2', firstName: 'Jéan', lastName: 'du-pont' }, existing)).toEqual([]);
    expect(findDuplicates({ ...base, partnerId: 'p2', firstName: 'Jéan', lastName: 'Dupont' }, existing).map((x) => x.contact.id)).toEqual(['c2']);
  });
  it('ignores the contact itself', () => {
    expect(findDuplicates({ ...existing[0]! }, existing)).toEqual([]);
  });
  it('normalises names and checks emails', () => {
    expect(normaliseName("  Marie-Thérèse  D'Almeida ")).toBe('marie therese d almeida');
    expect(emailError('a@b.fr')).toBeNull();
    expect(emailError('')).toBeNull();
    expect(emailError('pas une adresse')).toBe('Adresse mél invalide (ex. prenom.nom@mairie.fr).');
  });
});
