import { z } from '../validation/zod';
import { civilitySchema, postalAddressSchema, recordId } from './common';
import { partnerKinds, partnerStatuses } from './values';

export { partnerKindLabels, partnerKinds, partnerStatuses } from './values';

export const partnerKindSchema = z.enum(partnerKinds);
export type PartnerKind = z.infer<typeof partnerKindSchema>;

export const partnerStatusSchema = z.enum(partnerStatuses);

export const partnerSchema = z.object({
  id: recordId,
  cafId: recordId,
  name: z.string().trim().min(1, 'Le nom du partenaire est obligatoire.').max(200),
  kind: partnerKindSchema,
  siret: z.string().max(20).default(''),
  address: postalAddressSchema,
  representative: z.object({
    civility: civilitySchema.optional(),
    firstName: z.string().max(100).default(''),
    lastName: z.string().max(100).default(''),
    /** « le Maire », « le Président » … */
    title: z.string().max(120).default(''),
  }),
  status: partnerStatusSchema.default('actif'),
  notes: z.string().max(5000).default(''),
});
export type Partner = z.infer<typeof partnerSchema>;
