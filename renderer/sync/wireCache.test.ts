import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Store } from '../db/store';
import { syncedTableNames } from '../../shared/domain/tables';
import { applyImport, decode, exportBundle } from './engine';
import { stations, testPartner, type Station } from './testing/stations';
import { DIRTY_CAP, WIRE_HEADER_KEY, wireKeyRange } from './wireCache';
import { loadDataset } from '../db/loadDataset';
import { demoDataset } from '../../shared/demo/seedData';

const PASS = 'phrase de passe du cache';
const station = stations('wire-cache');
const HOUR = 3_600_000;

async function fullExport(s: Station, noCache = false) {
  const out = await exportBundle(s.db, s.store, { purpose: 'export', passphrase: PASS, identity: s.identity, noCache });
  await out.cacheSaved;
  return out;
}

/** The tables a file carries, in its order. */
async function carried(bytes: Uint8Array) {
  const d = await decode(bytes, PASS);
  return { tables: Object.fromEntries(syncedTableNames.filter((t) => d.tables[t]?.length).map((t) => [t, d.tables[t]])), counts: d.header.counts };
}

/** The cached export carries exactly what an export reading every record carries, in the same order. */
async function expectSameAsUncached(s: Station) {
  const cached = await fullExport(s);
  const reference = await exportBundle(s.db, s.store, { purpose: 'export', passphrase: PASS, identity: s.identity, noCache: true });
  const [a, b] = await Promise.all([carried(cached.bytes), carried(reference.bytes)]);
  expect(a.tables).toEqual(b.tables);
  expect(a.counts).toEqual(b.counts);
  expect(cached.recordCount).toBe(reference.recordCount);
  return cached;
}

type Op =
  | { kind: 'create'; n: number }
  | { kind: 'rename'; n: number }
  | { kind: 'remove'; n: number }
  | { kind: 'late-window'; n: number }
  | { kind: 'import-older'; n: number }
  | { kind: 'export' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), n: fc.nat(30) }),
  fc.record({ kind: fc.constant('rename' as const), n: fc.nat(30) }),
  fc.record({ kind: fc.constant('remove' as const), n: fc.nat(30) }),
  fc.record({ kind: fc.constant('late-window' as const), n: fc.nat(30) }),
  fc.record({ kind: fc.constant('import-older' as const), n: fc.nat(30) }),
  fc.constant({ kind: 'export' as const }),
);

describe('full export from the wire cache (issue 16)', () => {
  it('after any edits, removals, writes of a window whose clock is behind and imports of older stamps, a cached full export carries what reading every record carries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const a = await station('aaaaaaaaaaaaaaaa', 'Poste accueil');
        // Another window on the same base, opened first: its clock is an hour behind and has not seen A's writes.
        const late = new Store(a.db, a.store.replicaId, () => 'Agent fenêtre', () => Date.now() - HOUR);
        await late.open();
        // A workstation whose clock is an hour behind: its stamps are below everything A has written.
        const b = await station('bbbbbbbbbbbbbbbb', 'Portable visite');
        const bStore = new Store(b.db, 'bbbbbbbbbbbbbbbb', () => 'Agent B', () => Date.now() - HOUR);
        await bStore.open();
        const bs: Station = { ...b, store: bStore };
        await a.store.write('Création', (ctx) => ctx.createMany('partners', Array.from({ length: 12 }, (_, i) => testPartner(`p-${String(i).padStart(2, '0')}`, `Mairie ${i}`))));
        const first = await expectSameAsUncached(a);
        expect(first.cache).toEqual({ used: false, changed: 0 });
        let edits = 0;
        for (const o of ops) {
          const id = `p-${String(o.kind === 'export' ? 0 : o.n).padStart(2, '0')}`;
          // A live partner of that id (not absent, not deleted): the only ones an edit applies to.
          const exists = async () => (await a.db.partners.get(id))?._deleted === 0;
          if (o.kind === 'create') await a.store.write('Création', (ctx) => ctx.create('partners', testPartner(id, `Créé ${edits++}`)));
          else if (o.kind === 'rename' && (await exists())) await a.store.write('Modification', (ctx) => ctx.update('partners', id, { name: `Renommé ${edits++}` }));
          else if (o.kind === 'remove') await a.store.write('Suppression', (ctx) => ctx.remove('partners', id));
          else if (o.kind === 'late-window' && (await exists())) await late.write('Modification', (ctx) => ctx.update('partners', id, { notes: `Fenêtre ${edits++}` }));
          else if (o.kind === 'import-older') {
            await bStore.write('Création', (ctx) => ctx.create('contacts', { id: `c-${o.n}`, partnerId: id, firstName: 'Léa', lastName: `Durand ${edits++}`, email: '', landline: '', mobile: '', function: '', roles: [], notes: '' }));
            const out = await exportBundle(bs.db, bs.store, { purpose: 'sync', passphrase: PASS, identity: bs.identity });
            await applyImport(a.db, a.store, await decode(out.bytes, PASS), a.identity);
          } else if (o.kind === 'export') {
            const out = await expectSameAsUncached(a);
            expect(out.cache?.used).toBe(true);
          }
        }
        const last = await expectSameAsUncached(a);
        expect(last.cache?.used).toBe(true);
        a.db.close();
        b.db.close();
      }),
      // The two cases the cache's reasoning rests on, always tried: a window whose clock is behind, an import of older stamps.
      { numRuns: 12, examples: [[[{ kind: 'export' }, { kind: 'late-window', n: 0 }, { kind: 'export' }]], [[{ kind: 'import-older', n: 1 }, { kind: 'export' }]]] },
    );
  }, 120_000);

  it('a damaged segment, a cache from another base or one whose import list overflowed is not used: every record is read, and the cache written again', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'Poste accueil');
    await loadDataset(a.store, demoDataset, { action: 'Démo' });
    await expectSameAsUncached(a);
    const [lo, hi] = wireKeyRange;
    const seg = (await a.db.derived.where('key').between(lo, hi).first())!;
    await a.db.derived.put({ key: seg.key, value: { ...(seg.value as object), text: 'pas du JSON' } });
    await a.store.write('Modification', (ctx) => ctx.update('partners', demoDataset.partners[0]!.id, { notes: 'visite' }));
    expect((await expectSameAsUncached(a)).cache?.used).toBe(false);
    expect((await expectSameAsUncached(a)).cache?.used).toBe(true);
    const header = (await a.db.derived.get(WIRE_HEADER_KEY))!;
    await a.db.derived.put({ key: WIRE_HEADER_KEY, value: { ...(header.value as object), base: 'une-autre-base' } });
    expect((await expectSameAsUncached(a)).cache?.used).toBe(false);
    // More records written by imports than the list keeps.
    const b = await station('bbbbbbbbbbbbbbbb', 'Portable visite');
    await b.store.write('Création', (ctx) => ctx.createMany('contacts', Array.from({ length: DIRTY_CAP + 1 }, (_, i) => ({ id: `c-${i}`, firstName: 'A', lastName: `B${i}`, email: '', landline: '', mobile: '', function: '', roles: [], notes: '' }))));
    await applyImport(a.db, a.store, await decode((await exportBundle(b.db, b.store, { purpose: 'sync', passphrase: PASS, identity: b.identity })).bytes, PASS), a.identity);
    expect((await expectSameAsUncached(a)).cache?.used).toBe(false);
    expect((await expectSameAsUncached(a)).cache?.used).toBe(true);
  }, 120_000);

  it('two exports that read the same cache: only the first writes it, and the next export is still right', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'Poste accueil');
    await loadDataset(a.store, demoDataset, { action: 'Démo' });
    await fullExport(a);
    await a.store.write('Modification', (ctx) => ctx.update('partners', demoDataset.partners[0]!.id, { notes: 'un' }));
    const [x, y] = await Promise.all([
      exportBundle(a.db, a.store, { purpose: 'export', passphrase: PASS, identity: a.identity }),
      exportBundle(a.db, a.store, { purpose: 'export', passphrase: PASS, identity: a.identity }),
    ]);
    expect((await Promise.all([x.cacheSaved, y.cacheSaved])).sort()).toEqual(['déjà plus récent', 'écrit']);
    await a.store.write('Modification', (ctx) => ctx.update('partners', demoDataset.partners[1]!.id, { notes: 'deux' }));
    expect((await expectSameAsUncached(a)).cache).toEqual({ used: true, changed: 1 });
  });
});
