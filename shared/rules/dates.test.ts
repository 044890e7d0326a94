import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { format, isValid, parse } from 'date-fns';
import { fr } from 'date-fns/locale';
import { dateOf, dayAfter, dayBefore, formatDate, formatDateTime, isoOf, parseFrenchDate } from './dates';

// The former date-fns implementation, as the reference the hand-written helpers must match.
const ref = {
  dateOf: (iso: string) => parse(`${iso.slice(0, 10)} 12`, 'yyyy-MM-dd HH', new Date()),
  formatDate(iso: string) {
    const d = ref.dateOf(iso);
    return isValid(d) ? format(d, 'dd/MM/yyyy', { locale: fr }) : iso;
  },
  formatDateTime(instant: string) {
    const d = new Date(instant);
    return isValid(d) ? format(d, 'dd/MM/yyyy HH:mm', { locale: fr }) : instant;
  },
  parseFrenchDate(input: string) {
    const d = parse(input.trim(), 'dd/MM/yyyy', new Date());
    return isValid(d) && /^\d{2}\/\d{2}\/\d{4}$/.test(input.trim()) ? format(d, 'yyyy-MM-dd') : null;
  },
};

const day = fc.date({ min: new Date(1000, 0, 1), max: new Date(9999, 11, 31), noInvalidDate: true });
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('dates without date-fns', () => {
  it('formats and parses stored days as date-fns did', () => {
    fc.assert(
      fc.property(day, (d) => {
        const iso = format(d, 'yyyy-MM-dd');
        expect(isoOf(d)).toBe(iso);
        expect(dateOf(iso).getTime()).toBe(ref.dateOf(iso).getTime());
        expect(formatDate(iso)).toBe(ref.formatDate(iso));
        expect(formatDateTime(d.toISOString())).toBe(ref.formatDateTime(d.toISOString()));
        const typed = format(d, 'dd/MM/yyyy');
        expect(parseFrenchDate(typed)).toBe(ref.parseFrenchDate(typed));
        expect(dayBefore(iso)).toBe(format(new Date(d.getFullYear(), d.getMonth(), d.getDate() - 1), 'yyyy-MM-dd'));
        expect(dayAfter(iso)).toBe(format(new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1), 'yyyy-MM-dd'));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses what is not a day, as date-fns did', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1000, max: 9999 }), (dd, mm, yyyy) => {
        const typed = `${pad(dd)}/${pad(mm)}/${yyyy}`;
        expect(parseFrenchDate(typed)).toBe(ref.parseFrenchDate(typed));
        const iso = `${yyyy}-${pad(mm)}-${pad(dd)}`;
        expect(formatDate(iso)).toBe(ref.formatDate(iso));
      }),
      { numRuns: 3000 },
    );
    for (const bad of ['', '1/2/2026', '31/02/2026', ' 01/13/2026', '29/02/2025', 'abc', '01/01/26']) expect(parseFrenchDate(bad)).toBe(ref.parseFrenchDate(bad));
    expect(parseFrenchDate(' 29/02/2028 ')).toBe('2028-02-29');
    for (const odd of ['2026-02-30', 'pas une date', '2026-1-1']) expect(formatDate(odd)).toBe(ref.formatDate(odd));
    expect(formatDateTime('nimporte')).toBe('nimporte');
  });
});
