/**
 * The office passphrase (it encrypts sync bundles), kept with Electron's safeStorage: DPAPI on Windows, the
 * keychain on macOS, libsecret/kwallet on Linux. Where the OS offers no real encryption (Linux `basic_text`
 * backend) it is never written to disk: kept in memory for this session only, and the renderer is told.
 *
 * Only the asynchronous safeStorage API is used: the synchronous one (isEncryptionAvailable / encryptString /
 * decryptString) is deprecated in Electron 45 and removed in 46. decryptStringAsync also reads what the
 * synchronous encryptString wrote (earlier versions of this app), and when it answers `shouldReEncrypt` (old
 * format, rotated key) the file is rewritten with encryptStringAsync.
 */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Uint8Array>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  getSelectedStorageBackend?(): string;
}

export interface SecretStore {
  get(): Promise<string | null>;
  set(value: string | null): Promise<{ stored: boolean; encrypted: boolean }>;
}

interface SyncFs {
  existsSync(p: string): boolean;
  readFileSync(p: string): Buffer;
  writeFileSync(p: string, data: Uint8Array, options?: { mode?: number }): void;
  renameSync(a: string, b: string): void;
  rmSync(p: string, options?: { force?: boolean }): void;
}

export function createSecretStore(safeStorage: SafeStorageLike, fs: SyncFs, file: string, platform: string, log?: (message: string) => void): SecretStore {
  let sessionOnly: string | null = null;
  const reallyEncrypted = async () =>
    (await safeStorage.isAsyncEncryptionAvailable()) && !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text');
  const write = async (value: string) => {
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, await safeStorage.encryptStringAsync(value), { mode: 0o600 });
    fs.renameSync(tmp, file);
  };
  return {
    async get() {
      if (sessionOnly !== null) return sessionOnly;
      if (!fs.existsSync(file) || !(await safeStorage.isAsyncEncryptionAvailable())) return null;
      let plain: string;
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(fs.readFileSync(file));
        plain = result;
        if (!shouldReEncrypt) return plain;
      } catch {
        // Encrypted by another Windows account or a reinstalled OS: ask the user again.
        return null;
      }
      try {
        await write(plain);
      } catch (error) {
        // The old ciphertext still works: keep it, try again next time.
        log?.(`Phrase de passe : nouveau chiffrement impossible (${error instanceof Error ? error.message : String(error)})`);
      }
      return plain;
    },
    async set(value) {
      sessionOnly = null;
      if (value === null || value === '') {
        fs.rmSync(file, { force: true });
        return { stored: false, encrypted: false };
      }
      if (!(await reallyEncrypted())) {
        fs.rmSync(file, { force: true });
        sessionOnly = value;
        return { stored: false, encrypted: false };
      }
      await write(value);
      return { stored: true, encrypted: true };
    },
  };
}
