/**
 * Working-day calendar and escalation deadlines.
 *
 * Time zone: every computation uses the LOCAL WALL CLOCK of the machine (Date's local getters and the
 * `new Date(y, m, d, h, min)` constructor). The office's workstations run in their Caf's time zone
 * (Europe/Paris for métropole and Alsace-Moselle, Indian/Reunion for La Réunion, …), so « 08:00 » means
 * 08:00 at the Caf, and a daylight-saving change never shifts a service-hour boundary (changes happen at
 * 02:00–03:00, outside any realistic service hours).
 *
 * Rules (the contrats de service: « dans un délai de 48 heures », « 7 jours ouvrés », « 10 jours »):
 * - Working day (jour ouvré): Monday–Friday, not a public holiday of the territory.
 * - Service moment: an instant on a working day in [opens, closes). A request sent outside those (17:30 on
 *   Friday, a Sunday, a holiday) counts from the next opening (Monday 08:00, or the next working day).
 * - `hours`: counted only inside service hours of working days, from the first service moment. A deadline
 *   that uses up a day's hours exactly ends at that day's closing time (08:00 + 8 h = 16:00 the same day).
 * - `working-days`: from the first service moment, N working days later at the same time of day
 *   (Monday 10:00 + 1 jour ouvré = Tuesday 10:00; Friday 17:30 + 2 = Wednesday 08:00). Always a working day.
 * - `calendar-days`: plain days from the actual sending time, same wall-clock time N days later. When that
 *   instant is not a service moment (weekend, holiday, before opening or after closing), the deadline is
 *   postponed to the next opening — as art. 642 of the Code de procédure civile extends a time limit that
 *   expires on a Saturday, Sunday or holiday: nobody at the other end can answer before then.
 */
import type { Territory } from '../domain/common';
import { holidayKeys, publicHolidays } from './holidays';

export { publicHolidays, easterSunday, holidayRules, type PublicHoliday, type HolidayRule } from './holidays';

export type DelayUnit = 'hours' | 'calendar-days' | 'working-days';
export interface Delay {
  value: number;
  unit: DelayUnit;
}
export interface ServiceHours {
  territory: Territory;
  /** `hh:mm` local */
  opens: string;
  /** `hh:mm` local, after `opens` */
  closes: string;
}

export const DEFAULT_SERVICE_HOURS = { opens: '08:00', closes: '16:00' } as const;

const pad = (n: number) => String(n).padStart(2, '0');

/** `yyyy-MM-dd` of the local calendar day of `d`. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Minutes since midnight of `hh:mm`; throws on a malformed time. */
export function parseTimeOfDay(hm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hm);
  if (!m) throw new RangeError(`Heure attendue au format hh:mm : « ${hm} ».`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export const SERVICE_HOURS_ORDER_MESSAGE = "L'heure de fermeture doit être postérieure à l'heure d'ouverture.";

/** Checked opening and closing minutes (memoised: the same few pairs come back on every call). */
const windows = new Map<string, { open: number; close: number }>();
function window(hours: ServiceHours): { open: number; close: number } {
  const key = `${hours.opens}-${hours.closes}`;
  const known = windows.get(key);
  if (known) return known;
  const open = parseTimeOfDay(hours.opens);
  const close = parseTimeOfDay(hours.closes);
  if (close <= open) throw new RangeError(SERVICE_HOURS_ORDER_MESSAGE);
  const w = { open, close };
  if (windows.size < 1000) windows.set(key, w);
  return w;
}

export function isHoliday(d: Date, territory: Territory): boolean {
  return holidayKeys(d.getFullYear(), territory).has((d.getMonth() + 1) * 100 + d.getDate());
}

export function isWorkingDay(d: Date, territory: Territory): boolean {
  const dow = d.getDay();
  return dow !== 0 && dow !== 6 && !isHoliday(d, territory);
}

/** Name of the holiday on `d`'s local day, if any. */
export function holidayName(d: Date, territory: Territory): string | undefined {
  const iso = localDate(d);
  return publicHolidays(d.getFullYear(), territory).find((h) => h.date === iso)?.name;
}

/** Local instant `minutes` after midnight on the local day of `d` (plus `addDays` days). */
function atMinutes(d: Date, minutes: number, addDays = 0): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + addDays, Math.floor(minutes / 60), minutes % 60, 0, 0);
}

/** Safety bound: no territory has more than a handful of consecutive non-working days. */
const MAX_SCAN_DAYS = 30;

/** First service moment at or after `t` (on a working day, in [opens, closes)). */
export function nextServiceMoment(t: Date, hours: ServiceHours): Date {
  const { open, close } = window(hours);
  if (isWorkingDay(t, hours.territory)) {
    if (t < atMinutes(t, open)) return atMinutes(t, open);
    if (t < atMinutes(t, close)) return new Date(t.getTime());
  }
  for (let i = 1; i <= MAX_SCAN_DAYS; i++) {
    const day = atMinutes(t, open, i);
    if (isWorkingDay(day, hours.territory)) return day;
  }
  throw new Error('Aucun jour ouvré trouvé dans les 30 jours.');
}

/** Is `t` inside service hours of a working day? */
export function isServiceMoment(t: Date, hours: ServiceHours): boolean {
  return nextServiceMoment(t, hours).getTime() === t.getTime();
}

/** Next working day after the local day of `d`, same wall-clock time. */
function nextWorkingDaySameTime(d: Date, territory: Territory): Date {
  for (let i = 1; i <= MAX_SCAN_DAYS; i++) {
    const next = new Date(d.getFullYear(), d.getMonth(), d.getDate() + i, d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
    if (isWorkingDay(next, territory)) return next;
  }
  throw new Error('Aucun jour ouvré trouvé dans les 30 jours.');
}

/**
 * When a request sent at `start` becomes due, for a delay counted as described at the top of this file.
 * `delay.value` must be finite and ≥ 0 (0 gives the first service moment for hours and working days).
 */
export function dueAt(start: Date, delay: Delay, hours: ServiceHours): Date {
  if (!Number.isFinite(delay.value) || delay.value < 0) throw new RangeError('Le délai doit être un nombre positif.');
  if (Number.isNaN(start.getTime())) throw new RangeError('Date de départ invalide.');
  const { close } = window(hours);
  switch (delay.unit) {
    case 'hours': {
      let at = nextServiceMoment(start, hours);
      let remaining = delay.value * 3_600_000;
      for (;;) {
        const closing = atMinutes(at, close);
        const available = closing.getTime() - at.getTime();
        if (remaining <= available) return new Date(at.getTime() + remaining);
        remaining -= available;
        at = nextServiceMoment(closing, hours);
      }
    }
    case 'working-days': {
      let at = nextServiceMoment(start, hours);
      for (let i = 0; i < delay.value; i++) at = nextWorkingDaySameTime(at, hours.territory);
      return at;
    }
    case 'calendar-days': {
      const plain = new Date(
        start.getFullYear(),
        start.getMonth(),
        start.getDate() + Math.floor(delay.value),
        start.getHours(),
        start.getMinutes(),
        start.getSeconds(),
        start.getMilliseconds(),
      );
      return nextServiceMoment(plain, hours);
    }
  }
}
