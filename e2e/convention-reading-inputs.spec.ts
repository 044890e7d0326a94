/**
 * Issue 14: « Lire une convention… » on a PDF with a text layer, a Word .docx and a scanned image, each read in
 * the app's reading worker (pdf.js, mammoth, tesseract.js with the bundled French data) from the UI, up to the
 * review screen with the right values. Documents are made here: the print pipeline (Chromium) for the PDF,
 * pdftoppm for the scan, a WordprocessingML zip for the .docx (scripts/testing/documents.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConvention } from '../shared/extraction';
import { syntheticConvention } from '../shared/extraction/fixtures/synthetic';
import { textToDocx, textToPdf } from '../scripts/testing/documents';
import { openApp, snap, storedRows } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });

const source = syntheticConvention({ noise: false });
const expected = readConvention(source, 'convention.txt').data;
const emails = expected.contacts.map((c) => c.email).filter((e): e is string => !!e);

async function readInApp(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, timeout: number) {
  await openApp(page, '#/partenaires');
  await page.getByRole('button', { name: 'Lire une convention…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lire une convention…' });
  await dialog.getByLabel('Fichier de la convention').setInputFiles(file);
  await expect(dialog.getByRole('heading', { name: /Villeneuve-sur-Lot/ })).toBeVisible({ timeout });
  return dialog;
}

async function expectCoreValues(dialog: ReturnType<Page['getByRole']>) {
  await expect(dialog.getByRole('textbox', { name: 'SIRET' })).toHaveValue(expected.partner.siret!);
  await expect(dialog.getByRole('textbox', { name: 'Numéro' })).toHaveValue(expected.convention.number!);
  await expect(dialog.getByRole('textbox', { name: 'Code postal' }).first()).toHaveValue(expected.partner.address!.postalCode!);
  await expect(dialog.getByRole('group', { name: 'Mode de gestion' }).getByRole('combobox').first()).toHaveText('Délégué');
}

const mails = async (dialog: ReturnType<Page['getByRole']>) => dialog.getByRole('textbox', { name: 'Adresse mél' }).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).filter(Boolean));

test('PDF with a text layer: read by pdf.js in the worker, every value as from the text; kept and shown as pages', async ({ page, browser }) => {
  const pdf = await textToPdf(browser, source);
  const dialog = await readInApp(page, { name: 'convention-villeneuve.pdf', mimeType: 'application/pdf', buffer: pdf }, 60_000);
  await expectCoreValues(dialog);
  expect((await mails(dialog)).sort()).toEqual([...emails].sort());
  await expect(dialog.getByTestId('document-garde')).toContainText('« convention-villeneuve.pdf »');
  await snap(page, 'convention-reading-pdf-review');
  await dialog.getByRole('button', { name: /^Enregistrer/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Villeneuve-sur-Lot/ })).toBeVisible();
  expect((await storedRows(page, 'attachments'))[0]).toMatchObject({ fileName: 'convention-villeneuve.pdf', mimeType: 'application/pdf', size: pdf.length, origin: 'lecture' });
  // « Ouvrir »: the PDF's pages drawn in the worker, shown in the app.
  await page.getByTestId('document-joint').getByRole('button', { name: 'Ouvrir' }).click();
  const viewer = page.getByRole('dialog', { name: 'convention-villeneuve.pdf' });
  await expect(viewer.getByTestId('document-page').first()).toBeVisible({ timeout: 60_000 });
  await snap(page, 'convention-document-pdf-open');
});

test('Word .docx: read by mammoth in the worker, every value as from the text', async ({ page }) => {
  const dialog = await readInApp(page, { name: 'convention-villeneuve.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(textToDocx(source)) }, 60_000);
  await expectCoreValues(dialog);
  expect((await mails(dialog)).sort()).toEqual([...emails].sort());
  await snap(page, 'convention-reading-docx-review');
});

test('scanned image: OCR in French in the worker, with progress and time left, then the review', async ({ page, browser }) => {
  test.setTimeout(600_000);
  // The convention's first two pages as a scanner gives them: one PNG (200 dpi, grey), no text at all.
  const dir = mkdtempSync(join(tmpdir(), 'e2e-scan-'));
  writeFileSync(join(dir, 'c.pdf'), await textToPdf(browser, source));
  execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', '-f', '1', '-l', '1', '-singlefile', join(dir, 'c.pdf'), join(dir, 'scan')]);
  const png = readFileSync(join(dir, 'scan.png'));
  await openApp(page, '#/partenaires');
  await page.getByRole('button', { name: 'Lire une convention…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lire une convention…' });
  await dialog.getByLabel('Fichier de la convention').setInputFiles({ name: 'convention-scannee.png', mimeType: 'image/png', buffer: png });
  await expect(dialog.getByRole('status')).toContainText(/Reconnaissance du texte \(OCR\) : page 1 sur 1 — environ \d+ s restantes/, { timeout: 60_000 });
  await expect(dialog.getByRole('button', { name: 'Annuler la lecture' })).toBeVisible();
  await snap(page, 'convention-reading-ocr-progress');
  await expect(dialog.getByRole('heading', { name: /Villeneuve-sur-Lot/ })).toBeVisible({ timeout: 540_000 });
  await expect(dialog.getByRole('textbox', { name: 'SIRET' })).toHaveValue(expected.partner.siret!);
  await expect(dialog.getByRole('textbox', { name: 'Code postal' }).first()).toHaveValue(expected.partner.address!.postalCode!);
  await snap(page, 'convention-reading-ocr-review');
});
