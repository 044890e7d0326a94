import { z } from '../validation/zod';
import { isoDateTime, recordId } from './common';
import { followUpChannels, followUpDirections, followUpStatuses } from './values';

export { followUpChannels, followUpDirections, followUpStatuses } from './values';


export const followUpStepSchema = z.object({
  side: z.enum(['caf', 'partner']),
  contactId: recordId,
  contactedAt: isoDateTime,
});

export const followUpSchema = z.object({
  id: recordId,
  partnerId: recordId,
  subject: z.string().trim().min(1, "L'objet est obligatoire.").max(300),
  direction: z.enum(followUpDirections),
  channel: z.enum(followUpChannels),
  sentAt: isoDateTime,
  urgent: z.boolean().default(false),
  /** People already contacted, in chain order. */
  steps: z.array(followUpStepSchema).default([]),
  status: z.enum(followUpStatuses),
  closedAt: isoDateTime.optional(),
  notes: z.string().max(5000).default(''),
});
export type FollowUp = z.infer<typeof followUpSchema>;
