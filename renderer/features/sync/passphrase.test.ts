import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBrowserPlatform } from '../../platform/browser';
import { decodeBundle, encodeBundle } from '../../../shared/sync';
import { forgetPassphraseInMemory, loadPassphrase, savePassphrase } from './passphrase';
import { MemoryStorage } from '../../platform/memoryStorage';

const PASS = 'Phrase de passe du service 2026';

/** Every value the browser platform could have written anywhere, as text. */
async function everythingStored(): Promise<string> {
  const storages = [(globalThis as unknown as { localStorage: MemoryStorage }).localStorage, (globalThis as unknown as { sessionStorage: MemoryStorage }).sessionStorage];
  const texts = storages.flatMap((s) => [...s.data.entries()].flat());
  const dbs = await indexedDB.databases();
  for (const info of dbs) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(info.name!);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const name of [...db.objectStoreNames]) {
      const all = await new Promise<unknown[]>((resolve) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result);
      });
      texts.push(JSON.stringify(all));
    }
    db.close();
  }
  return texts.join('\n');
}

beforeEach(() => {
  Object.assign(globalThis, { localStorage: new MemoryStorage(), sessionStorage: new MemoryStorage(), document: { addEventListener: () => undefined } });
  forgetPassphraseInMemory();
});

describe('passphrase in browser mode', () => {
  it('« Retenir » keeps only a non-extractable key: the text is nowhere, and the key still opens files after a restart', async () => {
    const platform = createBrowserPlatform();
    const { key, stored } = await savePassphrase(platform, PASS, true);
    expect(stored).toBe(true);
    expect(key!.material.extractable).toBe(false);
    expect(await everythingStored()).not.toContain(PASS);
    const { bytes } = await encodeBundle({
      bundleId: 'retenu-0001',
      schemaVersion: 3,
      replicaId: '0123456789abcdef',
      replicaLabel: 'Poste accueil',
      createdAt: new Date().toISOString(),
      vector: {},
      baseVector: {},
      purpose: 'export',
      tables: {},
      passphrase: PASS,
    });
    forgetPassphraseInMemory(); // a new session
    const again = await loadPassphrase(createBrowserPlatform());
    expect(again).not.toBeNull();
    expect((await decodeBundle(bytes, again!, 3)).header.bundleId).toBe('retenu-0001');
  });

  it('without « Retenir » nothing is kept for the next session, and a copy kept earlier is forgotten', async () => {
    const platform = createBrowserPlatform();
    await savePassphrase(platform, PASS, true);
    await savePassphrase(platform, 'une autre phrase de passe', false);
    expect(await loadPassphrase(platform)).not.toBeNull(); // this session
    forgetPassphraseInMemory();
    expect(await loadPassphrase(createBrowserPlatform())).toBeNull();
  });

  it('a passphrase left in clear by an older version is removed', async () => {
    sessionStorage.setItem('partenaires.passphrase', PASS);
    expect(await loadPassphrase(createBrowserPlatform())).toBeNull();
    expect(sessionStorage.getItem('partenaires.passphrase')).toBeNull();
  });
});
