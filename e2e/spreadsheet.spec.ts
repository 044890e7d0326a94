import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { openWithDemo, snap } from './helpers';

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
