/**
 * French public holidays (jours fériés) per territory, as data.
 *
 * Sources: Code du travail art. L3133-1 (the 11 national holidays); Code du travail local d'Alsace-Moselle
 * art. L3134-13 (Vendredi saint, 26 décembre); loi n° 83-550 du 30 juin 1983 and décret n° 83-1003 du
 * 23 novembre 1983 (commémoration de l'abolition de l'esclavage, one day per overseas département).
 * Good Friday and Mardi gras in the Antilles are customary, not legal, holidays: not listed.
 */
import type { Territory } from '../domain/common';

/** A holiday on a fixed day of the year, or at an offset (days) from Easter Sunday. */
export type HolidayRule =
  | { kind: 'fixed'; month: number; day: number; name: string; territories: 'all' | readonly string[]; since?: number }
  | { kind: 'easter'; offset: number; name: string; territories: 'all' | readonly string[]; since?: number };

/**
 * Territory codes are plain strings here so a new row needs no type change: Saint-Martin (28 mai, since
 * 2018) would be `{ kind: 'fixed', month: 5, day: 28, name: …, territories: ['saint-martin'], since: 2018 }`.
 */
export const holidayRules: readonly HolidayRule[] = [
  { kind: 'fixed', month: 1, day: 1, name: "Jour de l'an", territories: 'all' },
  { kind: 'easter', offset: -2, name: 'Vendredi saint', territories: ['alsace-moselle'] },
  { kind: 'easter', offset: 1, name: 'Lundi de Pâques', territories: 'all' },
  { kind: 'fixed', month: 4, day: 27, name: "Abolition de l'esclavage", territories: ['mayotte'] },
  { kind: 'fixed', month: 5, day: 1, name: 'Fête du Travail', territories: 'all' },
  { kind: 'fixed', month: 5, day: 8, name: 'Victoire 1945', territories: 'all' },
  { kind: 'easter', offset: 39, name: 'Ascension', territories: 'all' },
  { kind: 'fixed', month: 5, day: 22, name: "Abolition de l'esclavage", territories: ['martinique'] },
  { kind: 'fixed', month: 5, day: 27, name: "Abolition de l'esclavage", territories: ['guadeloupe'] },
  { kind: 'easter', offset: 50, name: 'Lundi de Pentecôte', territories: 'all' },
  { kind: 'fixed', month: 6, day: 10, name: "Abolition de l'esclavage", territories: ['guyane'] },
  { kind: 'fixed', month: 7, day: 14, name: 'Fête nationale', territories: 'all' },
  { kind: 'fixed', month: 8, day: 15, name: 'Assomption', territories: 'all' },
  { kind: 'fixed', month: 11, day: 1, name: 'Toussaint', territories: 'all' },
  { kind: 'fixed', month: 11, day: 11, name: 'Armistice 1918', territories: 'all' },
  { kind: 'fixed', month: 12, day: 20, name: "Abolition de l'esclavage", territories: ['reunion'] },
  { kind: 'fixed', month: 12, day: 25, name: 'Noël', territories: 'all' },
  { kind: 'fixed', month: 12, day: 26, name: 'Saint-Étienne', territories: ['alsace-moselle'] },
];

/** Easter Sunday (Gregorian), anonymous algorithm of Meeus/Jones/Butcher. Returns [month 1-12, day]. */
export function easterSunday(year: number): [month: number, day: number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `yyyy-MM-dd` of a civil date; UTC arithmetic so no time zone or DST can shift the day. */
function isoOf(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month - 1, day));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export interface PublicHoliday {
  /** `yyyy-MM-dd` */
  date: string;
  name: string;
}

const cache = new Map<string, PublicHoliday[]>();

/**
 * Public holidays of `year` in `territory`, sorted by date. Two holidays on the same day (Ascension and
 * 22 mai in Martinique in 2031) give one entry whose name joins both, so each date appears once.
 */
export function publicHolidays(year: number, territory: Territory | string): PublicHoliday[] {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`Année hors calendrier grégorien : ${year}`);
  const key = `${year}:${territory}`;
  const cached = cache.get(key);
  if (cached) return cached.map((h) => ({ ...h }));
  const byDate = new Map<string, string[]>();
  const [em, ed] = easterSunday(year);
  for (const rule of holidayRules) {
    if (rule.territories !== 'all' && !rule.territories.includes(territory)) continue;
    if (rule.since !== undefined && year < rule.since) continue;
    const date = rule.kind === 'fixed' ? isoOf(year, rule.month, rule.day) : isoOf(year, em, ed + rule.offset);
    byDate.set(date, [...(byDate.get(date) ?? []), rule.name]);
  }
  const list = [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, names]) => ({ date, name: names.join(' ; ') }));
  cache.set(key, list);
  return list.map((h) => ({ ...h }));
}

/**
 * Holidays of a year as numbers `month * 100 + day` (1-based month), for the hot path of deadline loops:
 * no string is built per day tested.
 */
const setCache = new Map<string, ReadonlySet<number>>();
export function holidayKeys(year: number, territory: Territory | string): ReadonlySet<number> {
  const key = `${year}:${territory}`;
  let s = setCache.get(key);
  if (!s) {
    s = new Set(publicHolidays(year, territory).map((h) => Number(h.date.slice(5, 7)) * 100 + Number(h.date.slice(8, 10))));
    setCache.set(key, s);
  }
  return s;
}
