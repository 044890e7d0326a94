import 'fake-indexeddb/auto';
import { dayBefore } from '../../../shared/rules/dates';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../db/database';
import { liveRows, Store } from '../../db/store';
import { buildDesignation, buildSuppression, parseDataset, parseSnapshot, sourcesFor } from '../../../shared/forms';
import { formsFixture } from '../../../shared/forms/fixtures';

import { markSuppressionRequested, recordAdministratorChange, recordIssuedForm } from './actions';

let db: AppDatabase;
let store: Store;
let n = 0;
const today = '2026-11-22';
const data = parseDataset(formsFixture);

beforeEach(async () => {
  db = new AppDatabase(`forms-test-${n++}`);
  store = new Store(db, '00000000000000fb', () => 'Agent des formulaires');
  await store.open();
  await store.write('Fixture', async (ctx) => {
    for (const h of data.habilitations.filter((x) => x.partnerId === 'p-saint-denis')) await ctx.create('habilitations', h);
    for (const c of data.contacts.filter((x) => x.partnerId === 'p-saint-denis')) await ctx.create('contacts', c);
  });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('forms actions', () => {
  it('records an issued form with its exact snapshot, people and issuer', async () => {
    const form = buildSuppression(sourcesFor(data, 'p-saint-denis'), { habilitationIds: ['hab-sd-2'], perteVol: ['hab-sd-2'], effectiveOn: today }, today);
    await recordIssuedForm(store, 'p-saint-denis', form, 'Agent des formulaires', '2026-11-22T09:30:00.000Z');
    const [issued] = await liveRows(db, 'issuedForms');
    expect(issued).toMatchObject({ partnerId: 'p-saint-denis', type: 'suppression-cdap', issuedBy: 'Agent des formulaires', people: ["Éric L'HERMITTE"] });
    expect(parseSnapshot(issued!.snapshot)).toEqual(form);
  });

  it('marks the accesses « suppression demandée » in one write, perte-vol where ticked', async () => {
    const form = buildSuppression(sourcesFor(data, 'p-saint-denis'), { habilitationIds: ['hab-sd-1', 'hab-sd-2'], perteVol: ['hab-sd-2'], effectiveOn: '2026-12-01' }, today);
    expect(await markSuppressionRequested(store, form, 'depart', today)).toBe(2);
    const habs = Object.fromEntries((await liveRows(db, 'habilitations')).map((h) => [h.id, h]));
    expect(habs['hab-sd-1']).toMatchObject({ status: 'suppression-demandee', endReason: 'depart', endOn: '2026-12-01' });
    expect(habs['hab-sd-2']).toMatchObject({ status: 'suppression-demandee', endReason: 'perte-vol', endOn: '2026-12-01' });
  });

  it('changes nothing when one access is gone', async () => {
    const form = buildSuppression(sourcesFor(data, 'p-saint-denis'), { habilitationIds: ['hab-sd-1', 'hab-sd-2'], perteVol: [], effectiveOn: today }, today);
    await store.write('Suppression ailleurs', (ctx) => ctx.remove('habilitations', 'hab-sd-2'));
    const before = await db.habilitations.toArray();
    await expect(markSuppressionRequested(store, form, 'depart', today)).rejects.toThrow("L'accès de Éric L'Hermitte n'existe plus : rien n'a été modifié.");
    expect(await db.habilitations.toArray()).toEqual(before);
  });

  it('records the administrator replacement: old role ends the day before (kept), new role from today', async () => {
    const form = buildDesignation(sourcesFor(data, 'p-saint-denis'), { newAdminContactId: 'csd-hoarau', replacedContactId: 'csd-payet' }, today);
    await recordAdministratorChange(store, form, 'csd-hoarau', 'csd-payet', today);
    const contacts = Object.fromEntries((await liveRows(db, 'contacts')).map((c) => [c.id, c]));
    expect(contacts['csd-payet']!.roles).toEqual([{ role: 'administrateur', from: '2017-05-05', until: dayBefore(today) }]);
    expect(contacts['csd-hoarau']!.roles).toEqual([
      { role: 'administrateur-suppleant', from: '2019-01-01' },
      { role: 'administrateur', from: today },
    ]);
  });
});
