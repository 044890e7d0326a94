/**
 * The single French wording of every validation failure. Installed globally (`z.config`) by ./zod, which every
 * schema imports instead of 'zod': an over-long name reads « Texte trop long : 200 caractères au plus. », never
 * zod's English default. A schema's own message (« Le nom est obligatoire. ») still wins over these.
 */
import type { z } from 'zod';
// The single locale, not the `z.locales` namespace: keeps the other languages out of the preload bundle.
import frLocale from 'zod/v4/locales/fr.js';
import { EMAIL_MESSAGE } from '../rules/email';

const zodFrench = frLocale().localeError;

const typeNames: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  int: 'un nombre entier',
  bigint: 'un nombre entier',
  boolean: 'oui ou non',
  array: 'une liste',
  object: 'une fiche',
  date: 'une date',
  record: 'une fiche',
  map: 'une table',
  set: 'un ensemble',
  file: 'un fichier',
  null: 'aucune valeur',
};

const plural = (n: number | bigint, one: string, many: string) => (Number(n) > 1 ? many : one);
const shown = (v: unknown) => (typeof v === 'string' ? `« ${v} »` : String(v));

type Issue = Parameters<z.core.$ZodErrorMap>[0];

export function frenchMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Valeur obligatoire.';
      return `Valeur invalide : ${typeNames[issue.expected] ?? 'une autre valeur'} est attendu.`;
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin === 'string') return `Texte trop long : ${max} ${plural(max, 'caractère', 'caractères')} au plus.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Trop d'éléments : ${max} au plus.`;
      if (issue.origin === 'date') return 'Date trop tardive.';
      if (issue.origin === 'file') return 'Fichier trop volumineux.';
      return issue.inclusive ? `Valeur trop grande : ${max} au plus.` : `Valeur trop grande : moins de ${max} attendu.`;
    }
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin === 'string') return Number(min) <= 1 ? 'Valeur obligatoire.' : `Texte trop court : ${min} caractères au moins.`;
      if (issue.origin === 'array' || issue.origin === 'set') return Number(min) <= 1 ? 'Au moins un élément est requis.' : `Pas assez d'éléments : ${min} au moins.`;
      if (issue.origin === 'date') return 'Date trop ancienne.';
      return issue.inclusive ? `Valeur trop petite : ${min} au moins.` : `Valeur trop petite : plus de ${min} attendu.`;
    }
    case 'invalid_format':
      if (issue.format === 'email') return EMAIL_MESSAGE;
      if (issue.format === 'date' || issue.format === 'datetime') return 'Date invalide : utilisez le format jj/mm/aaaa.';
      return 'Format invalide.';
    case 'not_multiple_of':
      return `Valeur invalide : un multiple de ${issue.divisor} est attendu.`;
    case 'unrecognized_keys':
      return `${plural(issue.keys.length, 'Champ inconnu', 'Champs inconnus')} : ${issue.keys.join(', ')}.`;
    case 'invalid_value':
      return issue.values.length === 1 ? `Valeur attendue : ${shown(issue.values[0])}.` : 'Valeur non reconnue : choisissez une valeur de la liste.';
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return 'Valeur invalide.';
    default: {
      // A code added by a later zod: its French locale still words it.
      const m = zodFrench(issue);
      return (typeof m === 'string' ? m : m?.message) ?? 'Valeur invalide.';
    }
  }
}

export const frenchErrorMap: z.core.$ZodErrorMap = (issue) => frenchMessage(issue);
