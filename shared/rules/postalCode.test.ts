import { describe, expect, it } from 'vitest';
import { isOverseasPostalCode, postalCodeError, POSTAL_CODE_MESSAGES } from './postalCode';

describe('postal code', () => {
  it('accepts metropolitan, Corsican and overseas codes', () => {
    for (const c of ['16000', '68000', '01000', '95000', '20000', '20200', '97400', '97490', '97600', '97100', '98000', '98800', ' 75 001 ']) {
      expect(postalCodeError(c), c).toBeNull();
    }
  });
  it('refuses 2A/2B with the explanation', () => {
    expect(postalCodeError('2A004')).toBe(POSTAL_CODE_MESSAGES.corsica);
    expect(postalCodeError('2b200')).toBe(POSTAL_CODE_MESSAGES.corsica);
  });
  it('refuses wrong lengths and impossible départements', () => {
    expect(postalCodeError('1600')).toBe('Le code postal doit comporter exactement 5 chiffres.');
    expect(postalCodeError('160000')).toBe(POSTAL_CODE_MESSAGES.format);
    expect(postalCodeError('00100')).toBe(POSTAL_CODE_MESSAGES.unknown);
    expect(postalCodeError('96000')).toBe(POSTAL_CODE_MESSAGES.unknown);
    expect(postalCodeError('99000')).toBe(POSTAL_CODE_MESSAGES.unknown);
  });
  it('knows overseas codes', () => {
    expect(isOverseasPostalCode('97400')).toBe(true);
    expect(isOverseasPostalCode('98800')).toBe(true);
    expect(isOverseasPostalCode('68000')).toBe(false);
  });
});
