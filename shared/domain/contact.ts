import { z } from '../validation/zod';
import { civilitySchema, isoDate, recordId } from './common';

export const contactRoles = [
  'administrateur',
  'administrateur-suppleant',
  'responsable-securite',
  'referent-informatique-libertes',
  'interlocuteur-urgence',
  'responsable-mcp',
  'responsable-informatique',
  'gestionnaire-delegue',
  'signataire',
] as const;
export const contactRoleSchema = z.enum(contactRoles);
export type ContactRole = z.infer<typeof contactRoleSchema>;
export const contactRoleLabels: Record<ContactRole, string> = {
  administrateur: 'Administrateur principal',
  'administrateur-suppleant': 'Administrateur suppléant',
  'responsable-securite': 'Responsable sécurité',
  'referent-informatique-libertes': 'Référent informatique et libertés / DPO',
  'interlocuteur-urgence': "Interlocuteur en cas d'urgence",
  'responsable-mcp': 'Responsable « Mon Compte Partenaire »',
  'responsable-informatique': 'Responsable informatique',
  'gestionnaire-delegue': 'Gestionnaire délégué',
  signataire: 'Signataire',
};

/** A role held over a period: ending a role keeps it, with its end date, as history. */
export const roleAssignmentSchema = z.object({
  role: contactRoleSchema,
  from: isoDate.optional(),
  until: isoDate.optional(),
});
export type RoleAssignment = z.infer<typeof roleAssignmentSchema>;

export const contactSchema = z.object({
  id: recordId,
  /** Exactly one of partnerId / cafId: the contact belongs to a partner or to the Caf itself. */
  partnerId: recordId.optional(),
  cafId: recordId.optional(),
  civility: civilitySchema.optional(),
  firstName: z.string().trim().max(100).default(''),
  lastName: z.string().trim().min(1, 'Le nom est obligatoire.').max(100),
  function: z.string().max(200).default(''),
  email: z.string().trim().max(200).default(''),
  /** Stored normalised in E.164 (+33…, +262…), shown `02 62 48 62 11`. */
  landline: z.string().max(20).default(''),
  mobile: z.string().max(20).default(''),
  roles: z.array(roleAssignmentSchema).default([]),
  activeFrom: isoDate.optional(),
  activeUntil: isoDate.optional(),
  notes: z.string().max(5000).default(''),
});
export type Contact = z.infer<typeof contactSchema>;
