import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../db/database';
import { liveRows, Store } from '../../db/store';
import type { ChainDraft } from '../../../shared/rules/escalation';
import { closeFollowUp, createFollowUp, deleteFollowUp, markNextContacted, reopenFollowUp, saveChain, updateFollowUp } from './actions';
import { computeRows, readEscalationData } from './data';
import { historyLines } from '../../db/store';

let db: AppDatabase;
let store: Store;
let n = 0;
beforeEach(async () => {
  db = new AppDatabase(`escalation-test-${n++}`);
  store = new Store(db, '00000000000000ee', () => 'Testeur');
  await store.open();
  await store.write('setup', async (ctx) => {
    await ctx.create('cafs', { id: 'caf-re', name: 'Caf de La Réunion', address: { line1: '', line2: '', postalCode: '97400', city: 'Saint-Denis' }, territory: 'reunion', director: '', helpdeskEmail: '', helpdeskPhone: '' });
    await ctx.create('partners', { id: 'P', cafId: 'caf-re', name: 'Commune de Saint-Denis', kind: 'commune', siret: '', address: { line1: '', line2: '', postalCode: '', city: '' }, representative: { firstName: '', lastName: '', title: '' }, status: 'actif', notes: '' });
    const c = { function: '', email: '', landline: '', mobile: '', roles: [], notes: '' };
    await ctx.create('contacts', { id: 'caf1', cafId: 'caf-re', firstName: 'Céline', lastName: 'RIVET', ...c });
    await ctx.create('contacts', { id: 'caf2', cafId: 'caf-re', firstName: 'Lise', lastName: 'MOREL', ...c });
    await ctx.create('contacts', { id: 'p1', partnerId: 'P', firstName: 'Jean', lastName: 'PAYET', ...c });
    await ctx.create('contacts', { id: 'p2', partnerId: 'P', firstName: 'Marie', lastName: 'HOARAU', ...c });
  });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const draft = (patch: Partial<ChainDraft> = {}): ChainDraft => ({ delayValue: 7, delayUnit: 'working-days', serviceOpens: '08:00', serviceCloses: '16:00', cafSide: ['caf1', 'caf2'], partnerSide: ['p1', 'p2'], ...patch });
const snapshot = async () => JSON.stringify({ chains: await db.chains.toArray(), followUps: await db.followUps.toArray(), history: await db.history.count() });
const local = (y: number, m: number, d: number, h = 0, mi = 0) => new Date(y, m - 1, d, h, mi);

describe('saveChain', () => {
  it('creates the chain with the partner id, then updates it', async () => {
    expect(await saveChain(store, 'P', draft())).toBe('P');
    await saveChain(store, 'P', draft({ delayValue: 48, delayUnit: 'hours', partnerSide: ['p2', 'p1'] }));
    const [chain] = await liveRows(db, 'chains');
    expect(chain).toMatchObject({ id: 'P', delayValue: 48, delayUnit: 'hours', partnerSide: [{ contactId: 'p2' }, { contactId: 'p1' }] });
  });

  it('refuses bad input with the exact message and stores nothing', async () => {
    await saveChain(store, 'P', draft());
    const before = await snapshot();
    await expect(saveChain(store, 'P', draft({ delayValue: 0 }))).rejects.toThrow('Le délai doit être un nombre entier supérieur à zéro.');
    await expect(saveChain(store, 'P', draft({ delayValue: -1 }))).rejects.toThrow('Le délai doit être un nombre entier supérieur à zéro.');
    await expect(saveChain(store, 'P', draft({ serviceOpens: '16:00', serviceCloses: '09:00' }))).rejects.toThrow("L'heure de fermeture doit être postérieure à l'heure d'ouverture.");
    await store.write('suppression', (ctx) => ctx.remove('contacts', 'p1'));
    const afterDelete = await snapshot();
    await expect(saveChain(store, 'P', draft({ delayValue: 3 }))).rejects.toThrow("L'interlocuteur « Jean PAYET » a été supprimé : retirez-le de la procédure avant d'enregistrer.");
    expect(await snapshot()).toBe(afterDelete);
    expect(JSON.parse(before).chains).toEqual(JSON.parse(afterDelete).chains);
  });
});

describe('follow-ups', () => {
  it('refuses a request without partner, subject or valid time, or sent in the future; nothing stored', async () => {
    const before = await snapshot();
    const base = { partnerId: 'P', subject: 'Compte bloqué', direction: 'vers-caf' as const, channel: 'mel' as const, sentAt: local(2024, 12, 18, 9), urgent: false };
    const now = local(2024, 12, 30, 12);
    await expect(createFollowUp(store, { ...base, partnerId: null }, now)).rejects.toThrow('Choisissez le partenaire concerné.');
    await expect(createFollowUp(store, { ...base, partnerId: 'inconnu' }, now)).rejects.toThrow('Choisissez le partenaire concerné.');
    await expect(createFollowUp(store, { ...base, subject: '   ' }, now)).rejects.toThrow("L'objet est obligatoire.");
    await expect(createFollowUp(store, { ...base, sentAt: null }, now)).rejects.toThrow("Indiquez la date et l'heure d'envoi (jj/mm/aaaa hh:mm).");
    await expect(createFollowUp(store, { ...base, sentAt: local(2025, 1, 2) }, now)).rejects.toThrow("La date d'envoi ne peut pas être dans le futur.");
    expect(await snapshot()).toBe(before);
  });

  it('goes through the Caf side in order, restarting the delay at each contact, then closes and reopens', async () => {
    await saveChain(store, 'P', draft());
    const id = await createFollowUp(store, { partnerId: 'P', subject: 'Compte bloqué', direction: 'vers-caf', channel: 'mel', sentAt: local(2024, 12, 18, 9), urgent: false }, local(2024, 12, 30));
    const state = async (now: Date) => computeRows(await readEscalationData(db), 'metropole', now)[0]!.state;
    // The partner's Caf is at La Réunion: 20/12 and 25/12 are skipped.
    expect((await state(local(2024, 12, 30, 12))).due).toEqual(local(2024, 12, 31, 9));
    expect((await state(local(2025, 1, 2, 10))).overdue).toBe(true);
    const untouched = await snapshot();
    await expect(markNextContacted(store, id, 'reunion', local(2024, 12, 17, 9), local(2025, 1, 2, 10))).rejects.toThrow("L'heure du contact ne peut pas précéder l'envoi de la demande ni le contact précédent.");
    await expect(markNextContacted(store, id, 'reunion', local(2025, 1, 3, 9), local(2025, 1, 2, 10))).rejects.toThrow("L'heure du contact ne peut pas être dans le futur.");
    await expect(markNextContacted(store, id, 'reunion', null, local(2025, 1, 2, 10))).rejects.toThrow("Indiquez la date et l'heure du contact (jj/mm/aaaa hh:mm).");
    expect(await snapshot()).toBe(untouched);
    expect(await markNextContacted(store, id, 'reunion', local(2025, 1, 2, 10), local(2025, 1, 2, 10))).toMatchObject({ side: 'caf', contactId: 'caf1' });
    let s = await state(local(2025, 1, 2, 11));
    expect(s.overdue).toBe(false);
    expect(s.due).toEqual(local(2025, 1, 13, 10));
    expect(s.nextContactId).toBe('caf2');
    await markNextContacted(store, id, 'reunion', local(2025, 1, 14, 9), local(2025, 1, 14, 9));
    const before = await snapshot();
    await expect(markNextContacted(store, id, 'reunion', local(2025, 1, 15, 9), local(2025, 1, 15, 9))).rejects.toThrow("Personne d'autre à contacter : tous les interlocuteurs de la procédure ont été contactés.");
    expect(await snapshot()).toBe(before);
    await closeFollowUp(store, id, local(2025, 1, 16, 9));
    expect((await readEscalationData(db)).followUps).toHaveLength(0);
    expect((await readEscalationData(db, true)).followUps[0]).toMatchObject({ status: 'close', closedAt: local(2025, 1, 16, 9).toISOString() });
    await expect(closeFollowUp(store, id)).rejects.toThrow('Cette relance est déjà close.');
    await reopenFollowUp(store, id);
    s = await state(local(2025, 1, 16, 10));
    expect(s.exhausted).toBe(true);
    expect((await db.followUps.get(id))?.closedAt).toBeUndefined();
  });

  it('edits a request (same checks, steps kept, never sent after its first contact) and deletes it, with history', async () => {
    await saveChain(store, 'P', draft());
    const base = { partnerId: 'P', subject: 'Compte bloqué', direction: 'vers-caf' as const, channel: 'mel' as const, sentAt: local(2024, 12, 18, 9), urgent: false };
    const id = await createFollowUp(store, base, local(2024, 12, 30));
    await markNextContacted(store, id, 'reunion', local(2025, 1, 2, 10), local(2025, 1, 2, 10));
    const before = await snapshot();
    const now = local(2025, 1, 3);
    await expect(updateFollowUp(store, id, { ...base, subject: ' ' }, now)).rejects.toThrow("L'objet est obligatoire.");
    await expect(updateFollowUp(store, id, { ...base, sentAt: local(2025, 1, 2, 11) }, now)).rejects.toThrow("La date d'envoi ne peut pas être postérieure au premier contact déjà noté.");
    await expect(updateFollowUp(store, 'inconnue', base, now)).rejects.toThrow("Cette relance n'existe plus.");
    expect(await snapshot()).toBe(before);
    await updateFollowUp(store, id, { ...base, subject: 'Compte bloqué (Mme Payet)', channel: 'telephone', sentAt: local(2024, 12, 17, 15) }, now);
    expect(await db.followUps.get(id)).toMatchObject({ subject: 'Compte bloqué (Mme Payet)', channel: 'telephone', sentAt: local(2024, 12, 17, 15).toISOString(), steps: [{ contactId: 'caf1' }] });
    await deleteFollowUp(store, id);
    expect((await readEscalationData(db, true)).followUps).toHaveLength(0);
    const history = (await historyLines(db)).map((h) => h.action);
    expect(history).toContain('Modification d’une relance');
    expect(history).toContain('Suppression d’une relance');
  });

  it('finds a chain stored under another id, and ignores deleted partners', async () => {
    await store.write('chaîne importée', (ctx) =>
      ctx.create('chains', { id: 'autre-id', partnerId: 'P', delayValue: 2, delayUnit: 'calendar-days', serviceOpens: '09:00', serviceCloses: '16:00', cafSide: [], partnerSide: [{ contactId: 'p2' }] }),
    );
    const id = await createFollowUp(store, { partnerId: 'P', subject: 'Formulaire envoyé', direction: 'vers-partenaire', channel: 'courrier', sentAt: local(2026, 11, 20, 17, 30), urgent: false }, local(2026, 11, 23));
    const [row] = computeRows(await readEscalationData(db), 'metropole', local(2026, 11, 23, 9));
    expect(row!.territory).toBe('reunion');
    expect(row!.state.due).toEqual(local(2026, 11, 23, 9)); // Sunday 22/11 17:30 → Monday 09:00 opening
    expect(row!.state.nextContactId).toBe('p2');
    await saveChain(store, 'P', draft({ partnerSide: ['p1'] }));
    expect((await db.chains.get('autre-id'))?.partnerSide).toEqual([{ contactId: 'p1' }]);
    expect(await db.chains.get('P')).toBeUndefined();
    await store.write('suppression', (ctx) => ctx.remove('partners', 'P'));
    const [orphan] = computeRows(await readEscalationData(db), 'guyane', local(2026, 11, 23, 9));
    expect(orphan!.fu.id).toBe(id);
    expect(orphan!.partner).toBeUndefined();
    expect(orphan!.territory).toBe('guyane');
  });
});
