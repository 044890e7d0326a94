import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../db/database';
import { Store, liveRows } from '../../db/store';
import { loadDataset } from '../../db/loadDataset';
import { demoDataset } from '../../../shared/demo/seedData';
import { defaultSettings, type Settings, type SettingsPatch } from '../../../shared/settings/schema';
import type { FolderEntry } from '../../../shared/ipc/contract';
import type { FolderKind, Platform } from '../../platform/types';
import { BACKUP_PREFIX, backupDue, listBackups, NOT_FULL_MESSAGE, readBackupForRollback, rollbackToBackup, syncSharedFolder, writeBackup, type SyncContext } from './actions';
import { bundleMessages } from '../../../shared/sync';
import { exportBundle } from '../../sync/engine';
import { decode } from '../../sync/engine';
import { proposeMapping } from '../../../shared/spreadsheet/fields';
import { buildPlan } from '../../../shared/spreadsheet/plan';
import { applyPlan, rollBackImport } from '../spreadsheet/apply';
import { historyLines } from '../../db/store';

const PASS = 'phrase de passe du service';
const dbs: AppDatabase[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) {
    d.close();
    await Dexie.delete(d.name);
  }
});

type Folders = Record<FolderKind, Map<string, { data: Uint8Array; modifiedAt: string }>>;

/** Only the folder part of the platform is used by these actions. */
function fakePlatform(folders: Folders): Platform {
  let tick = 0;
  const p: Partial<Platform> = {
    async listFolder(kind) {
      return [...folders[kind]].map(([name, f]): FolderEntry => ({ name, size: f.data.byteLength, modifiedAt: f.modifiedAt }));
    },
    async readFromFolder(kind, name) {
      const f = folders[kind].get(name);
      if (!f) throw new Error('introuvable');
      return f.data;
    },
    async writeToFolder(kind, name, data) {
      folders[kind].set(name, { data, modifiedAt: new Date(Date.UTC(2026, 10, 23, 8, 0, tick++)).toISOString() });
      return { path: `${kind}/${name}` };
    },
    async removeFromFolder(kind, name) {
      return { removed: folders[kind].delete(name) };
    },
  };
  return p as Platform;
}

async function station(replicaId: string, label: string, folders: Folders, db = new AppDatabase(`actions-${Math.random().toString(36).slice(2)}`)): Promise<SyncContext> {
  dbs.push(db);
  const store = new Store(db, replicaId, () => label);
  await store.open();
  const ctx: SyncContext = {
    db,
    store,
    platform: fakePlatform(folders),
    settings: { ...defaultSettings(replicaId), replicaLabel: label, userName: label } as Settings,
    async updateSettings(patch: SettingsPatch) {
      ctx.settings = { ...ctx.settings, ...patch } as Settings;
      return ctx.settings;
    },
  };
  return ctx;
}

const newFolders = (): Folders => ({ sync: new Map(), backups: new Map() });

describe('shared folder « Synchroniser »', () => {
  it('imports the others’ files once, leaves its own, and keeps only its latest files', async () => {
    const share = newFolders();
    const a = await station('aaaaaaaaaaaaaaaa', 'Accueil', share);
    const b = await station('bbbbbbbbbbbbbbbb', 'Portable', share);
    await loadDataset(a.store, demoDataset, { action: 'Démo' });
    let r = await syncSharedFolder(a, PASS);
    expect(r.imported).toEqual([]);
    expect(r.written?.kind).toBe('full');
    r = await syncSharedFolder(b, PASS);
    expect(r.imported.map((l) => l.status)).toEqual(['importé']);
    expect((await liveRows(b.db, 'partners')).length).toBe(demoDataset.partners.length);
    expect(r.written?.kind).toBe('delta');
    // Nothing new for B: files already handled are skipped. A then imports B's two small files.
    r = await syncSharedFolder(b, PASS);
    expect(r.imported.map((l) => l.status)).toEqual(['déjà importé']);
    r = await syncSharedFolder(a, PASS);
    expect(r.imported.filter((l) => l.status === 'importé')).toHaveLength(2);
    expect(r.written?.kind).toBe('delta');
    expect(r.written?.records).toBe(0);
    for (let i = 0; i < 4; i++) await syncSharedFolder(a, PASS);
    expect([...share.sync.keys()].filter((n) => n.startsWith('aaaaaaaaaaaaaaaa_'))).toHaveLength(3);
  });

  it('a file with another passphrase is reported as refused and retried next time', async () => {
    const share = newFolders();
    const a = await station('aaaaaaaaaaaaaaaa', 'Accueil', share);
    const b = await station('bbbbbbbbbbbbbbbb', 'Portable', share);
    await loadDataset(a.store, demoDataset, { action: 'Démo' });
    await syncSharedFolder(a, 'une autre phrase de passe');
    const r = await syncSharedFolder(b, PASS);
    expect(r.imported).toMatchObject([{ status: 'refusé', message: 'Phrase de passe incorrecte : ce fichier a été chiffré avec une autre phrase de passe.' }]);
    expect(await liveRows(b.db, 'partners')).toEqual([]);
    const again = await syncSharedFolder(b, 'une autre phrase de passe');
    expect(again.imported.map((l) => l.status)).toEqual(['importé']);
  });
});

describe('shared folder with a base copied under the same id (issue 9, 1a)', () => {
  it('never deletes a file it did not write, imports the copy’s files, and both end with every record', async () => {
    const share = newFolders();
    const a = await station('aaaaaaaaaaaaaaaa', 'Accueil', share);
    const b = await station('bbbbbbbbbbbbbbbb', 'Portable', share);
    await loadDataset(a.store, demoDataset, { action: 'Démo' });
    await syncSharedFolder(a, PASS);
    await syncSharedFolder(b, PASS);
    // Byte copy of A's base, opened where the machine cannot be told apart: same replica id.
    const copyDb = new AppDatabase(`actions-copy-${Math.random().toString(36).slice(2)}`);
    await copyDb.open();
    for (const t of a.db.tables) await copyDb.table(t.name).bulkPut(await t.toArray());
    copyDb.close();
    const copy = await station('cccccccccccccccc', 'Accueil (copie)', share, copyDb);
    expect(copy.store.replicaId).toBe(a.store.replicaId);
    const cafId = demoDataset.cafs[0]!.id;
    const mk = (id: string) => ({ id, cafId, name: `Mairie ${id}`, kind: 'commune' as const, siret: '', address: { line1: '', line2: '', postalCode: '', city: '' }, representative: { firstName: '', lastName: '', title: '' }, status: 'actif' as const, notes: '' });
    await a.store.write('Création', (ctx) => ctx.create('partners', mk('p-a')));
    await copy.store.write('Création', (ctx) => ctx.create('partners', mk('p-copie')));
    const removed: string[] = [];
    for (const s of [a, copy]) {
      const remove = s.platform.removeFromFolder.bind(s.platform);
      s.platform = { ...s.platform, removeFromFolder: async (kind, name) => (removed.push(`${s.settings.replicaLabel}:${name}`), remove(kind, name)) };
    }
    const written = new Map<string, string>();
    for (let i = 0; i < 3; i++) {
      for (const s of [a, copy, b]) {
        const r = await syncSharedFolder(s, PASS);
        if (r.written) written.set(r.written.file, s.settings.replicaLabel);
      }
    }
    for (const entry of removed) {
      const [who, name] = [entry.slice(0, entry.indexOf(':')), entry.slice(entry.indexOf(':') + 1)];
      expect(written.get(name) ?? who, `${who} a supprimé ${name}`).toBe(who);
    }
    const ids = async (s: SyncContext) => (await liveRows(s.db, 'partners')).map((p) => p.id).filter((id) => id.startsWith('p-')).sort();
    for (const s of [a, copy, b]) expect(await ids(s)).toEqual(['p-a', 'p-copie']);
    expect(a.store.replicaId).not.toBe(copy.store.replicaId);
  });
});

describe('backups', () => {
  it('keeps the newest N and records when the last one was made', async () => {
    const folders = newFolders();
    const a = await station('aaaaaaaaaaaaaaaa', 'Accueil', folders);
    await loadDataset(a.store, demoDataset, { action: 'Démo' });
    a.settings = { ...a.settings, backups: { ...a.settings.backups, keep: 2 } };
    expect(backupDue(a.settings)).toBe(true);
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      names.push((await writeBackup(a, PASS)).file);
      await new Promise((r) => setTimeout(r, 5));
    }
    const kept = (await listBackups(a.platform)).map((f) => f.name);
    expect(kept).toEqual([names[2], names[1]]);
    expect(kept.every((n) => n.startsWith(BACKUP_PREFIX))).toBe(true);
    expect(backupDue(a.settings)).toBe(false);
    expect(backupDue(a.settings, new Date(Date.parse(a.settings.backups.lastAt) + 25 * 3600_000))).toBe(true);
  });

  it('« Revenir à cette sauvegarde » takes a backup first, never pruning the one restored, and that backup undoes it', async () => {
    const folders = newFolders();
    const a = await station('aaaaaaaaaaaaaaaa', 'Accueil', folders);
    await loadDataset(a.store, demoDataset, { action: 'Démo' });
    a.settings = { ...a.settings, backups: { ...a.settings.backups, keep: 1 } };
    const { file } = await writeBackup(a, PASS);
    const [p1] = await liveRows(a.db, 'partners');
    await a.store.write('Modification', (ctx) => ctx.update('partners', p1!.id, { name: 'Nom erroné' }));
    const backup = await decode(await a.platform.readFromFolder('backups', file), PASS);
    const { plan, safetyBackup } = await rollbackToBackup(a, PASS, backup, { restoredFile: file });
    expect(plan.counts.partners?.changedSince).toBe(1);
    expect((await a.db.partners.get(p1!.id))!.name).toBe(p1!.name);
    // keep = 1, yet both are there: the one restored and the one that undoes the restore.
    expect((await listBackups(a.platform)).map((f) => f.name).sort()).toEqual([file, safetyBackup].sort());
    await rollbackToBackup(a, PASS, await decode(await a.platform.readFromFolder('backups', safetyBackup), PASS));
    expect((await a.db.partners.get(p1!.id))!.name).toBe('Nom erroné');
    const history = (await historyLines(a.db)).filter((h) => h.recordId === p1!.id && h.field === 'name');
    expect(history.map((h) => h.action)).toEqual(['Modification', expect.stringMatching(/^Restauration de la sauvegarde du \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/), expect.stringMatching(/^Restauration de la sauvegarde/)]);
    // The lines name the user who restored.
    expect(history.every((h) => h.user === 'Accueil')).toBe(true);
  });

  it('a wrong passphrase, a damaged file or a file of changes only is refused in French before anything is written', async () => {
    const folders = newFolders();
    const a = await station('aaaaaaaaaaaaaaaa', 'Accueil', folders);
    await loadDataset(a.store, demoDataset, { action: 'Démo' });
    const { file } = await writeBackup(a, PASS);
    const bytes = await a.platform.readFromFolder('backups', file);
    const [p1] = await liveRows(a.db, 'partners');
    await a.store.write('Modification', (ctx) => ctx.update('partners', p1!.id, { name: 'Nom erroné' }));
    // A file of changes only (exporting it is recorded in meta: made before the « before » picture).
    const b = await station('bbbbbbbbbbbbbbbb', 'Portable', newFolders());
    const delta = await exportBundle(a.db, a.store, { purpose: 'sync', passphrase: PASS, identity: { replicaId: a.store.replicaId, replicaLabel: 'Accueil', userName: 'Accueil' }, baseVector: { [a.store.replicaId]: a.store.hlc.current() } });
    expect(delta.header.kind).toBe('delta');
    const dump = async () => Object.fromEntries(await Promise.all(a.db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
    const before = await dump();

    await expect(readBackupForRollback(a.db, bytes, 'une autre phrase de passe')).rejects.toThrow(bundleMessages.wrongPassphrase);
    const damaged = bytes.slice();
    damaged[damaged.length - 20]! ^= 0xff;
    await expect(readBackupForRollback(a.db, damaged, PASS)).rejects.toThrow(/endommagé|modifié/);
    await expect(readBackupForRollback(a.db, bytes.slice(0, bytes.length - 100), PASS)).rejects.toThrow(/incomplet|endommagé/);
    await expect(readBackupForRollback(a.db, new TextEncoder().encode('pas une sauvegarde'), PASS)).rejects.toThrow(bundleMessages.notBundle);
    await expect(readBackupForRollback(b.db, delta.bytes, PASS)).rejects.toThrow(NOT_FULL_MESSAGE);
    expect(await dump()).toEqual(before);

    // The right passphrase: the preview, still nothing written.
    const { plan } = await readBackupForRollback(a.db, bytes, PASS);
    expect(plan.counts.partners?.changedSince).toBe(1);
    expect(await dump()).toEqual(before);
  });

  it('« Annuler cet import » of a spreadsheet rolls back to the backup taken just before: records exactly as before, the undo itself undoable', async () => {
    const folders = newFolders();
    const a = await station('aaaaaaaaaaaaaaaa', 'Accueil', folders);
    await loadDataset(a.store, demoDataset, { action: 'Démo' });
    const records = async () => ({ partners: await a.db.partners.where('_deleted').equals(0).toArray(), conventions: await a.db.conventions.where('_deleted').equals(0).toArray() });
    const before = await records();
    const live = (rows: { id: string; _m: unknown; _ts?: unknown; _r?: unknown }[]) => rows.map(({ _m, _ts, _r, ...data }) => data);
    const [p1] = await liveRows(a.db, 'partners');
    const rows = [
      ['Raison sociale', 'Code postal', 'Commune'],
      ['CCAS importé', '97400', 'Saint-Denis'],
      [p1!.name, p1!.address.postalCode, 'Commune changée'],
    ];
    const { file } = await writeBackup(a, PASS);
    const existing = { partners: await liveRows(a.db, 'partners'), conventions: await liveRows(a.db, 'conventions'), contacts: [], allocations: [], habilitations: [] };
    const plan = buildPlan({ kind: 'partenaire', rows, headerRow: 0, mapping: proposeMapping('partenaire', rows[0]!), mode: 'creer-et-mettre-a-jour', existing, cafId: 'caf', today: '2026-11-20', newId: () => crypto.randomUUID() });
    await applyPlan(a.store, plan, 'registre.xlsx');
    expect((await liveRows(a.db, 'partners')).length).toBe(before.partners.length + 1);
    const totals = await rollBackImport(a, PASS, file);
    expect(totals).toMatchObject({ createdSince: 2, changedSince: 1 });
    const after = await records();
    expect(live(after.partners)).toEqual(live(before.partners));
    expect(live(after.conventions)).toEqual(live(before.conventions));
    const lines = (await historyLines(a.db)).filter((h) => h.recordId === p1!.id && h.field === 'address');
    expect(lines.map((h) => h.action)).toEqual(['import du tableur registre.xlsx', expect.stringMatching(/^Restauration de la sauvegarde du /)]);
  });
});
