import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addYears } from 'date-fns';
import { dateOf, isoOf } from './dates';
import {
  conventionDatesError,
  conventionStatus,
  earliestTermination,
  isReverseReviewOverdue,
  nextRenewal,
  reverseReviewNextDue,
  terminationError,
} from './convention';

describe('convention status from dates', () => {
  const c = { signedOn: '2017-03-01', effectiveOn: '2017-04-01', tacitRenewal: true };
  it('walks en préparation → signée → en vigueur → résiliation demandée → résiliée', () => {
    expect(conventionStatus({}, '2026-01-01')).toBe('en-preparation');
    expect(conventionStatus(c, '2017-02-28')).toBe('en-preparation');
    expect(conventionStatus(c, '2017-03-01')).toBe('signee');
    expect(conventionStatus(c, '2017-04-01')).toBe('en-vigueur');
    const t = { ...c, terminationRequestedOn: '2026-01-10', terminationEffectiveOn: '2026-04-10' };
    expect(conventionStatus(t, '2026-01-09')).toBe('en-vigueur');
    expect(conventionStatus(t, '2026-01-10')).toBe('resiliation-demandee');
    expect(conventionStatus(t, '2026-04-10')).toBe('resiliee');
  });
  it('without tacit renewal ends after one year', () => {
    expect(conventionStatus({ ...c, tacitRenewal: false }, '2018-03-31')).toBe('en-vigueur');
    expect(conventionStatus({ ...c, tacitRenewal: false }, '2018-04-01')).toBe('resiliee');
  });
  it('accepts a Date for today', () => {
    expect(conventionStatus(c, new Date(2020, 0, 1))).toBe('en-vigueur');
  });
});

describe('next tacit renewal', () => {
  it('is the next anniversary of the effective date after today', () => {
    const c = { effectiveOn: '2017-04-01', tacitRenewal: true };
    expect(nextRenewal(c, '2026-11-23')).toBe('2027-04-01');
    expect(nextRenewal(c, '2026-03-31')).toBe('2026-04-01');
    expect(nextRenewal(c, '2026-04-01')).toBe('2027-04-01');
    expect(nextRenewal(c, '2017-01-01')).toBe('2018-04-01');
  });
  it('handles 29 February and stops at a termination', () => {
    expect(nextRenewal({ effectiveOn: '2016-02-29' }, '2026-01-01')).toBe('2026-02-28');
    expect(nextRenewal({ effectiveOn: '2017-04-01', terminationEffectiveOn: '2027-04-01' }, '2026-11-23')).toBeUndefined();
    expect(nextRenewal({ effectiveOn: '2017-04-01', terminationEffectiveOn: '2027-05-01' }, '2026-11-23')).toBe('2027-04-01');
    expect(nextRenewal({ effectiveOn: '2017-04-01', tacitRenewal: false }, '2017-05-01')).toBeUndefined();
    expect(nextRenewal({}, '2017-05-01')).toBeUndefined();
  });
});

describe('termination notice', () => {
  it('needs at least 3 months', () => {
    expect(earliestTermination('2026-01-31')).toBe('2026-04-30');
    expect(terminationError('2026-01-10', '2026-04-10')).toBeNull();
    expect(terminationError('2026-01-10', '2026-04-09')).toBe(
      "Résiliation refusée : le préavis doit être d'au moins 3 mois. Demandée le 10/01/2026, elle ne peut prendre effet avant le 10/04/2026.",
    );
    expect(terminationError(undefined, '2026-04-09')).toBe('Résiliation refusée : indiquez la date de la demande de résiliation (lettre recommandée).');
    expect(terminationError('2026-01-10', undefined)).toBeNull();
  });
  it('checks the effect is not before the signature', () => {
    expect(conventionDatesError({ signedOn: '2026-02-01', effectiveOn: '2026-01-01' })).toBe("La date d'effet ne peut pas précéder la date de signature.");
    expect(conventionDatesError({ signedOn: '2026-01-01', effectiveOn: '2026-02-01' })).toBeNull();
  });
});

describe('reverse review', () => {
  it('is due one year after it was last done', () => {
    expect(reverseReviewNextDue({ reverseReviewLastDone: '2025-06-15' })).toBe('2026-06-15');
    expect(reverseReviewNextDue({ effectiveOn: '2025-06-15' })).toBe('2026-06-15');
    expect(reverseReviewNextDue({})).toBeUndefined();
    expect(isReverseReviewOverdue({ reverseReviewLastDone: '2025-06-15' }, '2026-06-16')).toBe(true);
    expect(isReverseReviewOverdue({ reverseReviewLastDone: '2025-06-15' }, '2026-06-15')).toBe(false);
  });

  it('one year later by string arithmetic is what date-fns says, 29 February included', () => {
    expect(reverseReviewNextDue({ reverseReviewLastDone: '2024-02-29' })).toBe('2025-02-28');
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const expected = isoOf(addYears(dateOf(iso), 1));
        expect(reverseReviewNextDue({ reverseReviewLastDone: iso })).toBe(expected);
        expect(reverseReviewNextDue({ effectiveOn: iso })).toBe(expected);
      }),
    );
  });
});

describe('anniversary arithmetic agrees with date-fns', () => {
  it('for every day of a leap year and the following years', async () => {
    const { addYears, format } = await import('date-fns');
    const { anniversary } = await import('./convention');
    const { dateOf } = await import('./dates');
    for (let d = new Date(2024, 0, 1, 12); d.getFullYear() === 2024; d.setDate(d.getDate() + 1)) {
      const iso = format(d, 'yyyy-MM-dd');
      for (const n of [1, 2, 4]) expect(anniversary(iso, 2024 + n), iso).toBe(format(addYears(dateOf(iso), n), 'yyyy-MM-dd'));
    }
  });
});
