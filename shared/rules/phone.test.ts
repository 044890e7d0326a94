import { describe, expect, it } from 'vitest';
import { formatPhone, normalisePhone, parsePhone, PHONE_MESSAGE } from './phone';

const ok = (input: string) => {
  const r = parsePhone(input);
  if (!r.ok) throw new Error(`${input}: ${r.message}`);
  return r;
};

describe('phone numbers', () => {
  it('Réunion landline in every typed form → +262, shown 02 62 …', () => {
    for (const s of ['0262 48 62 11', '02 62 48 62 11', '0262.48.62.11', '+262 262 48 62 11', '00262262486211', '+262262486211']) {
      const r = ok(s);
      expect(r.e164, s).toBe('+262262486211');
      expect(r.region).toBe('RE');
    }
    expect(formatPhone('+262262486211')).toBe('02 62 48 62 11');
  });
  it('maps each overseas prefix to its region', () => {
    expect(ok('0690 12 34 56')).toMatchObject({ e164: '+590690123456', region: 'GP' });
    expect(ok('0590 87 12 34')).toMatchObject({ e164: '+590590871234', region: 'GP' });
    expect(ok('0594 29 12 34')).toMatchObject({ e164: '+594594291234', region: 'GF' });
    expect(ok('0596 71 12 34')).toMatchObject({ e164: '+596596711234', region: 'MQ' });
    expect(ok('0269 61 12 34')).toMatchObject({ e164: '+262269611234', region: 'YT' });
    expect(ok('0639 01 23 45')).toMatchObject({ e164: '+262639012345', region: 'YT' });
    expect(ok('0692 12 34 56')).toMatchObject({ e164: '+262692123456', region: 'RE' });
  });
  it('metropolitan numbers and +33', () => {
    expect(ok('01 42 68 53 00')).toMatchObject({ e164: '+33142685300', region: 'FR' });
    expect(ok('+33 1 42 68 53 00').e164).toBe('+33142685300');
    expect(ok('+33 (0)3 89 12 34 56').e164).toBe('+33389123456');
    expect(formatPhone('+33389123456')).toBe('03 89 12 34 56');
    expect(formatPhone('+590690123456')).toBe('06 90 12 34 56');
  });
  it('refuses bad numbers with the French message', () => {
    for (const s of ['12345', '0262 48 62', 'abc', '0262 48 62 11 99', '+262 12', '06 xx 12 34 56']) {
      expect(parsePhone(s), s).toEqual({ ok: false, message: PHONE_MESSAGE });
    }
    expect(PHONE_MESSAGE).toBe(
      'Numéro de téléphone invalide : saisissez 10 chiffres (ex. 02 62 48 62 11) ou la forme internationale (ex. +262 262 48 62 11).',
    );
  });
  it('empty stays empty', () => {
    expect(normalisePhone('  ')).toEqual({ ok: true, value: '' });
    expect(formatPhone('')).toBe('');
  });
});
