import { describe, expect, it } from 'vitest';
import { decodeBundle, encodeBundle, type EncodeInput } from './codec';
import { importPassphrase, passphraseOpens } from './crypto';

const PASS = 'phrase de passe du service';
const input = (passphrase: EncodeInput['passphrase']): EncodeInput => ({
  bundleId: 'test-sel-0001',
  schemaVersion: 3,
  replicaId: '0123456789abcdef',
  replicaLabel: 'Poste accueil',
  createdAt: '2026-12-01T10:00:00.000Z',
  vector: {},
  baseVector: {},
  purpose: 'export',
  tables: {},
  passphrase,
});

describe('passphrase keys and salts', () => {
  it('keeps the passphrase only as a non-extractable key', async () => {
    const key = await importPassphrase(PASS);
    expect(key.material.extractable).toBe(false);
    expect(key.material.algorithm.name).toBe('PBKDF2');
    await expect(globalThis.crypto.subtle.exportKey('raw', key.material)).rejects.toThrow();
    expect(JSON.stringify(key)).not.toContain('phrase');
  });

  it('gives every bundle a fresh random salt (two files of one office cannot be linked by it)', async () => {
    const key = await importPassphrase(PASS);
    const a = await encodeBundle(input(key));
    const b = await encodeBundle(input(key));
    expect(a.header.cipher.salt).not.toBe(b.header.cipher.salt);
    expect(a.header.cipher.keyCheck).not.toBe(b.header.cipher.keyCheck);
    // Both still open with the passphrase, typed again (another key object) or as text.
    expect((await decodeBundle(a.bytes, await importPassphrase(PASS), 3)).header.bundleId).toBe('test-sel-0001');
    expect((await decodeBundle(b.bytes, PASS, 3)).header.bundleId).toBe('test-sel-0001');
  });

  it('tells whether a passphrase opens a file from its key check alone', async () => {
    const { header } = await encodeBundle(input(PASS));
    expect(await passphraseOpens(await importPassphrase(PASS), header.cipher)).toBe(true);
    expect(await passphraseOpens(await importPassphrase('une autre phrase'), header.cipher)).toBe(false);
  });
});
