/**
 * A report as one CSV file French Excel opens (`;`, UTF-8 BOM, CRLF): a header block (title, date, filters),
 * then each section as its heading, its column titles and its rows, separated by a blank line.
 */
import { CSV_BOM, CSV_SEPARATOR, csvCell } from '../csv/toCsv';
import { formatDate } from '../rules/dates';
import type { Report } from './model';

export function reportCsv(report: Report): string {
  const line = (cells: (string | number)[]) => cells.map((c) => csvCell(c)).join(CSV_SEPARATOR);
  const lines: string[] = [line([report.title]), line([`Établi le ${formatDate(report.madeOn)}`]), ...report.filters.map((f) => line([f])), ''];
  for (const s of report.sections) {
    lines.push(line([s.heading]), line(s.columns));
    for (const r of s.rows) lines.push(line(r));
    if (s.total) lines.push(line(s.total));
    if (!s.rows.length) lines.push(line([s.empty]));
    lines.push('');
  }
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}

/** `2026-11-20_Rapport-quotas.csv` (extension given by the caller). */
export function reportFileName(report: Pick<Report, 'id' | 'madeOn'>, extension: 'pdf' | 'csv' | 'xlsx'): string {
  return `${report.madeOn}_Rapport-${report.id}.${extension}`;
}
