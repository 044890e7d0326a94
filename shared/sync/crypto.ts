/**
 * Bundle encryption: AES-256-GCM (WebCrypto) with a key derived from the office passphrase by
 * PBKDF2-SHA-256. One PBKDF2 run gives 256 bits of master key; HKDF then splits it into the AES key and a
 * 128-bit key-check value stored in the header, so a wrong passphrase is told apart from a damaged file
 * without a second (slow) PBKDF2 block.
 *
 * Format 3 (`KDF_ONE_PBKDF2`): ONE PBKDF2 per file. `master = PBKDF2(passphrase, passSalt, 600,000)`; HKDF
 * then gives the passphrase check (no salt), and, with the header's `salt` as HKDF salt, the AES key and the key
 * check. So a wrong passphrase costs one PBKDF2, and an edited `salt` / `keyCheck` is a modified file after that
 * same PBKDF2 and a few HKDF steps (format 2 needed a second PBKDF2 with the edited salt; the iteration count is
 * fixed, an edited one is refused before any derivation). Formats 1 and 2 are still read (`derive` below).
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

/** `cipher.kdf` of format 3 files (one PBKDF2, then HKDF); formats 1 and 2 say 'PBKDF2-SHA-256'. */
export const KDF_ONE_PBKDF2 = 'PBKDF2-SHA-256+HKDF' as const;
export const KDF_PBKDF2 = 'PBKDF2-SHA-256' as const;

export interface DerivedKeys {
  key: CryptoKey;
  check: string;
}

/** The header's cipher fields that choose and check the keys. */
export interface CipherFields {
  kdf: string;
  salt: string;
  iterations: number;
  keyCheck: string;
  passSalt?: string | undefined;
  passCheck?: string | undefined;
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
/** Format 3 masters (HKDF keys, non-extractable) per (passSalt, passphrase key id). */
const masters = new Map<string, Promise<CryptoKey>>();
const settledMasters = new Map<string, { passSalt: string; keyId: string; master: CryptoKey }>();
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
  masters.clear();
  settledMasters.clear();
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

function masterOf(pk: PassphraseKey, passSaltHex: string): Promise<CryptoKey> {
  const id = `${passSaltHex}:${pk.id}`;
  let p = masters.get(id);
  if (!p) {
    p = (async () => {
      const t0 = performance.now();
      const bits = await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: ab(fromHex(passSaltHex)), iterations: PBKDF2_ITERATIONS }, pk.material, 256);
      lastDeriveMs = performance.now() - t0;
      return subtle().importKey('raw', bits, 'HKDF', false, ['deriveKey', 'deriveBits']);
    })();
    masters.set(id, p);
    p.then(
      (master) => settledMasters.set(id, { passSalt: passSaltHex, keyId: pk.id, master }),
      () => masters.delete(id),
    );
  }
  return p;
}

const info = (s: string) => new TextEncoder().encode(s);

async function passCheckOf(master: CryptoKey): Promise<string> {
  return toHex(new Uint8Array(await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: info('mcpsync passphrase check') }, master, 128)));
}

async function fileKeysOf(master: CryptoKey, saltHex: string): Promise<DerivedKeys> {
  const salt = ab(fromHex(saltHex));
  const key = await subtle().deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: info('mcpsync aes-256-gcm') }, master, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const check = await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: info('mcpsync key check') }, master, 128);
  return { key, check: toHex(new Uint8Array(check)) };
}

/**
 * Format 3 masters this realm already derived for `passphrase` (the import dialog checks the passphrase on the
 * page): handed to the decode worker with the file (CryptoKeys cross by structured clone, still
 * non-extractable), so the worker does not run the same PBKDF2 again. None for text passphrases.
 */
export function derivedMasters(passphrase: PassphraseInput): { passSalt: string; master: CryptoKey }[] {
  if (typeof passphrase === 'string') return [];
  return [...settledMasters.values()].filter((m) => m.keyId === passphrase.id).map(({ passSalt, master }) => ({ passSalt, master }));
}

/** In the decode worker: take the masters the page derived (see `derivedMasters`). */
export function primeMasters(passphrase: PassphraseInput, list: readonly { passSalt: string; master: CryptoKey }[]): void {
  if (typeof passphrase === 'string') return;
  for (const { passSalt, master } of list) {
    const id = `${passSalt}:${passphrase.id}`;
    if (masters.has(id)) continue;
    masters.set(id, Promise.resolve(master));
    settledMasters.set(id, { passSalt, keyId: passphrase.id, master });
  }
}

export interface EncryptionKeys extends DerivedKeys {
  kdf: typeof KDF_ONE_PBKDF2 | typeof KDF_PBKDF2;
  salt: string;
  iterations: number;
  passSalt: string;
  passCheck: string;
}

/**
 * Keys to encrypt one bundle with: fresh random salts every time (two files of one office cannot be linked by
 * them). Format 3: one PBKDF2 (see the module comment). `formatVersion` below 3 (tests of older files): the
 * format 2 scheme, two PBKDF2 runs.
 */
export async function encryptionKeys(passphrase: PassphraseInput, formatVersion = 3): Promise<EncryptionKeys> {
  const salt = toHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
  const passSalt = toHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
  const pk = await keyOf(passphrase);
  if (formatVersion >= 3) {
    const master = await masterOf(pk, passSalt);
    const [keys, passCheck] = await Promise.all([fileKeysOf(master, salt), passCheckOf(master)]);
    return { ...keys, kdf: KDF_ONE_PBKDF2, salt, iterations: PBKDF2_ITERATIONS, passSalt, passCheck };
  }
  const [keys, pass] = await Promise.all([derive(pk.material, fromHex(salt), PBKDF2_ITERATIONS), passphraseCheck(pk, passSalt)]);
  return { ...keys, kdf: KDF_PBKDF2, salt, iterations: PBKDF2_ITERATIONS, passSalt, passCheck: pass };
}

/**
 * The keys of a file, or why not: 'wrong-passphrase', or 'modified' (the passphrase is right but the salt, key
 * check or iteration count was edited). Format 3: one PBKDF2; format 2: two; format 1 (no passphrase-only
 * check): one, and a key-check mismatch can only be a wrong passphrase.
 */
export async function unlockFile(passphrase: PassphraseInput, cipher: CipherFields): Promise<DerivedKeys | 'wrong-passphrase' | 'modified'> {
  const pk = await keyOf(passphrase);
  if (cipher.kdf === KDF_ONE_PBKDF2) {
    if (!cipher.passSalt || !cipher.passCheck || cipher.iterations !== PBKDF2_ITERATIONS) return 'modified';
    const master = await masterOf(pk, cipher.passSalt);
    if ((await passCheckOf(master)) !== cipher.passCheck) return 'wrong-passphrase';
    const keys = await fileKeysOf(master, cipher.salt);
    return keys.check === cipher.keyCheck ? keys : 'modified';
  }
  const checked = Boolean(cipher.passSalt && cipher.passCheck);
  if (checked && (await passphraseCheck(pk, cipher.passSalt!)) !== cipher.passCheck) return 'wrong-passphrase';
  const keys = await deriveKeys(pk, cipher.salt, cipher.iterations);
  if (keys.check !== cipher.keyCheck) return checked ? 'modified' : 'wrong-passphrase';
  return keys;
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
 * Is this the passphrase the bundle was made with? The passphrase-only check of formats 3 and 2 (then a mismatch of
 * the key check is a modified file, which decoding reports), the key check of format 1. No decryption.
 */
export async function passphraseOpens(passphrase: PassphraseInput, cipher: CipherFields): Promise<boolean> {
  if (cipher.kdf === KDF_ONE_PBKDF2) return Boolean(cipher.passSalt) && (await passCheckOf(await masterOf(await keyOf(passphrase), cipher.passSalt!))) === cipher.passCheck;
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
