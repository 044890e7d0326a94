import { z } from '../validation/zod';
import { civilitySchema, isoDate, recordId } from './common';
import { contactRoles } from './values';

export { contactRoleLabels, contactRoles } from './values';

export const contactRoleSchema = z.enum(contactRoles);
export type ContactRole = z.infer<typeof contactRoleSchema>;

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
