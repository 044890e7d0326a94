/**
 * The office passphrase, held in memory for this session and, where the platform can (Electron safeStorage),
 * kept encrypted by the OS. A browser keeps it for the session only.
 */
import type { Platform } from '../../platform/types';

export const MIN_PASSPHRASE_LENGTH = 8;

let inMemory: string | null = null;

export function passphraseError(value: string): string | null {
  if (value.trim().length < MIN_PASSPHRASE_LENGTH) return `La phrase de passe doit contenir au moins ${MIN_PASSPHRASE_LENGTH} caractères.`;
  if (value.length > 1000) return 'La phrase de passe est trop longue (1000 caractères au plus).';
  return null;
}

export async function loadPassphrase(platform: Platform): Promise<string | null> {
  if (inMemory) return inMemory;
  const stored = await platform.getStoredPassphrase();
  if (stored) inMemory = stored;
  return inMemory;
}

/** Remember for the session; `persist` asks the platform to keep it (OS keychain). */
export async function savePassphrase(platform: Platform, value: string | null, persist = true): Promise<{ stored: boolean; encrypted: boolean }> {
  inMemory = value;
  if (!persist) return { stored: false, encrypted: false };
  return platform.storePassphrase(value);
}

/** Only for tests. */
export function forgetPassphraseInMemory(): void {
  inMemory = null;
}
