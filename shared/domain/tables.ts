import type { z } from 'zod';
import { cafSchema } from './caf';
import { partnerSchema } from './partner';
import { conventionSchema } from './convention';
import { contactSchema } from './contact';
import { escalationChainSchema } from './escalation';
import { allocationSchema, habilitationSchema } from './habilitation';
import { followUpSchema } from './followup';
import { issuedFormSchema } from './issuedForm';
import { conflictSchema } from './conflict';
import { letterTemplateSchema } from './template';
import { reviewCampaignSchema, reviewRequestSchema } from './campaign';
import { attachmentSchema } from './attachment';

/**
 * The replicated tables: every record carries per-field stamps and travels in bundles.
 * Local-only tables (history, meta, peers) are not listed here.
 */
export const syncedTables = {
  cafs: cafSchema,
  partners: partnerSchema,
  conventions: conventionSchema,
  contacts: contactSchema,
  chains: escalationChainSchema,
  allocations: allocationSchema,
  habilitations: habilitationSchema,
  followUps: followUpSchema,
  issuedForms: issuedFormSchema,
  conflicts: conflictSchema,
  templates: letterTemplateSchema,
  reviewCampaigns: reviewCampaignSchema,
  reviewRequests: reviewRequestSchema,
  /** Schema 8: documents kept with a convention (their bytes travel apart, see shared/sync/blobs.ts). */
  attachments: attachmentSchema,
} as const;
export type SyncedTableName = keyof typeof syncedTables;
export const syncedTableNames = Object.keys(syncedTables) as SyncedTableName[];
export type TableRow<T extends SyncedTableName> = z.infer<(typeof syncedTables)[T]>;

export const tableLabels: Record<SyncedTableName, string> = {
  cafs: 'Caf',
  partners: 'Partenaires',
  conventions: 'Conventions',
  contacts: 'Interlocuteurs',
  chains: "Procédures d'escalade",
  allocations: 'Profils autorisés',
  habilitations: 'Habilitations',
  followUps: 'Relances',
  issuedForms: 'Formulaires émis',
  conflicts: 'Conflits',
  templates: 'Modèles de courrier',
  reviewCampaigns: 'Campagnes de revue inverse',
  reviewRequests: 'Demandes de revue inverse',
  attachments: 'Documents joints',
};
