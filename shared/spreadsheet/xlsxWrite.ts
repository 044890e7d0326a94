/**
 * Real Excel workbooks (.xlsx), their XML written directly: typed dates shown dd/MM/yyyy, a frozen header row, an
 * autofilter, column widths from the content and sheets named after their list. Used by every list export,
 * « Exporter toute la base » and the reports. Text always goes in as a string cell: Excel never evaluates a
 * string cell, so text starting with = + - @ stays text (no formula injection) without altering it.
 */
import { strToU8, zipSync } from 'fflate';
import { isoToUtcDate, type CellValue } from './cells';

export type XlsxKind = 'text' | 'date' | 'number' | 'boolean';

export interface XlsxColumn {
  header: string;
  /** 'date' expects ISO `yyyy-MM-dd` or `dd/MM/yyyy` text (or a Date) and writes a typed date. */
  kind?: XlsxKind;
  /** Width in characters; computed from the content when absent. */
  width?: number;
}

export interface XlsxSheet {
  name: string;
  columns: readonly XlsxColumn[];
  rows: Iterable<readonly (CellValue | undefined)[]>;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DATE_FORMAT = 'dd/mm/yyyy';
const FR_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Excel's sheet-name rules: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetName(name: string, taken: ReadonlySet<string> = new Set()): string {
  const base = (name.replace(/[:\\/?*[\]]/g, ' ').replace(/^'+|'+$/g, '').trim() || 'Feuille').slice(0, 31);
  let out = base;
  for (let i = 2; [...taken].some((t) => t.toLowerCase() === out.toLowerCase()); i++) out = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  return out;
}

/** Cell value for exceljs: dd/MM/yyyy or ISO text in a date column becomes a typed date. */
function toCell(v: CellValue | undefined, kind: XlsxKind): CellValue {
  if (v === undefined || v === null || v === '') return null;
  if (kind === 'date' && typeof v === 'string') {
    const fr = FR_DATE.exec(v);
    if (fr) return isoToUtcDate(`${fr[3]}-${fr[2]}-${fr[1]}`);
    if (ISO_DATE.test(v)) return isoToUtcDate(v);
    return v;
  }
  // A string cell starting with '=' is still a string cell (t="s"): no formula is ever written.
  return v;
}

function displayLength(v: CellValue | undefined): number {
  if (v === null || v === undefined) return 0;
  if (v instanceof Date) return 10;
  const s = String(v);
  let longest = 0;
  for (const line of s.split('\n')) longest = Math.max(longest, line.length);
  return longest;
}

/** Guess from the header and the first rows: dd/MM/yyyy everywhere → date (so lists need not declare it). */
export function inferKind(values: readonly (CellValue | undefined)[]): XlsxKind {
  let dates = 0;
  let other = 0;
  for (const v of values) {
    if (v === null || v === undefined || v === '') continue;
    if (v instanceof Date || (typeof v === 'string' && FR_DATE.test(v))) dates++;
    else other++;
  }
  return dates > 0 && other === 0 ? 'date' : 'text';
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** Text as XML: the five entities escaped, characters XML 1.0 forbids (control codes) dropped. */
function esc(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s)) return s;
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A Date as Excel's serial day number (exceljs's utils.dateToExcel). */
function dateToSerial(d: Date): number {
  return d.getTime() / 86_400_000 + 25569;
}

// Cell styles of styles.xml below: 0 normal, 1 date, 2 header, 3 header of a date column.
const STYLE_DATE = 1;
const STYLE_HEADER = 2;
const STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="${DATE_FORMAT}"/></numFmts>` +
  '<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** The workbook's shared strings: each distinct text stored once (lists repeat profiles, services, statuses). */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly parts: string[] = [];
  count = 0;
  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.parts.length;
      this.index.set(s, i);
      const space = /^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : '';
      this.parts.push(`<si><t${space}>${esc(s)}</t></si>`);
    }
    return i;
  }
  xml(): string {
    return `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.parts.length}">${this.parts.join('')}</sst>`;
  }
}

function cellXml(ref: string, v: CellValue | undefined, kind: XlsxKind, strings: SharedStrings, style = 0): string {
  const value = toCell(v, kind);
  const s = style ? ` s="${style}"` : '';
  if (value === null) return style ? `<c r="${ref}"${s}/>` : '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : `<c r="${ref}" s="${style || STYLE_DATE}"><v>${dateToSerial(value)}</v></c>`;
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s} t="s"><v>${strings.id(value)}</v></c>`;
}

function sheetXml(sheet: XlsxSheet, strings: SharedStrings): string {
  const rows = Array.isArray(sheet.rows) ? (sheet.rows as (CellValue | undefined)[][]) : [...sheet.rows];
  const n = sheet.columns.length;
  const kinds = sheet.columns.map((c, i) => c.kind ?? inferKind(rows.slice(0, 200).map((r) => r[i])));
  const letters = sheet.columns.map((_, i) => columnLetters(i + 1));
  const widths = sheet.columns.map((c) => c.header.length);
  for (const row of rows) for (let i = 0; i < n; i++) widths[i] = Math.max(widths[i]!, displayLength(row[i]));
  const last = n > 0 ? `${letters[n - 1]}${rows.length + 1}` : 'A1';
  const parts: string[] = [
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><dimension ref="A1:${last}"/>`,
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>',
    '<sheetFormatPr defaultRowHeight="15"/>',
  ];
  if (n > 0) {
    parts.push('<cols>');
    sheet.columns.forEach((c, i) => {
      const width = c.width ?? Math.min(60, Math.max(8, widths[i]! + 2));
      parts.push(`<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"${kinds[i] === 'date' ? ` style="${STYLE_DATE}"` : ''}/>`);
    });
    parts.push('</cols>');
  }
  parts.push('<sheetData><row r="1">');
  sheet.columns.forEach((c, i) => parts.push(cellXml(`${letters[i]}1`, c.header, 'text', strings, kinds[i] === 'date' ? STYLE_HEADER + 1 : STYLE_HEADER)));
  parts.push('</row>');
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const line = r + 2;
    let xml = `<row r="${line}">`;
    for (let i = 0; i < n; i++) xml += cellXml(`${letters[i]}${line}`, row[i], kinds[i]!, strings);
    parts.push(`${xml}</row>`);
  }
  parts.push('</sheetData>');
  if (n > 0) parts.push(`<autoFilter ref="A1:${letters[n - 1]}1"/>`);
  parts.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
  return parts.join('');
}

/**
 * The workbook's XML written directly and zipped by fflate (exceljs's object model took ≈ 2 minutes for the
 * 150,000 habilitations of the stress set in Chromium). The parts are those exceljs wrote, without its theme.
 */
export async function writeXlsx(sheets: readonly XlsxSheet[], options: { creator?: string; now?: Date } = {}): Promise<Uint8Array> {
  const strings = new SharedStrings();
  const taken = new Set<string>();
  const names: string[] = [];
  const files: Record<string, Uint8Array> = {};
  sheets.forEach((sheet, i) => {
    const name = sheetName(sheet.name, taken);
    taken.add(name);
    names.push(name);
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(sheet, strings));
  });
  const now = (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const creator = esc(options.creator ?? 'Partenaires MCP');
  const sheetParts = names.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.worksheet+xml"/>`).join('');
  files['[Content_Types].xml'] = strToU8(
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>${sheetParts}<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>` +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
  );
  files['_rels/.rels'] = strToU8(
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
  );
  files['docProps/core.xml'] = strToU8(
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${creator}</dc:creator><cp:lastModifiedBy>${creator}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`,
  );
  files['docProps/app.xml'] = strToU8(
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application>` +
      `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${names.length}</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${names.map((n) => `<vt:lpstr>${esc(n)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts></Properties>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><workbookPr/><bookViews><workbookView/></bookViews><sheets>${names.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 3}"/>`).join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` +
      `${names.map((_, i) => `<Relationship Id="rId${i + 3}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
  );
  files['xl/styles.xml'] = strToU8(STYLES_XML);
  files['xl/sharedStrings.xml'] = strToU8(strings.xml());
  // Level 1: the XML compresses ~10× already; higher levels cost seconds on 150,000 rows for a few percent.
  return zipSync(files, { level: 1 });
}
