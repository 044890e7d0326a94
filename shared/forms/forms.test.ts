import { describe, expect, it } from 'vitest';
import type { Contact, Habilitation, Partner } from '../domain';
import { buildAnnexe1, buildBulletin, buildDesignation, buildSuppression, FormChoiceError, type FormSources } from './build';
import { fileSlug, formatDay, formatPhone, formFileName, parseDay } from './format';
import { parseSnapshot, peopleOf, SnapshotError } from './model';

const partner: Partner = {
  id: 'p1',
  cafId: 'caf974',
  name: 'Ville de Saint-Denis',
  kind: 'commune',
  siret: '',
  address: { line1: '2 rue de Paris', line2: '', postalCode: '97400', city: 'Saint-Denis' },
  representative: { title: 'Le Maire', firstName: 'Gilbert', lastName: 'Annette' },
  status: 'actif',
  notes: '',
};
const contact = (id: string, over: Partial<Contact>): Contact => ({
  id,
  partnerId: 'p1',
  firstName: '',
  lastName: 'X',
  function: '',
  email: '',
  landline: '',
  mobile: '',
  roles: [],
  notes: '',
  ...over,
});
const hab = (id: string, over: Partial<Habilitation>): Habilitation => ({
  id,
  partnerId: 'p1',
  service: 'CDAP',
  profile: 'T1',
  firstName: 'Anne',
  lastName: 'Martin',
  email: 'a.martin@example.fr',
  function: 'Assistante sociale',
  startOn: '2024-01-01',
  status: 'active',
  ...over,
});
const src: FormSources = {
  partner,
  caf: {
    name: 'Caf de La Réunion',
    address: { line1: '4 boulevard Doret', line2: '', postalCode: '97704', city: 'Saint-Denis Messag Cedex 9' },
    director: 'J. Ch. Slama',
    helpdeskEmail: 'mon-compte-partenaire.cafreunion@caf.cnafmail.fr',
    helpdeskPhone: '',
  },
  convention: { id: 'c1', partnerId: 'p1', number: '112/2017', tacitRenewal: true, managementMode: 'centralise', missions: '', amendments: [], services: [] },
  contacts: [
    contact('old', { firstName: 'Marie', lastName: 'Payet', email: 'm.payet@saintdenis.re', roles: [{ role: 'administrateur', from: '2017-01-01' }] }),
    contact('new', { firstName: 'Jean', lastName: "N'Guyen", function: 'Chef de service', email: 'j.nguyen@saintdenis.re', landline: '+262262213456', roles: [] }),
    contact('gone', { firstName: 'Paul', lastName: 'Ancien', roles: [{ role: 'responsable-securite', until: '2020-01-01' }] }),
    { ...contact('cafadm', { firstName: 'Michel', lastName: 'Mouret', email: 'michel.mouret@cafreunion.cnafmail.fr', landline: '+262262486211', roles: [{ role: 'administrateur' }] }), partnerId: undefined, cafId: 'caf974' },
  ],
  habilitations: [hab('h1', {}), hab('h2', { firstName: 'Zoé', lastName: "D'Arco" })],
  allocations: [
    { id: 'a2', partnerId: 'p1', service: 'CDAP', profile: 'T2', maxUsers: 5 },
    { id: 'a1', partnerId: 'p1', service: 'CDAP', profile: 'T1', maxUsers: 2 },
    { id: 'a3', partnerId: 'other', service: 'CDAP', profile: 'T5', maxUsers: 9 },
  ],
};
const today = '2026-11-22';

describe('file names', () => {
  it('follows the office pattern', () => {
    expect(formFileName('suppression-cdap', 'Ville de Saint-Denis', today)).toBe('2026-11-22_Suppression-CDAP_Ville-de-Saint-Denis.pdf');
    expect(formFileName('designation-administrateur', 'CCAS', today, true)).toBe('2026-11-22_Modification-administrateur_CCAS.pdf');
  });
  it('folds accents, apostrophes and unsafe characters', () => {
    expect(fileSlug("Centre communal d'action sociale de l'Étang-Salé")).toBe('Centre-communal-d-action-sociale-de-l-Etang-Sale');
    expect(fileSlug('Œuvre « Saint-Benoît » : a/b\\c*?<>|"')).toBe('OEuvre-Saint-Benoit-a-b-c');
    expect(fileSlug('   ')).toBe('');
    expect(formFileName('bulletin-adhesion', '«»', today)).toBe('2026-11-22_Bulletin-adhesion-CDAP_Partenaire.pdf');
    expect(fileSlug('x'.repeat(200)).length).toBe(60);
    expect(formFileName('annexe1-interlocuteurs', 'Mairie / Sainte-Marie', today)).toMatch(/^[A-Za-z0-9_.-]+$/);
  });
});

describe('formatting', () => {
  it('prints dates dd/MM/yyyy and reads them back', () => {
    expect(formatDay('2026-02-03')).toBe('03/02/2026');
    expect(formatDay('')).toBe('');
    expect(parseDay('3/2/2026')).toBe('2026-02-03');
    expect(parseDay('31/02/2026')).toBeNull();
    expect(parseDay('2026-02-03')).toBeNull();
  });
  it('prints phones as national numbers, overseas included', () => {
    expect(formatPhone('+262262486211')).toBe('02 62 48 62 11');
    expect(formatPhone('+33389306623')).toBe('03 89 30 66 23');
    expect(formatPhone('+596596123456')).toBe('05 96 12 34 56');
    expect(formatPhone('+41223456789')).toBe('+41223456789');
    expect(formatPhone('')).toBe('');
  });
});

describe('builders', () => {
  it('designation: new person, replaced administrator, partner signatory', () => {
    const f = buildDesignation(src, { newAdminContactId: 'new', replacedContactId: 'old' }, today);
    expect(f.header).toEqual({
      partnerName: 'Ville de Saint-Denis',
      conventionNumber: '112/2017',
      cafName: 'Caf de La Réunion',
      cafAddressLines: ['4 boulevard Doret', '97704 Saint-Denis Messag Cedex 9'],
      issuedOn: today,
    });
    expect(f.newAdmin).toMatchObject({ firstName: 'Jean', lastName: "N'Guyen", landline: '02 62 21 34 56', mobile: '' });
    expect(f.replaces).toBe(true);
    expect(f.replaced).toEqual({ firstName: 'Marie', lastName: 'Payet', email: 'm.payet@saintdenis.re' });
    expect(f.signatory.title).toBe('Le Maire');
    expect(peopleOf(f)).toEqual(["Jean N'GUYEN", 'Marie PAYET']);
  });
  it('designation: refuses a missing or identical person', () => {
    expect(() => buildDesignation(src, { newAdminContactId: '', replacedContactId: null }, today)).toThrow("Choisissez l'administrateur à désigner.");
    expect(() => buildDesignation(src, { newAdminContactId: 'new', replacedContactId: 'new' }, today)).toThrow(FormChoiceError);
  });
  it('suppression: rows in the chosen order with their « perte ou vol » box, administrator signs', () => {
    const f = buildSuppression(src, { habilitationIds: ['h2', 'h1'], perteVol: ['h1'], effectiveOn: today }, today);
    expect(f.rows.map((r) => [r.lastName, r.perteVol])).toEqual([["D'Arco", false], ['Martin', true]]);
    expect(f.administrator).toEqual({ title: "L'administrateur", firstName: 'Marie', lastName: 'Payet' });
    expect(() => buildSuppression(src, { habilitationIds: [], perteVol: [], effectiveOn: today }, today)).toThrow('Choisissez au moins un accès à supprimer.');
  });
  it('annexe 1: Caf and partner sides, ended roles left out, blanks where nobody holds a role', () => {
    const f = buildAnnexe1(src, today);
    expect(f.cafSide.administrators).toEqual([{ role: 'Administrateur', name: 'Michel MOURET', email: 'michel.mouret@cafreunion.cnafmail.fr', phone: '02 62 48 62 11' }]);
    expect(f.partnerSide.administrators.map((l) => [l.role, l.name])).toEqual([
      ['Administrateur', 'Marie PAYET'],
      ['Administrateur suppléant', ''],
    ]);
    expect(f.partnerSide.others.find((l) => l.role === 'Responsable Sécurité')?.name).toBe('');
    expect(f.cafSide.others.at(-1)).toMatchObject({ role: 'Guichet unique du Centre de services Caf', email: 'mon-compte-partenaire.cafreunion@caf.cnafmail.fr' });
  });
  it('bulletin: the partner’s CDAP profiles in catalogue order', () => {
    const f = buildBulletin(src, today);
    expect(f.profiles).toEqual([
      { code: 'T1', label: 'Action sociale', maxUsers: 2 },
      { code: 'T2', label: 'Prestataires de services sociaux', maxUsers: 5 },
    ]);
    expect(buildBulletin({ ...src, allocations: [] }, today).profiles).toHaveLength(3);
  });
});

describe('snapshots', () => {
  it('round-trips and refuses damaged JSON with a French message', () => {
    const f = buildSuppression(src, { habilitationIds: ['h1'], perteVol: [], effectiveOn: '' }, today);
    expect(parseSnapshot(JSON.stringify(f))).toEqual(f);
    expect(() => parseSnapshot('{')).toThrow(new SnapshotError('Le formulaire enregistré est illisible (données endommagées).'));
    expect(() => parseSnapshot('{"type":"autre"}')).toThrow('Le formulaire enregistré est illisible (format inconnu).');
  });
});
