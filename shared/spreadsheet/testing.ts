/**
 * Helpers for tests and the bench: files made from the generator's records in each format and encoding, and an
 * in-memory application of a plan (the renderer applies plans through the Store).
 */
import type { Dataset } from '../demo/dataset';
import { toCsv, type CsvColumn } from '../csv/toCsv';
import type { CellValue } from './cells';
import { fieldCatalogue, type RowKind } from './fields';
import type { ExistingData, ImportPlan } from './plan';
import type { XlsxSheet } from './xlsxWrite';

/** Windows-1252 bytes of a text (what French Excel writes); characters outside it become « ? ». */
export function encodeWindows1252(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1252');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  const out = new Uint8Array(text.length);
  let n = 0;
  for (const ch of text) out[n++] = table.get(ch) ?? 0x3f;
  return out.subarray(0, n);
}

/** A sheet as CSV text (`;`, with BOM as our own export writes it); dates as dd/MM/yyyy. */
export function sheetToCsv(sheet: XlsxSheet, options: { bom?: boolean; separator?: string } = {}): string {
  const columns: CsvColumn<readonly (CellValue | undefined)[]>[] = sheet.columns.map((c, i) => ({
    header: c.header,
    value: (row) => {
      const v = row[i];
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (c.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
      return v ?? null;
    },
  }));
  let text = toCsv(columns, [...sheet.rows]);
  if (options.bom === false) text = text.replace(/^\uFEFF/, '');
  if (options.separator && options.separator !== ';') text = text.replace(/;/g, options.separator);
  return text;
}

export function emptyExisting(): { [K in keyof ExistingData]: ExistingData[K][number][] } {
  return { partners: [], conventions: [], contacts: [], allocations: [], habilitations: [] };
}

/** Applies a plan to plain arrays (tests only: the app goes through Store.write). */
export function applyPlanInMemory(base: ReturnType<typeof emptyExisting>, plan: ImportPlan): void {
  for (const item of plan.creates) (base[item.table] as unknown[]).push(structuredClone(item.data));
  for (const item of plan.updates) {
    const list = base[item.table] as { id: string }[];
    const i = list.findIndex((r) => r.id === item.id);
    if (i >= 0) list[i] = { ...list[i]!, ...structuredClone(item.data) };
  }
}

export function datasetExisting(d: Dataset): ExistingData {
  return { partners: d.partners, conventions: d.conventions, contacts: d.contacts, allocations: d.allocations, habilitations: d.habilitations };
}

/** Every field of a kind, mapped to itself (the layout of our own export). */
export function identityMapping(kind: RowKind, headers: readonly string[]): (string | null)[] {
  return headers.map((h) => fieldCatalogue[kind].find((d) => d.header === h)?.key ?? null);
}

let counter = 0;
export const testIds = () => `imp-${(++counter).toString(36)}`;

/**
 * The start of an encrypted .xlsx as Excel writes it: an OLE compound file whose directory names the
 * « EncryptionInfo » stream (UTF-16LE). Enough for the reader to recognise it; no real encryption needed.
 */
export function protectedWorkbook(): Uint8Array {
  const out = new Uint8Array(1536);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  const name = [...'EncryptionInfo'].flatMap((c) => [c.charCodeAt(0), 0]);
  out.set(name, 1024);
  return out;
}

/** An old Excel 97-2003 (.xls) file: an OLE compound file with a « Workbook » stream. */
export function legacyXls(): Uint8Array {
  const out = new Uint8Array(1536);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  out.set([...'Workbook'].flatMap((c) => [c.charCodeAt(0), 0]), 1024);
  return out;
}
