/**
 * Calendar dates are stored `yyyy-MM-dd` and shown `dd/MM/yyyy`; these helpers avoid time-zone drift. Written
 * without date-fns' `format`/`parse` (and its French locale): they are on the first screen's path and in the
 * derived-state worker, where that library weighed more than all the rest of the code (dates.test.ts checks
 * the same results as date-fns).
 */

export type DateLike = string | Date;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `yyyy-MM-dd` of a Date's local calendar day. */
function ymd(d: Date): string {
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local date at midday of year/month/day, or null when that day does not exist (31/02, month 13…). */
function localDay(y: number, m: number, day: number): Date | null {
  const d = new Date(2000, 0, 1, 12);
  d.setFullYear(y, m - 1, day);
  return d.getFullYear() === y && d.getMonth() === m - 1 && d.getDate() === day ? d : null;
}

/** Local calendar date of a Date, or the ISO string unchanged. */
export function isoOf(d: DateLike): string {
  return typeof d === 'string' ? d.slice(0, 10) : ymd(d);
}

/** Midday local time, so adding months/years never crosses into the neighbouring day (Invalid Date if not a date). */
export function dateOf(iso: string): Date {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(iso.slice(0, 10));
  return (m && localDay(Number(m[1]), Number(m[2]), Number(m[3]))) || new Date(NaN);
}

const valid = (d: Date) => !Number.isNaN(d.getTime());

export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = dateOf(iso);
  return valid(d) ? `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${pad(d.getFullYear(), 4)}` : iso;
}

export function formatDateTime(instant: string | undefined): string {
  if (!instant) return '';
  const d = new Date(instant);
  return valid(d) ? `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${pad(d.getFullYear(), 4)} ${pad(d.getHours())}:${pad(d.getMinutes())}` : instant;
}

/** `dd/MM/yyyy` typed by a user → ISO, or null. */
export function parseFrenchDate(input: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(input.trim());
  const d = m && localDay(Number(m[3]), Number(m[2]), Number(m[1]));
  return d ? ymd(d) : null;
}

/** The calendar day before `iso` (the last day of a role replaced from `iso`). */
export function dayBefore(iso: string): string {
  const d = dateOf(iso);
  d.setDate(d.getDate() - 1);
  return ymd(d);
}

/** The calendar day after `iso`. */
export function dayAfter(iso: string): string {
  const d = dateOf(iso);
  d.setDate(d.getDate() + 1);
  return ymd(d);
}

export function todayIso(): string {
  return isoOf(new Date());
}
