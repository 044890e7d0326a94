import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../db/database';
import { Store } from '../../db/store';
import { SearchService } from './searchService';

let db: AppDatabase;
let store: Store;
let n = 0;
beforeEach(async () => {
  db = new AppDatabase(`search-test-${n++}`);
  store = new Store(db, '00000000000000bb', () => 'Testeur');
  await store.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const address = { line1: '1 place de l’Hôtel de Ville', line2: '', postalCode: '16000', city: 'Angoulême' };
const flushed = (s: SearchService) => new Promise<void>((resolve) => { const u = s.subscribe(() => { u(); resolve(); }); });

describe('SearchService', () => {
  it('loads the index from the database and follows later writes, aborted ones excluded', async () => {
    const pid = await store.write('Création', (ctx) =>
      ctx.create('partners', { cafId: 'caf', name: 'CCAS d’Angoulême', kind: 'ccas-cias', siret: '', address, representative: { firstName: '', lastName: '', title: '' }, status: 'actif', notes: '' }),
    );
    const service = new SearchService(db);
    const index = await service.ready();
    expect(index.search('angouleme').groups.partner.map((h) => h.id)).toEqual([pid]);

    let done = flushed(service);
    await store.write('Convention', (ctx) => ctx.create('conventions', { partnerId: pid, number: '112/2017', tacitRenewal: true, managementMode: 'delegue', missions: '', amendments: [], services: [] }));
    await done;
    expect(index.search('112/2017').groups.partner.map((h) => h.id)).toEqual([pid]);

    done = flushed(service);
    const cid = await store.write('Interlocuteur', (ctx) =>
      ctx.create('contacts', { partnerId: pid, firstName: 'Zoé', lastName: 'Élan', function: '', email: 'zoe.elan@ccas16.fr', landline: '+33545000000', mobile: '', roles: [], notes: '' }),
    );
    await done;
    expect(index.search('05 45 00').groups.contact.map((h) => h.id)).toEqual([cid]);

    await expect(
      store.write('Interlocuteur raté', async (ctx) => {
        await ctx.create('contacts', { partnerId: pid, firstName: 'Fantôme', lastName: 'Abandonné', function: '', email: '', landline: '', mobile: '', roles: [], notes: '' });
        throw new Error('annulé');
      }),
    ).rejects.toThrow('annulé');
    expect(index.search('fantome').groups.contact).toEqual([]);

    done = flushed(service);
    await store.write('Renommer', (ctx) => ctx.update('partners', pid, { name: 'CCAS de Cognac' }));
    await done;
    expect(index.search('cognac').groups.partner.map((h) => h.id)).toEqual([pid]);
    expect(index.search('zoe').groups.contact[0]?.subtitle).toContain('CCAS de Cognac');

    done = flushed(service);
    await store.write('Supprimer', (ctx) => ctx.remove('contacts', cid));
    await done;
    expect(index.search('zoe').groups.contact).toEqual([]);
  });
});

describe('SearchService bulk changes', () => {
  it('rebuilds once after a bulk load instead of patching record by record', async () => {
    const service = new SearchService(db);
    await service.ready();
    const { loadDataset } = await import('../../db/loadDataset');
    const { emptyDataset } = await import('../../../shared/demo/dataset');
    const d = emptyDataset();
    for (let i = 0; i < 1200; i++) {
      d.habilitations.push({ id: `h${i}`, partnerId: 'p', service: 'CDAP', profile: 'T1', firstName: 'Agent', lastName: `Massif${i}`, email: '', function: '', startOn: '2026-01-01', status: 'active' });
    }
    const done = flushed(service);
    await loadDataset(store, d, { action: 'Chargement', chunkSize: 600 });
    await done;
    const index = await service.ready();
    expect(index.size).toBe(1200);
    expect(index.search('massif1199').groups.habilitation.map((h) => h.id)).toEqual(['h1199']);
  });
});
