/** `npm run forms:pdf -- --data paquet.mcpsync`: a sync bundle decoded with the sync feature's decoder. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyLocalEdit, applyLocalDelete } from '../shared/crdt/record';
import { encodeBundle } from '../shared/sync/codec';
import { CURRENT_SCHEMA_VERSION } from '../renderer/db/schema';
import { formsFixture } from '../shared/forms/fixtures';
import { loadDataFile } from './forms-pdf';

const dir = mkdtempSync(join(tmpdir(), 'forms-pdf-bundle-'));

describe('forms:pdf --data bundle', () => {
  it('reads a sync bundle with its passphrase (deleted records left out)', async () => {
    let n = 0;
    const stamp = () => `${(1_700_000_000_000 + n++).toString(36).padStart(9, '0')}-0000-00000000000f0e01`;
    const tables: Record<string, ReturnType<typeof applyLocalEdit>['record'][]> = {};
    for (const t of ['cafs', 'partners', 'conventions', 'contacts', 'allocations', 'habilitations'] as const) {
      tables[t] = (formsFixture[t] as { id: string }[]).map((row) => {
        const { id, ...fields } = JSON.parse(JSON.stringify(row)) as Record<string, unknown> & { id: string };
        return applyLocalEdit(undefined, id, fields, stamp()).record;
      });
    }
    tables.partners![2] = applyLocalDelete(tables.partners![2]!, stamp());
    const { bytes } = await encodeBundle({
      bundleId: 'forms-pdf-test-bundle',
      schemaVersion: CURRENT_SCHEMA_VERSION,
      replicaId: '00000000000f0e01',
      replicaLabel: 'Poste test',
      createdAt: '2026-11-22T10:00:00.000Z',
      vector: {},
      baseVector: {},
      purpose: 'export',
      tables,
      passphrase: 'phrase de passe du service',
    });
    const file = join(dir, 'paquet.mcpsync');
    writeFileSync(file, bytes);
    await expect(loadDataFile(file, '')).rejects.toThrow('Ce fichier est un paquet de synchronisation chiffré : donnez la phrase de passe (--passphrase ou MCP_PASSPHRASE).');
    const data = await loadDataFile(file, 'phrase de passe du service');
    expect(data.partners.map((p) => p.id)).toEqual(['p-saint-denis', 'p-haut-rhin']);
    expect(data.habilitations).toHaveLength(formsFixture.habilitations.length);
  });
});
