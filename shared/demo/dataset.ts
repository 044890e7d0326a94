/**
 * A data set as plain domain objects (shapes of the zod schemas in shared/domain), ready to be loaded into the
 * database as CRDT records. Used by the demo (seedData.ts) and the synthetic generator (generator.ts).
 */
import type { Allocation, Caf, Contact, Convention, EscalationChain, FollowUp, Habilitation, Partner } from '../domain';
import { syncedTables } from '../domain/tables';

export interface Dataset {
  cafs: Caf[];
  partners: Partner[];
  conventions: Convention[];
  contacts: Contact[];
  chains: EscalationChain[];
  allocations: Allocation[];
  habilitations: Habilitation[];
  followUps: FollowUp[];
}

/** The tables a data set fills, in load order (referenced records first). */
export const datasetTables = ['cafs', 'partners', 'conventions', 'contacts', 'chains', 'allocations', 'habilitations', 'followUps'] as const;
export type DatasetTable = (typeof datasetTables)[number];

export function emptyDataset(): Dataset {
  return { cafs: [], partners: [], conventions: [], contacts: [], chains: [], allocations: [], habilitations: [], followUps: [] };
}

export function datasetCounts(d: Dataset): Record<DatasetTable, number> {
  const out = {} as Record<DatasetTable, number>;
  for (const t of datasetTables) out[t] = d[t].length;
  return out;
}

/** Total number of records in a data set. */
export function datasetSize(d: Dataset): number {
  return datasetTables.reduce((n, t) => n + d[t].length, 0);
}

/** First schema error of a data set as `table/id: message`, or null when every record is valid. */
export function validateDataset(d: Dataset, sampleEvery = 1): string | null {
  for (const t of datasetTables) {
    const schema = syncedTables[t];
    const rows = d[t] as { id: string }[];
    for (let i = 0; i < rows.length; i += sampleEvery) {
      const row = rows[i]!;
      const r = schema.safeParse(row);
      if (!r.success) return `${t}/${row.id}: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`;
    }
  }
  return null;
}
