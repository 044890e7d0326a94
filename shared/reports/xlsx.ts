/**
 * A report as a workbook for the spreadsheet writer (shared/spreadsheet/xlsxWrite, exceljs): a first sheet with
 * the header (title, date, filters, key figures), then one sheet per section, numbers as numbers.
 */
import { sheetName, type XlsxSheet } from '../spreadsheet/xlsxWrite';
import { formatDate } from '../rules/dates';
import type { Report } from './model';

export function reportSheets(report: Report): XlsxSheet[] {
  const taken = new Set<string>();
  const name = (n: string) => {
    const s = sheetName(n, taken);
    taken.add(s);
    return s;
  };
  const head: XlsxSheet = {
    name: name('Rapport'),
    columns: [{ header: report.title, kind: 'text' }],
    rows: [[`Établi le ${formatDate(report.madeOn)}`], ...report.filters.map((f) => [f]), ...report.summary.map((s) => [s])],
  };
  return [
    head,
    ...report.sections.map((s) => ({
      name: name(s.heading),
      // Other columns: the writer infers dates (dd/MM/yyyy) from the cells.
      columns: s.columns.map((c, i) => (s.numeric?.[i] ? { header: c, kind: 'number' as const } : { header: c })),
      rows: s.total ? [...s.rows, s.total] : s.rows,
    })),
  ];
}
