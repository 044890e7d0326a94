import { describe, expect, it } from 'vitest';
import { cafHits, filterByName, haystack, matchesQuery, textMatcher } from './match';

describe('one text match for lists, pickers and the Caf results of the search', () => {
  it('ignores accents, case, hyphens, apostrophes, spaces and punctuation', () => {
    for (const q of ['saint paul', 'Saint-Paul', 'SAINT  PAUL', 'saint-paul.', 'paul saint', 'saintpaul'.slice(0, 5)]) expect(matchesQuery(q, ['CCAS de Saint-Paul']), q).toBe(true);
    expect(matchesQuery('saint paul', ['CCAS de Saint-Paul'])).toBe(true);
    expect(matchesQuery('angouleme ccas d', ['CCAS d’Angoulême'])).toBe(true);
    expect(matchesQuery("ccas d'angoulême", ['CCAS d’Angoulême'])).toBe(true);
    expect(matchesQuery('reunion', ["Caisse d'Allocations Familiales de la Réunion"])).toBe(true);
    expect(matchesQuery('saint pierre', ['CCAS de Saint-Paul'])).toBe(false);
  });

  it('finds a phone number whatever its spacing or form', () => {
    const stored = ['+262262123456'];
    for (const q of ['0262 12 34 56', '+262262123456', '0262123456', '+262 262 12 34 56', '02.62.12.34.56', '00262262123456', '0262 12'])
      expect(matchesQuery(q, ['Josiane HOARAU'], stored), q).toBe(true);
    expect(matchesQuery('0262 99 34 56', ['Josiane HOARAU'], stored)).toBe(false);
    // A metropolitan number too.
    expect(matchesQuery('03 89 12 34 56', [], ['+33389123456'])).toBe(true);
    expect(matchesQuery('+33 3 89 12 34 56', [], ['+33389123456'])).toBe(true);
  });

  it('an empty query matches everything; the matcher is reusable', () => {
    expect(textMatcher('  - ')).toBeNull();
    expect(matchesQuery('', ['x'])).toBe(true);
    const m = textMatcher('hoarau 0262')!;
    expect(m(haystack(['Josiane HOARAU'], ['+262262123456']))).toBe(true);
    expect(m(haystack(['Josiane PAYET'], ['+262262123456']))).toBe(false);
  });

  it('pickers filter their options with the same rule', () => {
    const options = [{ name: 'CCAS de Saint-Paul' }, { name: 'Mairie de Saint-Denis' }, { name: 'CCAS du Port' }];
    expect(filterByName(options, { inputValue: 'saint paul' })).toEqual([{ name: 'CCAS de Saint-Paul' }]);
    expect(filterByName(options, { inputValue: 'SAINT' })).toHaveLength(2);
    expect(filterByName(options, { inputValue: '' })).toHaveLength(3);
  });

  it('finds Cafs by name, city or guichet unique phone', () => {
    const cafs = [
      { id: 'r', name: "Caisse d'Allocations Familiales de la Réunion", address: { city: 'Saint-Denis', postalCode: '97400' }, helpdeskEmail: 'gu@caf974.fr', helpdeskPhone: '+262262486211' },
      { id: 'h', name: "Caisse d'Allocations familiales du Haut-Rhin", address: { city: 'Mulhouse', postalCode: '68100' }, helpdeskEmail: '', helpdeskPhone: '' },
    ];
    expect(cafHits(cafs, 'Reunion').map((h) => h.id)).toEqual(['r']);
    expect(cafHits(cafs, 'haut rhin').map((h) => h.id)).toEqual(['h']);
    expect(cafHits(cafs, '0262 48 62 11').map((h) => h.id)).toEqual(['r']);
    expect(cafHits(cafs, 'caisse').map((h) => h.id)).toEqual(['r', 'h']);
    expect(cafHits(cafs, '')).toEqual([]);
    expect(cafHits(cafs, 'reunion')[0]).toEqual({ kind: 'caf', id: 'r', title: "Caisse d'Allocations Familiales de la Réunion", subtitle: 'Saint-Denis · gu@caf974.fr' });
  });
});
