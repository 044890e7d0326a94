/**
 * Documents' bytes in bundles (format 5): carried once per content, only when the receiver may lack them, and
 * checked on import — SHA-256, sizes, names — each refusal in French.
 */
import { describe, expect, it } from 'vitest';
import { formatStamp } from '../crdt/hlc';
import type { CrdtRecord } from '../crdt/record';
import { MAX_ATTACHMENT_BYTES } from '../domain/attachment';
import { toHex } from './bytes';
import { blobsToSend, type BundleBlob } from './blobs';
import { decodeBundle, encodeBundle, type EncodeInput } from './codec';
import { sha256 } from './crypto';
import { BundleError, bundleMessages } from './errors';
import { FORMAT_VERSION, PREFIX_LENGTH } from './format';

const PASS = 'phrase de passe du service';
const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';
const SCHEMA = 8;
const at = (ms: number, r = A) => formatStamp({ millis: Date.now() - 600_000 + ms, counter: 0, replica: r });

function attachment(id: string, sha: string, size: number, s = at(0), deleted: 0 | 1 = 0): CrdtRecord {
  const fields: Record<string, unknown> = { conventionId: 'conv-1', partnerId: 'p-1', sha256: sha, fileName: `${id}.pdf`, mimeType: 'application/pdf', size, addedOn: '2026-12-01', origin: 'lecture' };
  const rec: CrdtRecord = { id, _deleted: deleted, _m: { _deleted: { s } } };
  for (const [k, v] of Object.entries(fields)) {
    rec[k] = v;
    rec._m[k] = { s };
  }
  return rec;
}

async function blob(text: string): Promise<BundleBlob> {
  const bytes = new TextEncoder().encode(text);
  return { sha256: toHex(await sha256(bytes)), bytes };
}

const input = (over: Partial<EncodeInput>): EncodeInput => ({
  bundleId: `b-${Math.random()}`,
  schemaVersion: SCHEMA,
  replicaId: A,
  replicaLabel: 'Poste accueil',
  createdAt: new Date().toISOString(),
  vector: { [A]: at(100) },
  baseVector: {},
  purpose: 'sync',
  passphrase: PASS,
  tables: {},
  ...over,
});

async function refusal(bytes: Uint8Array): Promise<BundleError> {
  const e = await decodeBundle(bytes, PASS, SCHEMA).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(BundleError);
  return e as BundleError;
}

describe('documents in bundles (format 5)', () => {
  it('round-trips the bytes after the JSON, checked against their SHA-256', async () => {
    const one = await blob('%PDF-1.7 convention signée');
    const two = await blob('%PDF-1.7 contrat de service');
    const { bytes, header } = await encodeBundle(input({ tables: { attachments: [attachment('x', one.sha256, one.bytes.length), attachment('y', two.sha256, two.bytes.length)] }, blobs: [one, two] }));
    expect(new DataView(bytes.buffer).getUint16(8)).toBe(FORMAT_VERSION);
    expect(FORMAT_VERSION).toBe(5);
    expect(header.blobBytes).toBe(one.bytes.length + two.bytes.length);
    const decoded = await decodeBundle(bytes, PASS, SCHEMA);
    expect(decoded.blobs.map((b) => [b.sha256, new TextDecoder().decode(b.bytes)])).toEqual([
      [one.sha256, '%PDF-1.7 convention signée'],
      [two.sha256, '%PDF-1.7 contrat de service'],
    ]);
    // Each its own copy: storing one never stores the whole payload buffer.
    expect(decoded.blobs[0]!.bytes.buffer.byteLength).toBe(one.bytes.length);
  });

  it('reads format 2 to 4 files (no documents) as before', async () => {
    for (const formatVersion of [2, 3, 4]) {
      const { bytes, header } = await encodeBundle(input({ formatVersion, tables: {} }));
      expect(header.blobBytes).toBeUndefined();
      expect((await decodeBundle(bytes, PASS, SCHEMA)).blobs).toEqual([]);
    }
  });

  it('chooses each content once, only when the peer may lack it', async () => {
    const x = 'a'.repeat(64);
    const y = 'b'.repeat(64);
    const z = 'c'.repeat(64);
    const rows = [
      attachment('seen-x', x, 1, at(10)), // the peer saw this creation: it has x
      attachment('new-x', x, 1, at(50)), // same content on another convention: not resent
      attachment('new-y', y, 1, at(60)),
      attachment('new-y-2', y, 1, at(61)), // y twice in this bundle: once
      attachment('gone-z', z, 1, at(70), 1), // deleted: its bytes are not needed
    ];
    expect(blobsToSend(rows, { [A]: at(20) })).toEqual([y]);
    expect(blobsToSend(rows, {})).toEqual([x, y]); // full bundle: every live record's content
    expect(blobsToSend(rows, { [A]: at(100) })).toEqual([]); // the peer has seen everything
    expect(blobsToSend(rows, { [B]: at(100) })).toEqual([x, y]); // it has seen nothing of A
  });

  describe('hostile documents are refused in French, nothing imported', () => {
    it('bytes that do not match their SHA-256', async () => {
      const real = await blob('contenu réel');
      const other = await blob('autre contenu');
      // The list names `other`'s hash but carries `real`'s bytes (same length is not needed: sizes say `real`).
      const e = await refusal(
        (await encodeBundle(input({ tables: { attachments: [attachment('x', other.sha256, real.bytes.length)] }, blobs: [real], rawBlobList: [{ sha256: other.sha256, size: real.bytes.length }] }))).bytes,
      );
      expect(e.code).toBe('invalid-attachment');
      expect(e.message).toMatch(/^Le fichier contient un document joint invalide : contenu qui ne correspond pas à son empreinte SHA-256 .* Rien n'a été importé\.$/);
    });

    it('bytes no record of the bundle names, or names with another size', async () => {
      const b1 = await blob('document orphelin');
      let e = await refusal((await encodeBundle(input({ tables: { attachments: [attachment('x', 'd'.repeat(64), 3)] }, blobs: [b1] }))).bytes);
      expect(e.message).toContain("document qu'aucune fiche du fichier ne nomme");
      e = await refusal((await encodeBundle(input({ tables: { attachments: [attachment('x', b1.sha256, b1.bytes.length + 1)] }, blobs: [b1] }))).bytes);
      expect(e.message).toContain("document qu'aucune fiche du fichier ne nomme");
    });

    it('a size over the limit, sizes that do not add up, a content twice, a malformed list', async () => {
      const b1 = await blob('document');
      const rec = attachment('x', b1.sha256, b1.bytes.length);
      const two = attachment('y', b1.sha256, b1.bytes.length);
      const cases: [unknown, RegExp, CrdtRecord[]?, BundleBlob[]?][] = [
        [[{ sha256: b1.sha256, size: MAX_ATTACHMENT_BYTES + 1 }], /au-delà de la limite de 25 Mo/],
        [[{ sha256: b1.sha256, size: b1.bytes.length - 1 }], /ne nomme|octets sans description/],
        [[], /octets sans description/],
        [[{ sha256: b1.sha256, size: b1.bytes.length }, { sha256: b1.sha256, size: 0 }], /plus de documents que de fiches|deux fois/, [rec, two]],
        [{ sha256: b1.sha256 }, /liste attendue/],
        [[{ sha256: b1.sha256, size: b1.bytes.length, __proto__x: 1 }], /description illisible/],
        [[{ sha256: 'nope', size: 1 }], /empreinte SHA-256 illisible/],
      ];
      for (const [list, message, tables, blobs] of cases) {
        const e = await refusal((await encodeBundle(input({ tables: { attachments: tables ?? [rec] }, blobs: blobs ?? [b1], rawBlobList: list }))).bytes);
        expect(e.code, JSON.stringify(list)).toBe('invalid-attachment');
        expect(e.message).toMatch(message);
      }
    });

    /** Rewrite the header (and the checksum, as a hostile sender would). */
    async function forge(bytes: Uint8Array, edit: (h: Record<string, unknown>) => void): Promise<Uint8Array> {
      const h = new DataView(bytes.buffer).getUint32(10);
      const header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX_LENGTH, PREFIX_LENGTH + h))) as Record<string, unknown>;
      edit(header);
      const hb = new TextEncoder().encode(JSON.stringify(header));
      const prefix = bytes.slice(0, PREFIX_LENGTH);
      new DataView(prefix.buffer).setUint32(10, hb.length);
      const body = new Uint8Array([...prefix, ...hb, ...bytes.subarray(PREFIX_LENGTH + h, bytes.length - 32)]);
      return new Uint8Array([...body, ...(await sha256(body))]);
    }

    it('a header declaring more document bytes than its records allow is refused before decrypting', async () => {
      const b1 = await blob('document');
      const { bytes } = await encodeBundle(input({ tables: { attachments: [attachment('x', b1.sha256, b1.bytes.length)] }, blobs: [b1] }));
      const e = await refusal(await forge(bytes, (h) => (h.blobBytes = MAX_ATTACHMENT_BYTES + 1)));
      expect(e.code).toBe('too-large');
      expect(e.message).toBe(bundleMessages.tooLarge);
    });

    it('document bytes declared in a format 4 header: a modified file', async () => {
      const { bytes } = await encodeBundle(input({ formatVersion: 4, tables: { attachments: [attachment('x', 'e'.repeat(64), 4)] } }));
      const e = await refusal(await forge(bytes, (h) => (h.blobBytes = 4)));
      expect(e.code).toBe('modified');
      expect(e.message).toBe(bundleMessages.modified);
    });
  });
});
