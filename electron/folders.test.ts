import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_IPC_FILE_BYTES, createFolderStore, type FolderKind } from './folders';
import { createOpenFileQueue } from './openFiles';

let base: string;
const roots: Record<FolderKind, string> = { sync: '', backups: '' };
beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'folders-'));
  roots.sync = path.join(base, 'partage');
  roots.backups = path.join(base, 'sauvegardes');
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

describe('folder store', () => {
  it('writes, lists, reads and removes files', async () => {
    const store = createFolderStore(fs.promises, (k) => roots[k]);
    expect(await store.list('sync')).toEqual([]); // folder not created yet: empty, not an error
    const data = new TextEncoder().encode('paquet');
    const { path: written } = await store.write('sync', 'poste-a.mcpsync', data);
    expect(written).toBe(path.join(roots.sync, 'poste-a.mcpsync'));
    await store.write('sync', 'Échange 2.mcpsync', new Uint8Array([1, 2, 3]));
    const list = await store.list('sync');
    expect(list.map((e) => [e.name, e.size])).toEqual([
      ['Échange 2.mcpsync', 3],
      ['poste-a.mcpsync', 6],
    ]);
    expect(new TextDecoder().decode(await store.read('sync', 'poste-a.mcpsync'))).toBe('paquet');
    expect(await store.remove('sync', 'poste-a.mcpsync')).toEqual({ removed: true });
    expect(await store.remove('sync', 'poste-a.mcpsync')).toEqual({ removed: false });
    await expect(store.read('sync', 'poste-a.mcpsync')).rejects.toThrow('Le fichier « poste-a.mcpsync » est introuvable.');
  });

  it('refuses path traversal and invalid names, touching nothing', async () => {
    const store = createFolderStore(fs.promises, (k) => roots[k]);
    for (const name of ['../evil', '..', 'a/b', 'a\\b', 'C:evil', 'CON', 'nul.txt', 'fin.', 'x.partiel', '']) {
      await expect(store.write('backups', name, new Uint8Array([1]))).rejects.toMatchObject({ code: 'invalid-arguments' });
    }
    await expect(store.read('backups', '../../etc/passwd')).rejects.toThrow('Nom de fichier invalide : « ../../etc/passwd ».');
    expect(fs.existsSync(roots.backups)).toBe(false);
    expect(fs.readdirSync(base)).toEqual([]);
  });

  it('says which folder to choose when none is set', async () => {
    const store = createFolderStore(fs.promises, () => '');
    await expect(store.list('sync')).rejects.toMatchObject({
      code: 'unavailable',
      message: "Aucun dossier de synchronisation n'est choisi : choisissez-le dans Paramètres.",
    });
  });

  it('a full disk gives a French message and leaves the previous file intact, no temp file behind', async () => {
    const real = createFolderStore(fs.promises, (k) => roots[k]);
    await real.write('backups', 'sauvegarde.zip', new TextEncoder().encode('ancienne'));
    const fullDisk = {
      ...fs.promises,
      writeFile: async (file: Parameters<typeof fs.promises.writeFile>[0], data: Parameters<typeof fs.promises.writeFile>[1]) => {
        await fs.promises.writeFile(file, (data as Uint8Array).slice(0, 2)); // a partial write, then the error
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    const store = createFolderStore(fullDisk, (k) => roots[k]);
    await expect(store.write('backups', 'sauvegarde.zip', new TextEncoder().encode('nouvelle'))).rejects.toMatchObject({
      code: 'io',
      message: "Le disque est plein : le fichier n'a pas été écrit. Libérez de la place puis recommencez.",
    });
    expect(fs.readFileSync(path.join(roots.backups, 'sauvegarde.zip'), 'utf8')).toBe('ancienne');
    expect(fs.readdirSync(roots.backups)).toEqual(['sauvegarde.zip']);
  });

  it('hides half-written temp files from listings', async () => {
    fs.mkdirSync(roots.sync, { recursive: true });
    fs.writeFileSync(path.join(roots.sync, 'b.mcpsync.abc.partiel'), 'x');
    fs.mkdirSync(path.join(roots.sync, 'sous-dossier'));
    const store = createFolderStore(fs.promises, (k) => roots[k]);
    expect(await store.list('sync')).toEqual([]);
  });
});

describe('size cap of files sent to the renderer in one IPC reply', () => {
  it('64 MiB at most, checked on the size before anything is read (folder:read and a bundle opened from Windows)', async () => {
    expect(MAX_IPC_FILE_BYTES).toBe(64 * 1024 * 1024);
    const reads: string[] = [];
    const sizes = new Map<string, number>();
    const fakeFs = {
      ...fs.promises,
      stat: async (p: string) => ({ ...(await fs.promises.stat(p)), size: sizes.get(path.basename(p)) ?? 0, isFile: () => true }),
      readFile: async (p: string) => {
        reads.push(path.basename(p));
        return Buffer.from('paquet');
      },
    } as unknown as typeof fs.promises;
    fs.mkdirSync(roots.sync, { recursive: true });
    for (const [name, size] of [['enorme.mcpsync', MAX_IPC_FILE_BYTES + 1], ['limite.mcpsync', MAX_IPC_FILE_BYTES]] as const) {
      fs.writeFileSync(path.join(roots.sync, name), '');
      sizes.set(name, size);
    }
    const store = createFolderStore(fakeFs, (k) => roots[k]);
    await expect(store.read('sync', 'enorme.mcpsync')).rejects.toThrow('Le fichier « enorme.mcpsync » est trop volumineux (65 Mio ; 64 Mio au plus)');
    expect(new TextDecoder().decode(await store.read('sync', 'limite.mcpsync'))).toBe('paquet');
    const queue = createOpenFileQueue(fakeFs);
    queue.offer(path.join(roots.sync, 'enorme.mcpsync'));
    await expect(queue.take()).rejects.toThrow('est trop volumineux');
    expect(reads).toEqual(['limite.mcpsync']);
  });
});
