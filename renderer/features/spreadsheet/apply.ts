/**
 * Applying an import plan: one Store transaction (all or nothing), one history line per field with the action
 * « import du tableur <fichier> ». « Annuler cet import » rolls the base back to the backup taken just before.
 */
import type { Store } from '../../db/store';
import type { PassphraseInput } from '../../../shared/sync';
import type { RollbackCounts } from '../../../shared/sync/rollback';
import { decode } from '../../sync/engine';
import { rollbackTotals } from '../../sync/rollback';
import { rollbackToBackup, type SyncContext } from '../sync/actions';
import type { ImportPlan, ImportTable } from '../../../shared/spreadsheet/plan';
import { SPREADSHEET_MESSAGES, SpreadsheetError } from '../../../shared/spreadsheet/read';

export interface ImportReport {
  fileName: string;
  created: Partial<Record<ImportTable, number>>;
  updated: Partial<Record<ImportTable, number>>;
}

export const importAction = (fileName: string) => `import du tableur ${fileName}`;

export interface ApplyOptions {
  onProgress?: (done: number, total: number) => void;
  /** Checked between records: a cancelled import throws inside the transaction, which stores nothing. */
  isCancelled?: () => boolean;
  /** Told when a part of the transaction is done (the bench reports where the time goes). */
  onPhase?: (name: string) => void;
}

const CREATE_BATCH = 2000;

export async function applyPlan(store: Store, plan: ImportPlan, fileName: string, options: ApplyOptions = {}): Promise<ImportReport> {
  const total = plan.creates.length + plan.updates.length;
  const report: ImportReport = { fileName, created: {}, updated: {} };
  await store.write(importAction(fileName), async (ctx) => {
    let done = 0;
    const step = () => {
      done++;
      if (done % 500 === 0) {
        if (options.isCancelled?.()) throw new SpreadsheetError('annule', SPREADSHEET_MESSAGES.annule);
        options.onProgress?.(done, total);
      }
    };
    // Consecutive creations of one table go to the Store in batches (one bulk write each, nothing read back: the
    // plan's ids are fresh UUIDs), stamped and logged exactly as one create per record; cancel and progress are
    // checked between batches.
    for (let i = 0; i < plan.creates.length; ) {
      const table = plan.creates[i]!.table;
      let end = i + 1;
      while (end < plan.creates.length && end - i < CREATE_BATCH && plan.creates[end]!.table === table) end++;
      const batch = plan.creates.slice(i, end);
      await ctx.createMany(table, batch.map((item) => item.data) as never, { fresh: true });
      report.created[table] = (report.created[table] ?? 0) + batch.length;
      for (let k = 0; k < batch.length; k++) step();
      i = end;
    }
    options.onPhase?.('créations validées, horodatées et écrites (Store.createMany)');
    for (const item of plan.updates) {
      await ctx.update(item.table, item.id, item.data as never);
      report.updated[item.table] = (report.updated[item.table] ?? 0) + 1;
      step();
    }
    if (options.isCancelled?.()) throw new SpreadsheetError('annule', SPREADSHEET_MESSAGES.annule);
    options.onProgress?.(total, total);
    options.onPhase?.('mises à jour');
  });
  return report;
}

/**
 * « Annuler cet import »: the base goes back to the backup taken just before the import, through the rollback
 * API of issue 10 (renderer/sync/rollback.ts): new stamped edits that sync like any other, one history line per
 * field, and first a backup of the current state so the cancellation can itself be undone from the Sync page.
 * Any edit made after the import (here or received by sync) is undone too: the wizard says so before.
 */
export async function rollBackImport(ctx: SyncContext, passphrase: PassphraseInput, backupFile: string, onStep?: (label: string, fraction?: number) => void): Promise<RollbackCounts> {
  const backup = await decode(await ctx.platform.readFromFolder('backups', backupFile), passphrase);
  const { plan } = await rollbackToBackup(ctx, passphrase, backup, { restoredFile: backupFile, ...(onStep ? { onStep } : {}) });
  return rollbackTotals(plan);
}
