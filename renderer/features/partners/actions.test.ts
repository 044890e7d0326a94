import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../db/database';
import { liveRows, Store } from '../../db/store';
import { conventionOf, createPartner, loadPartnerRows, setPartnerArchived, updateConvention, updatePartner, type PartnerInput } from './actions';
import { historyLines } from '../../db/store';

let db: AppDatabase;
let store: Store;
let n = 0;
beforeEach(async () => {
  db = new AppDatabase(`partners-test-${n++}`);
  store = new Store(db, '00000000000000bb', () => 'Testeur');
  await store.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const input = (p: Partial<PartnerInput> = {}): PartnerInput => ({
  name: 'Commune de Saint-Denis',
  kind: 'commune',
  siret: '732 829 320 00074',
  address: { line1: '2 rue de Paris', line2: '', postalCode: '97400', city: 'Saint-Denis' },
  representative: { firstName: 'Ericka', lastName: 'Bareigts', title: 'le Maire' },
  notes: '',
  ...p,
});
const conv = { number: '112/2017', managementMode: 'delegue' as const, signedOn: '2017-03-01', effectiveOn: '2017-04-01' };

describe('partner actions', () => {
  it('creates the partner and its convention in one action, with history', async () => {
    const id = await createPartner(store, input(), conv);
    const c = await conventionOf(db, id);
    expect(c).toMatchObject({ number: '112/2017', managementMode: 'delegue', partnerId: id });
    const rows = await loadPartnerRows(db, '2026-11-23');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'en-vigueur', renewal: '2027-04-01' });
    expect(rows[0]!.partner.siret).toBe('73282932000074');
    expect((await historyLines(db)).every((h) => h.user === 'Testeur' && h.action === 'Création du partenaire')).toBe(true);
  });

  it('attaches the partner to the chosen Caf, and moves it when edited', async () => {
    const id = await createPartner(store, input({ cafId: 'caf-974' }), conv);
    expect((await liveRows(db, 'partners'))[0]).toMatchObject({ id, cafId: 'caf-974' });
    await updatePartner(store, id, input({ cafId: 'caf-68' }));
    expect((await liveRows(db, 'partners'))[0]!.cafId).toBe('caf-68');
  });

  it.each([
    [{ siret: '73282932000075' }, 'SIRET invalide : la clé de contrôle ne correspond pas. Vérifiez les 14 chiffres.'],
    [{ siret: '1234' }, 'Le SIRET doit comporter exactement 14 chiffres.'],
    [{ name: '  ' }, 'Le nom du partenaire est obligatoire.'],
    [{ address: { line1: '', line2: '', postalCode: '2A004', city: 'Ajaccio' } }, 'Code postal invalide : 2A et 2B sont des codes de département ; les codes postaux de Corse commencent par 20.'],
    [{ address: { line1: '', line2: '', postalCode: '', city: 'Ajaccio' } }, 'Le code postal est obligatoire.'],
  ])('refuses bad input %j with the exact message and stores nothing', async (patch, message) => {
    await expect(createPartner(store, input(patch as Partial<PartnerInput>), conv)).rejects.toThrow(message);
    expect(await db.partners.count()).toBe(0);
    expect(await db.conventions.count()).toBe(0);
    expect(await db.history.count()).toBe(0);
  });

  it('accepts a La Poste SIRET that fails Luhn', async () => {
    await createPartner(store, input({ siret: '356 000 000 00001' }), conv);
    expect(await db.partners.count()).toBe(1);
  });

  it('edits, archives and restores', async () => {
    const id = await createPartner(store, input(), conv);
    await updatePartner(store, id, input({ name: 'Ville de Saint-Denis' }));
    await setPartnerArchived(store, id, true);
    expect((await liveRows(db, 'partners'))[0]).toMatchObject({ name: 'Ville de Saint-Denis', status: 'archive' });
    await setPartnerArchived(store, id, false);
    expect((await liveRows(db, 'partners'))[0]!.status).toBe('actif');
    await expect(updatePartner(store, id, input({ siret: '11111111111112' }))).rejects.toThrow('SIRET invalide');
    expect((await liveRows(db, 'partners'))[0]!.siret).toBe('73282932000074');
  });

  it('refuses a termination with less than 3 months notice and keeps the convention unchanged', async () => {
    const id = await createPartner(store, input(), conv);
    const c = (await conventionOf(db, id))!;
    const before = await db.history.count();
    await expect(updateConvention(store, c.id, { terminationRequestedOn: '2026-01-10', terminationEffectiveOn: '2026-03-31' })).rejects.toThrow(
      "Résiliation refusée : le préavis doit être d'au moins 3 mois. Demandée le 10/01/2026, elle ne peut prendre effet avant le 10/04/2026.",
    );
    expect(await db.history.count()).toBe(before);
    expect((await conventionOf(db, id))!.terminationRequestedOn).toBeUndefined();
    await updateConvention(store, c.id, { terminationRequestedOn: '2026-01-10', terminationEffectiveOn: '2026-04-10' });
    expect((await loadPartnerRows(db, '2026-02-01'))[0]!.status).toBe('resiliation-demandee');
  });

  it('derives the next reverse review from the last one, and keeps amendments', async () => {
    const id = await createPartner(store, input(), conv);
    const c = (await conventionOf(db, id))!;
    await updateConvention(store, c.id, { reverseReviewLastDone: '2026-02-15', amendments: [{ date: '2019-05-01', object: 'Ajout du profil T5' }] });
    expect(await conventionOf(db, id)).toMatchObject({ reverseReviewNextDue: '2027-02-15', amendments: [{ date: '2019-05-01', object: 'Ajout du profil T5' }] });
    await expect(updateConvention(store, c.id, { amendments: [{ date: '2019-05-01', object: ' ' }] })).rejects.toThrow("L'objet de l'avenant est obligatoire.");
  });
});
