import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { chooseOption, openApp, snap, storedHistoryLines, storedRows } from './helpers';

const SEED = '/work/shared/seeds/saint-denis-reunion-2017.txt';
const DOC = 'saint-denis-reunion-2017.txt';

test.use({ viewport: { width: 1366, height: 768 } });

test('read a convention: review beside the source, nothing written before « Enregistrer », then one transaction « lu dans … »', async ({ page }) => {
  test.setTimeout(180_000); // reading, saving, then the kept document opened and downloaded: slow on a loaded machine
  await openApp(page, '#/partenaires');
  const before = { partners: await storedRows(page, 'partners'), contacts: await storedRows(page, 'contacts'), history: await storedHistoryLines(page) };
  await page.getByRole('button', { name: 'Lire une convention…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lire une convention…' });
  await snap(page, 'convention-reading-drop');
  await dialog.getByLabel('Fichier de la convention').setInputFiles(SEED);
  await expect(dialog.getByRole('heading', { name: /Mairie de Saint-Denis/ })).toBeVisible({ timeout: 30_000 });

  // A value beside its excerpt: clicking it highlights where it was read.
  await dialog.getByRole('textbox', { name: 'SIRET' }).click();
  await expect(dialog.getByTestId('extrait')).toContainText('SIRET');
  await expect(dialog.getByRole('textbox', { name: 'SIRET' })).toHaveValue('21930066200018');
  await expect(dialog.getByText(/sûr \d+ %/).first()).toBeVisible();
  await snap(page, 'convention-reading-review');

  // Nothing is written while reviewing.
  expect(await storedRows(page, 'partners')).toEqual(before.partners);
  expect(await storedRows(page, 'contacts')).toEqual(before.contacts);

  // Edit one value, ignore another.
  await dialog.getByRole('textbox', { name: 'Nom', exact: true }).first().fill('Mairie de Saint-Denis (La Réunion)');
  await chooseOption(page, dialog.getByTestId('action-partner.repTitle').getByRole('combobox'), 'Ignorer');

  await dialog.getByRole('button', { name: /^Enregistrer/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mairie de Saint-Denis (La Réunion)' })).toBeVisible();
  await snap(page, 'convention-reading-saved');

  const partners = await storedRows(page, 'partners');
  expect(partners).toHaveLength(1);
  expect(partners[0]).toMatchObject({ name: 'Mairie de Saint-Denis (La Réunion)', kind: 'commune', siret: '21930066200018', address: { postalCode: '97717' } });
  expect((partners[0]!.representative as { title: string }).title).toBe('');
  const contacts = (await storedRows(page, 'contacts')).filter((c) => c._deleted === 0);
  expect(contacts.map((c) => c.lastName).sort()).toEqual(['ANNETTE', 'DREUX', 'MOURET', 'PAUSE', 'RAFOUGILET', 'SLAMA', 'VELOUPOULE']);
  expect(contacts.find((c) => c.lastName === 'RAFOUGILET')).toMatchObject({ civility: 'Madame', email: 'marie-celine.rafougilet@cafreunion.cnafmail.fr', landline: '+262262486284' });
  const conventions = await storedRows(page, 'conventions');
  expect(conventions[0]).toMatchObject({ number: '112/2017', signedOn: '2017-05-05', managementMode: 'centralise', services: [{ code: 'CDAP', availableOn: '2017-05-01' }] });
  const chains = await storedRows(page, 'chains');
  expect(chains[0]).toMatchObject({ delayValue: 7, delayUnit: 'working-days', serviceOpens: '08:00', serviceCloses: '16:00' });
  expect((chains[0]!.cafSide as unknown[]).length).toBe(2);
  const allocations = await storedRows(page, 'allocations');
  expect(allocations.map((a) => `${a.profile}=${a.maxUsers}`).sort()).toEqual(['T1=2', 'T2=5']);
  const history = (await storedHistoryLines(page)).slice(before.history.length);
  expect(history.length).toBeGreaterThan(10);
  expect(new Set(history.map((h) => h.action))).toEqual(new Set([`lu dans ${DOC}`]));

  // The document read stays with the convention: listed in its tab with its SHA-256, opened in the app.
  const sha = createHash('sha256').update(readFileSync(SEED)).digest('hex');
  const attachments = await storedRows(page, 'attachments');
  expect(attachments).toHaveLength(1);
  expect(attachments[0]).toMatchObject({ conventionId: conventions[0]!.id, partnerId: partners[0]!.id, sha256: sha, fileName: DOC, size: readFileSync(SEED).length, origin: 'lecture' });
  expect((await storedRows(page, 'blobs')).map((b) => b.sha256)).toEqual([sha]);
  const row = page.getByTestId('document-joint');
  await expect(row).toContainText(DOC);
  await expect(row.getByTestId('sha256')).toHaveAttribute('data-sha256', sha);
  await row.scrollIntoViewIfNeeded();
  await snap(page, 'convention-documents');
  await row.getByRole('button', { name: 'Ouvrir' }).click();
  const viewer = page.getByRole('dialog', { name: DOC });
  await expect(viewer.getByTestId('document-texte')).toContainText('SIRET');
  await snap(page, 'convention-document-open');
  const download = page.waitForEvent('download');
  await viewer.getByRole('button', { name: 'Télécharger' }).click();
  const file = await (await download).path();
  expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(sha);
  await viewer.getByRole('button', { name: 'Fermer' }).click();

  // A file over the limit is refused with a French message, nothing written.
  const dir = mkdtempSync(join(tmpdir(), 'e2e-joint-'));
  const big = join(dir, 'scan-600ppp.pdf');
  writeFileSync(big, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(26 * 1024 * 1024)]));
  const beforeBig = await storedRows(page, 'attachments');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Joindre un document…' }).click();
  await (await chooser).setFiles(big);
  await expect(page.getByRole('region', { name: 'Documents' }).getByRole('alert')).toContainText('« scan-600ppp.pdf » pèse 26 Mo : un document joint ne peut dépasser 25 Mo.');
  expect(await storedRows(page, 'attachments')).toEqual(beforeBig);
});

test('bad input: a clear French message and the base unchanged', async ({ page }) => {
  await openApp(page, '#/partenaires');
  const dir = mkdtempSync(join(tmpdir(), 'e2e-lecture-'));
  const fake = join(dir, 'convention.docx');
  writeFileSync(fake, 'ceci n’est pas un document Word');
  const notConvention = join(dir, 'courrier.txt');
  writeFileSync(notConvention, 'Bonjour,\n\nVoici le compte rendu de la réunion.\n');
  const tables = ['partners', 'contacts', 'conventions', 'history'];
  const before = await Promise.all(tables.map((t) => storedRows(page, t)));
  await page.getByRole('button', { name: 'Lire une convention…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lire une convention…' });
  await dialog.getByLabel('Fichier de la convention').setInputFiles(fake);
  await expect(dialog.getByRole('alert')).toHaveText("Ce fichier porte l'extension .docx mais n'est pas un document Word : ouvrez-le dans Word et enregistrez-le à nouveau au format .docx.");
  await dialog.getByLabel('Fichier de la convention').setInputFiles(notConvention);
  await expect(dialog.getByRole('alert')).toContainText('ne ressemble pas à une convention « Mon Compte Partenaire »');
  await snap(page, 'convention-reading-bad-input');
  expect(await Promise.all(tables.map((t) => storedRows(page, t)))).toEqual(before);
});
