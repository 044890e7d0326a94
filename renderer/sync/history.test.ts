import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppDatabase, HistoryEntry } from '../db/database';
import { CURRENT_SCHEMA_VERSION } from '../db/schema';
import { BundleError, encodeBundle, historyToWire, toWire } from '../../shared/sync';
import { applyImport, decode, exportBundle } from './engine';
import { resolveKeep } from './conflicts';
import { applyRollback } from './rollback';
import { originText } from '../features/history/format';
import { stations, type Station, testPartner as partner, dumpTables as dump } from './testing/stations';
import { historyLines } from '../db/store';

const PASS = 'phrase de passe du service';
const station = stations('hist');

const exportFrom = (s: Station, peerId?: string, purpose: 'sync' | 'backup' = 'sync') => exportBundle(s.db, s.store, { purpose, passphrase: PASS, identity: s.identity, peerId: peerId ?? null });
const importInto = async (s: Station, bytes: Uint8Array) => applyImport(s.db, s.store, await decode(bytes, PASS), s.identity);
/** Replicated lines (those with a global id), as a comparable set. */
async function lineSet(db: AppDatabase) {
  const rows = await historyLines(db);
  return rows
    .filter((h) => h.id)
    .map((h) => `${h.id}=${h.user}:${h.at}:${JSON.stringify(h.old)}→${JSON.stringify(h.new)}:${h.action}`)
    .sort();
}


describe('history travels (issue 10)', () => {
  it("B's change reaches A with B's author, time and action, « reçu de » B, exactly once", async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'Poste accueil', 'Alice Payet');
    const b = await station('bbbbbbbbbbbbbbbb', 'Portable visite', 'Bruno Hoarau');
    await a.store.write('Création du partenaire', (ctx) => ctx.create('partners', partner('p-1', 'Mairie de Colmar')));
    await importInto(b, (await exportFrom(a)).bytes);
    await b.store.write('Modification du partenaire', (ctx) => ctx.update('partners', 'p-1', { notes: 'Visite du 12/11' }));
    const isB = (h: HistoryEntry) => h.field === 'notes' && h.new === 'Visite du 12/11';
    const bLine = (await historyLines(b.db)).find(isB)!;
    const bundle = await exportFrom(b, 'aaaaaaaaaaaaaaaa');
    const outcome = await importInto(a, bundle.bytes);
    expect(outcome.historyAdded).toBe(1);
    const onA = (await historyLines(a.db)).filter(isB);
    expect(onA).toHaveLength(1);
    expect(onA[0]).toMatchObject({ id: bLine.id, user: 'Bruno Hoarau', at: bLine.at, action: 'Modification du partenaire', old: '', new: 'Visite du 12/11', origin: 'bundle', source: 'Portable visite', workstation: 'Portable visite' });
    expect(onA[0]!.derived).toBeUndefined();
    expect(originText(onA[0]!)).toMatch(/^reçu de Portable visite le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    // A's own lines came back with B's full bundle? No: the delta carried only B's line.
    expect(bundle.header.historyLines).toBe(1);
    // The same file again, and the same line by another path (C relays it): nothing added.
    const before = await lineSet(a.db);
    await importInto(a, bundle.bytes);
    const c = await station('cccccccccccccccc', 'Poste direction', 'Chloé Grondin');
    await importInto(c, (await exportFrom(b)).bytes);
    const relayed = await importInto(a, (await exportFrom(c)).bytes);
    expect(relayed.historyAdded).toBe(0);
    expect(await lineSet(a.db)).toEqual(before);
    // On C, B's line names B's workstation and the relay it came from.
    const onC = (await historyLines(c.db)).find(isB)!;
    expect(onC).toMatchObject({ user: 'Bruno Hoarau', source: 'Portable visite' });
    // A relays B's line to a new workstation D: written on B, received from A.
    const d = await station('dddddddddddddddd', 'Poste neuf', 'Denis Técher');
    await importInto(d, (await exportFrom(a)).bytes);
    const onD = (await historyLines(d.db)).find(isB)!;
    expect(onD).toMatchObject({ user: 'Bruno Hoarau', workstation: 'Portable visite', source: 'Poste accueil' });
    expect(originText(onD)).toMatch(/^modifié sur Portable visite, reçu de Poste accueil le /);
    // Every workstation ends with the same lines.
    await importInto(b, (await exportFrom(a)).bytes);
    await importInto(c, (await exportFrom(a)).bytes);
    const all = await Promise.all([a, b, c, d].map((s) => lineSet(s.db)));
    for (const s of all) expect(s).toEqual(all[0]);
    expect(all[0]!.length).toBeGreaterThan(1);
  });

  it('deltas carry only the lines the receiver lacks; a backup restored merges none twice', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'A', 'Alice');
    const b = await station('bbbbbbbbbbbbbbbb', 'B', 'Bruno');
    for (let i = 0; i < 5; i++) await a.store.write('Création', (ctx) => ctx.create('partners', partner(`p-${i}`, `Mairie ${i}`)));
    const full = await exportFrom(a);
    expect(full.header.historyLines).toBe((await historyLines(a.db)).length);
    await importInto(b, full.bytes);
    await importInto(a, (await exportFrom(b)).bytes); // A learns what B has seen
    await a.store.write('Modification', (ctx) => ctx.update('partners', 'p-2', { name: 'Mairie de Sélestat', notes: 'RDV' }));
    const delta = await exportFrom(a, 'bbbbbbbbbbbbbbbb');
    expect(delta.header.kind).toBe('delta');
    expect(delta.header.historyLines).toBe(2);
    await importInto(b, delta.bytes);
    expect(await lineSet(b.db)).toEqual(await lineSet(a.db));
    // A backup of A imported back into A (restore as merge): no line added.
    const backup = await exportFrom(a, undefined, 'backup');
    const before = await dump(a.db);
    const back = await importInto(a, backup.bytes);
    expect(back.historyAdded ?? 0).toBe(0);
    expect((await dump(a.db)).history).toEqual(before.history);
  });

  it('conflict resolutions and rollbacks write lines, and they travel', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'A', 'Alice');
    const b = await station('bbbbbbbbbbbbbbbb', 'B', 'Bruno');
    await a.store.write('Création', (ctx) => ctx.create('partners', partner('p-1', 'Mairie')));
    await importInto(b, (await exportFrom(a)).bytes);
    await importInto(a, (await exportFrom(b)).bytes);
    await a.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { notes: 'de A' }));
    await b.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { notes: 'de B' }));
    await importInto(a, (await exportFrom(b, 'aaaaaaaaaaaaaaaa')).bytes);
    const conflict = (await a.db.conflicts.toArray())[0]!;
    await resolveKeep(a.store, conflict.id);
    const backup = await decode((await exportFrom(a, undefined, 'backup')).bytes, PASS);
    await a.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { name: 'Erreur de saisie' }));
    await applyRollback(a.store, backup.tables, 'Retour à la sauvegarde du 02/12/2026 à 09:30');
    await importInto(b, (await exportFrom(a, 'bbbbbbbbbbbbbbbb')).bytes);
    const onB = await historyLines(b.db);
    const by = (action: string) => onB.filter((h) => h.action === action && h.user === 'Alice');
    expect(by('Valeur reprise (conflit)').map((h) => h.field)).toEqual(expect.arrayContaining(['notes', 'resolution', 'status']));
    expect(by('Retour à la sauvegarde du 02/12/2026 à 09:30')).toMatchObject([{ field: 'name', old: 'Erreur de saisie', new: 'Mairie', source: 'A' }]);
    expect(await lineSet(b.db)).toEqual(await lineSet(a.db));
  });

  it('an older file (format 2, no lines) still imports: lines rebuilt from the records, marked as such', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'Poste accueil', 'Alice');
    const b = await station('bbbbbbbbbbbbbbbb', 'Portable visite', 'Bruno');
    await a.store.write('Création', (ctx) => ctx.create('partners', partner('p-1', 'Mairie')));
    const rows = (await a.db.partners.toArray()).map((r) => {
      const { _ts, _r, ...rest } = r;
      return rest;
    });
    const v2 = await encodeBundle({
      bundleId: 'ancien-format-0001',
      schemaVersion: 4,
      replicaId: 'aaaaaaaaaaaaaaaa',
      replicaLabel: 'Poste accueil',
      createdAt: new Date().toISOString(),
      vector: { aaaaaaaaaaaaaaaa: a.store.hlc.current() },
      baseVector: {},
      purpose: 'sync',
      tables: { partners: rows },
      passphrase: PASS,
      formatVersion: 2,
    });
    expect(v2.header.historyLines).toBeUndefined();
    const decoded = await decode(v2.bytes, PASS);
    expect(decoded.historyCarried).toBe(false);
    await applyImport(b.db, b.store, decoded, b.identity);
    const lines = await historyLines(b.db);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ field: '*', new: 'création', user: 'Bruno', derived: true, source: 'Poste accueil' });
    expect(lines[0]!.id).toBeUndefined(); // rebuilt lines stay local
    expect(originText(lines[0]!)).toMatch(/^lot importé de Poste accueil le .* \(ligne reconstituée, auteur non transmis\)$/);
  });

  it('hostile lines refuse the whole file, the base unchanged', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'A', 'Alice');
    const b = await station('bbbbbbbbbbbbbbbb', 'B', 'Bruno');
    await b.store.write('Création', (ctx) => ctx.create('partners', partner('p-0', 'Déjà là')));
    await a.store.write('Création', (ctx) => ctx.create('partners', partner('p-1', 'Mairie')));
    const rec = (await a.db.partners.toArray())[0]!;
    const lines = (await historyLines(a.db)) as Required<HistoryEntry>[];
    const wire = historyToWire(lines.map((l) => ({ ...l, workstation: 'A' })));
    const base = {
      bundleId: 'hostile-history-01',
      schemaVersion: CURRENT_SCHEMA_VERSION,
      replicaId: 'aaaaaaaaaaaaaaaa',
      replicaLabel: 'A',
      createdAt: new Date().toISOString(),
      vector: { aaaaaaaaaaaaaaaa: a.store.hlc.current() },
      baseVector: {},
      purpose: 'sync' as const,
      tables: { partners: [rec] },
      passphrase: PASS,
    };
    const before = await dump(b.db);
    const hostile = [
      { ...wire, e: [{ ...wire.e[0]!, t: 'meta' }] },
      { ...wire, e: [{ ...wire.e[0]!, l: [['constructor', 'a', 'b']] }] },
      { ...wire, e: [{ ...wire.e[0]!, s: 'zzzzzzzzz-0000-aaaaaaaaaaaaaaaa' }] }, // the year 5188: clock ahead
    ];
    for (const history of hostile) {
      const { bytes } = await encodeBundle({ ...base, rawPayload: { tables: { partners: [toWire(rec)] }, history } });
      const err = await decode(bytes, PASS).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BundleError);
      expect((err as Error).message).toMatch(/ligne d'historique invalide|horloge/);
    }
    expect(await dump(b.db)).toEqual(before);
  });

  it('two workstations exchanging deltas in any order end with the same lines: each edit once per field, one row per write', async () => {
    const op = fc.record({ on: fc.nat(1), kind: fc.constantFrom('create', 'edit', 'edit', 'remove', 'sync'), p: fc.nat(3), v: fc.nat(3) });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 12 }), async (ops) => {
        run++;
        const a = await station('aaaaaaaaaaaaaaaa', 'A', 'Alice');
        const b = await station('bbbbbbbbbbbbbbbb', 'B', 'Bruno');
        const both = [a, b];
        const peerOf = (i: number) => (i === 0 ? 'bbbbbbbbbbbbbbbb' : 'aaaaaaaaaaaaaaaa');
        for (const o of ops) {
          const s = both[o.on]!;
          const id = `p-${run}-${o.p}`;
          if (o.kind === 'sync') {
            await importInto(both[1 - o.on]!, (await exportFrom(s, peerOf(o.on))).bytes);
            continue;
          }
          const live = await s.db.partners.get(id);
          if (o.kind === 'create') {
            if (!live) await s.store.write('Création', (ctx) => ctx.create('partners', partner(id, `Mairie ${o.v}`)));
          } else if (live && !live._deleted) {
            if (o.kind === 'edit') await s.store.write('Modification', (ctx) => ctx.update('partners', id, { name: `Nom ${o.v}`, notes: `Note ${o.on}${o.v}` }));
            else await s.store.write('Suppression', (ctx) => ctx.remove('partners', id));
          }
        }
        // Deltas both ways, twice (the second round carries what the first one taught), then compare.
        for (let i = 0; i < 2; i++) {
          await importInto(b, (await exportFrom(a, peerOf(0))).bytes);
          await importInto(a, (await exportFrom(b, peerOf(1))).bytes);
        }
        const [la, lb] = [await lineSet(a.db), await lineSet(b.db)];
        expect(la).toEqual(lb);
        // Every stamped line is held once, and one row per write on each side.
        for (const s of both) {
          const rows = (await s.db.history.toArray()).filter((w) => w.id);
          expect(new Set(rows.map((w) => w.id)).size).toBe(rows.length);
          const lines = (await historyLines(s.db)).filter((l) => l.id);
          expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
          expect(lines.length).toBe(la.length);
        }
      }),
      { numRuns: 6 },
    );
  });
});
