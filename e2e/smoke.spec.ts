import { expect, test } from '@playwright/test';
import { openApp, snap } from './helpers';

test('the application opens in browser mode and every section renders', async ({ page }) => {
  await openApp(page);
  const sections = ['Tableau de bord', 'Partenaires', 'Interlocuteurs', 'Habilitations', 'Relances', 'Formulaires', 'Synchronisation', 'Paramètres'];
  for (const label of sections) {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: label, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await snap(page, `section-${label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, '-').toLowerCase()}`);
  }
});
