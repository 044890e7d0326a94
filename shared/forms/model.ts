/**
 * The filled data of each standard form. A form component renders ONLY this (never the live records), and an
 * issued form stores it as its `snapshot`: printing it again later gives the same page even if the records
 * have changed since. Empty strings mean « unknown »: the form leaves a dotted line to complete by hand.
 */
import { z } from '../validation/zod';
import { personName } from '../rules/names';

export const SNAPSHOT_VERSION = 1;

const text = z.string().max(500);
const isoDay = z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/);

export const formHeaderSchema = z.object({
  partnerName: text,
  conventionNumber: text,
  cafName: text,
  /** Street lines then « code ville », already split for printing. */
  cafAddressLines: z.array(text).max(6),
  /** Day the form was produced (yyyy-MM-dd). */
  issuedOn: isoDay,
});
export type FormHeader = z.infer<typeof formHeaderSchema>;

export const personSchema = z.object({
  firstName: text,
  lastName: text,
  email: text,
  function: text,
});
export type FormPerson = z.infer<typeof personSchema>;

/** Signatory on the partner side: « LE MAIRE », then the name (blank to complete by hand). */
export const signatorySchema = z.object({ title: text, firstName: text, lastName: text });
export type Signatory = z.infer<typeof signatorySchema>;

export const designationFormSchema = z.object({
  type: z.literal('designation-administrateur'),
  v: z.literal(SNAPSHOT_VERSION),
  header: formHeaderSchema,
  newAdmin: personSchema.extend({ landline: text, mobile: text }),
  /** null: the question « remplace-t-il … » is left unticked for the partner to answer. */
  replaces: z.boolean().nullable(),
  replaced: personSchema.pick({ firstName: true, lastName: true, email: true }),
  signatory: signatorySchema,
});

export const suppressionRowSchema = personSchema.extend({ perteVol: z.boolean(), habilitationId: z.string().max(64).optional() });
export const suppressionFormSchema = z.object({
  type: z.literal('suppression-cdap'),
  v: z.literal(SNAPSHOT_VERSION),
  header: formHeaderSchema,
  /** « à compter du » (yyyy-MM-dd, or '' to complete by hand). */
  effectiveOn: isoDay,
  rows: z.array(suppressionRowSchema).max(2000),
  administrator: signatorySchema,
});

export const habilitationRowSchema = personSchema.extend({
  profile: text,
  instructorNumber: text,
  startOn: isoDay,
  habilitationId: z.string().max(64).optional(),
});
export const demandeHabilitationFormSchema = z.object({
  type: z.literal('demande-habilitation'),
  v: z.literal(SNAPSHOT_VERSION),
  header: formHeaderSchema,
  rows: z.array(habilitationRowSchema).max(2000),
  administrator: signatorySchema,
});

export const annexeLineSchema = z.object({
  /** « Administrateur », « Responsable Sécurité » … */
  role: text,
  /** « Prénom NOM », '' when unknown. */
  name: text,
  email: text,
  phone: text,
});
export type AnnexeLine = z.infer<typeof annexeLineSchema>;
export const annexeSideSchema = z.object({ administrators: z.array(annexeLineSchema), others: z.array(annexeLineSchema) });
export const annexe1FormSchema = z.object({
  type: z.literal('annexe1-interlocuteurs'),
  v: z.literal(SNAPSHOT_VERSION),
  header: formHeaderSchema,
  cafSide: annexeSideSchema,
  partnerSide: annexeSideSchema,
});

export const bulletinFormSchema = z.object({
  type: z.literal('bulletin-adhesion'),
  v: z.literal(SNAPSHOT_VERSION),
  header: formHeaderSchema,
  /** Profiles recorded for CDAP; maxUsers 0 = not granted (printed « / »); code '' = blank line to fill in. */
  profiles: z.array(z.object({ code: text, label: text, maxUsers: z.number().int().min(0).nullable() })),
  partnerSignatoryTitle: text,
  cafSignatory: text,
});

export const filledFormSchema = z.discriminatedUnion('type', [
  designationFormSchema,
  suppressionFormSchema,
  demandeHabilitationFormSchema,
  annexe1FormSchema,
  bulletinFormSchema,
]);
export type FilledForm = z.infer<typeof filledFormSchema>;
export type DesignationForm = z.infer<typeof designationFormSchema>;
export type SuppressionForm = z.infer<typeof suppressionFormSchema>;
export type DemandeHabilitationForm = z.infer<typeof demandeHabilitationFormSchema>;
export type Annexe1Form = z.infer<typeof annexe1FormSchema>;
export type BulletinForm = z.infer<typeof bulletinFormSchema>;
export type PrintableFormType = FilledForm['type'];

export const printableFormTypes: readonly PrintableFormType[] = [
  'designation-administrateur',
  'suppression-cdap',
  'demande-habilitation',
  'annexe1-interlocuteurs',
  'bulletin-adhesion',
];

export const formTitles: Record<PrintableFormType, string> = {
  'designation-administrateur': "Désignation / modification d'un administrateur",
  'suppression-cdap': "Demande de suppression d'accès au service CDAP",
  'demande-habilitation': "Demande d'habilitation de nouveaux utilisateurs",
  'annexe1-interlocuteurs': 'Annexe 1 — les interlocuteurs',
  'bulletin-adhesion': "Bulletin d'adhésion — profils autorisés",
};

export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** Read an issued form's snapshot back; a damaged snapshot gives a French message, never a half-filled form. */
export function parseSnapshot(json: string): FilledForm {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new SnapshotError('Le formulaire enregistré est illisible (données endommagées).');
  }
  const parsed = filledFormSchema.safeParse(raw);
  if (!parsed.success) throw new SnapshotError('Le formulaire enregistré est illisible (format inconnu).');
  return parsed.data;
}

/** Names of the people a form concerns, for the issued-forms list. */
export function peopleOf(form: FilledForm): string[] {
  const name = (p: { firstName: string; lastName: string }) => displayName(p.firstName, p.lastName);
  switch (form.type) {
    case 'designation-administrateur':
      return [name(form.newAdmin), ...(form.replaces ? [name(form.replaced)] : [])].filter(Boolean);
    case 'suppression-cdap':
    case 'demande-habilitation':
      return form.rows.map(name).filter(Boolean);
    default:
      return [];
  }
}

/** « Prénom NOM » as on the Caf's forms (the last name in capitals). */
export function displayName(firstName: string, lastName: string): string {
  return personName({ firstName, lastName });
}
