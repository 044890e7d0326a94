/**
 * Issue 9, point 5: hostile bundles (made with the passphrase, or by a buggy peer) never hurt. Each is refused
 * with its own French message, or imported as zod's parsed output only.
 */
import { describe, expect, it, vi } from 'vitest';
import { deflateSync } from 'fflate';
import { formatStamp } from '../crdt/hlc';
import type { CrdtRecord } from '../crdt/record';
import { concatBytes } from './bytes';
import { decodeBundle, encodeBundle, jsonShape, JsonShapeScan, type EncodeInput } from './codec';
import { clearKeyCache, derivedMasters, importPassphrase, KDF_ONE_PBKDF2, passphraseOpens, primeMasters, sha256 } from './crypto';
import { BundleError, bundleMessages } from './errors';
import { PREFIX_LENGTH } from './format';
import { inflateExactly, InflateOverflow } from './inflate';
import { toWire } from './wire';

const PASS = 'phrase de passe du service';
/** A header as JSON, edited freely by the tests (the point is to write what the schema refuses). */
type Hdr = { [k: string]: unknown; cipher: { [k: string]: unknown } };
const A = 'aaaaaaaaaaaaaaaa';
const SCHEMA = 3;
const stamp = formatStamp({ millis: Date.now() - 60_000, counter: 0, replica: A });

function partner(id: string, extra: Record<string, unknown> = {}): CrdtRecord {
  const fields: Record<string, unknown> = {
    cafId: 'caf-1',
    name: 'Mairie',
    kind: 'commune',
    siret: '',
    address: { line1: '', line2: '', postalCode: '', city: '' },
    representative: { firstName: '', lastName: '', title: '' },
    status: 'actif',
    notes: '',
    ...extra,
  };
  const rec: CrdtRecord = { id, _deleted: 0, _m: { _deleted: { s: stamp } } };
  for (const [k, v] of Object.entries(fields)) {
    rec[k] = v;
    rec._m[k] = { s: stamp };
  }
  return rec;
}

const base = (over: Partial<EncodeInput> = {}): EncodeInput => ({
  bundleId: `b-${Math.random()}`,
  schemaVersion: SCHEMA,
  replicaId: A,
  replicaLabel: 'Poste accueil',
  createdAt: new Date().toISOString(),
  vector: { [A]: stamp },
  baseVector: {},
  purpose: 'sync',
  passphrase: PASS,
  tables: { partners: [partner('p-1')] },
  ...over,
});

async function refusal(bytes: Uint8Array, passphrase = PASS): Promise<BundleError> {
  const e = await decodeBundle(bytes, passphrase, SCHEMA).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(BundleError);
  return e as BundleError;
}

/** Edit the clear header and recompute the checksum, as someone with a hex editor and sha256sum would. */
async function editHeader(bytes: Uint8Array, edit: (h: Hdr) => void): Promise<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getUint32(10);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX_LENGTH, PREFIX_LENGTH + len))) as Hdr;
  edit(header);
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const prefix = bytes.slice(0, PREFIX_LENGTH);
  new DataView(prefix.buffer).setUint32(10, headerBytes.byteLength);
  const payload = bytes.subarray(PREFIX_LENGTH + len, bytes.byteLength - 32);
  const body = concatBytes(prefix, headerBytes, payload);
  return concatBytes(body, await sha256(body));
}

describe('hostile bundles', () => {
  it('an unknown field of 20 MB in a 21 KB file is refused by the per-record limit', async () => {
    const { bytes } = await encodeBundle(base({ tables: { partners: [partner('p-1', { surplus: 'x'.repeat(20_000_000) })] } }));
    expect(bytes.byteLength).toBeLessThan(100_000);
    expect((await refusal(bytes)).message).toBe(bundleMessages.tooLarge);
  });

  it('stores zod’s parsed output only: unknown fields dropped (value and stamp), values trimmed, defaults filled', async () => {
    const rec = partner('p-1', { name: '  Mairie de Colmar  ', surplus: 'x'.repeat(5000) });
    delete rec.siret;
    delete rec._m.siret;
    rec._m.fantome = { s: stamp };
    const { bytes } = await encodeBundle(base({ tables: { partners: [rec] } }));
    const decoded = await decodeBundle(bytes, PASS, SCHEMA);
    const p = decoded.tables.partners![0]!;
    expect(p.name).toBe('Mairie de Colmar');
    expect('surplus' in p).toBe(false);
    expect(Object.keys(p._m).sort()).toEqual(['_deleted', 'address', 'cafId', 'kind', 'name', 'notes', 'representative', 'siret', 'status'].sort());
    expect(p.siret).toBe('');
    expect(p._m.siret).toEqual({ s: stamp });
  });

  it.each(['__proto__', 'constructor', 'toString', 'prototype', 'hasOwnProperty'])('refuses the reserved name « %s » as table, field or stamp key, in French', async (name) => {
    const asTable = await encodeBundle(base({ rawPayload: JSON.parse(`{"tables":{"${name}":[]}}`) as unknown, tables: {} }));
    const e1 = await refusal(asTable.bytes);
    const asField = await encodeBundle(base({ rawPayload: JSON.parse(`{"tables":{"partners":[{"v":{"id":"p-1","_deleted":0,"name":"M","${name}":{"x":1}},"s":"${stamp}"}]}}`) as unknown }));
    const e2 = await refusal(asField.bytes);
    const asMeta = await encodeBundle(base({ rawPayload: JSON.parse(`{"tables":{"partners":[{"v":{"id":"p-1","_deleted":0,"name":"M"},"s":"${stamp}","m":{"${name}":{"s":"${stamp}"}}}]}}`) as unknown }));
    const e3 = await refusal(asMeta.bytes);
    // As a table name it may already be refused by the header's counts (a modified file).
    expect(e1.code === 'modified' || e1.message.includes(`nom réservé « ${name} »`)).toBe(true);
    for (const e of [e1, e2, e3]) expect(e.message).not.toMatch(/TypeError|Cannot|undefined|is not/);
    for (const e of [e2, e3]) {
      expect(e.code).toBe('invalid-record');
      expect(e.message).toContain(`nom réservé « ${name} »`);
      expect(e.message).not.toMatch(/TypeError|Cannot|undefined|is not/);
    }
  });

  it('reports signs of life through every step of a decode (the page watchdog waits for silence)', async () => {
    const { bytes } = await encodeBundle(base({ tables: { partners: Array.from({ length: 2000 }, (_, i) => partner(`p-${i}`, { notes: 'x'.repeat(200) })) } }));
    let calls = 0;
    const decoded = await decodeBundle(bytes, PASS, SCHEMA, { onProgress: () => void calls++ });
    expect(decoded.recordCount).toBe(2000);
    // unlock, decrypt, each inflated chunk, parse, before and after validation
    expect(calls).toBeGreaterThanOrEqual(6);
  });

  it('refuses the same id twice in one table (whatever the stamps)', async () => {
    const { bytes } = await encodeBundle(base({ tables: { partners: [partner('p-1'), partner('p-1', { name: 'Autre' })] } }));
    const e = await refusal(bytes);
    expect(e.message).toBe(bundleMessages.invalidRecord('Partenaires', 'p-1', 'le même enregistrement figure deux fois dans le fichier.'));
  });

  it('refuses decompression bombs from the header alone, declared honestly or not', async () => {
    // The file is 118 KB inflating to 120 MB of « [], » (in the Chromium e2e); 9 MB here, same ratio.
    const bomb = new TextEncoder().encode(`{"tables":{"partners":[${'[],'.repeat(3_000_000)}[]]}}`);
    expect(deflateSync(bomb).byteLength).toBeLessThan(bomb.byteLength / 500);
    const honest = await encodeBundle(base({ rawJson: bomb }));
    expect((await refusal(honest.bytes)).message).toBe(bundleMessages.tooLarge);
    const claimed = await encodeBundle(base({ rawJson: bomb, tables: { partners: new Array(4_000_000).fill(partner('p')) as CrdtRecord[] } }));
    expect((await refusal(claimed.bytes)).message).toBe(bundleMessages.tooLarge);
  });

  it('a bomb whose header declares the size its ratio allows is cut at that size, not inflated to the end', async () => {
    // 30 MB of « [], » in ≈ 30 KB, declared as 5 MB (within 200 × the payload): the stream is cut after 5 MB.
    const bomb = new TextEncoder().encode(`{"tables":{"partners":[${'[],'.repeat(10_000_000)}[]]}}`);
    const deflated = deflateSync(bomb);
    const lying = await encodeBundle(base({ rawDeflated: { bytes: deflated, plainBytes: 5_000_000 }, tables: { partners: new Array(1000).fill(partner('p')) as CrdtRecord[] } }));
    expect((await refusal(lying.bytes)).message).toBe(bundleMessages.tooLarge);
    // Declared larger than it inflates to: refused too (never a silently shorter payload).
    const short = await encodeBundle(base({ rawDeflated: { bytes: deflateSync(new TextEncoder().encode('{"tables":{}}')), plainBytes: 1000 } }));
    expect((await refusal(short.bytes)).message).toBe(bundleMessages.tooLarge);
  });

  it.each([true, false])('inflateExactly (native stream: %s) gives the exact bytes, stops past the declared size, refuses garbage', async (native) => {
    const text = new TextEncoder().encode('{"tables":{"partners":[]}}'.repeat(10_000));
    const d = deflateSync(text);
    expect(new TextDecoder().decode(await inflateExactly(d, text.byteLength, native))).toBe(new TextDecoder().decode(text));
    expect((await inflateExactly(d, text.byteLength + 10, native)).byteLength).toBe(text.byteLength);
    await expect(inflateExactly(d, text.byteLength - 1, native)).rejects.toBeInstanceOf(InflateOverflow);
    await expect(inflateExactly(new Uint8Array([0xff, 0xff, 0xff, 0x00, 0x12]), 100, native)).rejects.toThrow();
  });

  it('refuses container-dense or deeply nested payloads before JSON.parse builds them', async () => {
    const deep = new TextEncoder().encode(`{"tables":{"partners":[${'['.repeat(100)}${']'.repeat(100)}]}}`);
    const { bytes } = await encodeBundle(base({ rawJson: deep }));
    expect((await refusal(bytes)).message).toBe(bundleMessages.tooLarge);
    expect(jsonShape(new TextEncoder().encode('{"a":"[[[{{","b":[{},[]]}'))).toEqual({ containers: 4, depth: 3 });
    expect(jsonShape(new TextEncoder().encode('["\\"[",[]]'))).toEqual({ containers: 2, depth: 2 });
    // Fed in chunks (as it inflates), cut anywhere — inside a string, after a backslash: the same counts.
    const text = new TextEncoder().encode('{"a":"[\\"{","b":[{"c":"\\\\"},[[]]]}');
    const whole = jsonShape(text);
    expect(whole).toEqual({ containers: 5, depth: 4 });
    for (let cut = 0; cut <= text.length; cut++) {
      const scan = new JsonShapeScan();
      scan.push(text.subarray(0, cut));
      scan.push(text.subarray(cut));
      expect({ containers: scan.containers, depth: scan.depth }, `coupé à ${cut}`).toEqual(whole);
    }
  });

  it('a header with an absurd iteration count is refused at once as a modified file (no key derivation)', async () => {
    const { bytes } = await encodeBundle(base());
    const edited = await editHeader(bytes, (h) => (h.cipher.iterations = 10_000_000));
    expect((await refusal(edited)).message).toBe(bundleMessages.modified);
  });

  it.each([
    ['salt', (h: Hdr) => (h.cipher.salt = '0'.repeat(32))],
    ['keyCheck', (h: Hdr) => (h.cipher.keyCheck = 'f'.repeat(32))],
    ['iterations', (h: Hdr) => (h.cipher.iterations = 700_000)],
    ['createdAt', (h: Hdr) => (h.createdAt = 'pas une date')],
    ['counts', (h: Hdr) => (h.counts = { partners: 2 })],
    ['counts (table inconnue)', (h: Hdr) => (h.counts = { partners: 1, toString: 0 })],
    ['replicaLabel', (h: Hdr) => (h.replicaLabel = 'Poste pirate')],
    ['kdf (ancien schéma)', (h: Hdr) => (h.cipher.kdf = 'PBKDF2-SHA-256')],
  ])('an edited header field (%s) is reported as a modified file, not a wrong passphrase', async (_name, edit) => {
    const { bytes } = await encodeBundle(base());
    const e = await refusal(await editHeader(bytes, edit));
    expect(e.code).toBe('modified');
    expect(e.message).toBe(bundleMessages.modified);
  });

  it('a wrong passphrase is still « phrase de passe incorrecte »; format 1 files still import', async () => {
    const { bytes } = await encodeBundle(base());
    expect((await refusal(bytes, 'une autre phrase')).message).toBe(bundleMessages.wrongPassphrase);
    const v1 = await encodeBundle(base({ formatVersion: 1 }));
    expect((await decodeBundle(v1.bytes, PASS, SCHEMA)).tables.partners).toHaveLength(1);
    expect((await refusal(v1.bytes, 'une autre phrase')).message).toBe(bundleMessages.wrongPassphrase);
  });

  it('format 3: one PBKDF2 per file — a wrong passphrase and an edited salt or key check are told after one derivation', async () => {
    const spy = vi.spyOn(globalThis.crypto.subtle, 'deriveBits');
    const pbkdf2Runs = () => spy.mock.calls.filter(([alg]) => (alg as { name: string }).name === 'PBKDF2').length;
    try {
      clearKeyCache();
      const { bytes, header } = await encodeBundle(base());
      expect(header.cipher.kdf).toBe(KDF_ONE_PBKDF2);
      expect(pbkdf2Runs()).toBe(1);
      for (const [edit, code] of [
        [(h: Hdr) => (h.cipher.salt = '0'.repeat(32)), 'modified'],
        [(h: Hdr) => (h.cipher.keyCheck = 'f'.repeat(32)), 'modified'],
        [() => undefined, 'wrong-passphrase'],
      ] as const) {
        clearKeyCache();
        spy.mockClear();
        const e = await refusal(await editHeader(bytes, edit), code === 'wrong-passphrase' ? 'une autre phrase' : PASS);
        expect(e.code).toBe(code);
        expect(pbkdf2Runs()).toBe(1);
      }
      clearKeyCache();
      spy.mockClear();
      expect((await decodeBundle(bytes, PASS, SCHEMA)).tables.partners).toHaveLength(1);
      expect(pbkdf2Runs()).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('format 2 files still import, and an edited salt in them is still a modified file', async () => {
    const v2 = await encodeBundle(base({ formatVersion: 2 }));
    expect(v2.header.cipher.kdf).toBe('PBKDF2-SHA-256');
    expect((await decodeBundle(v2.bytes, PASS, SCHEMA)).tables.partners).toHaveLength(1);
    expect((await refusal(await editHeader(v2.bytes, (h) => (h.cipher.salt = '0'.repeat(32))))).code).toBe('modified');
    expect((await refusal(v2.bytes, 'une autre phrase')).code).toBe('wrong-passphrase');
    // A format 2 prefix with the format 3 scheme (or the reverse) was never written: modified.
    expect((await refusal(await editHeader(v2.bytes, (h) => (h.cipher.kdf = KDF_ONE_PBKDF2)))).code).toBe('modified');
  });

  it('masters derived on the page (passphrase check) are handed to the decode worker: no second PBKDF2 there', async () => {
    const key = await importPassphrase(PASS);
    const { bytes, header } = await encodeBundle(base({ passphrase: key }));
    clearKeyCache();
    expect(await passphraseOpens(key, header.cipher)).toBe(true);
    const handed = derivedMasters(key);
    expect(handed.map((m) => m.passSalt)).toContain(header.cipher.passSalt);
    expect(derivedMasters(PASS)).toEqual([]);
    clearKeyCache(); // the worker's own caches start empty
    primeMasters(key, handed);
    const spy = vi.spyOn(globalThis.crypto.subtle, 'deriveBits');
    try {
      expect((await decodeBundle(bytes, key, SCHEMA)).tables.partners).toHaveLength(1);
      expect(spy.mock.calls.filter(([alg]) => (alg as { name: string }).name === 'PBKDF2')).toHaveLength(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('stamps in histories or vectors far ahead are refused like field stamps', async () => {
    const future = formatStamp({ millis: Date.now() + 30 * 86_400_000, counter: 0, replica: 'bbbbbbbbbbbbbbbb' });
    const rec = partner('p-1');
    rec._m.name = { s: stamp, h: { [A]: stamp, bbbbbbbbbbbbbbbb: future } };
    const e1 = await refusal((await encodeBundle(base({ tables: { partners: [rec] } }))).bytes);
    expect(e1.code).toBe('clock-ahead');
    expect(e1.message).toContain('« Poste accueil » relaie');
    const e2 = await refusal((await encodeBundle(base({ vector: { bbbbbbbbbbbbbbbb: future } }))).bytes);
    expect(e2.code).toBe('clock-ahead');
    expect(e2.message).toMatch(/en avance de 30 j/);
  });

  it('wire records keep their keys as data: a `m` holding `__proto__` never changes a prototype', async () => {
    const raw = JSON.parse(`{"v":{"id":"p-1","_deleted":0},"s":"${stamp}","m":{"__proto__":{"s":"${stamp}"}}}`) as unknown;
    const { fromWire } = await import('./wire');
    const r = fromWire(raw) as { _m: object };
    expect(Object.getPrototypeOf(r._m)).toBe(Object.prototype);
    expect(Object.hasOwn(r._m, '__proto__')).toBe(true);
    expect(toWire).toBeTypeOf('function');
  });
});
