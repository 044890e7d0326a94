import { describe, expect, it } from 'vitest';
import { generateDataset, REFERENCE_DATE } from '../demo/generator';
import { baseSheets } from './exportBase';
import { proposeMapping, rowKinds, rowKindSheets } from './fields';
import { buildPlan, guessHeaderRow } from './plan';
import { readSpreadsheet } from './read';
import { applyPlanInMemory, datasetExisting, emptyExisting, encodeWindows1252, sheetToCsv, testIds } from './testing';
import { writeXlsx } from './xlsxWrite';
import type { ExistingData } from './plan';

/** Records without ids, with references replaced by the partner's SIRET, sorted: comparable across bases. */
function comparable(d: ExistingData) {
  const siret = new Map(d.partners.map((p) => [p.id, p.siret]));
  const strip = <T extends { id: string }>(rows: readonly T[], drop: string[]) =>
    rows
      .map((r) => {
        const o: Record<string, unknown> = { ...r };
        delete o.id;
        for (const k of drop) delete o[k];
        if ('partnerId' in o) o.partnerId = siret.get(o.partnerId as string);
        return JSON.stringify(Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b))));
      })
      .sort();
  return {
    partners: strip(d.partners, ['cafId']),
    conventions: strip(d.conventions, []),
    contacts: strip(d.contacts.filter((c) => c.partnerId), []),
    allocations: strip(d.allocations, []),
    habilitations: strip(d.habilitations, ['contactId']),
  };
}

async function importAll(files: { kind: (typeof rowKinds)[number]; bytes: Uint8Array }[]) {
  const base = emptyExisting();
  for (const { kind, bytes } of files) {
    const parsed = await readSpreadsheet(bytes);
    const sheet = parsed.sheets.find((s) => s.name === rowKindSheets[kind]) ?? parsed.sheets[0]!;
    const headerRow = guessHeaderRow(sheet.rows);
    const headers = sheet.rows[headerRow]!.map((c) => String(c ?? ''));
    const mapping = proposeMapping(kind, headers);
    expect(mapping.filter((m) => m === null), `${kind}: every exported column is recognised`).toEqual([]);
    const plan = buildPlan({ kind, rows: sheet.rows, headerRow, mapping, mode: 'creer-et-mettre-a-jour', existing: base, cafId: 'caf', today: REFERENCE_DATE, newId: testIds });
    expect(plan.refused, kind).toEqual([]);
    expect(plan.updates, kind).toEqual([]);
    applyPlanInMemory(base, plan);
  }
  return base;
}

describe('round trip of the typical data set', () => {
  const data = generateDataset('typical');
  const expected = comparable(datasetExisting(data));
  it('compares the whole set', () => {
    expect([expected.partners.length, expected.conventions.length, expected.contacts.length, expected.habilitations.length]).toEqual([300, 300, 1800, 9000]);
    expect(expected.allocations.length).toBeGreaterThan(300);
  });

  it('exported as one xlsx workbook, imports back into an empty base unchanged', async () => {
    const bytes = await writeXlsx(baseSheets(datasetExisting(data)));
    const base = await importAll(rowKinds.map((kind) => ({ kind, bytes })));
    expect(comparable(base)).toEqual(expected);
  });

  it('exported as Windows-1252 CSV files (one per sheet), imports back unchanged', async () => {
    const sheets = baseSheets(datasetExisting(data));
    const files = rowKinds.map((kind, i) => ({ kind, bytes: encodeWindows1252(sheetToCsv(sheets[i]!, { bom: false })) }));
    const parsed = await readSpreadsheet(files[0]!.bytes);
    expect(parsed.encoding).toBe('windows-1252');
    expect(parsed.separator).toBe(';');
    const base = await importAll(files);
    expect(comparable(base)).toEqual(expected);
  });
});
