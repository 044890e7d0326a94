import { z } from '../validation/zod';
import { isoDate, recordId } from './common';
import { managementModes } from './values';

export { managementModeLabels, managementModes } from './values';

export const managementModeSchema = z.enum(managementModes);
export type ManagementMode = z.infer<typeof managementModeSchema>;

export const amendmentSchema = z.object({
  date: isoDate,
  object: z.string().min(1).max(500),
});

export const subscribedServiceSchema = z.object({
  /** Service code: CDAP, AFAS, … */
  code: z.string().min(1).max(20),
  /** « date de mise à disposition » */
  availableOn: isoDate.optional(),
});

export const conventionSchema = z.object({
  id: recordId,
  partnerId: recordId,
  /** Free text: `112/2017`, `1/2017`, `46`, `2023-267 701 647`. */
  number: z.string().trim().max(60).default(''),
  signedOn: isoDate.optional(),
  effectiveOn: isoDate.optional(),
  tacitRenewal: z.boolean().default(true),
  terminationRequestedOn: isoDate.optional(),
  terminationEffectiveOn: isoDate.optional(),
  managementMode: managementModeSchema,
  missions: z.string().max(5000).default(''),
  amendments: z.array(amendmentSchema).default([]),
  services: z.array(subscribedServiceSchema).default([]),
  reverseReviewLastDone: isoDate.optional(),
  reverseReviewNextDue: isoDate.optional(),
});
export type Convention = z.infer<typeof conventionSchema>;
