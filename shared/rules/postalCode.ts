/**
 * French postal codes: 5 digits. Metropolitan codes start with a département number 01–95 (Corsica's 2A/2B are
 * département codes, not postal codes: its postal codes start with 20); overseas start with 97x (DROM and
 * collectivités: 971 Guadeloupe … 978 Saint-Martin) or 98x (Monaco 980, Pacific territories 986–988).
 */
export const POSTAL_CODE_MESSAGES = {
  format: 'Le code postal doit comporter exactement 5 chiffres.',
  corsica: 'Code postal invalide : 2A et 2B sont des codes de département ; les codes postaux de Corse commencent par 20.',
  unknown: 'Code postal invalide : il doit commencer par 01 à 95, 97 ou 98.',
} as const;

export function normalisePostalCode(input: string): string {
  return input.replace(/[\s\u00a0]/g, '').toUpperCase();
}

export function postalCodeError(input: string): string | null {
  const s = normalisePostalCode(input);
  if (/^2[AB]\d{3}$/.test(s)) return POSTAL_CODE_MESSAGES.corsica;
  if (!/^\d{5}$/.test(s)) return POSTAL_CODE_MESSAGES.format;
  const dep = Number(s.slice(0, 2));
  if (dep >= 1 && dep <= 95) return null;
  if (dep === 97 || dep === 98) return null;
  return POSTAL_CODE_MESSAGES.unknown;
}

/** True for the overseas codes (97x, 98x). */
export function isOverseasPostalCode(input: string): boolean {
  return /^9[78]\d{3}$/.test(normalisePostalCode(input));
}
