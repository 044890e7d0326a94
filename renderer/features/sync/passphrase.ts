/**
 * The office passphrase. The application never keeps its text: what it holds is a `PassphraseKey`, a
 * non-extractable WebCrypto key made from the text at the moment it is typed (shared/sync/crypto.ts). « Retenir
 * sur ce poste » (off by default) asks the platform to keep it: Electron encrypts the text with the OS
 * (safeStorage); a browser keeps the non-extractable key object in IndexedDB. Otherwise it lives in memory
 * until the window closes.
 */
import type { Platform } from '../../platform/types';
import { importPassphrase, passphraseKeyOf, type PassphraseKey } from '../../../shared/sync/crypto';

export const MIN_PASSPHRASE_LENGTH = 8;

let inMemory: PassphraseKey | null = null;

export function passphraseError(value: string): string | null {
  if (value.trim().length < MIN_PASSPHRASE_LENGTH) return `La phrase de passe doit contenir au moins ${MIN_PASSPHRASE_LENGTH} caractères.`;
  if (value.length > 1000) return 'La phrase de passe est trop longue (1000 caractères au plus).';
  return null;
}

/** Typed twice when it is first set: one typo would lock every other workstation out. */
export function confirmationError(value: string, confirmation: string): string | null {
  return value === confirmation ? null : 'Les deux saisies de la phrase de passe diffèrent.';
}

export async function loadPassphrase(platform: Platform): Promise<PassphraseKey | null> {
  if (inMemory) return inMemory;
  const stored = await platform.getStoredPassphrase();
  if (stored === null) return null;
  inMemory = typeof stored === 'string' ? await importPassphrase(stored) : passphraseKeyOf(stored);
  return inMemory;
}

/**
 * Use this passphrase from now on (`null` forgets it). `persist` asks the platform to keep it for later
 * sessions; without it, any copy kept earlier is removed (a wrong or old passphrase must not come back).
 */
export async function savePassphrase(platform: Platform, value: string | null, persist = false, imported?: PassphraseKey): Promise<{ key: PassphraseKey | null; stored: boolean; encrypted: boolean }> {
  // `imported`: the key already made from this very text (the prompt's check), so its derived keys are reused.
  const key = value === null ? null : (imported ?? (await importPassphrase(value)));
  inMemory = key;
  const res = await platform.storePassphrase(persist && value !== null && key ? { passphrase: value, key: key.material } : null);
  return { key, ...res };
}

/** Only for tests. */
export function forgetPassphraseInMemory(): void {
  inMemory = null;
}
