/**
 * Reading a spreadsheet file into rows of cells: .xlsx through the fast reader of xlsxRead.ts (fflate), .csv/.txt in UTF-8, UTF-8 with BOM or
 * Windows-1252 (what French Excel writes for « CSV (séparateur : point-virgule) »), separator `;` `,` or tab
 * detected. Formulas are never evaluated: the value Excel saved with them is read. Everything refused says why,
 * in French, before anything is stored.
 */
import { NotAWorkbookError, readXlsxSheets } from './xlsxRead';
import { unguardText, type CellValue } from './cells';

export const MAX_FILE_BYTES = 100 * 1024 * 1024;

export type SpreadsheetErrorCode = 'trop-gros' | 'ods' | 'protege' | 'xls' | 'pas-un-tableur' | 'vide' | 'annule';

export class SpreadsheetError extends Error {
  constructor(
    readonly code: SpreadsheetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SpreadsheetError';
  }
}

export const SPREADSHEET_MESSAGES: Record<Exclude<SpreadsheetErrorCode, 'vide'>, string> = {
  'trop-gros': 'Ce fichier dépasse 100 Mo : enregistrez-en une partie dans un classeur plus petit (par exemple une feuille par année) et importez-les l’un après l’autre.',
  ods: 'Les classeurs OpenDocument (.ods) ne peuvent pas être lus : dans LibreOffice, faites Fichier › Enregistrer sous… › « Classeur Excel 2007-365 (.xlsx) », puis importez ce fichier .xlsx.',
  protege: 'Ce classeur est protégé par un mot de passe : ouvrez-le dans Excel, retirez le mot de passe (Fichier › Informations › Protéger le classeur › Chiffrer avec mot de passe, laisser vide), enregistrez-le, puis importez-le.',
  xls: 'Ce classeur est au format Excel 97-2003 (.xls) : ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) », puis importez ce fichier.',
  'pas-un-tableur': "Ce fichier n'est pas un tableur lisible : choisissez un classeur Excel (.xlsx) ou un fichier CSV (.csv, .txt).",
  annule: 'Import annulé : rien n’a été enregistré.',
};

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1252';
export const encodingLabels: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 avec BOM',
  'windows-1252': 'Windows-1252 (Excel « CSV séparateur point-virgule »)',
};
export type Separator = ';' | ',' | '\t';
export const separatorLabels: Record<Separator, string> = { ';': 'Point-virgule (;)', ',': 'Virgule (,)', '\t': 'Tabulation' };

export interface SheetData {
  name: string;
  /** rows[i][j]: line i+1, column j+1 of the sheet. Trailing blank rows are dropped. */
  rows: CellValue[][];
  /** Merged ranges, 1-based inclusive. */
  merges: { top: number; left: number; bottom: number; right: number }[];
  /** Cells holding a formula (its saved value was read). */
  formulas: number;
}

export interface ParsedFile {
  format: 'xlsx' | 'csv';
  encoding?: TextEncodingName;
  separator?: Separator;
  sheets: SheetData[];
}

export interface ReadOptions {
  encoding?: TextEncodingName;
  separator?: Separator;
}

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** UTF-16LE text inside an OLE compound file (stream names). */
function containsUtf16(b: Uint8Array, text: string): boolean {
  const pattern = [...text].flatMap((c) => [c.charCodeAt(0), 0]);
  outer: for (let i = 0; i + pattern.length <= b.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (b[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

export async function readSpreadsheet(bytes: Uint8Array, options: ReadOptions = {}): Promise<ParsedFile> {
  if (bytes.byteLength > MAX_FILE_BYTES) throw new SpreadsheetError('trop-gros', SPREADSHEET_MESSAGES['trop-gros']);
  if (startsWith(bytes, CFB)) {
    // An encrypted .xlsx is an OLE container with an EncryptionInfo stream; any other OLE file is an old .xls.
    if (containsUtf16(bytes.subarray(0, Math.min(bytes.length, 1 << 20)), 'EncryptionInfo')) throw new SpreadsheetError('protege', SPREADSHEET_MESSAGES.protege);
    throw new SpreadsheetError('xls', SPREADSHEET_MESSAGES.xls);
  }
  if (startsWith(bytes, ZIP)) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
    if (head.includes('application/vnd.oasis.opendocument')) throw new SpreadsheetError('ods', SPREADSHEET_MESSAGES.ods);
    return readXlsx(bytes);
  }
  return readCsv(bytes, options);
}

// ---------------------------------------------------------------- xlsx

function readXlsx(bytes: Uint8Array): ParsedFile {
  let sheets: SheetData[];
  try {
    sheets = readXlsxSheets(bytes).map((s) => ({ ...s, rows: trimRows(s.rows) }));
  } catch (e) {
    if (e instanceof NotAWorkbookError) throw new SpreadsheetError('pas-un-tableur', SPREADSHEET_MESSAGES['pas-un-tableur']);
    throw e;
  }
  if (sheets.length === 0) throw new SpreadsheetError('pas-un-tableur', SPREADSHEET_MESSAGES['pas-un-tableur']);
  return { format: 'xlsx', sheets };
}

function trimRows(rows: CellValue[][]): CellValue[][] {
  let n = rows.length;
  while (n > 0 && rows[n - 1]!.every((c) => c === null || c === '')) n--;
  return n === rows.length ? rows : rows.slice(0, n);
}

// ---------------------------------------------------------------- CSV

export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8-bom';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

export function decodeText(bytes: Uint8Array, encoding: TextEncodingName): string {
  if (encoding === 'windows-1252') return new TextDecoder('windows-1252').decode(bytes);
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The separator that splits the first lines into the same, largest number of columns (quotes respected). */
export function detectSeparator(text: string): Separator {
  const lines = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, 20);
  let best: Separator = ';';
  let bestScore = -1;
  for (const sep of [';', '\t', ','] as const) {
    const counts = lines.map((l) => splitLine(l, sep).length);
    const first = counts[0] ?? 0;
    if (first < 2) continue;
    const consistent = counts.filter((c) => c === first).length;
    const score = consistent * 1000 + first;
    if (score > bestScore) {
      bestScore = score;
      best = sep;
    }
  }
  return best;
}

function splitLine(line: string, sep: string): string[] {
  return parseCsv(line, sep)[0] ?? [];
}

/** RFC 4180: quoted fields may hold the separator, quotes ("") and line breaks. */
export function parseCsv(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      i++;
      while (i < n) {
        const d = text[i]!;
        if (d === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          field += d;
          i++;
        }
      }
      continue;
    }
    if (c === sep) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function readCsv(bytes: Uint8Array, options: ReadOptions): ParsedFile {
  // NUL bytes never occur in a text register: an image, a PDF or a Word file was chosen.
  const probe = bytes.subarray(0, 4096);
  if (probe.includes(0)) throw new SpreadsheetError('pas-un-tableur', SPREADSHEET_MESSAGES['pas-un-tableur']);
  const encoding = options.encoding ?? detectEncoding(bytes);
  const text = decodeText(bytes, encoding);
  const separator = options.separator ?? detectSeparator(text);
  const rows = parseCsv(text, separator).map((r) => r.map((s): CellValue => (s === '' ? null : unguardText(s))));
  return { format: 'csv', encoding, separator, sheets: [{ name: 'CSV', rows: trimRows(rows), merges: [], formulas: 0 }] };
}
