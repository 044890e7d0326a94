import { describe, expect, it } from 'vitest';
import { firstUnprintable, isPrintable, unprintableField, unprintableMessage } from './printable';

describe('printable (embedded print fonts)', () => {
  it('accepts French text, typographic punctuation, € and emoji', () => {
    for (const text of ['Éléonore Çà où ÿ', 'Œuvre cœur', '« Les Fleurs »', 'l’école', '12,50 €', 'Île 🌴', '👍🏽', '❤️', '👨‍👩‍👧', 'a\nb\tc', 'Saint‑Paul – n° 3']) {
      expect(firstUnprintable(text), text).toBeUndefined();
    }
  });

  it('refuses CJK, private-use and control characters', () => {
    expect(firstUnprintable('Mairie 中')).toEqual({ char: '中', codePoint: 0x4e2d });
    expect(firstUnprintable('a\uE000b')?.codePoint).toBe(0xe000);
    expect(firstUnprintable('a\u0007b')?.codePoint).toBe(0x07);
    expect(firstUnprintable('\u{10FFFD}')?.codePoint).toBe(0x10fffd);
  });

  it('letters (Liberation Sans only) refuse emoji that the HTML print draws', () => {
    expect(isPrintable(0x1f334, 'html')).toBe(true);
    expect(isPrintable(0x1f334, 'letter')).toBe(false);
    expect(firstUnprintable('l’école « Œ » 12 €', 'letter')).toBeUndefined();
  });

  it('says which character, in French', () => {
    expect(unprintableMessage({ char: '中', codePoint: 0x4e2d })).toBe(
      'Caractère impossible à imprimer : « 中 » (U+4E2D). Retirez-le ou remplacez-le.',
    );
    expect(unprintableMessage({ char: '\u0007', codePoint: 7 })).toBe(
      'Caractère impossible à imprimer : « caractère invisible » (U+0007). Retirez-le ou remplacez-le.',
    );
  });

  it('finds the field inside a record', () => {
    expect(unprintableField({ name: 'ok', address: { line1: 'x', city: 'Saint-Denis 中' } })).toEqual({
      field: 'address.city',
      message: 'Caractère impossible à imprimer : « 中 » (U+4E2D). Retirez-le ou remplacez-le.',
    });
    expect(unprintableField({ name: 'ok', n: 3, tags: ['a'] })).toBeUndefined();
  });
});
