import { describe, expect, it } from 'vitest';
import { formatSiret, isValidSiret, luhnValid, siretError, SIRET_MESSAGES } from './siret';

describe('SIRET', () => {
  it('accepts Luhn-valid SIRETs, with spaces', () => {
    expect(luhnValid('73282932000074')).toBe(true);
    expect(siretError('732 829 320 00074')).toBeNull();
    expect(isValidSiret('21974411000015')).toBe(luhnValid('21974411000015'));
  });
  it('refuses a wrong check digit with the French message', () => {
    expect(siretError('73282932000075')).toBe(SIRET_MESSAGES.checksum);
    expect(SIRET_MESSAGES.checksum).toBe('SIRET invalide : la clé de contrôle ne correspond pas. Vérifiez les 14 chiffres.');
  });
  it('refuses wrong lengths and letters', () => {
    expect(siretError('1234')).toBe('Le SIRET doit comporter exactement 14 chiffres.');
    expect(siretError('7328293200007A')).toBe(SIRET_MESSAGES.length);
    expect(siretError('')).toBe(SIRET_MESSAGES.length);
  });
  it('La Poste (SIREN 356000000): digit sum multiple of 5, not Luhn', () => {
    // 3+5+6+0+0+0+0+0+0 = 14; NIC 00048 → 14+4+8 = 26 (refused); NIC 00001 → 15 (accepted).
    expect(siretError('35600000000001')).toBeNull();
    expect(luhnValid('35600000000001')).toBe(false);
    expect(siretError('35600000000048')).toBe(SIRET_MESSAGES.checksum);
    // A Luhn-valid La Poste number whose digit sum is not a multiple of 5 is still refused.
    expect(luhnValid('35600000000048')).toBe(true);
  });
  it('formats for display', () => {
    expect(formatSiret('73282932000074')).toBe('732 829 320 00074');
  });
});
