import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../db/database';
import { liveRows, Store } from '../../db/store';
import { cleanContact, currentAdministrators, duplicatesOf, mergeContacts, replaceAdministrator, saveAndMergeInto, saveContact, type ContactInput } from './actions';
import { missingRequiredRoles } from '../../../shared/rules/requiredRoles';
import { PHONE_MESSAGE } from '../../../shared/rules/phone';
import { historyLines } from '../../db/store';
import { linesOfWrites } from '../../../shared/sync/history';

let db: AppDatabase;
let store: Store;
let n = 0;
beforeEach(async () => {
  db = new AppDatabase(`contacts-test-${n++}`);
  store = new Store(db, '00000000000000cc', () => 'Testeur');
  await store.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const person = (p: Partial<ContactInput> = {}): ContactInput => ({
  partnerId: 'p1',
  firstName: 'Hélène',
  lastName: 'Payet',
  function: 'Directrice du CCAS',
  email: 'helene.payet@ccas.re',
  landline: '0262 48 62 11',
  mobile: '',
  roles: [],
  notes: '',
  ...p,
});

describe('contact actions', () => {
  it('stores phones in E.164', async () => {
    const id = await saveContact(store, person({ mobile: '06 92 12 34 56' }));
    const c = (await liveRows(db, 'contacts')).find((x) => x.id === id)!;
    expect(c.landline).toBe('+262262486211');
    expect(c.mobile).toBe('+262692123456');
  });

  it('refuses a bad phone with the exact message and stores nothing', async () => {
    await expect(saveContact(store, person({ landline: '0262 48 62' }))).rejects.toThrow(PHONE_MESSAGE);
    await expect(saveContact(store, person({ lastName: ' ' }))).rejects.toThrow('Le nom est obligatoire.');
    await expect(saveContact(store, person({ email: 'helene@' }))).rejects.toThrow('Adresse mél invalide (ex. prenom.nom@mairie.fr).');
    expect(await db.contacts.count()).toBe(0);
    expect(await db.history.count()).toBe(0);
  });

  it('a role line added without choosing the role is refused on its own field, nothing stored', async () => {
    const input = person({ roles: [{ role: 'administrateur' }, { role: '' as ContactInput['roles'][number]['role'] }] });
    expect(cleanContact(input)).toEqual({ ok: false, errors: [{ field: 'roles.1', message: 'Choisissez le rôle, ou retirez cette ligne.' }] });
    await expect(saveContact(store, input)).rejects.toThrow('Choisissez le rôle, ou retirez cette ligne.');
    expect(await db.contacts.count()).toBe(0);
  });

  it('detects duplicates by email (any case) and by name within the partner', async () => {
    await saveContact(store, person());
    expect((await duplicatesOf(db, person({ firstName: 'X', lastName: 'Y', partnerId: 'p2', email: 'HELENE.payet@ccas.re' }))).map((d) => d.reason)).toEqual(['email']);
    expect((await duplicatesOf(db, person({ email: '', firstName: 'helene', lastName: 'PAYET' }))).map((d) => d.reason)).toEqual(['nom']);
    expect(await duplicatesOf(db, person({ email: '', partnerId: 'p2' }))).toEqual([]);
  });

  it('merge keeps every reference: chains, habilitations, follow-up steps, in one action', async () => {
    const kept = await saveContact(store, person({ roles: [{ role: 'administrateur' }] }));
    const dropped = await saveContact(store, person({ email: 'h.payet@ccas.re', mobile: '0692123456', roles: [{ role: 'responsable-securite' }] }));
    await store.write('setup', async (ctx) => {
      await ctx.create('chains', { id: 'p1', partnerId: 'p1', delayValue: 48, delayUnit: 'hours', serviceOpens: '08:00', serviceCloses: '16:00', cafSide: [{ contactId: dropped }], partnerSide: [{ contactId: dropped }, { contactId: 'other' }] });
      await ctx.create('habilitations', { id: 'h1', partnerId: 'p1', service: 'CDAP', profile: 'T1', firstName: 'Hélène', lastName: 'Payet', email: '', function: '', contactId: dropped, startOn: '2026-01-01', status: 'active' });
      await ctx.create('followUps', { id: 'f1', partnerId: 'p1', subject: 'Incident', direction: 'vers-partenaire', channel: 'mel', sentAt: '2026-01-01T08:00:00.000Z', urgent: false, status: 'ouverte', notes: '', steps: [{ side: 'partner', contactId: dropped, contactedAt: '2026-01-02T08:00:00.000Z' }] });
    });
    const historyBefore = (await historyLines(db)).length;
    await mergeContacts(store, kept, dropped);
    const contacts = await liveRows(db, 'contacts');
    expect(contacts.map((c) => c.id)).toEqual([kept]);
    expect(contacts[0]!.mobile).toBe('+262692123456');
    expect(contacts[0]!.roles.map((r) => r.role).sort()).toEqual(['administrateur', 'responsable-securite']);
    const [chain] = await liveRows(db, 'chains');
    expect(chain!.cafSide).toEqual([{ contactId: kept }]);
    expect(chain!.partnerSide).toEqual([{ contactId: kept }, { contactId: 'other' }]);
    expect((await liveRows(db, 'habilitations'))[0]!.contactId).toBe(kept);
    expect((await liveRows(db, 'followUps'))[0]!.steps[0]!.contactId).toBe(kept);
    const lines = (await historyLines(db)).slice(historyBefore);
    expect(new Set(lines.map((l) => l.action))).toEqual(new Set(['Fusion de deux interlocuteurs']));
    // One transaction: all lines carry the same instant.
    expect(new Set(lines.map((l) => l.at)).size).toBe(1);
  });

  it('merging Caf-side contacts repoints them in every partner chain and follow-up', async () => {
    const kept = await saveContact(store, person({ partnerId: undefined, cafId: 'caf', email: 'guichet@caf974.fr', lastName: 'Guichet unique' }));
    const dropped = await saveContact(store, person({ partnerId: undefined, cafId: 'caf', email: 'gu@caf974.fr', lastName: 'Guichet unique' }));
    await store.write('setup', async (ctx) => {
      for (const p of ['p2', 'p3']) {
        await ctx.create('chains', { id: p, partnerId: p, delayValue: 7, delayUnit: 'working-days', serviceOpens: '08:00', serviceCloses: '16:00', cafSide: [{ contactId: dropped }], partnerSide: [] });
        await ctx.create('followUps', { id: `f-${p}`, partnerId: p, subject: 'Relance', direction: 'vers-caf', channel: 'mel', sentAt: '2026-01-01T08:00:00.000Z', urgent: false, status: 'ouverte', notes: '', steps: [{ side: 'caf', contactId: dropped, contactedAt: '2026-01-02T08:00:00.000Z' }] });
      }
    });
    await mergeContacts(store, kept, dropped);
    expect((await liveRows(db, 'chains')).map((c) => c.cafSide)).toEqual([[{ contactId: kept }], [{ contactId: kept }]]);
    expect((await liveRows(db, 'followUps')).map((f) => f.steps[0]!.contactId)).toEqual([kept, kept]);
    expect((await liveRows(db, 'contacts')).map((c) => c.id)).toEqual([kept]);
  });

  it('saving a new duplicate into the existing contact fills its blanks', async () => {
    const kept = await saveContact(store, person());
    await saveAndMergeInto(store, person({ mobile: '0692 12 34 56', roles: [{ role: 'signataire' }] }), kept);
    const all = await liveRows(db, 'contacts');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ mobile: '+262692123456', roles: [{ role: 'signataire' }] });
  });

  it("replaces the administrator on an effective date: old role ends the day before (kept), new one from that date", async () => {
    const oldId = await saveContact(store, person({ roles: [{ role: 'administrateur', from: '2020-01-01' }, { role: 'responsable-securite' }] }));
    const newId = await replaceAdministrator(store, 'p1', oldId, { contact: person({ firstName: 'Jean', lastName: 'Hoarau', email: 'jean.hoarau@ccas.re', landline: '' }) }, '2026-11-23');
    const contacts = await liveRows(db, 'contacts');
    const old = contacts.find((c) => c.id === oldId)!;
    expect(old.roles).toEqual([{ role: 'administrateur', from: '2020-01-01', until: '2026-11-22' }, { role: 'responsable-securite' }]);
    // The day before, the old one is still the administrator; on the effective day only the new one is.
    expect(currentAdministrators(contacts, '2026-11-22').map((c) => c.id)).toEqual([oldId]);
    expect(contacts.find((c) => c.id === newId)!.roles).toEqual([{ role: 'administrateur', from: '2026-11-23' }]);
    expect(currentAdministrators(contacts, '2026-11-23').map((c) => c.id)).toEqual([newId]);
    expect(missingRequiredRoles(contacts, '2026-11-23')).not.toContain('administrateur');
    const hist = linesOfWrites(await db.history.where('[table+recordId]').equals(['contacts', oldId]).toArray());
    expect(hist.some((h) => h.field === 'roles' && h.action === "Remplacement de l'administrateur")).toBe(true);
  });

  it('replacing with an existing contact, and refusing the same person', async () => {
    const oldId = await saveContact(store, person({ roles: [{ role: 'administrateur' }] }));
    const other = await saveContact(store, person({ firstName: 'Paul', lastName: 'Técher', email: 'paul@ccas.re', roles: [{ role: 'administrateur-suppleant' }] }));
    await expect(replaceAdministrator(store, 'p1', oldId, { existingId: oldId }, '2026-11-23')).rejects.toThrow("Le nouvel administrateur doit être une autre personne que l'actuel.");
    await replaceAdministrator(store, 'p1', oldId, { existingId: other }, '2026-11-23');
    const c = (await liveRows(db, 'contacts')).find((x) => x.id === other)!;
    expect(c.roles).toEqual([{ role: 'administrateur-suppleant' }, { role: 'administrateur', from: '2026-11-23' }]);
  });

  it('puts the new administrator in the escalation chain in the old one\'s place when asked; refuses an effective date before the old role began', async () => {
    const oldId = await saveContact(store, person({ roles: [{ role: 'administrateur', from: '2026-06-01' }] }));
    const keep = await saveContact(store, person({ firstName: 'Paul', lastName: 'Técher', email: 'paul@ccas.re' }));
    await store.write('Procédure', (ctx) =>
      ctx.create('chains', { partnerId: 'p1', delayValue: 2, delayUnit: 'hours', serviceOpens: '08:00', serviceCloses: '16:00', cafSide: [], partnerSide: [{ contactId: keep }, { contactId: oldId }] }),
    );
    const before = await db.contacts.toArray();
    await expect(replaceAdministrator(store, 'p1', oldId, { existingId: keep }, '2026-06-01')).rejects.toThrow("La date d'effet doit suivre le début du rôle de l'administrateur remplacé.");
    expect(await db.contacts.toArray()).toEqual(before);
    const newId = await replaceAdministrator(store, 'p1', oldId, { contact: person({ firstName: 'Jean', lastName: 'Hoarau', email: 'jean.hoarau@ccas.re' }) }, '2026-12-01', { inChain: true });
    const [chain] = await liveRows(db, 'chains');
    expect(chain!.partnerSide.map((e) => e.contactId)).toEqual([keep, newId]);
  });
});
