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
import type { SyncedTableName } from './values';

export { syncedTableNames, tableLabels, type SyncedTableName } from './values';

/**
 * The replicated tables' schemas: every record carries per-field stamps and travels in bundles. Their names and
 * order are values.ts's `syncedTableNames` (no zod); `satisfies` keeps both lists the same tables.
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
} as const satisfies { [K in SyncedTableName]: z.ZodType };
export type TableRow<T extends SyncedTableName> = z.infer<(typeof syncedTables)[T]>;
