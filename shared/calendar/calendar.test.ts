import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { territories, type Territory } from '../domain/common';
import { dueAt, easterSunday, holidayName, isWorkingDay, localDate, nextServiceMoment, publicHolidays, SERVICE_HOURS_ORDER_MESSAGE, type DelayUnit } from './index';

/**
 * Easter Sunday, Good Friday, Easter Monday, Ascension, Pentecost Monday, 2017–2035. Easter Sundays are the
 * published dates (calendrier des postes / Bureau des longitudes); the others were derived from them with
 * Python's datetime and cross-checked against python-dateutil's `easter()`, independently of our code.
 */
const movable: [number, string, string, string, string, string][] = [
  [2017, '2017-04-16', '2017-04-14', '2017-04-17', '2017-05-25', '2017-06-05'],
  [2018, '2018-04-01', '2018-03-30', '2018-04-02', '2018-05-10', '2018-05-21'],
  [2019, '2019-04-21', '2019-04-19', '2019-04-22', '2019-05-30', '2019-06-10'],
  [2020, '2020-04-12', '2020-04-10', '2020-04-13', '2020-05-21', '2020-06-01'],
  [2021, '2021-04-04', '2021-04-02', '2021-04-05', '2021-05-13', '2021-05-24'],
  [2022, '2022-04-17', '2022-04-15', '2022-04-18', '2022-05-26', '2022-06-06'],
  [2023, '2023-04-09', '2023-04-07', '2023-04-10', '2023-05-18', '2023-05-29'],
  [2024, '2024-03-31', '2024-03-29', '2024-04-01', '2024-05-09', '2024-05-20'],
  [2025, '2025-04-20', '2025-04-18', '2025-04-21', '2025-05-29', '2025-06-09'],
  [2026, '2026-04-05', '2026-04-03', '2026-04-06', '2026-05-14', '2026-05-25'],
  [2027, '2027-03-28', '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17'],
  [2028, '2028-04-16', '2028-04-14', '2028-04-17', '2028-05-25', '2028-06-05'],
  [2029, '2029-04-01', '2029-03-30', '2029-04-02', '2029-05-10', '2029-05-21'],
  [2030, '2030-04-21', '2030-04-19', '2030-04-22', '2030-05-30', '2030-06-10'],
  [2031, '2031-04-13', '2031-04-11', '2031-04-14', '2031-05-22', '2031-06-02'],
  [2032, '2032-03-28', '2032-03-26', '2032-03-29', '2032-05-06', '2032-05-17'],
  [2033, '2033-04-17', '2033-04-15', '2033-04-18', '2033-05-26', '2033-06-06'],
  [2034, '2034-04-09', '2034-04-07', '2034-04-10', '2034-05-18', '2034-05-29'],
  [2035, '2035-03-25', '2035-03-23', '2035-03-26', '2035-05-03', '2035-05-14'],
];

const fixedAll = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];
const slavery: Partial<Record<Territory, string>> = { mayotte: '04-27', martinique: '05-22', guadeloupe: '05-27', guyane: '06-10', reunion: '12-20' };

const dates = (year: number, t: Territory) => publicHolidays(year, t).map((h) => h.date);

describe('publicHolidays', () => {
  it.each(movable)('%i: Easter and movable feasts', (year, easter, goodFriday, easterMonday, ascension, pentecostMonday) => {
    const [m, d] = easterSunday(year);
    expect(`${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`).toBe(easter);
    const metro = dates(year, 'metropole');
    expect(metro).toContain(easterMonday);
    expect(metro).toContain(ascension);
    expect(metro).toContain(pentecostMonday);
    expect(metro).not.toContain(goodFriday);
    expect(dates(year, 'alsace-moselle')).toContain(goodFriday);
  });

  it.each(movable.map(([y]) => y))('%i: metropole has the 11 holidays, Alsace-Moselle 13, each DOM its abolition day', (year) => {
    const metro = publicHolidays(year, 'metropole');
    expect(metro).toHaveLength(11);
    for (const md of fixedAll) expect(metro.map((h) => h.date)).toContain(`${year}-${md}`);
    expect(metro.map((h) => h.date)).toEqual([...metro.map((h) => h.date)].sort());
    const alsace = dates(year, 'alsace-moselle');
    expect(alsace).toHaveLength(13);
    expect(alsace).toContain(`${year}-12-26`);
    for (const t of territories) {
      const own = slavery[t];
      if (!own) continue;
      // Each DOM keeps the 11 national days and adds only its own abolition day.
      const list = dates(year, t);
      const expected = [...new Set([...metro.map((h) => h.date), `${year}-${own}`])].sort();
      expect(list).toEqual(expected);
    }
  });

  it('names the days in French and merges two holidays on one date', () => {
    expect(publicHolidays(2026, 'reunion').at(-2)).toEqual({ date: '2026-12-20', name: "Abolition de l'esclavage" });
    expect(publicHolidays(2026, 'alsace-moselle').at(-1)).toEqual({ date: '2026-12-26', name: 'Saint-Étienne' });
    // 2031: Ascension falls on 22 May, Martinique's abolition day; 2030: Pentecost Monday on 10 June in Guyane.
    expect(publicHolidays(2031, 'martinique').find((h) => h.date === '2031-05-22')?.name).toBe("Ascension ; Abolition de l'esclavage");
    expect(publicHolidays(2031, 'martinique')).toHaveLength(11);
    expect(publicHolidays(2030, 'guyane').find((h) => h.date === '2030-06-10')?.name).toBe("Lundi de Pentecôte ; Abolition de l'esclavage");
    expect(publicHolidays(2027, 'guyane')).toHaveLength(12);
  });

  it('returns copies (callers cannot corrupt the cache)', () => {
    const a = publicHolidays(2026, 'metropole');
    a[0]!.name = 'x';
    a.pop();
    expect(publicHolidays(2026, 'metropole')).toHaveLength(11);
    expect(publicHolidays(2026, 'metropole')[0]!.name).toBe("Jour de l'an");
  });
});

const H = (territory: Territory) => ({ territory, opens: '08:00', closes: '16:00' });
/** Local wall-clock instant (the machine's time zone, as the application uses). */
const at = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi);
const show = (d: Date) => `${localDate(d)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

describe('dueAt: worked cases', () => {
  it('a request sent Friday 17:30 counts from Monday 08:00', () => {
    expect(show(nextServiceMoment(at(2026, 11, 20, 17, 30), H('metropole')))).toBe('2026-11-23 08:00');
    // 48 heures of service (8 h a day) = six working days: Mon 23 … Fri 27, Mon 30 until closing.
    expect(show(dueAt(at(2026, 11, 20, 17, 30), { value: 48, unit: 'hours' }, H('metropole')))).toBe('2026-11-30 16:00');
    expect(show(dueAt(at(2026, 11, 20, 17, 30), { value: 2, unit: 'working-days' }, H('metropole')))).toBe('2026-11-25 08:00');
  });

  it('hours count only within service hours; a full day ends at closing time, not next morning', () => {
    expect(show(dueAt(at(2026, 11, 23, 8, 0), { value: 8, unit: 'hours' }, H('metropole')))).toBe('2026-11-23 16:00');
    expect(show(dueAt(at(2026, 11, 23, 14, 0), { value: 3, unit: 'hours' }, H('metropole')))).toBe('2026-11-24 09:00');
    expect(show(dueAt(at(2026, 11, 23, 16, 0), { value: 1, unit: 'hours' }, H('metropole')))).toBe('2026-11-24 09:00');
    expect(show(dueAt(at(2026, 11, 23, 6, 45), { value: 1, unit: 'hours' }, H('metropole')))).toBe('2026-11-23 09:00');
    // Custom hours of a Caf open 09:00–16:00.
    expect(show(dueAt(at(2026, 11, 23, 7, 0), { value: 8, unit: 'hours' }, { territory: 'metropole', opens: '09:00', closes: '16:00' }))).toBe('2026-11-24 10:00');
  });

  it('La Réunion: 20 décembre is not a working day there, it is in métropole', () => {
    expect(holidayName(at(2024, 12, 20), 'reunion')).toBe("Abolition de l'esclavage");
    expect(isWorkingDay(at(2024, 12, 20), 'metropole')).toBe(true);
    expect(show(dueAt(at(2024, 12, 19, 10), { value: 1, unit: 'working-days' }, H('reunion')))).toBe('2024-12-23 10:00');
    expect(show(dueAt(at(2024, 12, 19, 10), { value: 1, unit: 'working-days' }, H('metropole')))).toBe('2024-12-20 10:00');
    // « 7 jours ouvrés » (Saint-Denis contract) from Wednesday 18/12/2024 09:00: skips 20/12 and Noël.
    expect(show(dueAt(at(2024, 12, 18, 9), { value: 7, unit: 'working-days' }, H('reunion')))).toBe('2024-12-31 09:00');
    expect(show(dueAt(at(2024, 12, 18, 9), { value: 7, unit: 'working-days' }, H('metropole')))).toBe('2024-12-30 09:00');
  });

  it('Alsace-Moselle: Vendredi saint then lundi de Pâques', () => {
    // Thursday 02/04/2026 17:30: Alsace resumes Tuesday 07/04 (Good Friday, weekend, Easter Monday).
    expect(show(nextServiceMoment(at(2026, 4, 2, 17, 30), H('alsace-moselle')))).toBe('2026-04-07 08:00');
    expect(show(nextServiceMoment(at(2026, 4, 2, 17, 30), H('metropole')))).toBe('2026-04-03 08:00');
    expect(show(dueAt(at(2026, 4, 2, 14), { value: 4, unit: 'hours' }, H('alsace-moselle')))).toBe('2026-04-07 10:00');
    expect(show(dueAt(at(2026, 4, 2, 14), { value: 4, unit: 'hours' }, H('metropole')))).toBe('2026-04-03 10:00');
    expect(show(dueAt(at(2026, 12, 24, 10), { value: 1, unit: 'working-days' }, H('alsace-moselle')))).toBe('2026-12-28 10:00');
  });

  it('lundi de Pentecôte and Martinique 22 mai', () => {
    expect(show(nextServiceMoment(at(2026, 5, 22, 17, 30), H('metropole')))).toBe('2026-05-26 08:00');
    expect(show(nextServiceMoment(at(2026, 5, 21, 17, 30), H('martinique')))).toBe('2026-05-26 08:00');
    expect(show(nextServiceMoment(at(2026, 5, 21, 17, 30), H('metropole')))).toBe('2026-05-22 08:00');
  });

  it('calendar days are plain days, postponed to the next opening when they end outside service hours', () => {
    // « 10 jours »: Monday 02/11/2026 10:00 → Thursday 12/11 10:00 (11 novembre inside the span does not count).
    expect(show(dueAt(at(2026, 11, 2, 10), { value: 10, unit: 'calendar-days' }, H('metropole')))).toBe('2026-11-12 10:00');
    // Ends on Saturday 14/11 → Monday 16/11 08:00.
    expect(show(dueAt(at(2026, 11, 4, 10), { value: 10, unit: 'calendar-days' }, H('metropole')))).toBe('2026-11-16 08:00');
    // Ends on 11 novembre (holiday) → Thursday 12/11 08:00.
    expect(show(dueAt(at(2026, 11, 1, 10), { value: 10, unit: 'calendar-days' }, H('metropole')))).toBe('2026-11-12 08:00');
    // Ends after closing → next morning.
    expect(show(dueAt(at(2026, 11, 2, 17, 30), { value: 1, unit: 'calendar-days' }, H('metropole')))).toBe('2026-11-04 08:00');
  });

  it('rejects service hours that end before they start, and negative delays', () => {
    expect(() => dueAt(at(2026, 11, 2, 10), { value: 1, unit: 'hours' }, { territory: 'metropole', opens: '16:00', closes: '08:00' })).toThrow(SERVICE_HOURS_ORDER_MESSAGE);
    expect(() => dueAt(at(2026, 11, 2, 10), { value: -1, unit: 'hours' }, H('metropole'))).toThrow('Le délai doit être un nombre positif.');
  });
});

const territoryArb = fc.constantFrom(...territories);
const unitArb = fc.constantFrom<DelayUnit>('hours', 'calendar-days', 'working-days');
/** Minute-precision local instants 2017–2035. */
const instantArb = fc
  .record({ y: fc.integer({ min: 2017, max: 2035 }), m: fc.integer({ min: 0, max: 11 }), d: fc.integer({ min: 1, max: 28 }), h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }) })
  .map(({ y, m, d, h, mi }) => new Date(y, m, d, h, mi));
const hoursArb = fc
  .record({ open: fc.integer({ min: 6 * 60, max: 10 * 60 }), len: fc.integer({ min: 60, max: 10 * 60 }) })
  .map(({ open, len }) => {
    const hm = (x: number) => `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
    return { opens: hm(open), closes: hm(open + len) };
  });
const minutesOf = (d: Date) => d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60;
const tm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));

describe('dueAt: properties', () => {
  it('a deadline never falls on a weekend or holiday, nor outside service hours', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 60 }), unitArb, territoryArb, hoursArb, (start, value, unit, territory, hrs) => {
        const due = dueAt(start, { value, unit }, { territory, ...hrs });
        expect(isWorkingDay(due, territory)).toBe(true);
        expect(minutesOf(due)).toBeGreaterThanOrEqual(tm(hrs.opens));
        expect(minutesOf(due)).toBeLessThanOrEqual(tm(hrs.closes));
        expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('more delay never gives an earlier deadline; a later start never gives an earlier deadline', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), unitArb, territoryArb, (start, a, b, unit, territory) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(dueAt(start, { value: hi, unit }, H(territory)).getTime()).toBeGreaterThanOrEqual(dueAt(start, { value: lo, unit }, H(territory)).getTime());
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 5 * 24 * 60 }), fc.integer({ min: 0, max: 40 }), unitArb, territoryArb, (start, laterBy, value, unit, territory) => {
        const later = new Date(start.getTime() + laterBy * 60_000);
        expect(dueAt(later, { value, unit }, H(territory)).getTime()).toBeGreaterThanOrEqual(dueAt(start, { value, unit }, H(territory)).getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('a start outside service hours counts exactly as a start at the next opening (hours, working days)', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 60 }), fc.constantFrom<DelayUnit>('hours', 'working-days'), territoryArb, (start, value, unit, territory) => {
        const opening = nextServiceMoment(start, H(territory));
        expect(dueAt(start, { value, unit }, H(territory)).getTime()).toBe(dueAt(opening, { value, unit }, H(territory)).getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('inside service hours, N working days keep the time of day; N hours of a day stay that day', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 1, max: 30 }), territoryArb, (start, value, territory) => {
        const s = nextServiceMoment(start, H(territory));
        const due = dueAt(s, { value, unit: 'working-days' }, H(territory));
        expect(minutesOf(due)).toBe(minutesOf(s));
        // Exactly `value` working days lie in (s, due].
        let count = 0;
        for (let d = new Date(s.getFullYear(), s.getMonth(), s.getDate() + 1); d <= due; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) if (isWorkingDay(d, territory)) count++;
        expect(count).toBe(value);
      }),
      { numRuns: 300 },
    );
  });
});
