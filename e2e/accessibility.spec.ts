/**
 * RGAA: axe-core (WCAG 2.1 A/AA rules) on every main screen and dialog, with the demonstration data so lists,
 * chips and tables are full. It must find nothing; each violation it lists names the rule and the element.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, openWithDemo, snap } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });
test.setTimeout(240_000); // a shared, loaded machine: the demo load and axe runs are slow

async function screen(page: Page, hash: string, heading: string | RegExp): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  // Live queries settle (rows, chips) before axe reads the page.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await expectNoAxeViolations(page, `${hash} — ${heading}`);
  await snap(page, `r12-axe-${hash.replace(/[^a-z]+/gi, '-')}`);
}

async function dialog(page: Page, open: () => Promise<unknown>, name: string | RegExp): Promise<void> {
  await open();
  const d = page.getByRole('dialog', { name });
  await expect(d).toBeVisible();
  await page.waitForTimeout(300); // the opening transition ends
  await expectNoAxeViolations(page, `dialogue ${name}`);
  await page.keyboard.press('Escape');
  await expect(d).toBeHidden();
}

test('axe: dashboard, partners list, every partner tab and the partner dialog', async ({ page }) => {
  await openWithDemo(page);
  await screen(page, '#/tableau-de-bord', 'Tableau de bord');
  await screen(page, '#/partenaires', 'Partenaires');
  await page.getByRole('row').nth(1).click();
  await expect(page).toHaveURL(/#\/partenaires\/[^/]+/);
  const partnerHash = new URL(page.url()).hash.split('/').slice(0, 3).join('/');
  const name = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  for (const tab of ['convention', 'interlocuteurs', 'escalade', 'habilitations', 'formulaires', 'historique']) {
    await screen(page, `${partnerHash}/${tab}`, name);
  }
  await dialog(page, () => page.getByRole('button', { name: 'Modifier', exact: true }).click(), /Modifier/);
  await page.goto(`/${partnerHash}/interlocuteurs`);
  await dialog(page, () => page.getByRole('button', { name: 'Nouvel interlocuteur' }).first().click(), /Nouvel interlocuteur/);
  await page.goto(`/${partnerHash}/habilitations`);
  await dialog(page, () => page.getByRole('button', { name: 'Ajouter une habilitation' }).click(), /Nouvelle habilitation/);
  await dialog(page, () => page.goto('/#/partenaires/nouveau'), 'Nouveau partenaire');
});

test('axe: contacts, Caf records and their dialogs', async ({ page }) => {
  await openWithDemo(page);
  await screen(page, '#/interlocuteurs', 'Interlocuteurs');
  await dialog(page, () => page.getByRole('button', { name: 'Nouvel interlocuteur de la Caf' }).click(), 'Nouvel interlocuteur de la Caf');
  await screen(page, '#/cafs', 'Caf');
  await dialog(page, () => page.getByRole('button', { name: 'Nouvelle Caf' }).click(), /Nouvelle Caf/);
  await page.getByRole('link', { name: "Caisse d'Allocations Familiales de la Réunion" }).first().click();
  await screen(page, new URL(page.url()).hash, "Caisse d'Allocations Familiales de la Réunion");
  await dialog(page, () => page.getByRole('button', { name: 'Modifier la fiche' }).click(), /Modifier/);
  await dialog(page, () => page.getByRole('button', { name: 'Nouvel interlocuteur de la Caf' }).click(), 'Nouvel interlocuteur de la Caf');
});

test('axe: habilitations, relances, forms and their dialogs', async ({ page }) => {
  await openWithDemo(page);
  await screen(page, '#/habilitations', 'Habilitations');
  await screen(page, '#/relances', 'Relances');
  await dialog(page, () => page.getByRole('button', { name: 'Nouvelle relance' }).first().click(), 'Nouvelle relance');
  await page.getByRole('link').filter({ hasText: /./ }).and(page.locator('a[href^="#/relances/demande/"]')).first().click();
  await expect(page).toHaveURL(/#\/relances\/demande\//);
  await page.waitForTimeout(300);
  await expectNoAxeViolations(page, 'détail d\'une relance');
  await screen(page, '#/formulaires', 'Formulaires');
});

test('axe: the search popup and a dialog showing its field errors', async ({ page }) => {
  await openWithDemo(page);
  const box = page.getByRole('combobox', { name: /^Rechercher/ });
  await box.fill('Saint');
  await expect(page.getByRole('listbox', { name: 'Résultats de la recherche' })).toBeVisible();
  await expectNoAxeViolations(page, 'recherche ouverte');
  await page.keyboard.press('Escape');
  await page.goto('/#/partenaires/nouveau');
  const d = page.getByRole('dialog', { name: 'Nouveau partenaire' });
  await d.getByLabel('Date de signature').fill('31/02/2025');
  await d.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(d.getByRole('alert').first()).toBeVisible();
  await expectNoAxeViolations(page, 'dialogue avec erreurs');
});

test('axe: synchronisation and settings', async ({ page }) => {
  await openWithDemo(page);
  await screen(page, '#/synchronisation', 'Synchronisation');
  await screen(page, '#/parametres', 'Paramètres');
});
