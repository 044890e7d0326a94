/**
 * Sync by bundles in real Chromium: two « workstations » (two browser contexts, each its own IndexedDB)
 * exchange files through the UI; a conflict is created and resolved; bad files are refused with their
 * message and the database unchanged; an import interrupted by closing the page leaves the previous state.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { answerPassphrase as passphrase, copyFolder, exportFullBundle as exportFull, snap } from './helpers';
import { applyLocalEdit, type CrdtRecord } from '../shared/crdt/record';
import { HybridLogicalClock } from '../shared/crdt/hlc';
import { generateChunks } from '../shared/demo/generator';
import { datasetTables } from '../shared/demo/dataset';
import { bundleMessages, encodeBundle } from '../shared/sync';

const PASS = 'Phrase de passe du service 2026';
const CONVENTION = '#/partenaires/demo-partner-saint-denis/convention';

async function openStation(browser: Browser, demo: boolean): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  const dialog = page.getByRole('dialog', { name: 'Bienvenue dans Partenaires MCP' });
  await expect(dialog).toBeVisible();
  if (demo) await dialog.getByLabel(/Charger les données de démonstration/).check();
  else await dialog.getByLabel('Commencer avec une base vide').check();
  await dialog.getByLabel('Votre nom').fill(demo ? 'Agent A' : 'Agent B');
  await dialog.getByLabel('Caf du service').fill('Caf de La Réunion');
  await dialog.getByRole('button', { name: 'Commencer' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  return page;
}


async function chooseFile(page: Page, name: string, buffer: Buffer) {
  await page.goto('/#/synchronisation');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importer un fichier…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer });
}

/** Every object store of the app database, read raw, for before/after comparisons. */
async function dump(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const req = indexedDB.open('partenaires-mcp');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          // `derived` is the worker's rebuildable cache (search index, dashboard inputs), written in the background
          // whenever it catches up: not a record, so not part of « the state the user left ».
          const names = [...db.objectStoreNames].filter((n) => n !== 'derived').sort();
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const n of names) {
            const r = tx.objectStore(n).getAll();
            r.onsuccess = () => (out[n] = r.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(JSON.stringify(out));
          };
        };
      }),
  );
}

async function count(page: Page, store: string): Promise<number> {
  return JSON.parse(await dump(page))[store].length;
}

async function editMissions(page: Page, text: string) {
  await page.goto(`/${CONVENTION}`);
  const field = page.getByLabel('Missions du partenaire (article 8)');
  await field.fill(text);
  await page.getByRole('button', { name: 'Enregistrer la convention' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /enregistr/i }).first()).toBeVisible();
}

test('two workstations: export, import with preview, « déjà importé », conflict created and resolved', async ({ browser }) => {
  const a = await openStation(browser, true);
  const b = await openStation(browser, false);
  const fromA = await exportFull(a, true);

  await chooseFile(b, 'poste-a.mcpsync', fromA);
  await passphrase(b);
  const dialog = b.getByRole('dialog', { name: /Importer/ });
  await expect(dialog.getByText("Aperçu : rien n'est encore modifié.", { exact: false })).toBeVisible();
  await expect(dialog.getByRole('row', { name: /^Partenaires/ })).toContainText('3');
  await snap(b, 'sync-apercu-import');
  expect(await count(b, 'partners')).toBe(0); // the preview changed nothing
  await dialog.getByRole('button', { name: "Appliquer l'import" }).click();
  await expect(b.getByTestId('import-report')).toContainText('Import terminé');
  await snap(b, 'sync-rapport-import');
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  expect(await count(b, 'partners')).toBe(3);

  // The same file again.
  const before = await dump(b);
  await chooseFile(b, 'poste-a.mcpsync', fromA);
  await expect(b.getByTestId('already-imported')).toHaveText('Déjà importé — aucune modification.');
  await b.getByRole('button', { name: 'Fermer' }).click();
  expect(await dump(b)).toBe(before);

  // Both edit the same field without meeting: B's edit is later and wins; A's value becomes a conflict.
  await editMissions(a, 'Missions selon A');
  await b.waitForTimeout(20);
  await editMissions(b, 'Missions selon B');
  const fromA2 = await exportFull(a, false);
  await chooseFile(b, 'poste-a-2.mcpsync', fromA2);
  await expect(b.getByRole('dialog', { name: /Importer/ })).toContainText('1 conflit(s) à examiner');
  await b.getByRole('button', { name: "Appliquer l'import" }).click();
  await b.getByRole('button', { name: 'Voir les conflits' }).click();
  const card = b.getByTestId('conflict-card');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Conventions');
  await expect(card).toContainText('Missions');
  await expect(card.getByTestId('current-value')).toHaveText('Missions selon B');
  await expect(card.getByTestId('loser-value')).toHaveText('Missions selon A');
  await expect(b.getByRole('dialog')).toHaveCount(0); // the import report has finished closing
  await snap(b, 'sync-conflits');
  await card.getByRole('button', { name: 'Garder cette valeur' }).click();
  await expect(b.getByText('Valeur reprise.')).toBeVisible();
  await expect(b.getByTestId('empty-state')).toContainText('Aucun conflit à examiner');
  await b.goto(`/${CONVENTION}`);
  await expect(b.getByLabel('Missions du partenaire (article 8)')).toHaveValue('Missions selon A');
});

test('bad files are refused with their own message and the database is unchanged', async ({ browser }) => {
  const a = await openStation(browser, true);
  const fromA = await exportFull(a, true);
  const b = await openStation(browser, false);
  const before = await dump(b);
  const cases: { name: string; bytes: Buffer; message: string }[] = [
    { name: 'tronque.mcpsync', bytes: fromA.subarray(0, Math.floor(fromA.length / 2)), message: bundleMessages.truncated },
    { name: 'abime.mcpsync', bytes: Buffer.from(fromA.map((x, i) => (i === Math.floor(fromA.length / 2) ? x ^ 1 : x))), message: bundleMessages.corrupt },
    { name: 'liste.csv', bytes: Buffer.from('Nom;Prénom\nDupont;Jean\n'), message: bundleMessages.notBundle },
    { name: 'vide.mcpsync', bytes: Buffer.alloc(0), message: bundleMessages.empty },
  ];
  for (const c of cases) {
    await chooseFile(b, c.name, c.bytes);
    // Checked before any passphrase is asked.
    await expect(b.getByTestId('import-error')).toHaveText(c.message);
    await expect(b.getByRole('dialog', { name: 'Phrase de passe du service' })).toHaveCount(0);
    await b.getByRole('button', { name: 'Fermer' }).click();
    expect(await dump(b)).toBe(before);
  }
  // A file from an office with another passphrase: refused, then read after typing the right one.
  const other = await encodeBundle({
    bundleId: 'autre-service-1',
    schemaVersion: 1,
    replicaId: 'fedcba9876543210',
    replicaLabel: 'Poste du siège',
    createdAt: new Date().toISOString(),
    vector: {},
    baseVector: {},
    purpose: 'export',
    tables: {},
    passphrase: 'une autre phrase de passe',
  });
  await chooseFile(b, 'autre.mcpsync', Buffer.from(other.bytes));
  await passphrase(b, PASS);
  // Tried against the file before the prompt closes: said at once, nothing remembered.
  await expect(b.getByTestId('passphrase-error')).toHaveText(bundleMessages.wrongPassphrase);
  await snap(b, 'sync-erreur-phrase-de-passe');
  await passphrase(b, 'une autre phrase de passe');
  await expect(b.getByRole('dialog', { name: /Importer/ })).toContainText('Poste du siège');
  await b.getByRole('button', { name: 'Annuler' }).click();
  expect(await dump(b)).toBe(before);
});

test('an import interrupted by closing the page leaves the previous state intact', async ({ browser }) => {
  test.setTimeout(180_000);
  // A large bundle made with the real format (40,000+ records), so the transaction is still running when the page closes.
  const replica = '1234567890abcdef';
  const clock = new HybridLogicalClock(replica);
  const tables: Record<string, CrdtRecord[]> = {};
  let n = 0;
  for (const chunk of generateChunks('stress')) {
    for (const t of datasetTables) {
      for (const row of chunk[t]) {
        const { id, ...fields } = row as unknown as Record<string, unknown> & { id: string };
        for (const k of Object.keys(fields)) if (fields[k] === undefined) delete fields[k];
        (tables[t] ??= []).push(applyLocalEdit(undefined, id, fields, clock.tick()).record);
        n++;
      }
    }
    if (n > 40_000) break;
  }
  const { bytes } = await encodeBundle({
    bundleId: 'gros-fichier-1',
    schemaVersion: 1,
    replicaId: replica,
    replicaLabel: 'Poste siège',
    createdAt: new Date().toISOString(),
    vector: { [replica]: clock.current() },
    baseVector: {},
    purpose: 'sync',
    tables,
    passphrase: PASS,
  });
  const b = await openStation(browser, true);
  const before = await dump(b);
  await chooseFile(b, 'gros.mcpsync', Buffer.from(bytes));
  await passphrase(b);
  await b.getByRole('button', { name: "Appliquer l'import" }).click({ timeout: 60_000 });
  await expect(b.getByText(/Import en cours/)).toBeVisible();
  const context = b.context();
  await b.close();
  const again = await context.newPage();
  await again.goto('/');
  await expect(again.getByText('Partenaires MCP').first()).toBeVisible();
  expect(await dump(again)).toBe(before);
  // And the same file then imports completely.
  await chooseFile(again, 'gros.mcpsync', Buffer.from(bytes));
  await passphrase(again);
  await again.getByRole('button', { name: "Appliquer l'import" }).click({ timeout: 60_000 });
  await expect(again.getByTestId('import-report')).toContainText('Import terminé', { timeout: 120_000 });
  expect(await count(again, 'partners')).toBe(3 + tables.partners!.length);
});


async function synchronise(page: Page, askPass: boolean) {
  await page.goto('/#/synchronisation');
  await page.getByRole('button', { name: 'Synchroniser' }).click();
  if (askPass) await passphrase(page);
  const report = page.getByTestId('sync-report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  return report;
}

test('« Synchroniser » through the shared folder: each post imports the others’ files once and leaves its own', async ({ browser }) => {
  const a = await openStation(browser, true);
  const b = await openStation(browser, false);
  let report = await synchronise(a, true);
  await expect(report).toContainText('0 fichier(s) importé(s)');
  await expect(report).toContainText('(copie complète)');
  await copyFolder(a, b, 'sync');
  report = await synchronise(b, true);
  await expect(report).toContainText('1 fichier(s) importé(s)');
  await expect(report).toContainText('(modifications)');
  await snap(b, 'sync-dossier-partage');
  expect(await count(b, 'partners')).toBe(3);
  // B edits; A gets it through the folder.
  await editMissions(b, 'Missions revues par B');
  await synchronise(b, false);
  await copyFolder(b, a, 'sync');
  report = await synchronise(a, false);
  await expect(report).toContainText('importé');
  await a.goto(`/${CONVENTION}`);
  await expect(a.getByLabel('Missions du partenaire (article 8)')).toHaveValue('Missions revues par B');
  // A's files already imported by B are not imported again.
  await copyFolder(a, b, 'sync');
  report = await synchronise(b, false);
  await expect(report.getByText(/déjà importé/).first()).toBeVisible();
});

test('backups: settings, keep the last N, « Fusionner une sauvegarde… » with the import preview', async ({ browser }) => {
  const a = await openStation(browser, true);
  await a.goto('/#/parametres');
  const section = a.getByTestId('sync-settings');
  // « Où sont mes données » above is read after the page shows: its lines and counts are there from the start
  // (« … »), so nothing below moves when they arrive — a click aimed here once landed elsewhere in CI when they
  // pushed this section down.
  const keepButton = section.getByRole('button', { name: 'Enregistrer', exact: true });
  const before = await keepButton.boundingBox();
  await expect(a.getByRole('table', { name: "Nombre d'enregistrements par table" })).not.toHaveAttribute('aria-busy', 'true');
  await expect(a.getByTestId('data-path')).not.toHaveText('…');
  expect(await keepButton.boundingBox()).toEqual(before);
  await section.getByLabel('Sauvegardes à conserver').fill('0');
  await keepButton.click();
  await expect(section.getByRole('alert')).toHaveText('Le nombre de sauvegardes à conserver doit être un entier entre 1 et 365.');
  await section.getByLabel('Phrase de passe', { exact: true }).fill('court');
  await section.getByLabel('Confirmer').fill('court');
  await section.getByRole('button', { name: 'Enregistrer la phrase de passe' }).click();
  await expect(section.getByRole('alert')).toHaveText('La phrase de passe doit contenir au moins 8 caractères.');
  await section.getByLabel('Phrase de passe', { exact: true }).fill(PASS);
  await section.getByLabel('Confirmer').fill(PASS);
  await section.getByRole('button', { name: 'Enregistrer la phrase de passe' }).click();
  await expect(section.getByRole('alert')).toContainText('Phrase de passe retenue pour cette session');
  await section.getByLabel('Sauvegardes à conserver').fill('2');
  await section.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(section.getByRole('alert')).toHaveText('Les 2 dernières sauvegardes seront conservées.');
  await snap(a, 'sync-parametres');

  await a.goto('/#/synchronisation/sauvegardes');
  await expect(a.getByTestId('empty-state')).toContainText('Aucune sauvegarde');
  for (let i = 0; i < 3; i++) {
    await a.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
    await expect(a.getByTestId('backup-message')).toContainText('enregistrée');
    await a.getByTestId('backup-message').getByRole('button').click(); // close
  }
  await expect(a.getByTestId('backup-list').getByRole('listitem')).toHaveCount(2);
  await snap(a, 'sync-sauvegardes');
  await a.getByRole('button', { name: 'Fusionner une sauvegarde…' }).first().click();
  const dialog = a.getByRole('dialog', { name: /Importer/ });
  await expect(dialog).toContainText('Sauvegarde complet');
  await expect(dialog).toContainText('La fusion ajoute la sauvegarde aux données actuelles');
  await expect(dialog.getByRole('row', { name: /^Partenaires/ })).toContainText('3'); // 3 unchanged
  await dialog.getByRole('button', { name: "Appliquer l'import" }).click();
  await expect(a.getByTestId('import-report')).toContainText('Import terminé');
});
