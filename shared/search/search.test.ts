import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fold, phoneForms, tokenize } from './normalize';
import { SearchIndex, type SearchDocument } from './searchIndex';

describe('normalisation', () => {
  it('ignores accents, case and punctuation', () => {
    expect(fold('Angoulême ŒUVRE')).toBe('angouleme oeuvre');
    expect(tokenize("CCAS d'Angoulême — Saint-Denis")).toEqual(['ccas', 'd', 'angouleme', 'saint', 'denis']);
  });

  it('joins digit groups typed with separators', () => {
    expect(tokenize('0262 48 62 11')).toEqual(['0262486211']);
    expect(tokenize('02.62.48.62.11')).toEqual(['0262486211']);
    expect(tokenize('+262 262 48-62-11')).toEqual(['262262486211']);
    expect(tokenize('213 100 018 00011')).toEqual(['21310001800011']);
    expect(tokenize('112/2017')).toEqual(['1122017']);
    expect(tokenize('16000 Angoulême')).toEqual(['16000', 'angouleme']);
  });

  it('gives the national and E.164 forms of a phone number', () => {
    expect(phoneForms('+262262486211').sort()).toEqual(['0262486211', '262262486211', '262486211'].sort());
    expect(phoneForms('+33145678901').sort()).toEqual(['0145678901', '145678901', '33145678901'].sort());
    expect(phoneForms('0262 48 62 11')).toContain('262262486211');
    expect(phoneForms('01 45 67 89 01')).toContain('33145678901');
    expect(phoneForms('')).toEqual([]);
  });

  it('tokenize never yields empty or non-alphanumeric tokens (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        for (const t of tokenize(s)) expect(t).toMatch(/^[a-z0-9]+$/);
      }),
    );
  });
});

const partner = (id: string, name: string, extra: string[] = []): SearchDocument => ({ kind: 'partner', id, partnerId: id, title: name, subtitle: '', texts: [name, ...extra] });
const contact = (id: string, partnerId: string, name: string, phone = ''): SearchDocument => ({
  kind: 'contact',
  id,
  partnerId,
  title: name,
  subtitle: '',
  texts: [name],
  extraTokens: phoneForms(phone),
});

describe('SearchIndex', () => {
  const build = () =>
    SearchIndex.build([
      partner('p1', 'CCAS d’Angoulême', ['16000 Angoulême', '21310001800011', '112/2017']),
      partner('p2', 'Mairie de Saint-Denis', ['97400 Saint-Denis']),
      partner('p3', 'Conseil départemental du Haut-Rhin', ['68000 Colmar']),
      contact('c1', 'p2', 'Marie Payet marie.payet@saintdenis.re', '+262262486211'),
      contact('c2', 'p1', 'Jean Dupont', '+33545000000'),
      { kind: 'habilitation', id: 'h1', partnerId: 'p1', title: 'Éloïse Martin', subtitle: '', texts: ['Éloïse Martin', 'eloise.martin@angouleme.fr'] },
    ]);

  it('finds the accented partner without accents, by prefix of every word', () => {
    const idx = build();
    expect(idx.search('angouleme').groups.partner.map((h) => h.id)).toEqual(['p1']);
    expect(idx.search('ANGOUL ccas').groups.partner.map((h) => h.id)).toEqual(['p1']);
    expect(idx.search('angouleme colmar').groups.partner).toEqual([]);
    expect(idx.search('eloise').groups.habilitation.map((h) => h.id)).toEqual(['h1']);
    expect(idx.search('angouleme').groups.habilitation.map((h) => h.id)).toEqual(['h1']);
  });

  it('finds a phone number however it was typed', () => {
    const idx = build();
    for (const q of ['0262 48 62 11', '02.62.48.62.11', '+262 262 48 62 11', '0262486211', '262 48 62', '0262 48']) {
      expect(idx.search(q).groups.contact.map((h) => h.id), q).toEqual(['c1']);
    }
    expect(idx.search('05 45').groups.contact.map((h) => h.id)).toEqual(['c2']);
  });

  it('finds SIRET and convention number typed with or without separators', () => {
    const idx = build();
    expect(idx.search('213 100 018').groups.partner.map((h) => h.id)).toEqual(['p1']);
    expect(idx.search('112/2017').groups.partner.map((h) => h.id)).toEqual(['p1']);
  });

  it('updates incrementally', () => {
    const idx = build();
    idx.upsert(partner('p2', 'Mairie de Saint-Paul', ['97460 Saint-Paul']));
    expect(idx.search('saint denis').groups.partner).toEqual([]);
    expect(idx.search('saint paul').groups.partner.map((h) => h.id)).toEqual(['p2']);
    idx.upsert(partner('p4', 'Zébulon Habitat'));
    expect(idx.search('zebu').groups.partner.map((h) => h.id)).toEqual(['p4']);
    idx.remove('contact', 'c1');
    expect(idx.search('payet').groups.contact).toEqual([]);
    expect(idx.size).toBe(6);
  });

  it('limits each group and says so', () => {
    const docs: SearchDocument[] = [];
    for (let i = 0; i < 50; i++) docs.push(partner(`p${i}`, `Commune ${i}`));
    const r = SearchIndex.build(docs).search('commune', 10);
    expect(r.groups.partner).toHaveLength(10);
    expect(r.truncated.partner).toBe(true);
  });

  it('puts exact word matches first', () => {
    const idx = SearchIndex.build([partner('a', 'Saint-Martinville'), partner('b', 'Martin')]);
    expect(idx.search('martin').groups.partner.map((h) => h.id)).toEqual(['b', 'a']);
    expect(idx.search('mart').groups.partner.map((h) => h.id)).toEqual(['b', 'a']);
  });

  it('matches a brute-force scan on random data (property)', () => {
    const word = fc.constantFrom('ana', 'anne', 'annecy', 'bernard', 'bea', 'béatrice', 'cœur', 'coeur', '0262', '12');
    fc.assert(
      fc.property(fc.array(fc.array(word, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 }), fc.array(fc.constantFrom('an', 'ann', 'be', 'beat', 'coe', '02', '1', 'x'), { minLength: 1, maxLength: 2 }), (names, q) => {
        const docs = names.map((n, i) => partner(`p${i}`, n.join(' ')));
        const got = SearchIndex.build(docs).search(q.join(' '), 1000).groups.partner.map((h) => h.id).sort();
        const words = tokenize(q.join(' '));
        const expected = docs.filter((d) => words.every((w) => tokenize(d.texts.join(' ')).some((t) => t.startsWith(w)))).map((d) => d.id).sort();
        expect(got).toEqual(expected);
      }),
    );
  });
});

describe('documents of records', () => {
  it('indexes partners by name, SIRET, city and convention number; contacts by phone; habilitations by email', async () => {
    const { buildSearchIndex } = await import('./documents');
    const idx = buildSearchIndex({
      partners: [{ id: 'p1', name: 'Mairie de Saint-Denis', siret: '21974411000010', address: { line1: '', line2: '', postalCode: '97400', city: 'Saint-Denis' } }],
      conventions: [{ partnerId: 'p1', number: '46' }],
      contacts: [{ id: 'c1', partnerId: 'p1', firstName: 'Marie', lastName: 'Payet', email: 'm.payet@saintdenis.re', function: 'DGS', landline: '+262262486211', mobile: '' }],
      habilitations: [{ id: 'h1', partnerId: 'p1', firstName: 'Léa', lastName: 'Hoarau', email: 'lea.hoarau@ccas.re', profile: 'T1', status: 'active' }],
    });
    expect(idx.search('219 744 110').groups.partner.map((h) => h.id)).toEqual(['p1']);
    expect(idx.search('46').groups.partner.map((h) => h.id)).toEqual(['p1']);
    expect(idx.search('0262 48 62 11').groups.contact[0]).toMatchObject({ id: 'c1', partnerId: 'p1', title: 'Marie PAYET' });
    expect(idx.search('lea.hoarau@ccas').groups.habilitation[0]).toMatchObject({ id: 'h1', subtitle: 'Mairie de Saint-Denis · T1 · Active · lea.hoarau@ccas.re' });
  });
});

describe('building in slices', () => {
  it('gives the same answers as a one-go build and pauses between slices', async () => {
    const docs: SearchDocument[] = [];
    for (let i = 0; i < 120; i++) docs.push(partner(`p${i}`, `Commune numéro ${i} de l’Hérault`));
    let pauses = 0;
    const sliced = await SearchIndex.buildInSlices(docs, async () => void pauses++, 50);
    expect(pauses).toBe(2);
    const whole = SearchIndex.build(docs);
    for (const q of ['herault', 'commune 11', 'numero 7', 'x']) expect(sliced.search(q, 200)).toEqual(whole.search(q, 200));
  });
});
