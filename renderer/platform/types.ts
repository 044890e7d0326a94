import type { FolderEntry, MenuCommand } from '../../shared/ipc/contract';
import type { Settings, SettingsPatch } from '../../shared/settings/schema';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export type FolderKind = 'sync' | 'backups';

/**
 * Everything the renderer needs from the system. Two implementations: the Electron preload bridge and a
 * browser one (`npm run web`, end-to-end tests). Features get it from `usePlatform()`, never from `window`.
 */
export interface Platform {
  readonly kind: 'electron' | 'browser';
  getSettings(): Promise<Settings>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  /** Save bytes or text where the user chooses. */
  saveFile(options: { suggestedName: string; filters: FileFilter[]; data: Uint8Array | string }): Promise<{ saved: boolean; path?: string }>;
  /** Let the user pick a file; null when cancelled. */
  openFile(options: { filters: FileFilter[] }): Promise<{ name: string; data: Uint8Array } | null>;
  /**
   * System print dialog for the current document (default printer preselected). `printed` is false when the
   * user cancelled. `unconfirmed`: this platform cannot tell (a browser's window.print returns the same whether
   * the dialog printed or was cancelled), so whoever records the print asks the user.
   */
  print(): Promise<{ printed: boolean; unconfirmed?: boolean }>;
  /** Save the current document as PDF through Chromium's print pipeline. */
  savePdf(suggestedName: string): Promise<{ saved: boolean; path?: string }>;
  /** Sync folder (a Windows share) and backups folder. */
  listFolder(kind: FolderKind): Promise<FolderEntry[]>;
  readFromFolder(kind: FolderKind, name: string): Promise<Uint8Array>;
  writeToFolder(kind: FolderKind, name: string, data: Uint8Array): Promise<{ path: string }>;
  removeFromFolder(kind: FolderKind, name: string): Promise<{ removed: boolean }>;
  chooseFolder(kind: FolderKind): Promise<string | null>;
  /**
   * The office passphrase kept by « Retenir sur ce poste »: Electron returns the text decrypted by the OS
   * (safeStorage), turned into a key at once by the caller; a browser returns the non-extractable key it kept.
   */
  getStoredPassphrase(): Promise<string | CryptoKey | null>;
  /** Keep it (Electron: the text, encrypted by the OS; browser: the key only) or forget it (null). */
  storePassphrase(secret: { passphrase: string; key: CryptoKey } | null): Promise<{ stored: boolean; encrypted: boolean }>;
  setWindowTitle(title: string): Promise<void>;
  /** `machine`: host name (Electron only), binds the base's replica id to this PC. */
  appInfo(): Promise<{ version: string; userDataPath: string; platform: string; machine?: string }>;
  /** Menu accelerators (Ctrl+N …); returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Work to finish before the app quits (backup on quit); Electron waits for it, a browser cannot. */
  onBeforeQuit(listener: () => Promise<void>): () => void;
  /** Bundle files opened from the OS (file association). */
  onFileOpened(listener: (file: { name: string; data: Uint8Array }) => void): () => void;
}

export class PlatformError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}
