import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { AppDatabase } from '../db/database';
import { loadDataset } from '../db/loadDataset';
import { demoDataset } from '../../shared/demo/seedData';
import { dataOf, type CrdtRecord } from '../../shared/crdt/record';
import { applyImport, decode, exportBundle } from './engine';
import { applyRollback, planRollback, RollbackCancelled, rollbackTotals, ROLLBACK_TABLES } from './rollback';
import { stations, dumpTables as dump } from './testing/stations';
import { historyLines } from '../db/store';

const PASS = 'phrase de passe du service';
const station = stations('rollback');

/** The office-visible state: live records' data per table. */
async function visible(db: AppDatabase) {
  const out: Record<string, Record<string, unknown>> = {};
  for (const t of ROLLBACK_TABLES) {
    const rows = (await db.syncedTable(t).toArray()).filter((r) => r._deleted === 0);
    out[t] = Object.fromEntries(rows.map((r) => [r.id, dataOf(r)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  }
  return out;
}
const visibleOf = (tables: Record<string, CrdtRecord[]>) =>
  Object.fromEntries(
    ROLLBACK_TABLES.map((t) => [
      t,
      Object.fromEntries((tables[t] ?? []).filter((r) => r._deleted === 0).map((r) => [r.id, dataOf(r)]).sort(([a], [b]) => String(a).localeCompare(String(b)))),
    ]),
  );


/** A base with a backup and, after it, edits, a creation and deletions. */
async function afterMistakes() {
  const a = await station('aaaaaaaaaaaaaaaa', 'Poste accueil');
  await loadDataset(a.store, demoDataset, { action: 'Démo' });
  const backup = await decode((await exportBundle(a.db, a.store, { purpose: 'backup', passphrase: PASS, identity: a.identity })).bytes, PASS);
  const partners = await a.db.partners.toArray();
  await a.store.write('Modification', async (ctx) => {
    for (const p of partners) await ctx.update('partners', p.id, { notes: 'après la sauvegarde' } as never);
  });
  await a.store.write('Suppression', (ctx) => ctx.remove('partners', partners[0]!.id));
  const contact = (await a.db.contacts.toArray())[0]!;
  await a.store.write('Création', (ctx) => ctx.create('contacts', { ...(dataOf(contact) as object), id: undefined, email: 'apres@example.fr' } as never));
  return { a, backup };
}

describe('restore as a rollback', () => {
  it('previews what will be undone, then brings the base to its backup-time state as new stamped edits that sync', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'Poste accueil');
    const b = await station('bbbbbbbbbbbbbbbb', 'Portable visite');
    await loadDataset(a.store, demoDataset, { action: 'Démo' });
    // B has everything A has.
    await applyImport(b.db, b.store, await decode((await exportBundle(a.db, a.store, { purpose: 'sync', passphrase: PASS, identity: a.identity })).bytes, PASS), b.identity);
    const backup = await decode((await exportBundle(a.db, a.store, { purpose: 'backup', passphrase: PASS, identity: a.identity })).bytes, PASS);
    const atBackup = await visible(a.db);
    expect(visibleOf(backup.tables)).toEqual(atBackup);

    // The mistakes: a partner renamed, its notes cleared, a contact created, a convention deleted, a partner deleted.
    const [p1, p2] = (await a.db.partners.toArray()).map((r) => r.id);
    const conv = (await a.db.conventions.toArray())[0]!.id;
    await a.store.write('Modification', (ctx) => ctx.update('partners', p1!, { name: 'Nom erroné', notes: '' }));
    await a.store.write('Suppression', (ctx) => ctx.remove('conventions', conv));
    await a.store.write('Suppression', (ctx) => ctx.remove('partners', p2!));
    const contact = (await a.db.contacts.toArray())[0]!;
    const newContact = await a.store.write('Création', (ctx) => ctx.create('contacts', { ...(dataOf(contact) as object), id: undefined, email: 'nouveau@example.fr' } as never));
    // A change B made since, received by A: undone too (the backup predates it).
    await b.store.write('Modification', (ctx) => ctx.update('partners', p1!, { status: 'archive' } as never));
    await applyImport(a.db, a.store, await decode((await exportBundle(b.db, b.store, { purpose: 'sync', passphrase: PASS, identity: b.identity, peerId: a.identity.replicaId })).bytes, PASS), a.identity);

    const before = await a.db.partners.toArray();
    const plan = await planRollback(a.db, backup.tables);
    expect(await a.db.partners.toArray()).toEqual(before); // the preview wrote nothing
    expect(plan.counts.partners).toMatchObject({ changedSince: 1, deletedSince: 1, createdSince: 0 });
    expect(plan.counts.contacts).toMatchObject({ createdSince: 1 });
    expect(plan.counts.conventions).toMatchObject({ deletedSince: 1 });
    const changed = plan.steps.find((s) => s.recordId === p1)!;
    expect(changed.fields.map((f) => f.field).sort()).toEqual(expect.arrayContaining(['name', 'status']));
    expect(rollbackTotals(plan).createdSince).toBe(1);

    const clockBefore = a.store.hlc.current();
    await applyRollback(a.store, backup.tables, 'Retour à la sauvegarde du 01/12/2026');
    expect(await visible(a.db)).toEqual(atBackup);
    // New stamps, later than anything before: it is an edit like any other.
    const p1now = (await a.db.partners.get(p1!))!;
    expect(p1now._m.name!.s > clockBefore).toBe(true);
    expect((await a.db.contacts.get(newContact))!._deleted).toBe(1);
    const lines = (await historyLines(a.db)).filter((h) => h.action === 'Retour à la sauvegarde du 01/12/2026');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    // Nothing left to undo.
    expect((await planRollback(a.db, backup.tables)).steps).toEqual([]);

    // It syncs: B, which made one of the undone edits, ends in the backup-time state too.
    const delta = await exportBundle(a.db, a.store, { purpose: 'sync', passphrase: PASS, identity: a.identity, peerId: b.identity.replicaId });
    await applyImport(b.db, b.store, await decode(delta.bytes, PASS), b.identity);
    expect(await visible(b.db)).toEqual(atBackup);
  });

  it('a base that lost records gets them back, and the rollback itself can be undone from the backup taken just before', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'Poste accueil');
    await loadDataset(a.store, demoDataset, { action: 'Démo' });
    const backup = await decode((await exportBundle(a.db, a.store, { purpose: 'backup', passphrase: PASS, identity: a.identity })).bytes, PASS);
    const atBackup = await visible(a.db);
    await a.store.write('Modification', async (ctx) => {
      for (const r of await a.db.partners.toArray()) await ctx.update('partners', r.id, { notes: 'après la sauvegarde' } as never);
    });
    const afterEdits = await visible(a.db);
    const safety = await decode((await exportBundle(a.db, a.store, { purpose: 'backup', passphrase: PASS, identity: a.identity })).bytes, PASS);
    // A fresh base on the same workstation: the whole backup comes back as recreated records.
    const empty = await station('cccccccccccccccc', 'Poste neuf');
    const plan = await planRollback(empty.db, backup.tables);
    expect(rollbackTotals(plan).deletedSince).toBe(Object.values(atBackup).reduce((n, t) => n + Object.keys(t).length, 0));
    await applyRollback(empty.store, backup.tables, 'Retour');
    expect(await visible(empty.db)).toEqual(atBackup);

    await applyRollback(a.store, backup.tables, 'Retour');
    expect(await visible(a.db)).toEqual(atBackup);
    await applyRollback(a.store, safety.tables, 'Annulation du retour');
    expect(await visible(a.db)).toEqual(afterEdits);
  });

  it('« Annuler » during the rollback, or a failure part-way, leaves the base exactly as it was', async () => {
    const { a, backup } = await afterMistakes();
    const before = await dump(a.db);
    expect((await planRollback(a.db, backup.tables)).steps.length).toBeGreaterThan(3);

    // Cancelled part-way: some steps were already written inside the transaction.
    const controller = new AbortController();
    let calls = 0;
    await expect(
      applyRollback(a.store, backup.tables, 'Restauration', {
        signal: controller.signal,
        onProgress: (done) => {
          if (++calls === 1 && done === 0) queueMicrotask(() => controller.abort());
        },
      }),
    ).rejects.toBeInstanceOf(RollbackCancelled);
    expect(await dump(a.db)).toEqual(before);

    // Cancelled before it starts.
    await expect(applyRollback(a.store, backup.tables, 'Restauration', { signal: AbortSignal.abort() })).rejects.toThrow('Restauration annulée');
    expect(await dump(a.db)).toEqual(before);

    // A failure after some steps: a record of the backup that today's rules refuse, recreated last.
    const bad = structuredClone(backup.tables);
    const contacts = bad.contacts!;
    const broken = { ...contacts[0]!, id: 'zz-lost-contact', lastName: '' } as CrdtRecord;
    contacts.push(broken);
    await expect(applyRollback(a.store, bad, 'Restauration')).rejects.toThrow('Le nom est obligatoire.');
    expect(await dump(a.db)).toEqual(before);

    // And the real one still goes through afterwards.
    await applyRollback(a.store, backup.tables, 'Restauration');
    expect(await visible(a.db)).toEqual(visibleOf(backup.tables));
  });

  it('the base equals the backup’s records after the rollback, and a replica receiving its delta converges to the same state', async () => {
    const { a, backup } = await afterMistakes();
    const b = await station('bbbbbbbbbbbbbbbb', 'Portable visite');
    await applyImport(b.db, b.store, await decode((await exportBundle(a.db, a.store, { purpose: 'sync', passphrase: PASS, identity: a.identity })).bytes, PASS), b.identity);
    // B answers, so A knows what B has and sends only the rollback.
    await applyImport(a.db, a.store, await decode((await exportBundle(b.db, b.store, { purpose: 'sync', passphrase: PASS, identity: b.identity, peerId: a.identity.replicaId })).bytes, PASS), a.identity);
    await applyRollback(a.store, backup.tables, 'Restauration de la sauvegarde du 01/12/2026 09:30');
    const expected = visibleOf(backup.tables);
    expect(await visible(a.db)).toEqual(expected);
    const delta = await exportBundle(a.db, a.store, { purpose: 'sync', passphrase: PASS, identity: a.identity, peerId: b.identity.replicaId });
    expect(delta.header.kind).toBe('delta');
    await applyImport(b.db, b.store, await decode(delta.bytes, PASS), b.identity);
    expect(await visible(b.db)).toEqual(expected);
  });
});
