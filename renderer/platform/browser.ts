/**
 * Browser implementation of the platform: used by `npm run web` and the end-to-end tests. Settings live in
 * localStorage; files go through downloads and <input type=file>; folders are emulated in IndexedDB.
 */
import { newReplicaId } from '../../shared/crdt/hlc';
import { menuCommands, type FolderEntry, type MenuCommand } from '../../shared/ipc/contract';
import { SETTINGS_VERSION, settingsPatchSchema, settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings/schema';
import { describeSettingsError, settingsFromStored, SETTINGS_VERSION_KEY } from '../../shared/settings/migrate';
import { frenchIssues } from '../../shared/ipc/errors';
import { PlatformError, type FileFilter, type FolderKind, type Platform } from './types';

const SETTINGS_KEY = 'partenaires.settings';
/** Before issue 10 the passphrase sat here in clear: removed on sight. */
const LEGACY_PASSPHRASE_KEY = 'partenaires.passphrase';

function saveSettings(settings: Settings): void {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify({ ...settings, [SETTINGS_VERSION_KEY]: SETTINGS_VERSION }));
}

/** Same recovery rules as the Electron settings file: keep what is valid, reset the rest, never throw. */
function readSettings(): Settings {
  const raw = localStorage.getItem(SETTINGS_KEY);
  let stored: unknown = undefined;
  if (raw !== null) {
    try {
      stored = JSON.parse(raw);
    } catch {
      // Unreadable: keep a copy aside (as the Electron side does with its file) and start from defaults.
      localStorage.setItem(`${SETTINGS_KEY}.illisible`, raw);
      stored = null;
    }
  }
  const result = settingsFromStored(stored, newReplicaId);
  for (const notice of result.notices) console.warn(notice);
  if (result.changed) saveSettings(result.settings);
  return result.settings;
}

function download(name: string, data: Uint8Array | string, mime: string): void {
  const blob = typeof data === 'string' ? new Blob([data], { type: mime }) : new Blob([data.slice().buffer], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function pickFile(filters: FileFilter[]): Promise<{ name: string; data: Uint8Array } | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = filters.flatMap((f) => f.extensions.map((e) => (e === '*' ? '*' : `.${e}`))).join(',');
    input.style.display = 'none';
    input.dataset.testid = 'platform-file-input';
    input.addEventListener('change', async () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      resolve({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });
}

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

export function createBrowserPlatform(): Platform {
  const menuListeners = new Set<(c: MenuCommand) => void>();
  // Browser mode has no application menu: the same accelerators are bound on the document.
  const keyMap: Record<string, MenuCommand> = { n: 'nouveau-partenaire', f: 'rechercher', p: 'imprimer', e: 'exporter', i: 'importer', ',': 'parametres' };
  document.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const command = keyMap[event.key.toLowerCase()];
    if (!command || menuListeners.size === 0) return;
    event.preventDefault();
    for (const l of menuListeners) l(command);
  });

  return {
    kind: 'browser',
    async getSettings() {
      return readSettings();
    },
    async updateSettings(patch: SettingsPatch) {
      const parsed = settingsPatchSchema.safeParse(patch, frenchIssues);
      if (!parsed.success) throw new PlatformError('invalid-arguments', describeSettingsError(parsed.error));
      const next = settingsSchema.parse({ ...readSettings(), ...parsed.data });
      saveSettings(next);
      return next;
    },
    async saveFile({ suggestedName, data, filters }) {
      const ext = filters[0]?.extensions[0] ?? '';
      download(suggestedName, data, ext === 'csv' ? 'text/csv;charset=utf-8' : ext === 'pdf' ? 'application/pdf' : 'application/octet-stream');
      return { saved: true, path: suggestedName };
    },
    openFile({ filters }) {
      return pickFile(filters);
    },
    async print() {
      window.print();
      // window.print returns once the dialog closes, printed or cancelled alike: no honest signal.
      return { printed: true, unconfirmed: true };
    },
    async savePdf(_suggestedName: string) {
      // A browser can only offer its print dialog (« Enregistrer au format PDF »).
      window.print();
      return { saved: false };
    },
    async listFolder(kind) {
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
    },
    async readFromFolder(kind, name) {
      const file = await folderOp<StoredFile | undefined>(kind, 'readonly', (s) => s.get(name) as IDBRequest<StoredFile | undefined>);
      if (!file) throw new PlatformError('io', `Le fichier « ${name} » est introuvable.`);
      return file.data;
    },
    async writeToFolder(kind, name, data) {
      await folderOp(kind, 'readwrite', (s) => s.put({ data, modifiedAt: new Date().toISOString() } satisfies StoredFile, name));
      return { path: `${kind}/${name}` };
    },
    async removeFromFolder(kind, name) {
      await folderOp(kind, 'readwrite', (s) => s.delete(name));
      return { removed: true };
    },
    async chooseFolder(kind) {
      return kind === 'sync' ? 'Dossier partagé (navigateur)' : 'Sauvegardes (navigateur)';
    },
    async getStoredPassphrase() {
      sessionStorage.removeItem(LEGACY_PASSPHRASE_KEY);
      const key = await secretOp<unknown>('readonly', (s) => s.get('passphrase'));
      return key instanceof CryptoKey && !key.extractable ? key : null;
    },
    async storePassphrase(secret) {
      sessionStorage.removeItem(LEGACY_PASSPHRASE_KEY);
      // Only the key: its bytes cannot be read back, so nothing readable of the passphrase reaches the disk.
      if (secret === null || secret.key.extractable) {
        await secretOp('readwrite', (s) => s.delete('passphrase'));
        return { stored: false, encrypted: false };
      }
      await secretOp('readwrite', (s) => s.put(secret.key, 'passphrase'));
      return { stored: true, encrypted: true };
    },
    async setWindowTitle(title) {
      document.title = title;
    },
    async appInfo() {
      return { version: import.meta.env.VITE_APP_VERSION ?? '0.1.0', userDataPath: `IndexedDB du navigateur (${location.origin})`, platform: 'navigateur' };
    },
    onMenuCommand(listener) {
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    },
    onBeforeQuit() {
      return () => undefined;
    },
    onFileOpened() {
      return () => undefined;
    },
  };
}

export const knownMenuCommands = menuCommands;
