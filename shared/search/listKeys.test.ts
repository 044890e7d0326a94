import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLANK, contactListKeys, habilitationListKeys, orderKey, partnerListKeys } from './listKeys';

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

  // The lists' collator (renderer/components/VirtualTable.tsx compareValues), blanks last.
  const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  const compare = (a: string, b: string) => (a === b ? 0 : a === '' ? 1 : b === '' ? -1 : collator.compare(a, b));
  const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
  const byKey = (a: string, b: string) => {
    const [ka, kb] = [orderKey(a), orderKey(b)];
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };

  it('orders as the lists\' collator does: accents, case, ligatures, digits by value, punctuation, blanks last', () => {
    const names = ['Saint-Paul 10', 'saint-paul 2', 'Saint Paul', 'SAINT-PAUL', 'Saint-Paul 02', 'Œuvre', 'oeuvre', 'Øster', 'école', 'Ecole', "L'Étang", 'L’Étang', 'L Etang', 'Lé-Tang', 'mairie (annexe)', 'mairie', 'mairie 1', 'mairie 1a', '', ' ', '2', '10', 'a', 'zoé', 'Zoe', 'ﬁn', 'fin', 'Łódź', 'lodz', 'M. Dupont', 'M Dupont', 'n° 5', 'n 5'];
    for (const a of names) for (const b of names) expect(sign(byKey(a, b)), `${a} / ${b}`).toBe(sign(compare(a, b)));
  });

  it('orders random French-like text as the collator does (property)', () => {
    const alphabet = [...'aAàâäeEéèêëiîïoôOœŒuùûüçÇyzZbBmn0123456789 -\'’.,()/&_°«»'];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => sign(byKey(a, b)) === sign(compare(a, b))),
      { numRuns: 5000 },
    );
  });

  it('keeps contacts\' activity dates as range keys (blank start lowest, blank end highest)', () => {
    expect(contactListKeys({ lastName: 'Técher', firstName: 'Élise' })).toMatchObject({ o: orderKey('Técher Élise'), af: '', au: BLANK });
    expect(contactListKeys({ activeFrom: '2024-01-01', activeUntil: '2025-06-30' })).toMatchObject({ af: '2024-01-01', au: '2025-06-30' });
    expect(partnerListKeys({ name: 'Mairie', status: 'archive' })).toMatchObject({ o: orderKey('Mairie'), a: '1' });
    expect(partnerListKeys({ name: 'Mairie' }).a).toBe('0');
  });
});
