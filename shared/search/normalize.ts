/**
 * Text normalisation for search: accents, case and punctuation do not matter, and digit groups typed with
 * spaces, dots or dashes (« 0262 48 62 11 », « 213 100 018 00011 ») are one token.
 */

/** Lower case, no diacritics, œ/æ expanded. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss');
}

/**
 * Words of a text: letters and digits only. Separators between two digits are dropped so a phone number or
 * a SIRET typed in groups is one token; a separator between a digit and a letter splits.
 */
export function tokenize(text: string): string[] {
  const folded = fold(text).replace(/(\d)[\s.\-/()]+(?=\d)/g, '$1');
  return folded.split(/[^a-z0-9]+/).filter(Boolean);
}

/** Overseas and metropolitan country codes whose national numbers start with 0 (domain.md). */
const COUNTRY_CODES = ['262', '269', '508', '590', '594', '596', '681', '687', '689', '33'];

/**
 * Every digit form a phone number may be typed in: E.164 digits (262262486211), national (0262486211) and
 * national without the leading 0 (262486211). Accepts a stored E.164 value or a number typed any way.
 */
export function phoneForms(phone: string): string[] {
  const trimmed = phone.trim();
  if (!trimmed) return [];
  let digits = trimmed.replace(/\D/g, '');
  if (!digits) return [];
  const international = trimmed.startsWith('+') || digits.startsWith('00');
  if (digits.startsWith('00')) digits = digits.slice(2);
  const forms = new Set<string>([digits]);
  if (international) {
    const cc = COUNTRY_CODES.find((c) => digits.startsWith(c));
    if (cc) {
      const rest = digits.slice(cc.length);
      // Overseas numbers repeat the country code in the national number (+262 262 … = 0262 …).
      forms.add(`0${rest}`);
      forms.add(rest);
    }
  } else if (digits.startsWith('0')) {
    const rest = digits.slice(1);
    forms.add(rest);
    const overseas = COUNTRY_CODES.find((c) => c !== '33' && rest.startsWith(c));
    forms.add(overseas ? `${overseas}${rest}` : `33${rest}`);
  }
  return [...forms];
}
