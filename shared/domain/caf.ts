import { z } from '../validation/zod';
import { postalAddressSchema, recordId, territorySchema } from './common';

/** A Caf (one per département). The office's own Caf is named in Paramètres; demo data holds three. */
export const cafSchema = z.object({
  id: recordId,
  name: z.string().min(1, 'Le nom de la Caf est obligatoire.').max(200),
  address: postalAddressSchema,
  territory: territorySchema,
  director: z.string().max(200).default(''),
  /** « guichet unique » of the service centre. */
  helpdeskEmail: z.string().max(200).default(''),
  helpdeskPhone: z.string().max(30).default(''),
});
export type Caf = z.infer<typeof cafSchema>;
