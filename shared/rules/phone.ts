/**
 * Phone numbers: accepted as typed (0262 48 62 11, +262 262 48 62 11, 00 33 1 …), stored in E.164, shown as
 * `02 62 48 62 11`. Overseas numbers carry their own country codes (+262 Réunion/Mayotte, +590 Guadeloupe,
 * +594 Guyane, +596 Martinique), and libphonenumber only validates them when given the region the prefix
 * implies — never as FR. So a national number is tried against each French numbering region in turn.
 * The « max » metadata validates the actual number ranges, not only the length.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export const PHONE_MESSAGE =
  'Numéro de téléphone invalide : saisissez 10 chiffres (ex. 02 62 48 62 11) ou la forme internationale (ex. +262 262 48 62 11).';

/**
 * National prefixes of the overseas plans → region to validate with. Checked before FR: libphonenumber's FR
 * metadata also claims some of these ranges (0596…, 0269…) and would store them wrongly as +33.
 * Guadeloupe's numbers are shared with Saint-Barthélemy and Saint-Martin (same +590 plan).
 */
export const OVERSEAS_PREFIXES: Readonly<Record<string, CountryCode>> = {
  '0262': 'RE',
  '0263': 'RE',
  '0692': 'RE',
  '0693': 'RE',
  '0269': 'YT',
  '0639': 'YT',
  '0590': 'GP',
  '0690': 'GP',
  '0691': 'GP',
  '0594': 'GF',
  '0694': 'GF',
  '0596': 'MQ',
  '0696': 'MQ',
  '0697': 'MQ',
  '0508': 'PM',
};

export type PhoneResult = { ok: true; e164: string; region: string | undefined } | { ok: false; message: string };

export function parsePhone(input: string): PhoneResult {
  const raw = input.trim();
  if (!/^[+\d][\d\s.\-()/\u00a0]*$/.test(raw)) return { ok: false, message: PHONE_MESSAGE };
  let compact = raw.replace(/[\s.\-()/\u00a0]/g, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  if (compact.startsWith('+')) {
    const n = parsePhoneNumberFromString(compact);
    return n?.isValid() ? { ok: true, e164: n.number, region: n.country } : { ok: false, message: PHONE_MESSAGE };
  }
  if (!/^0\d{9}$/.test(compact)) return { ok: false, message: PHONE_MESSAGE };
  const region = OVERSEAS_PREFIXES[compact.slice(0, 4)] ?? 'FR';
  const n = parsePhoneNumberFromString(compact, region);
  return n?.isValid() ? { ok: true, e164: n.number, region } : { ok: false, message: PHONE_MESSAGE };
}

/** '' stays '' (no number); otherwise E.164 or a ValidationError message. */
export function normalisePhone(input: string): { ok: true; value: string } | { ok: false; message: string } {
  if (input.trim() === '') return { ok: true, value: '' };
  const r = parsePhone(input);
  return r.ok ? { ok: true, value: r.e164 } : r;
}

/** E.164 → `02 62 48 62 11` for French plans; other countries in international form. */
export function formatPhone(stored: string): string {
  if (!stored) return '';
  const n = parsePhoneNumberFromString(stored);
  if (!n) return stored;
  const national = n.formatNational().replace(/\D/g, '');
  if (/^0\d{9}$/.test(national) && ['33', '262', '590', '594', '596', '508'].includes(n.countryCallingCode)) {
    return national.replace(/(\d{2})(?=\d)/g, '$1 ');
  }
  return n.formatInternational();
}

/** Digits a search can match however the number was typed (national form, no separators). */
export function phoneSearchKey(stored: string): string {
  const f = formatPhone(stored);
  return f.replace(/\D/g, '');
}
