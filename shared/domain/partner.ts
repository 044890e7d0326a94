import { z } from '../validation/zod';
import { civilitySchema, postalAddressSchema, recordId } from './common';

export const partnerKinds = [
  'commune',
  'ccas-cias',
  'conseil-departemental',
  'epci',
  'bailleur-social',
  'etablissement-sante',
  'organisme-securite-sociale',
  'association',
  'autre',
] as const;
export const partnerKindSchema = z.enum(partnerKinds);
export type PartnerKind = z.infer<typeof partnerKindSchema>;
export const partnerKindLabels: Record<PartnerKind, string> = {
  commune: 'Commune',
  'ccas-cias': 'CCAS / CIAS',
  'conseil-departemental': 'Conseil départemental',
  epci: 'EPCI',
  'bailleur-social': 'Bailleur social',
  'etablissement-sante': 'Établissement de santé',
  'organisme-securite-sociale': 'Organisme de sécurité sociale',
  association: 'Association',
  autre: 'Autre',
};

export const partnerStatuses = ['actif', 'archive'] as const;
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
