/**
 * The office passphrase (it encrypts sync bundles), kept with Electron's safeStorage: DPAPI on Windows, the
 * keychain on macOS, libsecret/kwallet on Linux. Where the OS offers no real encryption (Linux `basic_text`
 * backend) it is never written to disk: kept in memory for this session only, and the renderer is told.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Uint8Array;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export interface SecretStore {
  get(): string | null;
  set(value: string | null): { stored: boolean; encrypted: boolean };
}

interface SyncFs {
  existsSync(p: string): boolean;
  readFileSync(p: string): Buffer;
  writeFileSync(p: string, data: Uint8Array, options?: { mode?: number }): void;
  renameSync(a: string, b: string): void;
  rmSync(p: string, options?: { force?: boolean }): void;
}

export function createSecretStore(safeStorage: SafeStorageLike, fs: SyncFs, file: string, platform: string): SecretStore {
  let sessionOnly: string | null = null;
  const reallyEncrypted = () =>
    safeStorage.isEncryptionAvailable() && !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text');
  return {
    get() {
      if (sessionOnly !== null) return sessionOnly;
      if (!fs.existsSync(file) || !safeStorage.isEncryptionAvailable()) return null;
      try {
        return safeStorage.decryptString(fs.readFileSync(file));
      } catch {
        // Encrypted by another Windows account or a reinstalled OS: ask the user again.
        return null;
      }
    },
    set(value) {
      sessionOnly = null;
      if (value === null || value === '') {
        fs.rmSync(file, { force: true });
        return { stored: false, encrypted: false };
      }
      if (!reallyEncrypted()) {
        fs.rmSync(file, { force: true });
        sessionOnly = value;
        return { stored: false, encrypted: false };
      }
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, safeStorage.encryptString(value), { mode: 0o600 });
      fs.renameSync(tmp, file);
      return { stored: true, encrypted: true };
    },
  };
}
