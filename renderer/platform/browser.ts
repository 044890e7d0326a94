/**
 * Browser implementation of the platform: used by `npm run web` and the end-to-end tests. Settings live in
 * localStorage; files go through downloads and <input type=file>; folders are emulated in IndexedDB.
 */
import { newReplicaId } from '../../shared/crdt/hlc';
import type { MenuCommand } from '../../shared/ipc/contract';
import { menuCommands } from '../../shared/ipc/constants';
import type { Settings, SettingsPatch } from '../../shared/settings/schema';
import { defaultSettings, plainStoredSettings, SETTINGS_VERSION, SETTINGS_VERSION_KEY } from '../../shared/settings/plain';
import { PlatformError, type FileFilter, type Platform } from './types';

const SETTINGS_KEY = 'partenaires.settings';

function saveSettings(settings: Settings): void {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify({ ...settings, [SETTINGS_VERSION_KEY]: SETTINGS_VERSION }));
}

/**
 * Same recovery rules as the Electron settings file: keep what is valid, reset the rest, never throw. Valid
 * current settings are read without zod (start-up path); anything to migrate or repair loads the full rules.
 */
async function readSettings(): Promise<Settings> {
  const raw = localStorage.getItem(SETTINGS_KEY);
  if (raw === null) {
    // First start: the defaults, as settingsFromStored(undefined) gives them.
    const settings = defaultSettings(newReplicaId());
    saveSettings(settings);
    return settings;
  }
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    // Unreadable: keep a copy aside (as the Electron side does with its file) and start from defaults.
    localStorage.setItem(`${SETTINGS_KEY}.illisible`, raw);
    stored = null;
  }
  const plain = stored !== null ? plainStoredSettings(stored) : null;
  if (plain) return plain;
  const { settingsFromStored } = await import('../../shared/settings/migrate');
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

/** The emulated folders and the remembered passphrase (IndexedDB), fetched on first use: not start-up code. */
const storage = () => import('./browserStorage');

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
      // Validation (zod) is fetched on the first change of a setting, never before the first screen.
      const [{ settingsPatchSchema, settingsSchema }, { describeSettingsError }, { frenchIssues }] = await Promise.all([
        import('../../shared/settings/schema'),
        import('../../shared/settings/migrate'),
        import('../../shared/ipc/errors'),
      ]);
      const parsed = settingsPatchSchema.safeParse(patch, frenchIssues);
      if (!parsed.success) throw new PlatformError('invalid-arguments', describeSettingsError(parsed.error));
      const next = settingsSchema.parse({ ...(await readSettings()), ...parsed.data });
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
    listFolder: async (kind) => (await storage()).listFolder(kind),
    readFromFolder: async (kind, name) => (await storage()).readFromFolder(kind, name),
    writeToFolder: async (kind, name, data) => (await storage()).writeToFolder(kind, name, data),
    removeFromFolder: async (kind, name) => (await storage()).removeFromFolder(kind, name),
    async chooseFolder(kind) {
      return kind === 'sync' ? 'Dossier partagé (navigateur)' : 'Sauvegardes (navigateur)';
    },
    getStoredPassphrase: async () => (await storage()).getStoredPassphrase(),
    storePassphrase: async (secret) => (await storage()).storePassphrase(secret),
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
