/**
 * The campaign letter as PDF bytes, drawn with jsPDF (+ jspdf-autotable for the habilitations table) rather
 * than Chromium's print pipeline: the e-mail drafts need the bytes of 300 letters, which Chromium's printToPDF
 * gives only one document at a time through the main process (about 60 ms each, and not in a browser at all).
 * Same A4 page, margins and embedded Liberation Sans as the printed forms. Runs in a Web Worker
 * (letters.worker.ts) and, for tests, under Node.
 */
import { zlibSync } from 'fflate';
import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import type { LetterDoc } from '../../../shared/campaign/letter';

export interface LetterFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

const FONT = 'MCPPrint';
const MARGIN = 20;
const WIDTH = 210 - 2 * MARGIN;
const PAGE_BOTTOM = 297 - 18;
const LINE = 5; // mm per line at 10.5 pt, leading 1.35

/*
 * The fonts are parsed once per worker and their embedded subset built and deflated once, not for every letter.
 * jsPDF parses a TrueType file at every doc.addFont and, at output, subsets and deflates it again (measured under
 * Node: 25 of the 52 ms a letter took). It has no public way to share a parsed font between documents, so this
 * module hooks two of its documented extension points, once:
 * - an `addFont` event handler (plugins' handlers run before jsPDF's own) gives our fonts a per-document view of
 *   the font parsed once, and marks them so that jsPDF's TrueType handler skips its parse;
 * - `processDataByFilters` (the stream filter every putStream calls) returns the deflated font file it already
 *   made when asked for the same bytes again, and deflates other streams with the same fflate call as jsPDF's
 *   but without its byte-by-byte string building;
 * - `processArabic` (Arabic shaping, run on every width measured) returns text without Arabic letters as is,
 *   which is what it would return, without the letter-by-letter pass.
 * Every letter embeds the same subset: the glyphs of BASE_CHARS (French text) plus any other glyph it uses, so
 * the subset is built once for nearly every letter; the text, widths and Unicode map stay the letter's own.
 */
const BASE_CHARS =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~' +
  '\u00a0«»’‘“”–—…€°·àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ\u202f';

/** What this module uses of jsPDF's TrueType font object (jsPDF.API.TTFFont; not in jsPDF's typings). */
interface TtfFont {
  cmap: unknown;
  characterToGlyph(code: number): number;
  subset: { encode(glyphIds: number[], indexToLocFormat: number): Uint8Array };
}
interface JsPdfFont {
  postScriptName: string;
  isStandardFont: boolean;
  metadata: unknown;
}
interface Filtered {
  data: string;
  reverseChain: string;
}
interface JsPdfInternals {
  TTFFont: { open(bytes: Uint8Array): TtfFont };
  events: [string, (arg: { font: JsPdfFont; instance: unknown }) => void][];
  processDataByFilters(data: string, filters: string | string[]): Filtered;
  processArabic?: (text: unknown) => unknown;
}
// jsPDF's typings declare `API` without these members (events is `any[]`): one cast, checked by the PDF tests.
const api = jsPDF.API as unknown as JsPdfInternals;

interface SharedFont {
  ttf: TtfFont;
  base: number[];
  /** Encoded subsets by sorted glyph ids: one, nearly always (BASE_CHARS). */
  subsets: Map<string, Uint8Array>;
}

/** Fonts prepared once per worker (prepareFonts), for letterPdf. */
export interface PreparedFonts {
  regular: SharedFont;
  bold: SharedFont;
}

const VFS = { normal: 'MCPPrint-Regular.ttf', bold: 'MCPPrint-Bold.ttf' } as const;
const MAX_CACHED = 16;
/** Which prepared fonts each document being drawn uses (set before its addFont calls). */
const docFonts = new WeakMap<object, PreparedFonts>();
/** Lengths of the font files encoded so far: only streams of these lengths are looked up in `deflated`. */
const fontFileLengths = new Set<number>();
const deflated = new Map<string, { filters: string; out: Filtered }>();

api.events.push([
  'addFont',
  ({ font, instance }) => {
    const fonts = docFonts.get(instance as object);
    const shared = font.postScriptName === VFS.normal ? fonts?.regular : font.postScriptName === VFS.bold ? fonts?.bold : undefined;
    if (!shared) return;
    font.metadata = documentView(shared);
    font.isStandardFont = true; // only read by jsPDF's TrueType handler, which then skips parsing the file again
  },
]);

/** jsPDF's FlateEncode (fflate's zlibSync, default level) on a binary string, built in chunks. */
function flate(data: string): Filtered {
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) bytes[i] = data.charCodeAt(i);
  const z = zlibSync(bytes);
  let out = '';
  for (let i = 0; i < z.length; i += 0x2000) out += String.fromCharCode(...z.subarray(i, i + 0x2000));
  return { data: out, reverseChain: '/FlateDecode' };
}

const filter = api.processDataByFilters.bind(api);
const filterOnce = (data: string, filters: string | string[]): Filtered => {
  const only = Array.isArray(filters) && filters.length === 1 ? filters[0] : filters;
  return only === 'FlateEncode' || only === '/FlateEncode' ? flate(data) : filter(data, filters);
};
api.processDataByFilters = (data, filters) => {
  if (!fontFileLengths.has(data.length)) return filterOnce(data, filters);
  const key = String(filters);
  const hit = deflated.get(data);
  if (hit?.filters === key) return hit.out;
  const out = filterOnce(data, filters);
  if (deflated.size >= MAX_CACHED) deflated.clear();
  deflated.set(data, { filters: key, out });
  return out;
};

const shape = api.processArabic;
// The ranges jsPDF's isArabicLetter tests (its ligatures are in them too); "\\s+" is what its word split looks for.
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]|\\s\+/;
if (shape) api.processArabic = (text: unknown) => (typeof text === 'string' && !ARABIC.test(text) ? text : shape(text));

/**
 * One document's view of a font parsed once: the parsed tables are shared (read only), what jsPDF writes while
 * drawing (used glyphs, widths, Unicode map) is the document's own. jsPDF checks `cmap` with hasOwnProperty.
 */
function documentView(f: SharedFont): unknown {
  const own = (value: unknown) => ({ value, writable: true, enumerable: true, configurable: true });
  return Object.create(f.ttf, {
    Unicode: own({ encoding: {}, kerning: {}, widths: [] }),
    glyIdsUsed: own([0, ...f.base]),
    toUnicode: own({}),
    cmap: own(f.ttf.cmap),
    subset: own({ encode: (ids: number[], format: number) => encodeSubset(f, ids, format) }),
  });
}

function encodeSubset(f: SharedFont, ids: number[], format: number): Uint8Array {
  const key = `${format}:${[...new Set(ids)].sort((a, b) => a - b).join(',')}`;
  let bytes = f.subsets.get(key);
  if (!bytes) {
    bytes = f.ttf.subset.encode(ids, format);
    if (f.subsets.size >= MAX_CACHED) f.subsets.clear();
    f.subsets.set(key, bytes);
    fontFileLengths.add(bytes.length);
  }
  return bytes;
}

function shareFont(bytes: Uint8Array): SharedFont {
  const ttf = api.TTFFont.open(bytes);
  const base = new Set<number>();
  for (const ch of BASE_CHARS) {
    const g = ttf.characterToGlyph(ch.codePointAt(0)!);
    if (g) base.add(g);
  }
  return { ttf, base: [...base], subsets: new Map() };
}

/** Parses the fonts once (per worker), for every letter drawn after. */
export function prepareFonts(fonts: LetterFonts): PreparedFonts {
  return { regular: shareFont(fonts.regular), bold: shareFont(fonts.bold) };
}

export function letterPdf(letter: LetterDoc, fonts: PreparedFonts, meta: { title: string; author: string }): Uint8Array {
  const doc = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait', compress: true, putOnlyUsedFonts: true });
  docFonts.set(doc, fonts);
  doc.addFont(VFS.normal, FONT, 'normal');
  doc.addFont(VFS.bold, FONT, 'bold');
  // jspdf-autotable asks for the font list at every cell and jsPDF builds it anew each time; no font is added after.
  const fontList = doc.getFontList();
  doc.getFontList = () => fontList;
  doc.setProperties({ title: meta.title, author: meta.author, subject: letter.subject, creator: 'Partenaires MCP' });
  doc.setFont(FONT, 'normal');
  doc.setFontSize(10.5);
  doc.setLineHeightFactor(1.35);

  let y = MARGIN;
  const ensure = (h: number) => {
    if (y + h > PAGE_BOTTOM) {
      doc.addPage();
      y = MARGIN;
    }
  };
  const lines = (text: string, x: number, width: number, style: 'normal' | 'bold' = 'normal') => {
    doc.setFont(FONT, style);
    for (const l of doc.splitTextToSize(text, width) as string[]) {
      ensure(LINE);
      doc.text(l, x, y, { baseline: 'top' });
      y += LINE;
    }
  };

  // Sender (Caf) top left, recipient block on the right, as a window envelope expects.
  doc.setFontSize(9.5);
  letter.sender.forEach((l, i) => lines(l, MARGIN, 80, i === 0 ? 'bold' : 'normal'));
  const afterSender = y;
  y = MARGIN + 30;
  doc.setFontSize(10.5);
  letter.recipient.forEach((l, i) => lines(l, 110, 80, i === 2 ? 'bold' : 'normal'));
  y = Math.max(y, afterSender) + 8;
  doc.setFont(FONT, 'normal');
  doc.text(letter.placeAndDate, 210 - MARGIN, y, { align: 'right', baseline: 'top' });
  y += LINE * 2;
  if (letter.reference) lines(`Réf. : ${letter.reference}`, MARGIN, WIDTH);
  lines(`Objet : ${letter.subject}`, MARGIN, WIDTH, 'bold');
  y += LINE;

  for (const part of letter.parts) {
    if (part.kind === 'text') {
      for (const para of part.text.split('\n')) {
        if (!para.trim()) {
          y += LINE * 0.6;
          continue;
        }
        lines(para, MARGIN, WIDTH);
      }
    } else if (letter.groups.length === 0) {
      lines('Aucune habilitation active enregistrée par la Caf.', MARGIN, WIDTH, 'bold');
    } else {
      y += 1;
      const body: (string | { content: string; colSpan: number; styles: { fontStyle: 'bold'; fillColor: number } })[][] = [];
      for (const g of letter.groups) {
        body.push([{ content: g.heading, colSpan: 4, styles: { fontStyle: 'bold', fillColor: 243 } }]);
        for (const r of g.rows) body.push([r.name, r.email, r.fn, r.since]);
      }
      autoTable(doc, {
        startY: y,
        margin: { left: MARGIN, right: MARGIN, top: MARGIN, bottom: 297 - PAGE_BOTTOM },
        head: [['Prénom NOM', 'Adresse mél', 'Fonction', 'Depuis le']],
        body,
        theme: 'grid',
        showHead: 'everyPage',
        rowPageBreak: 'avoid',
        styles: { font: FONT, fontSize: 8.5, cellPadding: 1.2, lineColor: 0, lineWidth: 0.2, textColor: 0, overflow: 'linebreak' },
        headStyles: { font: FONT, fontStyle: 'bold', fillColor: 232, textColor: 0 },
        columnStyles: { 0: { cellWidth: 42 }, 1: { cellWidth: 62 }, 2: { cellWidth: 44 }, 3: { cellWidth: 22 } },
      });
      // jspdf-autotable records where the table ended on the document (not in its typings).
      y = (doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY + 4;
    }
  }
  y += LINE;
  ensure(LINE * 4);
  y += LINE;
  letter.signature.forEach((l, i) => {
    doc.setFont(FONT, i === 0 ? 'bold' : 'normal');
    doc.text(l, 110, y, { baseline: 'top' });
    y += LINE;
  });
  const pages = doc.getNumberOfPages();
  doc.setFontSize(8);
  doc.setFont(FONT, 'normal');
  for (let i = 1; i <= pages; i++) {
    doc.setPage(i);
    doc.text(`Page ${i} / ${pages}`, 210 - MARGIN, 297 - 10, { align: 'right' });
  }
  return new Uint8Array(doc.output('arraybuffer'));
}
