/**
 * A letter to a partner's principal administrator, as data: the PDF (renderer/features/campaign/letterPdf.ts),
 * the on-screen preview and the tests all read this. Built from a template and the records; nothing retyped.
 */
import type { LetterTemplate } from '../domain/template';
import { fileSlug, formatDay } from '../forms/format';
import { blockPlaceholders, knownPlaceholders, renderTemplate, renderTemplateParts, TemplateError, templateValues, type LetterContext, type TemplatePart, type ValueExtras } from '../templates';

export interface LetterTableRow {
  profile: string;
  name: string;
  email: string;
  fn: string;
  since: string;
}

export interface LetterDoc {
  sender: string[];
  recipient: string[];
  placeAndDate: string;
  reference: string;
  subject: string;
  parts: TemplatePart[];
  /** The active habilitations by profile, for the `{habilitations.tableau}` block. */
  groups: { heading: string; rows: LetterTableRow[] }[];
  signature: string[];
}

export interface RenderedMessage {
  letter: LetterDoc;
  subject: string;
  /** The e-mail body (plain text). */
  emailText: string;
}

/** Letter and e-mail for one partner; throws TemplateError (naming the placeholder) when the template is wrong. */
export function renderMessage(ctx: LetterContext, template: LetterTemplate, today: string, extras: ValueExtras = {}): RenderedMessage {
  const known = knownPlaceholders(template.kind);
  const values = templateValues(ctx, today, extras);
  const subject = renderTemplate(template.subject, values, known).replace(/\s+/g, ' ').trim();
  const parts = renderTemplateParts(template.letter, values, known, blockPlaceholders);
  const emailText = renderTemplate(template.email, values, known);
  const caf = ctx.caf;
  const a = caf?.address;
  const admin = ctx.administrator;
  const p = ctx.partner.address;
  const adminName = admin ? [admin.civility, admin.firstName, admin.lastName.toUpperCase()].filter(Boolean).join(' ') : '';
  const letter: LetterDoc = {
    sender: [caf?.name ?? '', a?.line1 ?? '', a?.line2 ?? '', [a?.postalCode, a?.city].filter(Boolean).join(' '), caf?.helpdeskEmail ? `Mél : ${caf.helpdeskEmail}` : '', values['caf.telephone'] ? `Tél. : ${values['caf.telephone']}` : ''].filter((l) => l.trim()),
    recipient: [
      adminName ? `À l'attention de ${adminName}` : "À l'attention de l'administrateur principal",
      'Administrateur « Mon Compte Partenaire »',
      ctx.partner.name,
      p.line1,
      p.line2,
      [p.postalCode, p.city].filter(Boolean).join(' '),
    ].filter((l) => l.trim()),
    placeAndDate: `${a?.city ? `${a.city.replace(/\s+Cedex.*$/i, '')}, le` : 'Le'} ${formatDay(today)}`,
    reference: ctx.convention?.number ? `Convention d'accès n° ${ctx.convention.number}` : '',
    subject,
    parts,
    groups: ctx.groups.map((g) => ({
      heading: `${g.profile}${g.label ? ` — ${g.label}` : ''} : ${g.people.length} habilitation${g.people.length > 1 ? 's' : ''}`,
      rows: g.people.map((h) => ({
        profile: g.profile,
        name: [h.firstName, h.lastName.toUpperCase()].filter(Boolean).join(' '),
        email: h.email,
        fn: h.function,
        since: formatDay(h.startOn),
      })),
    })),
    signature: [caf?.director ? `Pour le directeur, ${caf.director}` : 'Pour le directeur de la Caf', extras.agent ? `${extras.agent}, relations partenaires` : 'Le service des relations partenaires'],
  };
  return { letter, subject, emailText };
}

/** `2027_Revue-inverse_Ville-de-Saint-Denis.pdf` / `.eml` */
export function campaignFileName(year: number, partnerName: string, ext: 'pdf' | 'eml'): string {
  return `${year}_Revue-inverse_${fileSlug(partnerName) || 'Partenaire'}.${ext}`;
}

export interface FollowUpMessage {
  message?: RenderedMessage;
  /** What stops the letter (French, what to fix): a wrong template names its placeholder. */
  letterProblems: string[];
  /** What stops the e-mail (no administrator, no valid address), besides the letter's problems. */
  emailProblems: string[];
}

/**
 * The relance letter and e-mail of one follow-up, from a `relance` template and the partner's records. Never
 * throws: a template with an unknown placeholder comes back as a problem naming it (nothing is produced).
 */
export function followUpMessage(
  ctx: LetterContext,
  template: LetterTemplate | undefined,
  today: string,
  followUp: NonNullable<ValueExtras['followUp']>,
  agent = '',
): FollowUpMessage {
  if (!template || template.kind !== 'relance') return { letterProblems: ['Aucun modèle de relance : créez-en un dans Rapports › Modèles de courrier.'], emailProblems: [] };
  try {
    const message = renderMessage(ctx, template, today, { followUp, agent });
    // The Caf's mél is the sender of a draft, not needed for a mailto: link opened in the agent's own mailbox.
    const emailProblems = ctx.emailProblems.filter((p) => !p.startsWith("La Caf n'a pas de mél"));
    return { message, letterProblems: ctx.letterProblems, emailProblems };
  } catch (e) {
    if (e instanceof TemplateError) return { letterProblems: [`Le modèle « ${template.name} » est à corriger (Rapports › Modèles de courrier) : ${e.message}`], emailProblems: [] };
    throw e;
  }
}

/** `2026-12-02_Relance_Ville-de-Saint-Denis.pdf` / `.eml` */
export function followUpFileName(today: string, partnerName: string, ext: 'pdf' | 'eml'): string {
  return `${today}_Relance_${fileSlug(partnerName) || 'Partenaire'}.${ext}`;
}
