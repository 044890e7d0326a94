/**
 * Real Excel workbooks (.xlsx) through exceljs: typed dates shown dd/MM/yyyy, a frozen header row, an
 * autofilter, column widths from the content and sheets named after their list. Used by every list export,
 * « Exporter toute la base » and the reports. Text always goes in as a string cell: Excel never evaluates a
 * string cell, so text starting with = + - @ stays text (no formula injection) without altering it.
 */
import ExcelJS from 'exceljs';
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
function toCell(v: CellValue | undefined, kind: XlsxKind): ExcelJS.CellValue {
  if (v === undefined || v === null || v === '') return null;
  if (kind === 'date' && typeof v === 'string') {
    const fr = FR_DATE.exec(v);
    if (fr) return isoToUtcDate(`${fr[3]}-${fr[2]}-${fr[1]}`);
    if (ISO_DATE.test(v)) return isoToUtcDate(v);
    return v;
  }
  // A string cell starting with '=' is still a string: exceljs writes formulas only from { formula } objects.
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

export async function writeXlsx(sheets: readonly XlsxSheet[], options: { creator?: string; now?: Date } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = options.creator ?? 'Partenaires MCP';
  const now = options.now ?? new Date();
  wb.created = now;
  wb.modified = now;
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const name = sheetName(sheet.name, taken);
    taken.add(name);
    const rows = Array.isArray(sheet.rows) ? (sheet.rows as (CellValue | undefined)[][]) : [...sheet.rows];
    const n = sheet.columns.length;
    const kinds = sheet.columns.map((c, i) => c.kind ?? inferKind(rows.slice(0, 200).map((r) => r[i])));
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0, activeCell: 'A2' }] });
    const widths = sheet.columns.map((c) => c.header.length);
    for (const row of rows) for (let i = 0; i < n; i++) widths[i] = Math.max(widths[i]!, displayLength(row[i]));
    ws.columns = sheet.columns.map((c, i) => ({
      header: c.header,
      width: c.width ?? Math.min(60, Math.max(8, widths[i]! + 2)),
      ...(kinds[i] === 'date' ? { style: { numFmt: DATE_FORMAT } } : {}),
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of rows) {
      const values: ExcelJS.CellValue[] = new Array(n);
      for (let i = 0; i < n; i++) values[i] = toCell(row[i], kinds[i]!);
      ws.addRow(values);
    }
    if (n > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: n } };
  }
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
