import { z } from '../validation/zod';
import { isoDateTime, recordId } from './common';
import { formTypes } from './values';

export { formTypes } from './values';

export const formTypeSchema = z.enum(formTypes);
export type FormType = z.infer<typeof formTypeSchema>;

/** An issued form keeps the exact data it printed, so it can be printed again identically. */
export const issuedFormSchema = z.object({
  id: recordId,
  partnerId: recordId,
  type: formTypeSchema,
  issuedAt: isoDateTime,
  issuedBy: z.string().max(120).default(''),
  people: z.array(z.string().max(200)).default([]),
  /** JSON snapshot of the form's filled values (schema owned by the forms feature). */
  snapshot: z.string().max(2_000_000),
});
export type IssuedForm = z.infer<typeof issuedFormSchema>;
