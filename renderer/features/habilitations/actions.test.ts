import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../db/database';
import { liveRows, Store, ValidationError } from '../../db/store';
import { addHabilitation, endAccess, purgeHabilitations, setAllocation } from './actions';
import { INSTRUCTOR_NUMBER_REQUIRED, END_REASON_REQUIRED } from '../../../shared/rules/quota';
import { linesOfWrites } from '../../../shared/sync/history';

let db: AppDatabase;
let store: Store;
let n = 0;
beforeEach(async () => {
  db = new AppDatabase(`hab-test-${n++}`);
  store = new Store(db, '00000000000000aa', () => 'Testeur');
  await store.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const person = (i: number, profile = 'T2') => ({
  partnerId: 'p1',
  service: 'CDAP',
  profile,
  firstName: 'Agent',
  lastName: `Numéro ${i}`,
  email: `agent${i}@mairie.fr`,
  function: 'Instructeur',
  startOn: '2026-01-05',
});

describe('habilitation actions', () => {
  it('refuses a malformed e-mail with the contacts\' message, nothing stored', async () => {
    await setAllocation(store, 'p1', 'CDAP', 'T2', 5);
    const before = await db.habilitations.toArray();
    const error = await addHabilitation(store, { ...person(1), email: 'pas-un-mail' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe('Adresse mél invalide (ex. prenom.nom@mairie.fr).');
    expect((error as ValidationError).field).toBe('email');
    expect(await db.habilitations.toArray()).toEqual(before);
  });

  it('fills the quota, refuses one more with nothing stored, then accepts it with an override reason kept in history', async () => {
    await setAllocation(store, 'p1', 'CDAP', 'T2', 2);
    await addHabilitation(store, person(1));
    await addHabilitation(store, person(2));
    const historyBefore = await db.history.count();
    await expect(addHabilitation(store, person(3))).rejects.toThrow(
      "Quota atteint pour le profil T2 (CDAP) : 2 habilitations pour 2 autorisées. Indiquez le motif du dépassement pour l'enregistrer quand même.",
    );
    expect(await liveRows(db, 'habilitations')).toHaveLength(2);
    expect(await db.history.count()).toBe(historyBefore);
    const id = await addHabilitation(store, { ...person(3), quotaOverrideReason: 'Renfort validé par la Caf' });
    const row = (await liveRows(db, 'habilitations')).find((h) => h.id === id);
    expect(row?.quotaOverrideReason).toBe('Renfort validé par la Caf');
    const lines = await linesOfWrites(await db.history.where('[table+recordId]').equals(['habilitations', id]).toArray());
    expect(lines.some((l) => l.field === 'quotaOverrideReason' && l.new === 'Renfort validé par la Caf')).toBe(true);
  });

  it('frees a seat when an access ends, and counts a pending suppression as a seat', async () => {
    await setAllocation(store, 'p1', 'CDAP', 'T2', 1);
    const id = await addHabilitation(store, person(1));
    await expect(addHabilitation(store, person(2))).rejects.toBeInstanceOf(ValidationError);
    await expect(endAccess(store, id, undefined, '2026-06-01')).rejects.toThrow(END_REASON_REQUIRED);
    await endAccess(store, id, 'perte-vol', '2026-06-01');
    const ended = (await liveRows(db, 'habilitations'))[0];
    expect(ended).toMatchObject({ status: 'supprimee', endReason: 'perte-vol', endOn: '2026-06-01' });
    await addHabilitation(store, person(2));
  });

  it('refuses T4 without the instructor number, storing nothing', async () => {
    await setAllocation(store, 'p1', 'CDAP', 'T4', 5);
    await expect(addHabilitation(store, person(1, 'T4'))).rejects.toThrow(INSTRUCTOR_NUMBER_REQUIRED);
    expect(await liveRows(db, 'habilitations')).toHaveLength(0);
    await addHabilitation(store, { ...person(1, 'T4'), instructorNumber: 'RSA-974-12' });
    expect((await liveRows(db, 'habilitations'))[0]?.instructorNumber).toBe('RSA-974-12');
  });

  it('refuses a bad allocation number and removes the line when blank', async () => {
    await expect(setAllocation(store, 'p1', 'CDAP', 'T1', -1)).rejects.toThrow(
      "Le nombre autorisé doit être un entier positif ou nul (laisser vide si le profil n'est pas accordé).",
    );
    expect(await liveRows(db, 'allocations')).toHaveLength(0);
    await setAllocation(store, 'p1', 'CDAP', 'T1', 285);
    await setAllocation(store, 'p1', 'CDAP', 'T1', 290);
    expect((await liveRows(db, 'allocations')).map((a) => a.maxUsers)).toEqual([290]);
    await setAllocation(store, 'p1', 'CDAP', 'T1', undefined);
    expect(await liveRows(db, 'allocations')).toHaveLength(0);
  });

  it('purges only accesses ended more than six years ago', async () => {
    await setAllocation(store, 'p1', 'CDAP', 'T2', 10);
    const old = await addHabilitation(store, { ...person(1), startOn: '2015-01-01' });
    const recent = await addHabilitation(store, { ...person(2), startOn: '2015-01-01' });
    await endAccess(store, old, 'depart', '2019-03-01');
    await endAccess(store, recent, 'depart', '2021-03-01');
    expect(await purgeHabilitations(store, [old, recent], '2026-11-23')).toBe(1);
    expect((await liveRows(db, 'habilitations')).map((h) => h.id)).toEqual([recent]);
  });
});
