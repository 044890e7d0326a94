/** Printing helpers shared by the forms, the app and the `forms:pdf` script. */
import { format, parseISO } from 'date-fns';
import type { PrintableFormType } from './model';

/** yyyy-MM-dd → dd/MM/yyyy; '' stays '' (the form then shows a blank to fill in). */
export function formatDay(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  return format(parseISO(iso), 'dd/MM/yyyy');
}

/** dd/MM/yyyy typed by a person → yyyy-MM-dd, or null when it is not a real date. */
export function parseDay(input: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(input);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Country codes printed as a national number (metropole and the overseas départements). */
const NATIONAL_PREFIXES = ['262', '590', '594', '596', '33'];

/**
 * E.164 as stored (+33…, +262…) → « 02 62 48 62 11 », as the conventions print them. Anything else is
 * printed as recorded rather than guessed at.
 */
export function formatPhone(stored: string): string {
  const s = stored.replace(/\s+/g, '');
  if (!s) return '';
  if (s.startsWith('+')) {
    const cc = NATIONAL_PREFIXES.find((p) => s.startsWith(`+${p}`));
    if (cc) {
      const national = `0${s.slice(1 + cc.length)}`;
      if (/^0\d{9}$/.test(national)) return national.replace(/(\d{2})(?=\d)/g, '$1 ');
    }
    return stored.trim();
  }
  if (/^0\d{9}$/.test(s)) return s.replace(/(\d{2})(?=\d)/g, '$1 ');
  return stored.trim();
}

const fileKinds: Record<PrintableFormType, string> = {
  'designation-administrateur': 'Designation-administrateur',
  'suppression-cdap': 'Suppression-CDAP',
  'demande-habilitation': 'Demande-habilitation-CDAP',
  'annexe1-interlocuteurs': 'Annexe1-Interlocuteurs',
  'bulletin-adhesion': 'Bulletin-adhesion-CDAP',
};

/**
 * A file-name piece safe on Windows, macOS and Linux and in an e-mail attachment: accents folded (é → e,
 * œ → oe), apostrophes and every other non-alphanumeric character become one hyphen, capped in length.
 */
export function fileSlug(text: string, max = 60): string {
  const folded = text
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  const slug = folded
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/g, '');
}

/** `2026-11-22_Suppression-CDAP_Ville-de-Saint-Denis.pdf` */
export function formFileName(type: PrintableFormType, partnerName: string, day: string, replacing = false): string {
  const kind = type === 'designation-administrateur' && replacing ? 'Modification-administrateur' : fileKinds[type];
  const partner = fileSlug(partnerName) || 'Partenaire';
  return `${day}_${kind}_${partner}.pdf`;
}
