/** `npm run forms:pdf -- --data FILE`: reading a JSON export or a sync bundle into the forms' data set. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formsFixture } from '../shared/forms/fixtures';
import { allFormsFor } from '../shared/forms';
import { fileNameFor, loadDataFile } from './forms-pdf';

const dir = mkdtempSync(join(tmpdir(), 'forms-pdf-'));
const today = '2026-11-22';

describe('forms:pdf --data', () => {
  it('reads a JSON export (arrays of domain objects per table) and builds every form of every partner', async () => {
    const file = join(dir, 'export.json');
    writeFileSync(file, JSON.stringify({ ...formsFixture, followUps: [], unknownTable: [1] }));
    const data = await loadDataFile(file, '');
    expect(data.partners).toHaveLength(3);
    const names = data.partners.flatMap((p) => allFormsFor(data, p.id, today).map(fileNameFor));
    expect(names).toContain('2026-11-22_Suppression-CDAP_Centre-communal-d-action-sociale-de-L-Etang-Sale.pdf');
    expect(names).toContain('2026-11-22_Modification-administrateur_Ville-de-Saint-Denis.pdf');
    expect(names).toHaveLength(13);
  });

  it('refuses a file that is neither, and a bad record, with a French message', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, 'pas du JSON');
    await expect(loadDataFile(bad, '')).rejects.toThrow(`« ${bad} » n'est ni un export JSON ni un paquet de synchronisation.`);
    const invalid = join(dir, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ partners: [{ id: 'x', name: '' }] }));
    await expect(loadDataFile(invalid, '')).rejects.toThrow('Enregistrement invalide dans « partners » (n° 1)');
  });
});
