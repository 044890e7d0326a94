/**
 * Applying an import plan: one Store transaction (all or nothing), one history line per field with the action
 * « import du tableur <fichier> ». The values before the import are kept so « Annuler cet import » can bring the
 * records back as new stamped edits that sync like any other (creations removed, changed fields restored).
 */
import type { Store } from '../../db/store';
import type { ImportPlan, ImportTable } from '../../../shared/spreadsheet/plan';
import { SPREADSHEET_MESSAGES, SpreadsheetError } from '../../../shared/spreadsheet/read';

export interface ImportUndo {
  fileName: string;
  created: { table: ImportTable; id: string }[];
  updated: { table: ImportTable; id: string; old: Record<string, unknown>; written: Record<string, unknown> }[];
}

export interface ImportReport {
  fileName: string;
  created: Partial<Record<ImportTable, number>>;
  updated: Partial<Record<ImportTable, number>>;
  undo: ImportUndo;
}

export const importAction = (fileName: string) => `import du tableur ${fileName}`;
export const undoAction = (fileName: string) => `annulation de l'import du tableur ${fileName}`;

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
  const report: ImportReport = { fileName, created: {}, updated: {}, undo: { fileName, created: [], updated: [] } };
  await store.write(importAction(fileName), async (ctx) => {
    let done = 0;
    const step = () => {
      done++;
      if (done % 500 === 0) {
        if (options.isCancelled?.()) throw new SpreadsheetError('annule', SPREADSHEET_MESSAGES.annule);
        options.onProgress?.(done, total);
      }
    };
    // Consecutive creations of one table go to the Store in batches (one bulk read and write each), stamped
    // and logged exactly as one create per record; cancel and progress are checked between batches.
    for (let i = 0; i < plan.creates.length; ) {
      const table = plan.creates[i]!.table;
      let end = i + 1;
      while (end < plan.creates.length && end - i < CREATE_BATCH && plan.creates[end]!.table === table) end++;
      const batch = plan.creates.slice(i, end);
      await ctx.createMany(table, batch.map((item) => item.data) as never);
      report.created[table] = (report.created[table] ?? 0) + batch.length;
      for (const item of batch) {
        report.undo.created.push({ table, id: item.id });
        step();
      }
      i = end;
    }
    options.onPhase?.('créations validées, horodatées et écrites (Store.createMany)');
    for (const item of plan.updates) {
      await ctx.update(item.table, item.id, item.data as never);
      report.updated[item.table] = (report.updated[item.table] ?? 0) + 1;
      report.undo.updated.push({
        table: item.table,
        id: item.id,
        old: Object.fromEntries((item.changes ?? []).map((c) => [c.field, c.old])),
        written: item.data,
      });
      step();
    }
    if (options.isCancelled?.()) throw new SpreadsheetError('annule', SPREADSHEET_MESSAGES.annule);
    options.onProgress?.(total, total);
    options.onPhase?.('mises à jour');
  });
  return report;
}

/**
 * Undo as new edits: created records removed, updated fields set back to their old values. A field changed
 * again since the import (by someone else, or by sync) is left as it is now and counted as kept.
 */
export async function undoImport(store: Store, undo: ImportUndo): Promise<{ removed: number; restored: number; kept: number }> {
  const out = { removed: 0, restored: 0, kept: 0 };
  await store.write(undoAction(undo.fileName), async (ctx) => {
    for (const u of undo.updated) {
      const current = (await ctx.get(u.table, u.id)) as Record<string, unknown> | undefined;
      if (!current) continue;
      const patch: Record<string, unknown> = {};
      for (const [field, old] of Object.entries(u.old)) {
        if (JSON.stringify(current[field] ?? null) === JSON.stringify(u.written[field] ?? null)) patch[field] = old;
        else out.kept++;
      }
      if (Object.keys(patch).length) {
        await ctx.update(u.table, u.id, patch as never);
        out.restored++;
      }
    }
    for (const c of undo.created) {
      await ctx.remove(c.table, c.id);
      out.removed++;
    }
  });
  return out;
}
