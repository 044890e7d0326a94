/**
 * Letter templates are records (table `templates`, synced like the rest). Until the office saves one, the
 * default templates stand in; saving a default creates its record under the default's id, so two offices doing
 * it offline merge into one record.
 */
import { letterTemplateSchema, type LetterTemplate, type TemplateKind } from '../../../shared/domain/template';
import { blockPlaceholders, checkTemplate, defaultTemplates, knownPlaceholders, type TemplateProblem } from '../../../shared/templates';
import type { AppDatabase } from '../../db/database';
import { liveRows, ValidationError, type Store } from '../../db/store';

/** The stored templates, plus each default not stored yet; by kind then name. */
export async function readTemplates(db: AppDatabase): Promise<LetterTemplate[]> {
  const stored = await liveRows(db, 'templates');
  const ids = new Set(stored.map((t) => t.id));
  return [...stored, ...defaultTemplates.filter((t) => !ids.has(t.id))].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'fr'));
}

export function templatesOfKind(all: readonly LetterTemplate[], kind: TemplateKind): LetterTemplate[] {
  return all.filter((t) => t.kind === kind);
}

export interface TemplateProblems {
  subject: TemplateProblem[];
  letter: TemplateProblem[];
  email: TemplateProblem[];
}

export function templateProblems(t: Pick<LetterTemplate, 'kind' | 'subject' | 'letter' | 'email'>): TemplateProblems {
  const known = knownPlaceholders(t.kind);
  return { subject: checkTemplate(t.subject, known), letter: checkTemplate(t.letter, known, blockPlaceholders), email: checkTemplate(t.email, known) };
}

const where = { subject: "Dans l'objet", letter: 'Dans la lettre', email: 'Dans le mél' } as const;

/** All problems in one French message (which text, which line, which placeholder); '' when none. */
export function templateProblemText(p: TemplateProblems): string {
  return (Object.keys(where) as (keyof TemplateProblems)[])
    .flatMap((k) => p[k].map((x) => `${where[k]} — ${x.message}`))
    .join('\n');
}

/** Save a template (new or changed). Refused, nothing stored, when a placeholder is unknown or a field invalid. */
export async function saveTemplate(store: Store, draft: Omit<LetterTemplate, 'id'> & { id?: string | undefined }): Promise<string> {
  const problems = templateProblemText(templateProblems(draft));
  if (problems) throw new ValidationError(`Modèle non enregistré : ${problems}`);
  const parsed = letterTemplateSchema.omit({ id: true }).safeParse(draft);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? 'Modèle invalide.');
  const data = parsed.data;
  return store.write('Modèle de courrier enregistré', async (ctx) => {
    if (draft.id && (await ctx.get('templates', draft.id))) {
      await ctx.update('templates', draft.id, data);
      return draft.id;
    }
    return ctx.create('templates', draft.id ? { id: draft.id, ...data } : data);
  });
}

export async function removeTemplate(store: Store, id: string): Promise<void> {
  await store.write('Modèle de courrier supprimé', async (ctx) => {
    if (await ctx.get('templates', id)) await ctx.remove('templates', id);
  });
}
