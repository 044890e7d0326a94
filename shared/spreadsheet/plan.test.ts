import { describe, expect, it } from 'vitest';
import { generateDataset, REFERENCE_DATE } from '../demo/generator';
import { baseSheets } from './exportBase';
import { proposeMapping, rowKinds, rowKindSheets } from './fields';
import { buildPlan, guessHeaderRow, planTables, type ExistingData } from './plan';
import { readSpreadsheet } from './read';
import { datasetExisting, emptyExisting } from './testing';
import { writeXlsx } from './xlsxWrite';

describe('planTables: the tables a plan of each row kind reads', () => {
  it('gives the same plan as every table, for rows that match, change and create', async () => {
    const base = datasetExisting(generateDataset('typical'));
    // The file: rows of the base's own export (they match), then rows of another seed's records attached to the
    // base's partners (creations, quota checks against the base's seats).
    const other = datasetExisting(generateDataset('typical', 4242));
    const sheets = baseSheets(base);
    const more = baseSheets({ ...other, partners: base.partners.slice(0, 20), conventions: [], contacts: other.contacts.slice(0, 200).map((c, i) => ({ ...c, partnerId: base.partners[i % 20]!.id })), allocations: [], habilitations: other.habilitations.slice(0, 300).map((h, i) => ({ ...h, partnerId: base.partners[i % 20]!.id })) });
    for (const kind of rowKinds) {
      const i = sheets.findIndex((s) => s.name === rowKindSheets[kind]);
      const rows = [...[...sheets[i]!.rows].slice(0, 400), ...[...more[i]!.rows].slice(1, 200)];
      const parsed = await readSpreadsheet(await writeXlsx([{ ...sheets[i]!, rows }]));
      const sheet = parsed.sheets[0]!;
      const headerRow = guessHeaderRow(sheet.rows);
      const mapping = proposeMapping(kind, sheet.rows[headerRow]!.map((c) => String(c ?? '')));
      const only = emptyExisting();
      for (const t of planTables[kind]) Object.assign(only, { [t]: base[t] });
      const plan = (existing: ExistingData) => {
        let n = 0;
        return buildPlan({ kind, rows: sheet.rows, headerRow, mapping, mode: 'creer-et-mettre-a-jour', existing, cafId: 'caf', today: REFERENCE_DATE, newId: () => `id-${++n}`, overrideReason: 'Test' });
      };
      const full = plan(base);
      expect(full.creates.length + full.unchanged + full.updates.length, kind).toBeGreaterThan(100);
      expect(plan(only), kind).toEqual(full);
    }
  });
});
