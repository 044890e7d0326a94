/**
 * What a spreadsheet cell holds once read (xlsx or CSV), and the conversions every reader and writer shares:
 * Excel serial dates, French dates, and the guard against text that a spreadsheet would take for a formula.
 */
export type CellValue = string | number | boolean | Date | null;

/** Excel's day 0 is 1899-12-30 (the 1900 leap-year bug makes serial 60 the non-existent 29/02/1900). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  return new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** A calendar date as the UTC midnight Date that exceljs writes as the same serial day everywhere. */
export function isoToUtcDate(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

function validIso(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const DATE_MESSAGE = 'Date non reconnue : attendue au format jj/mm/aaaa (ex. 05/03/2024).';

/**
 * A date cell → ISO `yyyy-MM-dd`, or null when the format is unknown. Accepts what offices' registers hold:
 * a typed date (xlsx), an Excel serial number, `dd/MM/yyyy` (also `d/M/yyyy`, `-` or `.` separators, 2-digit
 * years as 20xx) and ISO `yyyy-MM-dd`. `05/03/2024` is always the 5th of March (French order).
 */
export function parseDateCell(v: CellValue): string | null {
  if (v === null) return null;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    // exceljs gives typed dates as UTC midnights; a time part (hh:mm) is dropped.
    return validIso(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  }
  if (typeof v === 'number') return excelSerialToIso(v);
  if (typeof v === 'boolean') return null;
  const s = v.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) {
    const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return validIso(y, Number(m[2]), Number(m[1]));
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(s);
  if (m) return validIso(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}(\.\d+)?$/.test(s)) return excelSerialToIso(Number(s));
  return null;
}

/** Text of a cell as a user would read it (dates dd/MM/yyyy, booleans oui/non). */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) {
    const iso = parseDateCell(v);
    return iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';
  }
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v).replace('.', ',');
  return v;
}

/** Starts like a formula for Excel or LibreOffice (= + - @, or a tab/CR that some versions strip first). */
export function looksLikeFormula(s: string): boolean {
  return /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d[\d\s]*([.,]\d+)?$/.test(s);
}

/**
 * Our CSV export writes `'=…` for such text (shared/csv); reading it back removes that one apostrophe so the
 * value round-trips exactly. Any other text is kept as it is, never evaluated.
 */
export function unguardText(s: string): string {
  return s.startsWith("'") && looksLikeFormula(s.slice(1)) ? s.slice(1) : s;
}
