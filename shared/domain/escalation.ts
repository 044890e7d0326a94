import { z } from '../validation/zod';
import { recordId } from './common';
import { delayUnits } from './values';

export { delayUnitLabels, delayUnits } from './values';

export const delayUnitSchema = z.enum(delayUnits);
export type DelayUnit = z.infer<typeof delayUnitSchema>;

export const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Heure attendue au format hh:mm.');

export const chainEntrySchema = z.object({ contactId: recordId });

/** One chain per partner (id = partner id). */
export const escalationChainSchema = z.object({
  id: recordId,
  partnerId: recordId,
  delayValue: z.number().int(),
  delayUnit: delayUnitSchema,
  serviceOpens: timeOfDay.default('08:00'),
  serviceCloses: timeOfDay.default('16:00'),
  cafSide: z.array(chainEntrySchema).default([]),
  partnerSide: z.array(chainEntrySchema).default([]),
});
export type EscalationChain = z.infer<typeof escalationChainSchema>;
