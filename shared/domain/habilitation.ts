import { z } from '../validation/zod';
import { isoDate, recordId } from './common';
import { endReasons, habilitationStatuses } from './values';

export { endReasonLabels, endReasons, habilitationStatusLabels, habilitationStatuses } from './values';

export const allocationSchema = z.object({
  id: recordId,
  partnerId: recordId,
  service: z.string().min(1).max(20),
  profile: z.string().min(1).max(10),
  maxUsers: z.number().int().min(0, 'Le nombre maximal doit être positif ou nul.'),
});
export type Allocation = z.infer<typeof allocationSchema>;

export const habilitationStatusSchema = z.enum(habilitationStatuses);
export type HabilitationStatus = z.infer<typeof habilitationStatusSchema>;

export const endReasonSchema = z.enum(endReasons);
export type EndReason = z.infer<typeof endReasonSchema>;

export const habilitationSchema = z.object({
  id: recordId,
  partnerId: recordId,
  service: z.string().min(1).max(20),
  profile: z.string().min(1).max(10),
  firstName: z.string().trim().max(100).default(''),
  lastName: z.string().trim().min(1, 'Le nom est obligatoire.').max(100),
  email: z.string().trim().max(200).default(''),
  function: z.string().max(200).default(''),
  contactId: recordId.optional(),
  /** Required for T4 (services instructeurs RSA). */
  instructorNumber: z.string().max(40).optional(),
  startOn: isoDate,
  endOn: isoDate.optional(),
  status: habilitationStatusSchema,
  endReason: endReasonSchema.optional(),
  /** Recorded when the user explicitly exceeds the allocation. */
  quotaOverrideReason: z.string().max(500).optional(),
});
export type Habilitation = z.infer<typeof habilitationSchema>;
