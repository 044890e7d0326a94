import { z } from '../validation/zod';
import { recordId } from './common';
import { templateKinds } from './values';

export { templateKindLabels, templateKinds } from './values';

/**
 * What a letter template is for: the placeholders it may use depend on it (shared/templates/placeholders.ts).
 * « revue-inverse »: the annual reverse-review campaign letter and e-mail; « relance »: a letter or e-mail
 * written from a follow-up (relance) to the partner.
 */
export const templateKindSchema = z.enum(templateKinds);
export type TemplateKind = z.infer<typeof templateKindSchema>;

/** A letter template the office edits: the subject (letter « Objet » and e-mail subject), the letter, the e-mail. */
export const letterTemplateSchema = z.object({
  id: recordId,
  kind: templateKindSchema,
  name: z.string().trim().min(1, 'Le nom du modèle est obligatoire.').max(120),
  subject: z.string().trim().min(1, "L'objet est obligatoire.").max(300),
  letter: z.string().max(20_000).default(''),
  email: z.string().max(20_000).default(''),
});
export type LetterTemplate = z.infer<typeof letterTemplateSchema>;
