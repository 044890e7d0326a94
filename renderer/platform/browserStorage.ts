/**
 * The browser platform's storage that no first screen needs (browser.ts imports it on first use): the emulated
 * sync and backup folders, and « Retenir sur ce poste » for the passphrase.
 */
import type { FolderEntry } from '../../shared/ipc/contract';
import { PlatformError, type FolderKind, type Platform } from './types';

/** Before issue 10 the passphrase sat here in clear: removed on sight. */
const LEGACY_PASSPHRASE_KEY = 'partenaires.passphrase';

/** Emulated folders: one IndexedDB store per kind, so sync and backup flows run in a plain browser. */
function folderDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('partenaires-folders', 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('sync');
      req.result.createObjectStore('backups');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new PlatformError('io', "Le dossier n'a pas pu être ouvert."));
  });
}

interface StoredFile {
  data: Uint8Array;
  modifiedAt: string;
}

/**
 * « Retenir sur ce poste » in a browser: the passphrase's non-extractable CryptoKey, stored as the object itself
 * (IndexedDB keeps CryptoKeys by structured clone, still non-extractable); never the text.
 */
function secretDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('partenaires-secret', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('keys');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new PlatformError('io', "La phrase de passe retenue n'a pas pu être lue."));
  });
}

async function secretOp<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await secretDb();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction('keys', mode);
    const req = op(tx.objectStore('keys'));
    tx.oncomplete = () => {
      db.close();
      resolve(req.result);
    };
    tx.onerror = () => {
      db.close();
      reject(new PlatformError('io', "La phrase de passe n'a pas pu être retenue."));
    };
  });
}

async function folderOp<T>(kind: FolderKind, mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await folderDb();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(kind, mode);
    const req = op(tx.objectStore(kind));
    tx.oncomplete = () => {
      db.close();
      resolve(req.result);
    };
    tx.onerror = () => {
      db.close();
      reject(new PlatformError('io', tx.error?.name === 'QuotaExceededError' ? "Le disque est plein : le fichier n'a pas été écrit." : "L'accès au dossier a échoué."));
    };
  });
}

export async function listFolder(kind: FolderKind): Promise<FolderEntry[]> {
  const db = await folderDb();
  return new Promise<FolderEntry[]>((resolve, reject) => {
    const out: FolderEntry[] = [];
    const tx = db.transaction(kind, 'readonly');
    const req = tx.objectStore(kind).openCursor();
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return;
      const file = cursor.value as StoredFile;
      out.push({ name: String(cursor.key), size: file.data.byteLength, modifiedAt: file.modifiedAt });
      cursor.continue();
    };
    tx.oncomplete = () => {
      db.close();
      resolve(out.sort((a, b) => a.name.localeCompare(b.name)));
    };
    tx.onerror = () => reject(new PlatformError('io', "Le dossier n'a pas pu être lu."));
  });
}

export async function readFromFolder(kind: FolderKind, name: string): Promise<Uint8Array> {
  const file = await folderOp<StoredFile | undefined>(kind, 'readonly', (s) => s.get(name) as IDBRequest<StoredFile | undefined>);
  if (!file) throw new PlatformError('io', `Le fichier « ${name} » est introuvable.`);
  return file.data;
}

export async function writeToFolder(kind: FolderKind, name: string, data: Uint8Array): Promise<{ path: string }> {
  await folderOp(kind, 'readwrite', (s) => s.put({ data, modifiedAt: new Date().toISOString() } satisfies StoredFile, name));
  return { path: `${kind}/${name}` };
}

export async function removeFromFolder(kind: FolderKind, name: string): Promise<{ removed: boolean }> {
  await folderOp(kind, 'readwrite', (s) => s.delete(name));
  return { removed: true };
}

export async function getStoredPassphrase(): ReturnType<Platform['getStoredPassphrase']> {
  sessionStorage.removeItem(LEGACY_PASSPHRASE_KEY);
  const key = await secretOp<unknown>('readonly', (s) => s.get('passphrase'));
  return key instanceof CryptoKey && !key.extractable ? key : null;
}

export async function storePassphrase(secret: Parameters<Platform['storePassphrase']>[0]): ReturnType<Platform['storePassphrase']> {
  sessionStorage.removeItem(LEGACY_PASSPHRASE_KEY);
  // Only the key: its bytes cannot be read back, so nothing readable of the passphrase reaches the disk.
  if (secret === null || secret.key.extractable) {
    await secretOp('readwrite', (s) => s.delete('passphrase'));
    return { stored: false, encrypted: false };
  }
  await secretOp('readwrite', (s) => s.put(secret.key, 'passphrase'));
  return { stored: true, encrypted: true };
}
