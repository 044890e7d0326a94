import { describe, expect, it } from 'vitest';
import { BLANK, habilitationListKeys, partnerListKeys } from './listKeys';

describe('list keys', () => {
  it('folds names and e-mails, pads profiles, puts blanks last', () => {
    expect(habilitationListKeys({ lastName: 'Técher', firstName: 'Élodie', email: 'E.Techer@Mairie.re', profile: 'T2', startOn: '2024-01-02', status: 'active' })).toEqual({
      n: 'techer elodie',
      e: 'e.techer@mairie.re',
      p: '00T2',
      s: '2024-01-02',
      st: 'active',
      f: BLANK,
    });
    expect(habilitationListKeys({ profile: 'T10' }).p > habilitationListKeys({ profile: 'T2' }).p).toBe(true);
    expect(habilitationListKeys({ lastName: 'Zoé' }).n < BLANK).toBe(true);
    expect(habilitationListKeys({}).e).toBe(BLANK);
  });

  it('orders partner names as a French reader does (accents and case ignored)', () => {
    const names = ['Zèbre', 'école', 'Émile', 'abeille'];
    expect(names.map((n) => partnerListKeys({ name: n }).n).sort()).toEqual(['abeille', 'ecole', 'emile', 'zebre']);
  });

  it('never throws on records missing fields or holding other types', () => {
    expect(() => habilitationListKeys({ lastName: 3, email: null })).not.toThrow();
    expect(partnerListKeys({}).n).toBe(BLANK);
  });
});
