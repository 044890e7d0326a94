/**
 * Bundle encryption: AES-256-GCM (WebCrypto) with a key derived from the office passphrase by
 * PBKDF2-SHA-256. One PBKDF2 run gives 256 bits of master key; HKDF then splits it into the AES key and a
 * 128-bit key-check value stored in the header, so a wrong passphrase is told apart from a damaged file
 * without a second (slow) PBKDF2 block.
 *
 * The passphrase itself is held only as a `PassphraseKey`: a non-extractable WebCrypto PBKDF2 key (its bytes
 * cannot be read back by any script), made once from the typed text, which is then dropped. Every bundle gets a
 * fresh random salt (two files of one office cannot be linked by their salt), so every export pays one PBKDF2;
 * keys derived for reading are cached in memory per (key, salt, iterations), so reading one file twice does not.
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
/** The office passphrase as a non-extractable key (see the module comment). `id` names it in the caches. */
export interface PassphraseKey {
  readonly material: CryptoKey;
  readonly id: string;
}

/** Callers that hold text (tests, bench, the command-line PDF script) pass it; the application passes keys. */
export type PassphraseInput = string | PassphraseKey;

const cache = new Map<string, Promise<DerivedKeys>>();
const textKeys = new Map<string, Promise<PassphraseKey>>();
let lastDeriveMs = 0;

/** Turn typed text into the key the application keeps (the text is not kept). */
export async function importPassphrase(passphrase: string): Promise<PassphraseKey> {
  const material = await subtle().importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  return passphraseKeyOf(material);
}

/** A key kept from an earlier session (browser IndexedDB keeps the CryptoKey object itself, still non-extractable). */
export function passphraseKeyOf(material: CryptoKey): PassphraseKey {
  // Random, not a counter: keys cross to the decode worker, whose caches must never confuse two of them.
  return { material, id: globalThis.crypto.randomUUID() };
}

function keyOf(input: PassphraseInput): Promise<PassphraseKey> {
  if (typeof input !== 'string') return Promise.resolve(input);
  let p = textKeys.get(input);
  if (!p) textKeys.set(input, (p = importPassphrase(input)));
  return p;
}

/** Milliseconds spent in the last actual (uncached) PBKDF2 derivation, for benches. */
export function lastKeyDerivationMs(): number {
  return lastDeriveMs;
}

export function clearKeyCache(): void {
  cache.clear();
  textKeys.clear();
}

async function derive(base: CryptoKey, salt: Uint8Array, iterations: number): Promise<DerivedKeys> {
  const t0 = performance.now();
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

export async function deriveKeys(passphrase: PassphraseInput, saltHex: string, iterations: number): Promise<DerivedKeys> {
  const pk = await keyOf(passphrase);
  const id = `${iterations}:${saltHex}:${pk.id}`;
  let p = cache.get(id);
  if (!p) {
    p = derive(pk.material, fromHex(saltHex), iterations);
    cache.set(id, p);
    // A failed derivation must not poison the cache.
    p.catch(() => cache.delete(id));
  }
  return p;
}

/**
 * Keys to encrypt one bundle with: fresh random salts every time (two files of one office cannot be linked by
 * them), for the key and for the passphrase-only check (format 2) — two PBKDF2 runs per export, in parallel.
 */
export async function encryptionKeys(passphrase: PassphraseInput): Promise<DerivedKeys & { salt: string; iterations: number; passSalt: string; passCheck: string }> {
  const salt = toHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
  const passSalt = toHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
  const pk = await keyOf(passphrase);
  const [keys, pass] = await Promise.all([derive(pk.material, fromHex(salt), PBKDF2_ITERATIONS), passphraseCheck(pk, passSalt)]);
  return { ...keys, salt, iterations: PBKDF2_ITERATIONS, passSalt, passCheck: pass };
}

/**
 * Format 2: a check of the passphrase alone, with its own salt and the fixed iteration count (never read from
 * the header). It tells « phrase de passe incorrecte » apart from a header whose salt, iteration count or key
 * check was edited (then this check matches but the key check does not: « fichier modifié »).
 */
export async function passphraseCheck(passphrase: PassphraseInput, passSaltHex: string): Promise<string> {
  return (await deriveKeys(passphrase, passSaltHex, PBKDF2_ITERATIONS)).check;
}

/**
 * Is this the passphrase the bundle was made with? The passphrase-only check of format 2 (then a mismatch of
 * the key check is a modified file, which decoding reports), the key check of format 1. No decryption.
 */
export async function passphraseOpens(passphrase: PassphraseInput, cipher: { salt: string; iterations: number; keyCheck: string; passSalt?: string | undefined; passCheck?: string | undefined }): Promise<boolean> {
  if (cipher.passSalt && cipher.passCheck) return (await passphraseCheck(passphrase, cipher.passSalt)) === cipher.passCheck;
  return (await deriveKeys(passphrase, cipher.salt, cipher.iterations)).check === cipher.keyCheck;
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
