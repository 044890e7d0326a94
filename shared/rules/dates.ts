/** Calendar dates are stored `yyyy-MM-dd` and shown `dd/MM/yyyy`; these helpers avoid time-zone drift. */
import { format, isValid, parse } from 'date-fns';
import { fr } from 'date-fns/locale';

export type DateLike = string | Date;

/** Local calendar date of a Date, or the ISO string unchanged. */
export function isoOf(d: DateLike): string {
  return typeof d === 'string' ? d.slice(0, 10) : format(d, 'yyyy-MM-dd');
}

/** Midday local time, so adding months/years never crosses into the neighbouring day. */
export function dateOf(iso: string): Date {
  return parse(`${iso.slice(0, 10)} 12`, 'yyyy-MM-dd HH', new Date());
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = dateOf(iso);
  return isValid(d) ? format(d, 'dd/MM/yyyy', { locale: fr }) : iso;
}

export function formatDateTime(instant: string | undefined): string {
  if (!instant) return '';
  const d = new Date(instant);
  return isValid(d) ? format(d, 'dd/MM/yyyy HH:mm', { locale: fr }) : instant;
}

/** `dd/MM/yyyy` typed by a user → ISO, or null. */
export function parseFrenchDate(input: string): string | null {
  const d = parse(input.trim(), 'dd/MM/yyyy', new Date());
  return isValid(d) && /^\d{2}\/\d{2}\/\d{4}$/.test(input.trim()) ? format(d, 'yyyy-MM-dd') : null;
}

/** The calendar day before `iso` (the last day of a role replaced from `iso`). */
export function dayBefore(iso: string): string {
  const d = dateOf(iso);
  d.setDate(d.getDate() - 1);
  return format(d, 'yyyy-MM-dd');
}

export function todayIso(): string {
  return isoOf(new Date());
}
