import { describe, expect, it } from 'vitest';
import { readConvention, NotAConventionError } from './extract';
import { normalizeText, cellsOf } from './normalize';
import { syntheticConvention } from './fixtures/synthetic';
import { parseDate, phonesIn, splitName } from './values';

const read = (o: Parameters<typeof syntheticConvention>[0] = {}) => readConvention(syntheticConvention(o), 'synthetique.txt').data;
const person = (d: ReturnType<typeof read>, last: string) => d.contacts.filter((c) => c.lastName === last);

describe('normalisation', () => {
  it('turns look-alike Cyrillic letters into Latin ones', () => {
    expect(normalizeText('DUMОNT Аlаin')).toBe('DUMONT Alain');
  });
  it('joins words split by a line end, keeps compound names', () => {
    expect(normalizeText('la respon-\nsabilité de Jean-\nCharles')).toBe('la responsabilité de Jean-Charles');
  });
  it('keeps the address of a mailto link', () => {
    expect(normalizeText('<a href="mailto:a.b@caf.fr">Écrire</a>')).toContain('a.b@caf.fr');
    expect(normalizeText('[a.b@caf.fr](mailto:a.b@caf.fr)').trim()).toBe('a.b@caf.fr');
  });
  it('drops prefecture stamps and page numbers, and joins the sentence they cut', () => {
    const t = normalizeText(
      'La résiliation se fait par lettre recommandée avec\n\nAccusé de réception en préfecture\n974-219740115-20170923-176007-DE\nDate de télétransmission : 03/10/2017\n\navis de réception.\n\nPage 3 / 12\n',
    );
    expect(t).not.toMatch(/préfecture|Page 3/);
    expect(t).toMatch(/recommandée avec avis de réception/);
  });
  it('reads table rows from pipes and tabs', () => {
    expect(cellsOf('| a | b |  |')).toEqual(['a', 'b', '']);
    expect(cellsOf('a\tb')).toEqual(['a', 'b']);
    expect(cellsOf('|---|--|')).toEqual([]);
  });
});

describe('values', () => {
  it('reads French dates in their printed forms', () => {
    expect(parseDate('le05.MAI...2017.....')?.value).toBe('2017-05-05');
    expect(parseDate('le 1er mars 2024')?.value).toBe('2024-03-01');
    expect(parseDate('01/07/2017')?.value).toBe('2017-07-01');
    expect(parseDate('Mai 2017')?.value).toBe('2017-05');
    expect(parseDate('le ___/___/___')).toBeNull();
  });
  it('reads phones in E.164 with overseas plans and OCR separators', () => {
    expect(phonesIn('03 / 68 /47 / 98 /89')).toEqual(['+33368479889']);
    expect(phonesIn('02 62 48 62 11')).toEqual(['+262262486211']);
    expect(phonesIn('0596 12 34 56')).toEqual(['+596596123456']);
    expect(phonesIn('05 96 12')).toEqual([]);
    expect(phonesIn('+33 (0)1 23 45 67 89')).toEqual(['+33123456789']);
  });
  it('splits names by the capitals of the surname', () => {
    expect(splitName('HOAREAU Jean-François')).toMatchObject({ firstName: 'Jean-François', lastName: 'HOAREAU' });
    expect(splitName('MME Céline RAFOUGILET')).toMatchObject({ civility: 'Mme', firstName: 'Céline', lastName: 'RAFOUGILET' });
    expect(splitName('JOSETTE RENAHY')).toMatchObject({ firstName: 'Josette', lastName: 'RENAHY' });
  });
});

describe('reading a synthetic convention (names, order and noise unlike the seeds)', () => {
  it('reads the parties', () => {
    const d = read();
    expect(d.partner).toMatchObject({
      name: "Centre Communal d'Action Sociale de Villeneuve-sur-Lot",
      kind: 'ccas_cias',
      siret: '26470001200018',
      address: { lines: ["12, place de l'Hôtel de Ville"], postalCode: '47300', city: 'Villeneuve-Sur-Lot' },
      representative: { civility: 'M.', name: 'Alain DUMONT', title: 'Président' },
    });
    expect(d.caf).toMatchObject({
      name: "Caisse d'Allocations familiales de Lot-et-Garonne",
      address: { lines: ['1 rue de la Palme', 'CS 30001'], postalCode: '47916', city: 'Agen' },
      representative: { civility: 'Mme', name: 'Sophie LAMBERT', title: 'Directrice' },
    });
  });

  it('reads the terms, mode, services, hours and quotas', () => {
    const d = read();
    expect(d.convention).toMatchObject({
      number: '2024-017',
      signedOn: '2024-02-12',
      effectiveOn: null,
      durationMonths: 24,
      tacitRenewal: true,
      noticeMonths: 6,
      mode: 'delegue',
    });
    expect(d.convention.services).toEqual([{ code: 'CDAP', label: 'Consultation du dossier allocataire par les partenaires', availableFrom: '2024-03-01' }]);
    expect(d.serviceHours).toEqual({ days: 'lun-ven', opens: '08:30', closes: '16:30' });
    expect(d.allocations).toEqual([
      { service: 'CDAP', profile: 'T1', max: 12 },
      { service: 'CDAP', profile: 'T9', max: 3 },
    ]);
    expect(read({ mode: 'centralisé' }).convention.mode).toBe('centralise');
  });

  it('reads the escalation delay and both ordered lists', () => {
    const d = read();
    expect(d.escalation).toEqual({ delay: { amount: 10, unit: 'days' }, caf: ['Marc PETIT', 'Claire MOREAU'], partner: ['Nadia BENALI', 'Paul ROUX'] });
  });

  it('« voir annexe 1 » takes the annex emergency contacts', () => {
    expect(read({ seeAnnex: true }).escalation.caf).toEqual(['Claire MOREAU']);
  });

  it('merges one person holding several roles, keeps shared mailboxes off people', () => {
    const d = read();
    const fabre = person(d, 'FABRE');
    expect(fabre).toHaveLength(1);
    expect(fabre[0]!.roles).toEqual(['administrateur_suppleant', 'responsable_securite']);
    const roux = person(d, 'ROUX');
    expect(roux).toHaveLength(1);
    expect(roux[0]).toMatchObject({ side: 'partner', email: 'p.roux@ccas-villeneuve.fr', phones: ['+33612345678'], roles: ['responsable_informatique', 'responsable_securite'], function: 'Responsable informatique' });
    const guichet = d.contacts.find((c) => c.roles.includes('guichet_unique'));
    expect(guichet).toMatchObject({ side: 'caf', lastName: null, email: 'partenaires.caf47@caf.cnafmail.fr', phones: ['+33553772000'] });
    expect(person(d, 'PETIT')[0]).toMatchObject({ email: 'marc.petit@caf47.cnafmail.fr', function: 'Responsable du pôle partenaires' });
    // A placeholder row (« à compléter ») is no contact; the deliberation's rapporteur is none either.
    expect(d.contacts.some((c) => c.lastName === 'VERNET' || /compl/i.test(c.lastName ?? ''))).toBe(false);
  });

  it('gives the signatories the signataire role', () => {
    const d = read();
    expect(person(d, 'LAMBERT')[0]).toMatchObject({ side: 'caf', civility: 'Mme', firstName: 'Sophie', roles: ['signataire'], function: 'Directrice' });
    expect(person(d, 'DUMONT')[0]).toMatchObject({ side: 'partner', civility: 'M.', roles: ['signataire'] });
  });

  it('reads the same whatever the order of the documents or the table format', () => {
    const base = read();
    for (const variant of [read({ contratFirst: true }), read({ tabs: true }), read({ noise: false })]) {
      expect(variant.partner).toEqual(base.partner);
      expect(variant.convention).toEqual(base.convention);
      expect(variant.escalation).toEqual(base.escalation);
      expect(variant.allocations).toEqual(base.allocations);
      expect(variant.contacts.map((c) => `${c.side} ${c.lastName} ${c.roles.join('+')} ${c.email}`).sort()).toEqual(
        base.contacts.map((c) => `${c.side} ${c.lastName} ${c.roles.join('+')} ${c.email}`).sort(),
      );
    }
  });

  it('reads other names with the same rules', () => {
    const d = read({ partnerName: 'Office Public de l\'Habitat de Marmande', cafName: "Caisse d'Allocations familiales de la Gironde" });
    expect(d.partner.name).toBe("Office Public de l'Habitat de Marmande");
    expect(d.partner.kind).toBe('bailleur_social');
    expect(d.caf.name).toBe("Caisse d'Allocations familiales de la Gironde");
  });

  it('points every value at an excerpt of the text', () => {
    const r = readConvention(syntheticConvention(), 'x.txt');
    const ev = r.evidence.find((e) => e.path === 'partner.siret')!;
    expect(r.text.slice(ev.start, ev.end)).toMatch(/SIRET/);
    expect(r.evidence.every((e) => e.start >= 0 && e.end <= r.text.length && e.confidence > 0 && e.confidence <= 1)).toBe(true);
  });

  it('null where the document says nothing (never guesses)', () => {
    const d = readConvention("Convention d'accès à « Mon Compte Partenaire »\n\nConvention n°\n\nPartenaire :\n\nArticle 1 – Objet\n\nTexte.", 'vide.txt').data;
    expect(d.partner.name).toBeNull();
    expect(d.convention.number).toBeNull();
    expect(d.convention.mode).toBeNull();
    expect(d.contacts).toEqual([]);
    expect(d.escalation.delay).toBeNull();
  });

  it('refuses a document that is not a convention', () => {
    expect(() => readConvention('Compte rendu de la réunion du 3 mars.\nPrésents : M. DUPONT.', 'cr.txt')).toThrow(NotAConventionError);
  });
});
