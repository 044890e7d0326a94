/**
 * Bench figures of the spreadsheet import and export (issue 13):
 *
 * - `import.xlsx_rows_per_s.stress`: 150,000 habilitation rows, written as an .xlsx by the generator (the
 *   stress set's habilitations, re-addressed to new people so each row creates a record), imported end to end
 *   into a copy of the stress base (own database, so the other figures keep theirs): read by the own .xlsx
 *   reader and planned in the spreadsheet worker (the wizard's path), then applied by the Store in one
 *   transaction with its history (one row per created record, schema 10). Rows per second over the whole run (writing the test file is not counted).
 * - `export.xlsx_ms.stress`: every habilitation of the stress base read and written as one .xlsx sheet
 *   (« Exporter toute la base »'s habilitations sheet: typed dates, frozen header, autofilter).
 */
import { liveRows } from '../../db/store';
import { baseSheets } from '../../../shared/spreadsheet/exportBase';
import { proposeMapping } from '../../../shared/spreadsheet/fields';
import { planTables } from '../../../shared/spreadsheet/plan';
import { writeXlsx } from '../../../shared/spreadsheet/xlsxWrite';
import { cellText } from '../../../shared/spreadsheet/cells';
import { applyPlan } from '../../features/spreadsheet/apply';
import { startSpreadsheetWorker, Comlink } from '../../features/spreadsheet/client';
import { benchDataset, prepareDatabase } from '../datasets';
import { registerFigure } from '../registry';

const IMPORT_DB = 'bench-tableur-import';

registerFigure({
  id: 'import.xlsx_rows_per_s.stress',
  unit: 'lignes/s',
  label: "Import d'un classeur de 150 000 habilitations dans la base stress (lecture, analyse dans le worker, transaction)",
  dataset: 'stress',
  async run() {
    const data = benchDataset('stress');
    const habilitations = data.habilitations.map((h, i) => ({ ...h, email: `import${i}.${h.email}`, lastName: `${h.lastName} ${i}` }));
    const [, , , sheet] = baseSheets({ partners: data.partners, conventions: [], contacts: [], allocations: [], habilitations });
    const bytes = await writeXlsx([sheet!]);
    const { db, store } = await prepareDatabase('stress', IMPORT_DB);
    // Where the plan's time goes: its snapshot of the base alone (the same reads, on this page, untimed).
    const r0 = performance.now();
    await Promise.all(planTables.habilitation.map((t) => liveRows(db, t)));
    console.log(`[banc] (hors chrono) lecture seule des tables que lit l'analyse : ${Math.round(performance.now() - r0)} ms`);
    const worker = startSpreadsheetWorker();
    try {
      const t0 = performance.now();
      let lap = t0;
      const phase = (name: string) => {
        const now = performance.now();
        console.log(`[banc] ${name} : ${Math.round(now - lap)} ms`);
        lap = now;
      };
      const summary = await worker.api.read(bytes);
      phase('lecture du classeur (worker)');
      const headers = summary.sheets[0]!.head[0]!.map((c) => cellText(c));
      const plan = await worker.api.plan(
        { sheet: 0, headerRow: 0, mapping: proposeMapping('habilitation', headers), mode: 'creer-et-mettre-a-jour', kind: 'habilitation', cafId: 'gen-caf-reunion', today: '2026-11-20', overrideReason: 'Mesure de performance', dbName: db.name },
        Comlink.proxy(() => {}),
      );
      phase('analyse et rapprochement (worker, lecture de la base comprise)');
      if (plan.refused.length || plan.creates.length !== habilitations.length) throw new Error(`plan inattendu : ${plan.creates.length} créations, ${plan.refused.length} refus (${plan.refused[0]?.message ?? ''})`);
      await applyPlan(store, plan, 'banc.xlsx', { onPhase: phase });
      phase('fin de la transaction');
      const seconds = (performance.now() - t0) / 1000;
      return Math.round(habilitations.length / seconds);
    } finally {
      worker.terminate();
      // Leave the copy as the stress set for the next run: delete it (it is rebuilt on demand).
      db.close();
      await db.delete();
    }
  },
});

registerFigure({
  id: 'export.xlsx_ms.stress',
  unit: 'ms',
  label: 'Export .xlsx de toutes les habilitations du jeu stress (150 000 lignes)',
  dataset: 'stress',
  async run() {
    const { db } = await prepareDatabase('stress');
    const t0 = performance.now();
    const [partners, habilitations] = await Promise.all([liveRows(db, 'partners'), liveRows(db, 'habilitations')]);
    const t1 = performance.now();
    const [, , , sheet] = baseSheets({ partners, conventions: [], contacts: [], allocations: [], habilitations });
    const bytes = await writeXlsx([sheet!]);
    console.log(`[banc] lecture de la base : ${Math.round(t1 - t0)} ms ; écriture du classeur : ${Math.round(performance.now() - t1)} ms`);
    if (bytes.byteLength < 1000) throw new Error('classeur vide');
    return Math.round(performance.now() - t0);
  },
});
