import { format } from 'date-fns';

/**
 * `jj/mm/aaaa hh:mm` typed by the user → local Date, or null. A plain text field, like the app's dates: it
 * reads the same whatever the browser's locale (Chromium's datetime-local follows the UI language).
 */
export function parseFrenchDateTime(value: string): Date | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})\s+(\d{1,2})[:h](\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [day, month, year, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (hour > 23 || minute > 59) return null;
  const d = new Date(year, month - 1, day, hour, minute);
  return d.getMonth() === month - 1 && d.getDate() === day ? d : null;
}

/** Now, as the user would type it. */
export const nowInput = (): string => format(new Date(), 'dd/MM/yyyy HH:mm');
