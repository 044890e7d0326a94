import { z } from '../validation/zod';
import { postalAddressSchema, recordId, territorySchema } from './common';

/**
 * A Caf (one per département), edited on its Caf screen; Paramètres only says which one is the office's
 * (`officeCafId`). The forms, the fiche d'escalade and Annexe 1 read this record. Demo data holds three.
 */
export const cafSchema = z.object({
  id: recordId,
  name: z.string().min(1, 'Le nom de la Caf est obligatoire.').max(200),
  address: postalAddressSchema,
  territory: territorySchema,
  director: z.string().max(200).default(''),
  /** « guichet unique » of the service centre. */
  helpdeskEmail: z.string().max(200).default(''),
  helpdeskPhone: z.string().max(30).default(''),
  /** Opening hours of the guichet unique as printed (« du lundi au vendredi, de 8 h à 16 h »). */
  serviceHours: z.string().max(200).optional(),
});
export type Caf = z.infer<typeof cafSchema>;
