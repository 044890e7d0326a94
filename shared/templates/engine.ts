/**
 * The letter-template language: plain text with placeholders in braces, `{partenaire.nom}`. `{{` and `}}` write
 * a literal brace. A placeholder the template's kind does not know is an error that names it (with its line),
 * never a silent blank: a typo in a template would otherwise go out in 300 letters.
 */

export interface TemplateProblem {
  /** The placeholder as written, without braces ('' for a syntax problem). */
  placeholder: string;
  /** 1-based line and column of the opening brace. */
  line: number;
  column: number;
  message: string;
}

export class TemplateError extends Error {
  constructor(readonly problems: TemplateProblem[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'TemplateError';
  }
}

type Token = { kind: 'text'; text: string } | { kind: 'field'; name: string; line: number; column: number };

const NAME = /^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)*$/;

function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

function tokenize(text: string): { tokens: Token[]; problems: TemplateProblem[] } {
  const tokens: Token[] = [];
  const problems: TemplateProblem[] = [];
  let buf = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '{' && text[i + 1] === '{') {
      buf += '{';
      i += 2;
    } else if (ch === '}' && text[i + 1] === '}') {
      buf += '}';
      i += 2;
    } else if (ch === '{') {
      const end = text.indexOf('}', i + 1);
      const nl = text.indexOf('\n', i + 1);
      const { line, column } = position(text, i);
      if (end < 0 || (nl >= 0 && nl < end)) {
        problems.push({ placeholder: '', line, column, message: `Ligne ${line} : accolade « { » non fermée. Écrivez « {{ » pour une accolade seule.` });
        buf += ch;
        i++;
        continue;
      }
      const raw = text.slice(i + 1, end);
      const name = raw.trim().toLowerCase();
      if (!NAME.test(name)) {
        problems.push({ placeholder: raw, line, column, message: `Ligne ${line} : « {${raw}} » n'est pas un champ valide (lettres, chiffres, « _ » et « . » seulement).` });
      } else {
        if (buf) tokens.push({ kind: 'text', text: buf });
        buf = '';
        tokens.push({ kind: 'field', name, line, column });
      }
      i = end + 1;
    } else if (ch === '}') {
      const { line, column } = position(text, i);
      problems.push({ placeholder: '', line, column, message: `Ligne ${line} : accolade « } » sans « { ». Écrivez « }} » pour une accolade seule.` });
      buf += ch;
      i++;
    } else {
      buf += ch;
      i++;
    }
  }
  if (buf) tokens.push({ kind: 'text', text: buf });
  return { tokens, problems };
}

/** The placeholders a text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  const seen = new Set<string>();
  for (const t of tokenize(text).tokens) if (t.kind === 'field') seen.add(t.name);
  return [...seen];
}

/**
 * Every problem of a text: syntax, and each placeholder not in `known` (one message per use, naming it).
 * `blocks` are placeholders that stand for a whole block (a table) and must be alone on their line.
 */
export function checkTemplate(text: string, known: ReadonlySet<string> | readonly string[], blocks: readonly string[] = []): TemplateProblem[] {
  const knownSet = known instanceof Set ? known : new Set(known as readonly string[]);
  const { tokens, problems } = tokenize(text);
  for (const t of tokens) {
    if (t.kind !== 'field') continue;
    if (!knownSet.has(t.name)) {
      problems.push({ placeholder: t.name, line: t.line, column: t.column, message: `Ligne ${t.line} : champ inconnu « {${t.name}} ».` });
    } else if (blocks.includes(t.name)) {
      const lineText = text.split('\n')[t.line - 1] ?? '';
      if (lineText.trim() !== `{${t.name}}`) {
        problems.push({ placeholder: t.name, line: t.line, column: t.column, message: `Ligne ${t.line} : « {${t.name}} » doit être seul sur sa ligne (il est remplacé par un tableau).` });
      }
    }
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Values for the placeholders; a known placeholder without a value prints as ''. */
export type TemplateValues = Readonly<Record<string, string>>;

/** The text with every placeholder replaced. Throws TemplateError when the text has any problem. */
export function renderTemplate(text: string, values: TemplateValues, known: ReadonlySet<string> | readonly string[] = Object.keys(values)): string {
  const problems = checkTemplate(text, known);
  if (problems.length) throw new TemplateError(problems);
  return tokenize(text)
    .tokens.map((t) => (t.kind === 'text' ? t.text : (values[t.name] ?? '')))
    .join('');
}

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'block'; name: string };

/**
 * The text cut around its block placeholders (each alone on its line), the rest rendered: what a letter lays out
 * as paragraphs and tables.
 */
export function renderTemplateParts(text: string, values: TemplateValues, known: ReadonlySet<string> | readonly string[], blocks: readonly string[]): TemplatePart[] {
  const problems = checkTemplate(text, known, blocks);
  if (problems.length) throw new TemplateError(problems);
  const parts: TemplatePart[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length) parts.push({ kind: 'text', text: renderTemplate(pending.join('\n'), values, known) });
    pending = [];
  };
  for (const line of text.split('\n')) {
    const m = /^\s*\{([a-z0-9_.]+)\}\s*$/i.exec(line);
    const name = m?.[1]?.toLowerCase();
    if (name && blocks.includes(name)) {
      flush();
      parts.push({ kind: 'block', name });
    } else pending.push(line);
  }
  flush();
  return parts;
}
