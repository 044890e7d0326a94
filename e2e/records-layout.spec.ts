/**
 * Issue 12, layout of the shared list table (VirtualTable: Partenaires, Interlocuteurs, Habilitations) at
 * 1366×768: a cut cell is readable on hover and on keyboard focus, no status badge spills out of its cell,
 * rows show a visible focus ring (≥ 3:1), and the header row is one tab stop (arrows between sortable headers).
 */
import { expect, test } from '@playwright/test';
import { openWithDemo, seedTables, snap, storedRows } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });

test('a cut cell shows its full text on hover and on keyboard focus; the row has a contrasted focus ring', async ({ page }) => {
  await openWithDemo(page, '#/interlocuteurs');
  const table = page.getByRole('table', { name: 'Liste des interlocuteurs' });
  const row = table.getByRole('row', { name: /Michel MOURET/ });
  const owner = row.getByRole('cell').nth(1);
  await expect(owner).toHaveText("Caisse d'Allocations Familiales de la Réunion");
  // Cut at this width…
  expect(await owner.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  // …hover: the full text as the cell's title.
  await owner.hover();
  await expect(owner).toHaveAttribute('title', "Caisse d'Allocations Familiales de la Réunion");
  // Keyboard focus: the cut cells listed in full under the row, tied to it by aria-describedby.
  await row.focus();
  const tip = page.getByRole('tooltip');
  await expect(tip).toContainText("Partenaire / Caf : Caisse d'Allocations Familiales de la Réunion");
  await expect(row).toHaveAttribute('aria-describedby', (await tip.getAttribute('id'))!);

  // The focus ring, with a keyboard focus (focus-visible): solid, ≥ 2 px, contrast ≥ 3:1 with the page.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(row).toBeFocused();
  await snap(page, 'r12-table-focus-tooltip');
  const ring = await row.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
  });
  expect(ring.style).toBe('solid');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  const lum = (rgb: string) => {
    const [r, g, b] = rgb.match(/\d+/g)!.slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const contrast = (1 + 0.05) / (lum(ring.color) + 0.05); // against white, the table's background
  expect(contrast).toBeGreaterThanOrEqual(3);
  await page.getByLabel('Filtrer (nom, mél, fonction, téléphone)').focus();
  await expect(tip).toHaveCount(0);
});

test('the header row is one tab stop: arrows move between sortable headers, Enter sorts', async ({ page }) => {
  await openWithDemo(page, '#/interlocuteurs');
  const table = page.getByRole('table', { name: 'Liste des interlocuteurs' });
  const headers = table.getByRole('columnheader');
  await expect(headers).toHaveCount(6);
  await expect(table.locator('[role=columnheader][tabindex="0"]')).toHaveCount(1);
  const nom = headers.filter({ hasText: 'Nom' });
  await nom.focus();
  await page.keyboard.press('ArrowRight');
  const owner = headers.filter({ hasText: 'Partenaire / Caf' });
  await expect(owner).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(owner).toHaveAttribute('aria-sort', 'ascending');
  // The new order's first rows are read (a row not read yet, « Chargement… », takes no focus): only then does
  // Tab land on the first row.
  await expect(table.locator('[role=row][aria-busy="true"]')).toHaveCount(0);
  await expect(table.getByRole('row').nth(1)).toHaveAttribute('tabindex', '0');
  await expect(table.locator('[role=columnheader][tabindex="0"]')).toHaveCount(1);
  await expect(owner).toHaveAttribute('tabindex', '0');
  // Tab leaves the header row at once (to the first row), instead of visiting every header.
  await page.keyboard.press('Tab');
  await expect(table.getByRole('row').nth(1)).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(owner).toBeFocused();
});

test('« Résiliation demandée » stays inside its cell in the partner list', async ({ page }) => {
  await openWithDemo(page, '#/partenaires');
  const [convention] = (await storedRows(page, 'conventions')).filter((c) => c.id === 'demo-convention-saint-denis');
  await seedTables(page, { conventions: [{ ...convention!, terminationRequestedOn: '2026-01-15' }] });
  await page.goto('/#/partenaires');
  const row = page.getByRole('table', { name: 'Liste des partenaires' }).getByRole('row', { name: /Mairie de Saint-Denis/ });
  const badge = row.locator('[data-status="resiliation-demandee"]');
  await expect(badge).toHaveText('Résiliation demandée');
  const cell = badge.locator('xpath=ancestor::*[@role="cell"][1]');
  const [b, c] = [await badge.boundingBox(), await cell.boundingBox()];
  expect(b!.x + b!.width).toBeLessThanOrEqual(c!.x + c!.width);
  expect(await badge.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true); // shown whole, not cut
  await snap(page, 'r12-partners-status-badge');
});
