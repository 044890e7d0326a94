import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { generateDataset } from '../shared/demo/generator';
import { baseSheets } from '../shared/spreadsheet/exportBase';
import { encodeWindows1252, protectedWorkbook, sheetToCsv } from '../shared/spreadsheet/testing';
import { openApp, openWithDemo, snap, storedHistoryLines, storedRows } from './helpers';

async function workbookOf(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  return wb;
}

test('a list exports a real Excel workbook: typed dates dd/MM/yyyy, frozen header, autofilter, sheet named after the list', async ({ page }) => {
  await openWithDemo(page, '#/partenaires');
  const table = page.getByRole('table', { name: 'Liste des partenaires' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter en Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^partenaires-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = await workbookOf(await file.path());
  const ws = wb.getWorksheet('Partenaires')!;
  expect(ws).toBeTruthy();
  expect(ws.getRow(1).getCell(1).value).toBe('Nom');
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(ws.autoFilter).toBeTruthy();
  const headers = (ws.getRow(1).values as unknown[]).slice(1);
  const signed = headers.indexOf('Date de signature') + 1;
  const dates = [...Array(ws.rowCount - 1).keys()].map((i) => ws.getRow(i + 2).getCell(signed)).filter((c) => c.value !== null);
  expect(dates.length).toBeGreaterThan(0);
  expect(dates[0]!.value).toBeInstanceOf(Date);
  expect(dates[0]!.numFmt).toBe('dd/mm/yyyy');
  expect(ws.getColumn(1).width).toBeGreaterThan(10);
});

test('« Exporter toute la base » writes one workbook with a sheet per kind of record', async ({ page }) => {
  await openWithDemo(page, '#/synchronisation');
  const button = page.getByRole('button', { name: 'Exporter toute la base (Excel)' });
  await button.scrollIntoViewIfNeeded();
  await snap(page, 'spreadsheet-sync-card');
  const download = page.waitForEvent('download');
  await button.click();
  const file = await download;
  await expect(page.getByTestId('export-base-message')).toContainText('Base exportée');
  const wb = await workbookOf(await file.path());
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Partenaires', 'Interlocuteurs', 'Profils autorisés', 'Habilitations']);
  for (const ws of wb.worksheets) expect(ws.rowCount, ws.name).toBeGreaterThan(1);
});

const PASS = 'Phrase de passe du service 2026';

/** Partners from the generator, as French Excel writes « CSV (séparateur : point-virgule) »: Windows-1252, no BOM. */
function partnersCsv1252(): { bytes: Buffer; names: string[] } {
  const data = generateDataset('typical');
  const partners = data.partners.slice(0, 3);
  const sheet = baseSheets({ partners, conventions: data.conventions.filter((c) => partners.some((p) => p.id === c.partnerId)), contacts: [], allocations: [], habilitations: [] })[0]!;
  const rows = [...sheet.rows];
  // A fourth row with a wrong SIRET key: refused with its line, column and message.
  const bad = [...rows[0]!];
  bad[0] = 'Mairie de Test';
  bad[2] = '21310055500017';
  const text = sheetToCsv({ ...sheet, rows: [...rows, bad] }, { bom: false });
  return { bytes: Buffer.from(encodeWindows1252(text)), names: partners.map((p) => p.name) };
}

test('import wizard: a Windows-1252 CSV of partners — encoding and separator detected, columns proposed, a refused row, one transaction with history, then « Annuler cet import »', async ({ page }) => {
  await openApp(page, '#/synchronisation');
  const { bytes, names } = partnersCsv1252();
  await page.getByRole('button', { name: 'Importer un tableur…' }).click();
  const wizard = page.getByRole('dialog', { name: 'Importer un tableur' });
  const chooser = page.waitForEvent('filechooser');
  await wizard.getByRole('button', { name: 'Choisir un fichier…' }).click();
  await (await chooser).setFiles({ name: 'registre partenaires.csv', mimeType: 'text/csv', buffer: bytes });
  await expect(wizard.getByTestId('file-summary')).toContainText('Windows-1252');
  await expect(wizard.getByTestId('file-summary')).toContainText('point-virgule');
  await expect(wizard.getByTestId('file-summary')).toContainText('4 ligne(s)');
  await expect(wizard.getByRole('table', { name: 'Début du fichier' })).toContainText(names[0]!);
  await snap(page, 'spreadsheet-wizard-file');
  await wizard.getByRole('button', { name: 'Suivant' }).click();
  await expect(wizard.getByLabel('Champ pour la colonne « Raison sociale »')).toHaveText('Raison sociale *');
  await expect(wizard.getByLabel('Champ pour la colonne « N° SIRET »')).toHaveText('N° SIRET');
  await snap(page, 'spreadsheet-wizard-columns');
  await wizard.getByRole('button', { name: 'Analyser' }).click();
  await expect(wizard.getByTestId('plan-summary')).toContainText('4 ligne(s) lue(s) : 3 à créer, 0 à mettre à jour, 0 inchangée(s), 1 refusée(s)');
  const refused = wizard.getByRole('table', { name: 'Lignes refusées' });
  await expect(refused.getByRole('row').nth(1)).toContainText('5');
  await expect(refused.getByRole('row').nth(1)).toContainText('N° SIRET');
  await expect(refused.getByRole('row').nth(1)).toContainText('SIRET invalide : la clé de contrôle ne correspond pas.');
  await snap(page, 'spreadsheet-wizard-preview');
  await wizard.getByRole('button', { name: 'Importer', exact: true }).click();
  const prompt = page.getByRole('dialog', { name: 'Phrase de passe du service' });
  await prompt.getByLabel('Phrase de passe').fill(PASS);
  await prompt.getByRole('button', { name: 'Valider' }).click();
  await expect(wizard.getByTestId('import-report')).toContainText('3 partenaires créé(s), 3 conventions créé(s)');
  await snap(page, 'spreadsheet-wizard-report');
  const partners = (await storedRows(page, 'partners')).filter((r) => r._deleted === 0);
  expect(partners.map((p) => p.name).sort()).toEqual([...names].sort());
  const history = await storedHistoryLines(page);
  const imported = history.filter((h) => h.action === 'import du tableur registre partenaires.csv');
  expect(imported.filter((h) => h.table === 'partners' && h.field === 'name')).toHaveLength(3);

  await wizard.getByRole('button', { name: 'Annuler cet import' }).click();
  const confirm = wizard.getByRole('alertdialog', { name: "Confirmer l'annulation de l'import" });
  await expect(confirm).toContainText('toute modification faite depuis');
  await snap(page, 'spreadsheet-wizard-undo-confirm');
  await confirm.getByRole('button', { name: 'Revenir à la sauvegarde' }).click();
  // The rollback API may ask for the passphrase again (to read the backup) when the key is not kept.
  const again = page.getByRole('dialog', { name: 'Phrase de passe du service' });
  await expect(wizard.getByTestId('import-report').or(again)).toContainText(/Import annulé|Phrase de passe/);
  if (await again.isVisible()) {
    await again.getByLabel('Phrase de passe').fill(PASS);
    await again.getByRole('button', { name: 'Valider' }).click();
  }
  await expect(wizard.getByTestId('import-report')).toContainText('Import annulé : la base est revenue à la sauvegarde prise juste avant (6 enregistrement(s) créé(s) supprimé(s)');
  expect((await storedRows(page, 'partners')).filter((r) => r._deleted === 0)).toHaveLength(0);
  await wizard.getByRole('button', { name: 'Fermer', exact: true }).click();
  await expect(wizard).toBeHidden();
});

test('import wizard refuses an OpenDocument file and a password-protected workbook with a French message, the base unchanged', async ({ page }) => {
  await openApp(page, '#/synchronisation');
  const before = await storedRows(page, 'partners');
  await page.getByRole('button', { name: 'Importer un tableur…' }).click();
  const wizard = page.getByRole('dialog', { name: 'Importer un tableur' });
  const ods = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')]);
  let chooser = page.waitForEvent('filechooser');
  await wizard.getByRole('button', { name: 'Choisir un fichier…' }).click();
  await (await chooser).setFiles({ name: 'registre.ods', mimeType: 'application/vnd.oasis.opendocument.spreadsheet', buffer: ods });
  await expect(wizard.getByTestId('import-error')).toContainText('Les classeurs OpenDocument (.ods) ne peuvent pas être lus');
  await expect(wizard.getByRole('button', { name: 'Suivant' })).toBeDisabled();
  await snap(page, 'spreadsheet-wizard-ods');
  chooser = page.waitForEvent('filechooser');
  await wizard.getByRole('button', { name: 'Choisir un fichier…' }).click();
  await (await chooser).setFiles({ name: 'protégé.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(protectedWorkbook()) });
  await expect(wizard.getByTestId('import-error')).toContainText('protégé par un mot de passe');
  expect(await storedRows(page, 'partners')).toEqual(before);
});

test('reverse review: the returned list is reconciled in three lists from the dashboard card, applied in one action, the review recorded on the date received', async ({ page }) => {
  await openWithDemo(page, '#/tableau-de-bord');
  const card = page.getByTestId('carte-reviews');
  const first = card.getByRole('link').first();
  await expect(first).toBeVisible();
  const target = (await first.getAttribute('href'))!;
  const partnerId = decodeURIComponent(target.split('/')[2]!);
  expect(target).toMatch(/\/convention\/revue$/);
  const habs = (await storedRows(page, 'habilitations')).filter((h) => h.partnerId === partnerId && h._deleted === 0 && (h.status === 'active' || h.status === 'suppression-demandee'));
  expect(habs.length).toBeGreaterThan(1);
  const [dropped, ...kept] = habs;
  const lines = ['NOM;Prénom;Mél;Fonction;Profil', ...kept.map((h) => `${h.lastName};${h.firstName};${h.email};${h.function};${h.profile}`), `Nouvelle;Agente;agente.nouvelle@example.fr;Instructrice;${kept[0]!.profile}`];
  await first.click();
  const dialog = page.getByRole('dialog', { name: 'Rapprocher la revue inverse' });
  await expect(dialog).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choisir la liste…' }).click();
  await (await chooser).setFiles({ name: 'revue.csv', mimeType: 'text/csv', buffer: Buffer.from(encodeWindows1252(lines.join('\r\n'))) });
  await expect(dialog.getByText(`Confirmées : dans la liste et dans la base (${kept.length})`)).toBeVisible();
  await expect(dialog.getByText('À terminer : dans la base mais absentes de la liste (1)')).toBeVisible();
  await expect(dialog.getByText('À ajouter : dans la liste mais pas dans la base (1)')).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Habilitations à terminer' })).toContainText(String(dropped!.lastName));
  // How the list is read is shown and changeable: header row and one column per field, proposed from the titles.
  const reading = dialog.getByTestId('review-reading');
  await expect(reading.getByLabel("Ligne d'en-tête")).toContainText('Ligne 1 : NOM, Prénom, Mél');
  await expect(reading.getByLabel('Colonne « Courriel »')).toHaveText('C : Mél');
  await expect(reading.getByLabel('Colonne « Service »')).toHaveText('(aucune)');
  await dialog.getByLabel('Liste reçue le').fill('15/11/2026');
  const override = dialog.getByLabel('Motif du dépassement de quota');
  if (await override.count()) await override.fill('Revue validée par la direction');
  // An addition starts ticked when a seat is free once the preselected ends free theirs; one over the quota starts
  // unticked: tick it, and the override reason (shown then) lets it through.
  const add = dialog.getByLabel('Ajouter Agente Nouvelle');
  if (!(await add.isChecked())) await add.check();
  const reason = dialog.getByLabel('Motif du dépassement de quota');
  if (await reason.count()) await reason.fill('Revue validée par la direction');
  await snap(page, 'spreadsheet-review');
  await dialog.getByRole('button', { name: 'Appliquer et enregistrer la revue' }).click();
  await expect(dialog.getByTestId('review-done')).toContainText('Revue inverse enregistrée au 15/11/2026 : 1 suppression(s) demandée(s), 1 habilitation(s) ajoutée(s). Prochaine revue : 15/11/2027.');
  const after = await storedRows(page, 'habilitations');
  expect(after.find((h) => h.id === dropped!.id)).toMatchObject({ status: 'suppression-demandee', endReason: 'depart', endOn: '2026-11-15' });
  expect(after.some((h) => h.email === 'agente.nouvelle@example.fr' && h.partnerId === partnerId)).toBe(true);
  const convention = (await storedRows(page, 'conventions')).find((c) => c.partnerId === partnerId && c._deleted === 0);
  expect(convention).toMatchObject({ reverseReviewLastDone: '2026-11-15', reverseReviewNextDue: '2027-11-15' });
});
