import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync, inflateSync } from 'fflate';
import { deflatePieces, payloadJsonPieces } from './deflate';

const decoder = new TextDecoder();

describe('bundle JSON in pieces, deflated by the platform', () => {
  it('the pieces are JSON.stringify of the payload, to the byte, for any records, history and blob list', () => {
    const row = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string(), { maxLength: 3 })), { maxKeys: 5 });
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.array(row, { maxLength: 4_500 }), { maxKeys: 4 }),
        fc.option(fc.array(fc.array(fc.string(), { maxLength: 3 }), { maxLength: 5 }), { nil: undefined }),
        fc.option(fc.array(fc.record({ sha256: fc.string(), size: fc.nat() }), { maxLength: 3 }), { nil: undefined }),
        (tables, history, blobs) => {
          const payload = { tables, ...(history !== undefined ? { history } : {}), ...(blobs !== undefined ? { blobs } : {}) };
          expect(payloadJsonPieces(payload).join('')).toBe(JSON.stringify(payload));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('CompressionStream writes raw DEFLATE that fflate inflates back, with the UTF-8 length', async () => {
    expect(typeof CompressionStream).toBe('function');
    const pieces = payloadJsonPieces({ tables: { partners: Array.from({ length: 5_000 }, (_, i) => ({ id: `p-${i}`, name: `Crèche « Les Pâquerettes » n° ${i}`, emoji: '✓' })) } });
    const plain = new TextEncoder().encode(pieces.join(''));
    const { bytes, plainBytes } = await deflatePieces(pieces);
    expect(plainBytes).toBe(plain.byteLength);
    expect(decoder.decode(inflateSync(bytes))).toBe(pieces.join(''));
    // Comparable with fflate's level 6 (what bundles held before).
    expect(bytes.byteLength).toBeLessThan(deflateSync(plain, { level: 6 }).byteLength * 1.2);
  });

  it('without CompressionStream, fflate deflates the same text', async () => {
    const saved = globalThis.CompressionStream;
    // Platforms without it (older engines): the fallback path.
    (globalThis as { CompressionStream?: unknown }).CompressionStream = undefined;
    try {
      const pieces = ['{"tables":{"a":[', '{"x":"é"}', ']}}'];
      const { bytes, plainBytes } = await deflatePieces(pieces);
      expect(decoder.decode(inflateSync(bytes))).toBe(pieces.join(''));
      expect(plainBytes).toBe(new TextEncoder().encode(pieces.join('')).byteLength);
    } finally {
      globalThis.CompressionStream = saved;
    }
  });
});
