/**
 * From a document file to text, whatever it is: plain text / Markdown, Word (.docx), PDF with a text layer,
 * scanned PDF or image (OCR). The libraries (pdfjs-dist, mammoth, tesseract.js) are bound by each platform —
 * the reading worker in the app, Node for `npm run convention:read` — and passed in as `DocumentReaders`, so the
 * rules (format detection, limits, layout of PDF text into lines and table cells, French messages) are one.
 */

export const INPUT_LIMITS = {
  /** Larger files are refused before anything is read (a convention with its annexes is a few MB). */
  maxBytes: 25 * 1024 * 1024,
  /** A convention with contrat, annexes and bulletins is 10–60 pages. */
  maxPages: 150,
  /** Below this many characters per page, a PDF is taken as scanned and read by OCR. */
  minCharsPerTextPage: 80,
  /** Seconds per page for OCR before any page has been measured (2-core office laptop). */
  ocrSecondsPerPage: 12,
} as const;

export class InputError extends Error {
  constructor(
    message: string,
    readonly code: 'empty' | 'too_big' | 'too_many_pages' | 'password' | 'bad_docx' | 'bad_pdf' | 'unsupported' | 'no_text' | 'cancelled',
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export const cancelledError = () => new InputError('Lecture annulée.', 'cancelled');

export type DocumentFormat = 'text' | 'docx' | 'pdf' | 'image';

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** By content first (a renamed file is still what it is), by name for plain text. */
export function detectFormat(bytes: Uint8Array, name: string): DocumentFormat {
  const ext = (/\.([a-z0-9]+)$/i.exec(name)?.[1] ?? '').toLowerCase();
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf'; // %PDF
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (ext === 'docx' || ext === 'docm' || ext === 'dotx') return 'docx';
    throw new InputError('Ce fichier est une archive (zip) : seuls les documents Word .docx, les PDF, les images et le texte peuvent être lus.', 'unsupported');
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) || (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && bytes[8] === 0x57))
    return 'image';
  if (ext === 'docx') throw new InputError("Ce fichier porte l'extension .docx mais n'est pas un document Word : ouvrez-le dans Word et enregistrez-le à nouveau au format .docx.", 'bad_docx');
  if (ext === 'doc') throw new InputError("Les documents Word anciens (.doc) ne sont pas lus : enregistrez-le au format .docx ou PDF.", 'unsupported');
  if (['txt', 'md', 'markdown', 'text', ''].includes(ext) || looksLikeText(bytes)) return 'text';
  throw new InputError(`Format non pris en charge (.${ext}) : utilisez un PDF, un document Word .docx, une image (PNG, JPEG, TIFF) ou un fichier texte.`, 'unsupported');
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!;
    if (c === 0 || (c < 9) || (c > 13 && c < 32)) bad++;
  }
  return bad < n * 0.01;
}

/** UTF-8, or Windows-1252 when the bytes are not valid UTF-8 (files saved by older Windows tools). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** HTML of a Word document (mammoth) → text: one paragraph per line, table rows as tab-separated cells. */
export function htmlToText(html: string): string {
  const inline = (h: string) =>
    decodeBasic(
      h
        .replace(/<a\b[^>]*href="mailto:([^"]+)"[^>]*>[\s\S]*?<\/a>/gi, '$1')
        .replace(/<br\s*\/?>/gi, ' ')
        .replace(/<[^>]+>/g, ' '),
    )
      .replace(/\s+/g, ' ')
      .trim();
  const tables = html.replace(/<table\b[^>]*>([\s\S]*?)<\/table>/gi, (_m, body: string) => {
    const rows = [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)].map((r) =>
      [...r[1]!.matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/gi)].map((c) => inline(c[1]!)).join('\t'),
    );
    return `\n\n${rows.join('\n')}\n\n`;
  });
  return decodeBasic(
    tables
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<li\b[^>]*>/gi, '- ')
      .replace(/<a\b[^>]*href="mailto:([^"]+)"[^>]*>[\s\S]*?<\/a>/gi, '$1')
      .replace(/<\/(p|h[1-6]|li|div)>/gi, '\n\n')
      .replace(/<[^>]+>/g, ''),
  ).replace(/\n{3,}/g, '\n\n');
}

function decodeBasic(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
}

/** A positioned run of text on a PDF page (pdfjs TextItem, reduced to what layout needs). */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  hasEOL?: boolean;
}

/**
 * Runs → lines: same baseline = one line, sorted left to right; a wide horizontal gap is a table cell boundary
 * (tab), a tall vertical gap a paragraph break (blank line).
 */
export function layoutPdfPage(items: PdfTextItem[]): string {
  // Whitespace runs may span a whole table gap: the gap between inked runs decides instead.
  const runs = items.filter((i) => i.str.trim().length > 0);
  if (!runs.length) return '';
  const h = median(runs.map((r) => r.height || 10)) || 10;
  const rows: { y: number; runs: PdfTextItem[] }[] = [];
  for (const r of [...runs].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const row = rows.find((x) => Math.abs(x.y - r.y) < h * 0.5);
    if (row) row.runs.push(r);
    else rows.push({ y: r.y, runs: [r] });
  }
  rows.sort((a, b) => b.y - a.y);
  const out: string[] = [];
  let prevY: number | null = null;
  for (const row of rows) {
    row.runs.sort((a, b) => a.x - b.x);
    let line = '';
    let end: number | null = null;
    for (const r of row.runs) {
      if (end !== null) {
        const gap = r.x - end;
        line += gap > h * 0.8 ? '\t' : gap > h * 0.15 && !line.endsWith(' ') && !r.str.startsWith(' ') ? ' ' : '';
      }
      line += r.str;
      end = r.x + r.width;
    }
    if (prevY !== null && prevY - row.y > h * 1.45) out.push('');
    out.push(line.replace(/[ ]+\t/g, '\t').trimEnd());
    prevY = row.y;
  }
  return out.join('\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}

/**
 * Tesseract settings for convention pages: one column of variable-size lines (tables are read row by row instead
 * of being dropped as image blocks), and the wide gaps between table cells kept so they become tabs.
 */
export const OCR_PARAMETERS = { tessedit_pageseg_mode: '4', preserve_interword_spaces: '1' } as Record<string, string>;

/** OCR text → table cells where Tesseract kept a wide gap (3 spaces or more) or printed a cell border. */
export function ocrLayout(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+\|\s+/g, '\t').replace(/^\|\s*|\s*\|$/g, '').replace(/ {3,}/g, '\t'))
    .join('\n');
}

export interface PdfHandle {
  pageCount: number;
  items(page: number): Promise<PdfTextItem[]>;
  /** The page as an image for OCR (scanned PDF). */
  image(page: number): Promise<unknown>;
  close(): Promise<void>;
}

export interface DocumentReaders {
  /** Opens a PDF; rejects with an error whose `name` is `PasswordException` for a protected file. */
  pdf(bytes: Uint8Array): Promise<PdfHandle>;
  docxHtml(bytes: Uint8Array): Promise<string>;
  /** OCR of one image (page image from `PdfHandle.image` or the bytes of an image file), French. */
  ocr(image: unknown, onProgress: (fraction: number) => void): Promise<string>;
}

export interface ReadProgress {
  phase: 'texte' | 'ocr';
  done: number;
  total: number;
  /** Seconds left, estimated (OCR only). */
  secondsLeft?: number;
}

export interface DocumentText {
  text: string;
  pages: number;
  format: DocumentFormat;
  ocr: boolean;
}

export interface ReadOptions {
  onProgress?: (p: ReadProgress) => void;
  signal?: AbortSignal;
  /** Clock for the OCR time estimate (performance.now in apps, injectable in tests). */
  now?: () => number;
}

export async function documentText(bytes: Uint8Array, name: string, readers: DocumentReaders, opts: ReadOptions = {}): Promise<DocumentText> {
  if (bytes.length === 0) throw new InputError('Le fichier est vide.', 'empty');
  if (bytes.length > INPUT_LIMITS.maxBytes)
    throw new InputError(`Le fichier pèse ${(bytes.length / 1048576).toFixed(1).replace('.', ',')} Mo : la limite est de ${INPUT_LIMITS.maxBytes / 1048576} Mo.`, 'too_big');
  const check = () => {
    if (opts.signal?.aborted) throw cancelledError();
  };
  const format = detectFormat(bytes, name);
  const now = opts.now ?? (() => Date.now());
  if (format === 'text') return { text: decodeText(bytes), pages: 1, format, ocr: false };
  if (format === 'docx') {
    let html: string;
    try {
      html = await readers.docxHtml(bytes);
    } catch {
      throw new InputError("Ce fichier .docx n'est pas un document Word lisible (archive d'un autre type ou fichier abîmé).", 'bad_docx');
    }
    const text = htmlToText(html);
    if (!text.trim()) throw new InputError('Ce document Word ne contient aucun texte.', 'no_text');
    return { text, pages: 1, format, ocr: false };
  }
  if (format === 'image') {
    check();
    opts.onProgress?.({ phase: 'ocr', done: 0, total: 1, secondsLeft: INPUT_LIMITS.ocrSecondsPerPage });
    const text = ocrLayout(await readers.ocr(bytes, () => undefined));
    check();
    opts.onProgress?.({ phase: 'ocr', done: 1, total: 1, secondsLeft: 0 });
    if (text.replace(/\W/g, '').length < 20) throw new InputError("Aucun texte n'a pu être lu dans cette image.", 'no_text');
    return { text, pages: 1, format, ocr: true };
  }
  let pdf: PdfHandle;
  try {
    pdf = await readers.pdf(bytes);
  } catch (e) {
    if ((e as { name?: string }).name === 'PasswordException')
      throw new InputError('Ce PDF est protégé par un mot de passe : enregistrez-en une copie sans protection pour le lire.', 'password');
    throw new InputError("Ce PDF n'a pas pu être ouvert (fichier abîmé ou incomplet).", 'bad_pdf');
  }
  try {
    if (pdf.pageCount > INPUT_LIMITS.maxPages)
      throw new InputError(`Ce PDF compte ${pdf.pageCount} pages : au-delà de ${INPUT_LIMITS.maxPages} pages, ce n'est pas une convention (découpez le fichier pour n'en garder que la convention et ses annexes).`, 'too_many_pages');
    const pages: string[] = [];
    for (let p = 1; p <= pdf.pageCount; p++) {
      check();
      pages.push(layoutPdfPage(await pdf.items(p)));
      opts.onProgress?.({ phase: 'texte', done: p, total: pdf.pageCount });
    }
    const chars = pages.join('').replace(/\s/g, '').length;
    if (chars >= INPUT_LIMITS.minCharsPerTextPage * pdf.pageCount * 0.5) return { text: pages.join('\n\n'), pages: pdf.pageCount, format, ocr: false };
    // Scanned: OCR page by page, with an estimate that follows the measured pace.
    const ocrPages: string[] = [];
    const started = now();
    for (let p = 1; p <= pdf.pageCount; p++) {
      check();
      const per = p === 1 ? INPUT_LIMITS.ocrSecondsPerPage : (now() - started) / 1000 / (p - 1);
      opts.onProgress?.({ phase: 'ocr', done: p - 1, total: pdf.pageCount, secondsLeft: Math.round(per * (pdf.pageCount - p + 1)) });
      ocrPages.push(ocrLayout(await readers.ocr(await pdf.image(p), () => undefined)));
    }
    check();
    opts.onProgress?.({ phase: 'ocr', done: pdf.pageCount, total: pdf.pageCount, secondsLeft: 0 });
    const text = ocrPages.join('\n\n');
    if (text.replace(/\W/g, '').length < 20) throw new InputError("Aucun texte n'a pu être lu dans ce PDF (ni texte, ni page lisible par OCR).", 'no_text');
    return { text, pages: pdf.pageCount, format, ocr: true };
  } finally {
    await pdf.close();
  }
}
