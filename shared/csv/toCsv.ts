/**
 * CSV that French Excel opens correctly: `;` separator (Excel-fr's list separator), UTF-8 with a BOM (without
 * it Excel reads the file as Windows-1252 and breaks accents), CRLF line ends, RFC 4180 quoting.
 */
export interface CsvColumn<R> {
  /** Header cell, in French. */
  header: string;
  /** Cell value; undefined/null become an empty cell. */
  value: (row: R) => string | number | boolean | null | undefined;
}

export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';

export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'boolean' ? (v ? 'oui' : 'non') : String(v);
  // Excel would evaluate a cell starting with = + - @ as a formula (CSV injection): prefix with an apostrophe.
  // Numbers keep their sign (a negative count is data, not a formula).
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d[\d\s]*$/.test(s)) s = `'${s}`;
  if (/[";\r\n]/.test(s) || s !== s.trim()) return `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** The whole file as a string, starting with the BOM. */
export function toCsv<R>(columns: readonly CsvColumn<R>[], rows: Iterable<R>): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(CSV_SEPARATOR)];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(CSV_SEPARATOR));
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}

/** The file as bytes (UTF-8), e.g. for a download or `platform.saveFile`. */
export function toCsvBytes<R>(columns: readonly CsvColumn<R>[], rows: Iterable<R>): Uint8Array {
  return new TextEncoder().encode(toCsv(columns, rows));
}
