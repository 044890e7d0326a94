/**
 * Bundle encryption: AES-256-GCM (WebCrypto) with a key derived from the office passphrase by
 * PBKDF2-SHA-256. One PBKDF2 run gives 256 bits of master key; HKDF then splits it into the AES key and a
 * 128-bit key-check value stored in the header, so a wrong passphrase is told apart from a damaged file
 * without a second (slow) PBKDF2 block.
 *
 * PBKDF2 at 600,000 iterations takes a noticeable fraction of a second, so derived keys are cached in memory
 * per (passphrase, salt, iterations); exports reuse one random salt per passphrase for the session (the salt
 * defeats precomputation; uniqueness per file is the IV's job).
 */
import { ab, fromHex, toHex } from './bytes';

export const PBKDF2_ITERATIONS = 600_000;
/**
 * Refuse larger counts from a header before deriving anything (a crafted 10,000,000 costs seconds). Twice the
 * current count leaves room for one future increase; a larger one comes with a format version.
 */
export const PBKDF2_MAX_ITERATIONS = 1_200_000;

export interface DerivedKeys {
  key: CryptoKey;
  check: string;
}

const subtle = () => globalThis.crypto.subtle;
const cache = new Map<string, Promise<DerivedKeys>>();
const sessionSalts = new Map<string, string>();
let lastDeriveMs = 0;

/** Milliseconds spent in the last actual (uncached) PBKDF2 derivation, for benches. */
export function lastKeyDerivationMs(): number {
  return lastDeriveMs;
}

export function clearKeyCache(): void {
  cache.clear();
  sessionSalts.clear();
}

async function derive(passphrase: string, salt: Uint8Array, iterations: number): Promise<DerivedKeys> {
  const t0 = performance.now();
  const base = await subtle().importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const master = await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: ab(salt), iterations }, base, 256);
  lastDeriveMs = performance.now() - t0;
  const hkdf = await subtle().importKey('raw', master, 'HKDF', false, ['deriveKey', 'deriveBits']);
  const info = (s: string) => new TextEncoder().encode(s);
  const key = await subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: info('mcpsync aes-256-gcm') },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  const check = await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: info('mcpsync key check') }, hkdf, 128);
  return { key, check: toHex(new Uint8Array(check)) };
}

export function deriveKeys(passphrase: string, saltHex: string, iterations: number): Promise<DerivedKeys> {
  const id = `${iterations}:${saltHex}:${passphrase}`;
  let p = cache.get(id);
  if (!p) {
    p = derive(passphrase, fromHex(saltHex), iterations);
    cache.set(id, p);
    // A failed derivation must not poison the cache.
    p.catch(() => cache.delete(id));
  }
  return p;
}

/** Keys to encrypt with: one random salt per passphrase for the session. */
export async function encryptionKeys(passphrase: string): Promise<DerivedKeys & { salt: string; iterations: number; passSalt: string; passCheck: string }> {
  let salt = sessionSalts.get(passphrase);
  let passSalt = sessionSalts.get(`pass:${passphrase}`);
  if (!salt || !passSalt) {
    salt = toHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
    passSalt = toHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
    sessionSalts.set(passphrase, salt);
    sessionSalts.set(`pass:${passphrase}`, passSalt);
  }
  const [keys, pass] = await Promise.all([deriveKeys(passphrase, salt, PBKDF2_ITERATIONS), passphraseCheck(passphrase, passSalt)]);
  return { ...keys, salt, iterations: PBKDF2_ITERATIONS, passSalt, passCheck: pass };
}

/**
 * Format 2: a check of the passphrase alone, with its own salt and the fixed iteration count (never read from
 * the header). It tells « phrase de passe incorrecte » apart from a header whose salt, iteration count or key
 * check was edited (then this check matches but the key check does not: « fichier modifié »).
 */
export async function passphraseCheck(passphrase: string, passSaltHex: string): Promise<string> {
  return (await deriveKeys(passphrase, passSaltHex, PBKDF2_ITERATIONS)).check;
}

export async function encrypt(key: CryptoKey, iv: Uint8Array, aad: Uint8Array, plain: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv: ab(iv), additionalData: ab(aad) }, key, ab(plain)));
}

/** Throws (OperationError) when the tag does not match: damaged file or tampered header. */
export async function decrypt(key: CryptoKey, iv: Uint8Array, aad: Uint8Array, cipher: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: ab(iv), additionalData: ab(aad) }, key, ab(cipher)));
}

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', ab(data)));
}
