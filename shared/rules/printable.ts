/**
 * What the embedded print fonts can draw (issue 12: never a □ on a signed form). Forms, Annexe 1, reports and the
 * fiche d'escalade print with Liberation Sans then Noto Emoji; campaign letters (jsPDF) with Liberation Sans
 * only. The ranges come from the fonts themselves (scripts/print-font-ranges.mjs → printableRanges.generated.ts).
 */
import { LIBERATION_RANGES, NOTO_EMOJI_RANGES } from './printableRanges.generated';

/** Which embedded fonts the output has: `html` = Liberation Sans + Noto Emoji, `letter` = Liberation Sans. */
export type PrintFonts = 'html' | 'letter';

function inRanges(ranges: readonly number[], cp: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[mid * 2]!) hi = mid - 1;
    else if (cp > ranges[mid * 2 + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Characters that need no glyph of their own: line breaks and tabs (notes), joiners, variation selectors and
 * emoji tag characters (they shape the glyph before them, drawn or not).
 */
function needsNoGlyph(cp: number, fonts: PrintFonts): boolean {
  if (cp === 0x0a || cp === 0x0d || cp === 0x09) return true;
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff) return true;
  // The emoji-shaping ones only where an emoji font is there to be shaped.
  if (fonts === 'html' && ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0020 && cp <= 0xe007f))) return true;
  return false;
}

export function isPrintable(cp: number, fonts: PrintFonts = 'html'): boolean {
  if (needsNoGlyph(cp, fonts) || inRanges(LIBERATION_RANGES, cp)) return true;
  return fonts === 'html' && inRanges(NOTO_EMOJI_RANGES, cp);
}

export interface Unprintable {
  char: string;
  codePoint: number;
}

/** The first character of `text` the fonts cannot draw, or undefined. */
export function firstUnprintable(text: string, fonts: PrintFonts = 'html'): Unprintable | undefined {
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (!isPrintable(codePoint, fonts)) return { char, codePoint };
  }
  return undefined;
}

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** How the character is shown in a message: control and invisible characters have no face of their own. */
function shown(u: Unprintable): string {
  return /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/u.test(u.char) ? 'caractère invisible' : u.char;
}

export function unprintableMessage(u: Unprintable): string {
  return `Caractère impossible à imprimer : « ${shown(u)} » (${codePointLabel(u.codePoint)}). Retirez-le ou remplacez-le.`;
}

/**
 * The first text in `value` (a record or a patch: strings inside objects and arrays) holding a character the
 * fonts cannot draw, with its field path (`address.city`, `roles.0.label`) and the French message.
 */
export function unprintableField(value: unknown, fonts: PrintFonts = 'html', path = ''): { field: string; message: string } | undefined {
  if (typeof value === 'string') {
    const u = firstUnprintable(value, fonts);
    return u ? { field: path, message: unprintableMessage(u) } : undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = unprintableField(v, fonts, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return undefined;
}
