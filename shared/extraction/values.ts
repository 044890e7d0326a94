/** Small readers for the values a convention prints: dates, numbers in words, names, phones, e-mails. */
import { fold } from './normalize';

const MONTHS: Readonly<Record<string, number>> = {
  janvier: 1, janv: 1, fevrier: 2, fevr: 2, fev: 2, mars: 3, avril: 4, avr: 4, mai: 5, juin: 6, juillet: 7,
  juil: 7, aout: 8, septembre: 9, sept: 9, octobre: 10, oct: 10, novembre: 11, nov: 11, decembre: 12, dec: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1990 || y > 2100) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** First date in the text: `yyyy-MM-dd`, or `yyyy-MM` when only a month is printed (« Mai 2017 »). */
export function parseDate(text: string): { value: string; index: number; length: number } | null {
  const num = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})(?!\d)/.exec(text);
  const named = /(\d{1,2})(?:er)?[\s.]*([A-Za-zÀ-ÿ]{3,10})\.?[\s.]*(\d{4})(?!\d)/.exec(text);
  const candidates: { value: string; index: number; length: number }[] = [];
  if (num) {
    const d = Number(num[1]);
    const m = Number(num[2]);
    let y = Number(num[3]);
    if (y < 100) y += 2000;
    if (validDay(y, m, d)) candidates.push({ value: `${y}-${pad(m)}-${pad(d)}`, index: num.index, length: num[0].length });
  }
  if (named) {
    const m = MONTHS[fold(named[2]!)];
    const d = Number(named[1]);
    const y = Number(named[3]);
    if (m && validDay(y, m, d)) candidates.push({ value: `${y}-${pad(m)}-${pad(d)}`, index: named.index, length: named[0].length });
  }
  if (!candidates.length) {
    const month = /\b([A-Za-zÀ-ÿ]{3,10})\.?\s+(\d{4})(?!\d)/g;
    for (let r = month.exec(text); r; r = month.exec(text)) {
      const m = MONTHS[fold(r[1]!)];
      const y = Number(r[2]);
      if (m && y >= 1990 && y <= 2100) return { value: `${y}-${pad(m)}`, index: r.index, length: r[0].length };
    }
    return null;
  }
  candidates.sort((a, b) => a.index - b.index);
  return candidates[0]!;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11,
  douze: 12, quinze: 15, vingt: 20, trente: 30, quarante: 40, soixante: 60,
};
export const NUMBER_WORD_RE = `(?:\\d+|${Object.keys(NUMBER_WORDS).join('|')})`;

export function numberOf(word: string): number | null {
  const w = fold(word);
  if (/^\d+$/.test(w)) return Number(w);
  return NUMBER_WORDS[w] ?? null;
}

/** Placeholder text of a blank form: « (Prénom et NOM à compléter) », « SAISIR … », « ….. », « ___ ». */
export function isPlaceholder(s: string): boolean {
  const f = fold(s);
  return (
    !f ||
    /a completer|a renseigner|prenom et nom|nom et prenom|prenom nom|^saisir|^renseigner|^xxx|^nom$|^prenom$/.test(f) ||
    /^[\s._\-–/()…]*$/.test(s)
  );
}

export const EMAIL_RE = /[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export function emailsIn(s: string): string[] {
  return [...s.matchAll(EMAIL_RE)].map((m) => m[0].toLowerCase().replace(/\.$/, ''));
}

const OVERSEAS: Readonly<Record<string, string>> = {
  '0262': '262', '0263': '262', '0692': '262', '0693': '262', '0269': '262', '0639': '262',
  '0590': '590', '0690': '590', '0691': '590', '0594': '594', '0694': '594', '0596': '596', '0696': '596',
  '0697': '596', '0508': '508',
};

/** National or international French-plan numbers in the text, in E.164. OCR separators (/ . -) are allowed. */
export function phonesIn(s: string): string[] {
  const out: string[] = [];
  const re = /(?:\+|00)\s?\d{2,3}(?:[\s./-]*\(?0?\)?\d){8,10}|(?<![\d@])0\s*[1-9](?:[\s./-]*\d){8}(?!\d)/g;
  for (const m of s.matchAll(re)) {
    let d = m[0].replace(/\(0\)/, '').replace(/[^\d+]/g, '');
    if (d.startsWith('00')) d = `+${d.slice(2)}`;
    let e164: string;
    if (d.startsWith('+')) e164 = d;
    else {
      if (d.length !== 10) continue;
      e164 = `+${OVERSEAS[d.slice(0, 4)] ?? '33'}${d.slice(1)}`;
    }
    if (!out.includes(e164)) out.push(e164);
  }
  return out;
}

export type Civility = 'M.' | 'Mme';
export const CIVILITY_RE = /\b(M\.|Mr\.?|MR\.?|Mme\.?|MME\.?|Mlle\.?|Madame|MADAME|Monsieur|MONSIEUR|Mademoiselle)(?=\s)/;

export function civilityOf(word: string): Civility | null {
  const f = fold(word).replace(/\./g, '');
  if (['m', 'mr', 'monsieur'].includes(f)) return 'M.';
  if (['mme', 'madame', 'mlle', 'mademoiselle'].includes(f)) return 'Mme';
  return null;
}

const isUpperWord = (w: string) => /^[\p{Lu}][\p{Lu}'’-]+$/u.test(w) && /\p{Lu}{2}/u.test(w.replace(/[-'’]/g, ''));
const isNameWord = (w: string) => /^[\p{L}][\p{L}'’.-]*$/u.test(w);

function titleCase(w: string): string {
  return w
    .toLowerCase()
    .replace(/(^|[-'’\s])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

export interface PersonName {
  civility: Civility | null;
  firstName: string | null;
  lastName: string;
}

/**
 * « Joëlle FRANCISCO », « HOAREAU Jean-François », « MME Céline RAFOUGILET », « JOSETTE RENAHY »: the words in
 * capitals are the surname; with no case to tell, French forms print « Prénom NOM ».
 */
export function splitName(raw: string): PersonName | null {
  let s = raw.replace(/[,;:]+$/, '').trim();
  let civility: Civility | null = null;
  const c = /^(M\.|Mr\.?|MR\.?|Mme\.?|MME\.?|Mlle\.?|Madame|MADAME|Monsieur|MONSIEUR|Mademoiselle)\s+/.exec(s);
  if (c) {
    civility = civilityOf(c[1]!);
    s = s.slice(c[0].length);
  }
  const words = s.split(/\s+/).filter(Boolean);
  if (!words.length || words.length > 5 || !words.every(isNameWord)) return null;
  const upper = words.map(isUpperWord);
  let first: string[];
  let last: string[];
  if (upper.every(Boolean) || !upper.some(Boolean)) {
    if (words.length === 1) return { civility, firstName: null, lastName: words[0]! };
    first = words.slice(0, -1);
    last = words.slice(-1);
  } else {
    last = words.filter((_, i) => upper[i]);
    first = words.filter((_, i) => !upper[i]);
  }
  const firstName = first.length ? first.map((w) => (isUpperWord(w) ? titleCase(w) : w)).join(' ') : null;
  return { civility, firstName, lastName: last.join(' ') };
}

/** Does this text look like a person's name (at least one word in capitals, or a civility)? */
export function looksLikePerson(raw: string): boolean {
  const s = raw.trim();
  if (!s || isPlaceholder(s)) return false;
  const n = splitName(s);
  if (!n) return false;
  const words = s.replace(CIVILITY_RE, '').trim().split(/\s+/);
  return CIVILITY_RE.test(s) || (words.length >= 2 && words.some(isUpperWord));
}

export function nameKey(firstName: string | null, lastName: string | null): string {
  return fold(`${firstName ?? ''} ${lastName ?? ''}`).split(' ').filter(Boolean).sort().join(' ');
}

export function capitalise(s: string): string {
  const t = s.trim();
  return t ? t[0]!.toUpperCase() + t.slice(1) : t;
}

/** COLMAR → Colmar, SAINT-DENIS → Saint-Denis; mixed case is kept as printed. */
export function cityCase(s: string): string {
  return s === s.toUpperCase() ? titleCase(s) : s;
}
