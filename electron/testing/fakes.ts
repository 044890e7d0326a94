// Stand-ins for Electron objects, for the unit tests of electron/ modules (the built main process runs against
// fake-electron.cjs instead). Each records what it was asked to do.
import { EventEmitter } from 'node:events';
import type { SafeStorageLike } from '../secrets';

/**
 * safeStorage as Electron 45 behaves: the asynchronous API only (the deprecated synchronous calls are absent,
 * so any use of them fails the test). Ciphertext written by the old synchronous encryptString ("v10:…") is
 * still readable and comes back with shouldReEncrypt; the asynchronous API writes "async:…".
 */
export function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageLike & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isAsyncEncryptionAvailable: async () => {
      calls.push('isAsyncEncryptionAvailable');
      return options.available ?? true;
    },
    encryptStringAsync: async (plain) => {
      calls.push('encryptStringAsync');
      return Buffer.from(`async:${plain}`);
    },
    decryptStringAsync: async (encrypted) => {
      calls.push('decryptStringAsync');
      const text = encrypted.toString();
      if (text.startsWith('async:')) return { result: text.slice('async:'.length), shouldReEncrypt: false };
      if (text.startsWith('v10:')) return { result: text.slice('v10:'.length), shouldReEncrypt: true };
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.');
    },
    getSelectedStorageBackend: () => options.backend ?? 'unknown',
  };
}

/** A Windows session-end event (query-session-end / session-end): reasons, and whether it was delayed. */
export function fakeSessionEndEvent(reasons: ('shutdown' | 'close-app' | 'critical' | 'logoff')[]) {
  return {
    reasons,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** A BrowserWindow as far as the shell modules use it: events, and the calls made on it in order. */
export class FakeWindow extends EventEmitter {
  calls: string[] = [];
  maximize() {
    this.calls.push('maximize');
  }
  show() {
    this.calls.push('show');
  }
}
