/**
 * SIRET = SIREN (9) + NIC (5). The check is Luhn over the 14 digits, except for La Poste (SIREN 356000000),
 * whose thousands of establishments outgrew Luhn: INSEE validates them by « sum of digits is a multiple of 5 ».
 */
export const LA_POSTE_SIREN = '356000000';

export const SIRET_MESSAGES = {
  length: 'Le SIRET doit comporter exactement 14 chiffres.',
  checksum: 'SIRET invalide : la clé de contrôle ne correspond pas. Vérifiez les 14 chiffres.',
} as const;

/** Digits only: spaces, dots and dashes typed by users are ignored. */
export function normaliseSiret(input: string): string {
  return input.replace(/[\s.\-\u00a0]/g, '');
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** French message, or null when the SIRET is valid. An empty SIRET is for the caller to allow or refuse. */
export function siretError(input: string): string | null {
  const s = normaliseSiret(input);
  if (!/^\d{14}$/.test(s)) return SIRET_MESSAGES.length;
  if (s.startsWith(LA_POSTE_SIREN)) {
    const sum = [...s].reduce((a, c) => a + Number(c), 0);
    return sum % 5 === 0 ? null : SIRET_MESSAGES.checksum;
  }
  return luhnValid(s) ? null : SIRET_MESSAGES.checksum;
}

export function isValidSiret(input: string): boolean {
  return siretError(input) === null;
}

/** `213 100 555 00016` → grouped for display (SIREN by threes, then NIC). */
export function formatSiret(siret: string): string {
  const s = normaliseSiret(siret);
  if (!/^\d{14}$/.test(s)) return siret;
  return `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6, 9)} ${s.slice(9)}`;
}
