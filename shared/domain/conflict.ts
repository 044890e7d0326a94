import { z } from '../validation/zod';
import { recordId } from './common';

/**
 * A concurrent write that lost a merge, kept so a person can review and reverse it. Its id and content are a
 * pure function of the losing write, so every replica that detects it creates the same record.
 */
export const conflictSchema = z.object({
  id: z.string().min(1).max(300),
  table: z.string().min(1).max(40),
  recordId,
  field: z.string().min(1).max(60),
  kind: z.enum(['field', 'delete-edit']),
  /** JSON of the losing value (field conflicts). */
  loserValue: z.string().max(1_000_000).optional(),
  loserStamp: z.string().max(40),
  status: z.enum(['ouvert', 'resolu']),
  /** The decision taken (a stamped write, so it travels); two different concurrent ones reopen the conflict. */
  resolution: z.enum(['valeur-ecartee', 'valeur-actuelle', 'suppression']).optional(),
  /** Set when two workstations decided differently: the decisions, in French. */
  disagreement: z.string().max(500).optional(),
});
export type Conflict = z.infer<typeof conflictSchema>;
