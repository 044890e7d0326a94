/**
 * Text clean-up before reading a convention. Whatever the source (OCR, PDF text layer, Word, Markdown export),
 * the extractor works on one normalised text; every excerpt shown to the user is an offset range into it.
 *
 * What real documents carry, and what is done with it:
 * - HTML fragments (`<a href="mailto:…">`, `<p>`, `<ul>`, `<input>`), Markdown links, bold and escapes → plain text;
 * - Latin words typed with look-alike Cyrillic (or Greek) letters → Latin letters;
 * - footnote markers (¹ ² …) and footnote lines;
 * - page stamps: prefecture acknowledgements (« Accusé de réception en préfecture », ids such as
 *   `974-219740115-20170923-176007-DE`, their transmission dates), « Page 3 / 12 », « - 3 - »;
 * - words split by a line end (`responsa-⏎bilité`) and sentences cut by a stamp or a page break.
 * Tables stay one row per line, cells separated by tabs or pipes (see `cellsOf`).
 */

const LOOKALIKES: Readonly<Record<string, string>> = {
  А: 'A', В: 'B', Е: 'E', З: '3', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y',
  І: 'I', Ј: 'J', Ѕ: 'S', Ү: 'Y', Ԛ: 'Q', Ԝ: 'W',
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ү: 'y', ӏ: 'l', ё: 'ë', ї: 'ï',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y',
  Χ: 'X', ο: 'o', ν: 'v', α: 'a', ι: 'i',
};
const LOOKALIKE_RE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'g');

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', laquo: '«', raquo: '»', eacute: 'é',
  egrave: 'è', agrave: 'à', ccedil: 'ç', ecirc: 'ê', ocirc: 'ô', icirc: 'î', ucirc: 'û', rsquo: "'", ndash: '–',
  mdash: '—', deg: '°', euro: '€',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[body.toLowerCase()] ?? m;
  });
}

/** HTML and Markdown markup → text, on one line (table rows must stay whole). */
function stripMarkup(s: string): string {
  return (
    s
      // <a href="mailto:x">y</a> → x (the address is the value; the link text may be truncated or a name)
      .replace(/<a\b[^>]*href\s*=\s*["']?mailto:([^"'\s>]+)["']?[^>]*>[\s\S]*?<\/a>/gi, ' $1 ')
      .replace(/<a\b[^>]*>([\s\S]*?)<\/a>/gi, '$1')
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(/<input\b[^>]*>/gi, ' ')
      .replace(/<\/?(?:p|div|span|ul|ol|li|b|i|u|strong|em|font|sup|sub|td|tr|th|table|tbody|thead|h\d)\b[^>]*>/gi, ' ')
      // [text](mailto:x) → x ; [text](url) → text
      .replace(/\[([^\]\n]*)\]\(\s*mailto:([^)\s]+)\s*\)/gi, ' $2 ')
      .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
      .replace(/\bmailto:/gi, '')
      .replace(/\^\{([^}]*)\}/g, '$1')
      .replace(/\*\*|__/g, '')
      .replace(/(^|[\s(])\*(\S[^*\n]*?)\*(?=[\s.,;:)]|$)/g, '$1$2')
      .replace(/\\([*_[\]().#-])/g, '$1')
  );
}

const SUPERSCRIPTS = /[¹²³⁴⁵⁶⁷⁸⁹⁰]/g;

/** A line that is only a page stamp (prefecture acknowledgement, page number). */
function isStampHead(line: string): boolean {
  const l = line.trim();
  if (l.length > 120) return false;
  return /(accus[ée]|r[ée]ception|arriv[ée]e|transmission|t[ée]l[ée]\w*)\b[^\n]{0,30}pr[ée]fecture/i.test(l) || /^accus[ée] de r[ée]ception\s*$/i.test(l);
}
function isStampDetail(line: string): boolean {
  const l = line.trim();
  if (l.length > 90) return false;
  if (/^[\d][\d\s-]{6,}[A-Z]{2}$/.test(l)) return true; // 974-219740115-20170923-176007-DE
  if (/^[\p{L}'’ ]{3,45}:\s*\d{1,2}\/\d{1,2}\/\d{2,4}$/u.test(l)) return true; // Date de télétransmission : 03/10/2017
  return false;
}
function isPageMark(line: string): boolean {
  const l = line.trim();
  return /^(page\s*)?\d{1,3}\s*(\/|sur)\s*\d{1,3}$/i.test(l) || /^page\s+\d{1,3}$/i.test(l) || /^[-–]\s*\d{1,3}\s*[-–]$/.test(l);
}

const INLINE_STAMP =
  /Accus[ée] de r[ée]ception(?: en pr[ée]fecture)?\s+[\d][\d\s-]{6,}[A-Z]{2}\b(?:\s+Date de [\p{L} ']{3,40}:\s*\d{1,2}\/\d{1,2}\/\d{4})*/gu;

export function normalizeText(raw: string): string {
  let s = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
  s = s.replace(/[\u200B-\u200D\u2060\u00AD]/g, '').replace(/[\u00A0\u2007\u202F\u2009\u2002\u2003]/g, ' ');
  s = s.replace(/[’‘ʼ`´]/g, "'").replace(/ﬁ/g, 'fi').replace(/ﬂ/g, 'fl').replace(/ﬀ/g, 'ff').replace(/œ/g, 'œ');
  s = stripMarkup(s);
  s = decodeEntities(s);
  s = s.replace(LOOKALIKE_RE, (c) => LOOKALIKES[c] ?? c);
  s = s.replace(INLINE_STAMP, ' ');

  const out: string[] = [];
  const lines = s.split('\n');
  let stampUntil = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // Footnote definitions: « ³ Voir tableau … » — never data.
    if (/^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S/.test(line)) {
      out.push('');
      continue;
    }
    if (isStampHead(line)) {
      stampUntil = i + 5;
      out.push('');
      continue;
    }
    if ((i <= stampUntil && (isStampDetail(line) || /^\s*$/.test(line))) || /^[\d]{3}[-\s]?\d{6,9}[-\s]\d{8}[-\s]?\d+[-\s]?[A-Z]{2}\s*$/.test(line.trim())) {
      if (line.trim()) stampUntil = i + 3;
      out.push('');
      continue;
    }
    if (isPageMark(line)) {
      out.push('');
      continue;
    }
    out.push(
      line
        .replace(SUPERSCRIPTS, ' ')
        .replace(/[ ]{2,}/g, ' ')
        .replace(/[ \t]+$/g, '')
        .replace(/^ +(?=\S)/, (m) => (m.length > 0 ? ' ' : '')),
    );
  }
  s = out.join('\n');
  // Words split by a line end: « responsa-⏎bilité » → « responsabilité »; « Jean-⏎Charles » keeps its hyphen.
  s = s.replace(/(\p{Ll})-\n(?:[ \t]*\n){0,3}[ \t]*(\p{Ll})/gu, '$1$2');
  s = s.replace(/(\p{L})-\n(?:[ \t]*\n){0,3}[ \t]*(\p{Lu})/gu, '$1-$2');
  // A sentence cut by a stamp or a page break: next line starts in lower case, the previous one has no stop.
  s = s.replace(/^([^\n]{30,}[\p{L}\d,])\n(?:[ \t]*\n){1,4}[ \t]*(?=\p{Ll}\p{Ll})/gmu, '$1 ');
  // Lines wrapped by a PDF layout or an OCR: a line with no stop, the next one in lower case → one line.
  s = s.replace(/^([^\n\t|]{20,}[\p{L},'])\n(?=[ ]?\p{Ll}[^\n\t|]*$)/gmu, '$1 ');
  // … or the line ends on a word that never ends a sentence (« à », « de », « la »…).
  s = s.replace(/^([^\n\t|]{20,}\s(?:à|a|de|du|des|d'|le|la|les|l'|et|ou|en|au|aux|par|pour|sur|avec|dans|son|sa|ses))\n(?=[ ]?[\p{L}\d«][^\n\t|]*$)/gmu, '$1 ');
  s = s.replace(/\n{4,}/g, '\n\n\n');
  return s;
}

/** Cells of a table row (pipes or tabs); a plain line is one cell. Separator rows give []. */
export function cellsOf(line: string): string[] {
  const t = line.trim();
  if (/^\|?[\s|:-]+\|?$/.test(t) && t.includes('-')) return [];
  let cells: string[];
  if (t.startsWith('|')) cells = t.replace(/^\|/, '').replace(/\|$/, '').split('|');
  else if (t.includes('\t')) cells = t.split('\t');
  else if (t.includes(' | ')) cells = t.split(' | ');
  else cells = [t];
  return cells.map((c) => c.trim());
}

export function isTableRow(line: string): boolean {
  const t = line.trim();
  return t.startsWith('|') || t.includes('\t');
}

/** Lower case, accents folded, punctuation to spaces: for matching words, never for values. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9@.]+/g, ' ')
    .trim();
}
