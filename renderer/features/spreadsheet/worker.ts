/**
 * The spreadsheet worker: reading a file (exceljs, CSV decoding), building the import plan against a snapshot of
 * the base, and writing « Exporter toute la base », all off the page's thread so it stays responsive. It reads
 * the database through its own Dexie connection and never writes: plans are applied by the Store on the page.
 */
import * as Comlink from 'comlink';
import { AppDatabase } from '../../db/database';
import { liveRows } from '../../db/store';
import { baseSheets } from '../../../shared/spreadsheet/exportBase';
import { buildPlan, planTables, type ExistingData, type ImportPlan, type ImportTable, type PlanInput } from '../../../shared/spreadsheet/plan';
import { readSpreadsheet, type ParsedFile, type ReadOptions } from '../../../shared/spreadsheet/read';
import { writeXlsx } from '../../../shared/spreadsheet/xlsxWrite';
import type { CellValue } from '../../../shared/spreadsheet/cells';

export interface SheetSummary {
  name: string;
  rowCount: number;
  /** The first rows, for choosing the header row and the preview. */
  head: CellValue[][];
  merges: ParsedFile['sheets'][number]['merges'];
  formulas: number;
}

export interface FileSummary {
  format: ParsedFile['format'];
  encoding?: ParsedFile['encoding'];
  separator?: ParsedFile['separator'];
  sheets: SheetSummary[];
}

export type WorkerPlanInput = Omit<PlanInput, 'rows' | 'existing' | 'newId' | 'onProgress' | 'isCancelled'> & { sheet: number; dbName: string };

let file: ParsedFile | null = null;
let cancelled = false;

/** The live records a plan compares against; `tables`: only those (planTables), the others left empty. */
async function snapshot(dbName: string, tables: readonly ImportTable[] = ['partners', 'conventions', 'contacts', 'allocations', 'habilitations']): Promise<ExistingData> {
  const db = new AppDatabase(dbName);
  try {
    const read = <T extends ImportTable>(t: T) => (tables.includes(t) ? liveRows(db, t) : Promise.resolve([]));
    const [partners, conventions, contacts, allocations, habilitations] = await Promise.all([read('partners'), read('conventions'), read('contacts'), read('allocations'), read('habilitations')]);
    return { partners, conventions, contacts, allocations, habilitations };
  } finally {
    db.close();
  }
}

const api = {
  async read(bytes: Uint8Array, options: ReadOptions = {}): Promise<FileSummary> {
    file = await readSpreadsheet(bytes, options);
    return {
      format: file.format,
      ...(file.encoding ? { encoding: file.encoding } : {}),
      ...(file.separator ? { separator: file.separator } : {}),
      sheets: file.sheets.map((s) => ({ name: s.name, rowCount: s.rows.length, head: s.rows.slice(0, 30), merges: s.merges, formulas: s.formulas })),
    };
  },
  async plan(input: WorkerPlanInput, onProgress: (done: number, total: number) => void): Promise<ImportPlan> {
    if (!file) throw new Error('Aucun fichier lu.');
    cancelled = false;
    const sheet = file.sheets[input.sheet];
    if (!sheet) throw new Error('Feuille introuvable.');
    const existing = await snapshot(input.dbName, planTables[input.kind]);
    const { sheet: _s, dbName: _d, ...rest } = input;
    return buildPlan({ ...rest, rows: sheet.rows, existing, newId: () => crypto.randomUUID(), onProgress, isCancelled: () => cancelled });
  },
  /** Every row of a sheet of the file read last (short lists: the reverse review). */
  rows(sheet: number): CellValue[][] {
    return file?.sheets[sheet]?.rows ?? [];
  },
  cancel(): void {
    cancelled = true;
  },
  async exportBase(dbName: string): Promise<Uint8Array> {
    const bytes = await writeXlsx(baseSheets(await snapshot(dbName)));
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
  },
};

export type SpreadsheetWorkerApi = typeof api;

Comlink.expose(api);
