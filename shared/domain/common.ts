import { z } from '../validation/zod';
import { civilities, territories } from './values';

export { civilities, territories, territoryLabels } from './values';

/** Calendar date as stored: `yyyy-MM-dd` (shown dd/MM/yyyy). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format jj/mm/aaaa.')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'Date invalide.');
/** Instant as stored: ISO 8601 with offset, e.g. `2026-11-20T17:30:00.000Z`. */
export const isoDateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'Date et heure invalides.');

export const recordId = z.string().min(1).max(64);

export const territorySchema = z.enum(territories);
export type Territory = z.infer<typeof territorySchema>;

export const civilitySchema = z.enum(civilities);
export type Civility = z.infer<typeof civilitySchema>;

export const postalAddressSchema = z.object({
  line1: z.string().max(200).default(''),
  line2: z.string().max(200).default(''),
  postalCode: z.string().max(10).default(''),
  city: z.string().max(120).default(''),
});
export type PostalAddress = z.infer<typeof postalAddressSchema>;
