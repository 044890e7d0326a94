import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openWithDemo, seedTables, snap } from './helpers';

test('dashboard lists have counts, open the record, and export to CSV', async ({ page }) => {
  await openWithDemo(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();

  const quotas = page.getByTestId('carte-quotas');
  await expect(quotas.getByRole('link')).toHaveCount(1);
  await expect(quotas.getByLabel('1 ligne')).toBeVisible();
  await expect(quotas.getByRole('link')).toContainText('CDAP T1 : 2 habilitations pour 2 autorisées — quota atteint');

  const suppressions = page.getByTestId('carte-suppressions');
  await expect(suppressions.getByRole('link')).toHaveCount(2);
  await expect(suppressions.getByRole('link').first()).toContainText('Nadia BOYER (T2) — à compter du 30/11/2026 — Changement de fonction');
  await expect(page.getByTestId('carte-missingRoles').getByRole('link').first()).toContainText('Manque :');
  await snap(page, 'tableau-de-bord-demo');

  // CSV of a list: BOM, « ; », French headers.
  const download = page.waitForEvent('download');
  await suppressions.getByRole('button', { name: 'CSV' }).click();
  const file = await (await download).path();
  const text = readFileSync(file, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain('Partenaire;À faire;Date');
  expect(text).toContain('Mairie de Saint-Denis;Nadia BOYER (T2) — à compter du 30/11/2026 — Changement de fonction;30/11/2026');

  // A line opens the record on the right tab.
  await quotas.getByRole('link').first().click();
  await expect(page).toHaveURL(/#\/partenaires\/demo-partner-saint-denis\/habilitations$/);
  await expect(page.getByTestId('onglet-habilitations').getByTestId('profil-T1')).toContainText('Quota atteint');

  // Ending an access frees the seat: back on the dashboard, the quota line is gone and the card explains why it is empty.
  await page.getByRole('button', { name: "Fin d'accès Marie-Josée PAYET" }).click();
  const end = page.getByRole('dialog', { name: /Fin d'accès — Marie-Josée PAYET/ });
  await end.getByLabel('Départ').check();
  await end.getByRole('button', { name: 'Accès supprimé' }).click();
  await expect(end).toBeHidden();
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Tableau de bord' }).click();
  await expect(quotas.getByTestId('carte-vide')).toHaveText('Aucun profil n’a atteint son nombre autorisé.');

  await suppressions.getByRole('link').filter({ hasText: 'Sophie WALTER' }).click();
  await expect(page).toHaveURL(/#\/partenaires\/demo-partner-cd68\/habilitations$/);
  await snap(page, 'tableau-de-bord-ouvre-fiche');
});

test('an empty database: every card explains why it is empty', async ({ page }) => {
  await page.goto('/');
  const dialog = page.getByRole('dialog', { name: 'Bienvenue dans Partenaires MCP' });
  await dialog.getByLabel('Commencer avec une base vide').check();
  await dialog.getByLabel('Votre nom').fill('Agent e2e');
  await dialog.getByLabel('Caf du service').fill('Caf de test');
  await dialog.getByRole('button', { name: 'Commencer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('carte-vide')).toHaveCount(5);
  await expect(page.getByTestId('carte-renewals').getByTestId('carte-vide')).toHaveText("Aucune convention n'arrive à échéance dans les 90 prochains jours.");
  await snap(page, 'tableau-de-bord-vide');
});

test('a long card shows its first 25 lines; « Tout afficher » brings the rest from the worker, and the CSV has them all', async ({ page }) => {
  await openWithDemo(page);
  const reviews = page.getByTestId('carte-reviews');
  await expect(reviews.getByRole('list').getByRole('link').first()).toBeVisible();
  // 30 more partners whose reverse review is overdue (last done two years ago).
  const partners = Array.from({ length: 30 }, (_, i) => ({ id: `e2e-partner-${i}`, name: `Commune de test ${String(i).padStart(2, '0')}`, kind: 'commune', status: 'actif', siret: '', address: { line1: '', postalCode: '97400', city: 'Saint-Denis' } }));
  const conventions = partners.map((p, i) => ({ id: `e2e-convention-${i}`, partnerId: p.id, number: `E2E-${i}`, effectiveOn: '2020-01-15', tacitRenewal: true, reverseReviewLastDone: '2024-01-15', amendments: [], services: [], managementMode: 'delegue', missions: '' }));
  await seedTables(page, { partners, conventions });
  await page.goto('/#/tableau-de-bord');
  const more = reviews.getByRole('button', { name: /^Tout afficher \((\d+)\)$/ });
  await expect(more).toBeVisible();
  const total = Number(/\((\d+)\)/.exec((await more.textContent()) ?? '')![1]);
  expect(total).toBeGreaterThanOrEqual(30);
  await expect(reviews.getByLabel(`${total} lignes`)).toBeVisible();
  await expect(reviews.getByRole('list').getByRole('link')).toHaveCount(25);
  await more.click();
  await expect(reviews.getByRole('list').getByRole('link')).toHaveCount(total);
  await page.setViewportSize({ width: 1366, height: 768 });
  await snap(page, 'tableau-de-bord-tout-afficher');
  await reviews.getByRole('button', { name: 'Réduire' }).click();
  await expect(reviews.getByRole('list').getByRole('link')).toHaveCount(25);

  const download = page.waitForEvent('download');
  await reviews.getByRole('button', { name: 'CSV' }).click();
  const text = readFileSync(await (await download).path(), 'utf8');
  expect(text.trim().split(/\r?\n/)).toHaveLength(total + 1);
  expect(text).toContain('Commune de test 29;');
});
