/**
 * Issue 12: one text rule for the global search, the pickers and the list filters (accents, case, hyphens,
 * spaces, punctuation; phone numbers whatever their spacing), and Cafs in the global search. At 1366×768.
 */
import { expect, test, type Page } from '@playwright/test';
import { openWithDemo, seedTables, snap } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });

const saintPaul = {
  id: 'e2e-saint-paul',
  cafId: 'demo-caf-reunion',
  name: 'CCAS de Saint-Paul',
  kind: 'ccas-cias',
  siret: '',
  address: { line1: '', line2: '', postalCode: '97460', city: 'Saint-Paul' },
  representative: { firstName: '', lastName: '', title: '' },
  status: 'actif',
  notes: '',
};
const josiane = { id: 'e2e-josiane', partnerId: saintPaul.id, firstName: 'Josiane', lastName: 'GRONDIN', function: 'Directrice', email: '', landline: '+262262123456', mobile: '', roles: [], notes: '' };

async function demoWithSaintPaul(page: Page) {
  await openWithDemo(page);
  await seedTables(page, { partners: [saintPaul], contacts: [josiane] });
}

test('« saint paul » finds Saint-Paul in the relance partner picker and the other pickers', async ({ page }) => {
  await demoWithSaintPaul(page);
  // The Formulaires picker and the Habilitations filter, then the relance picker: the same rule.
  await page.goto('/#/formulaires');
  await page.getByRole('combobox', { name: 'Partenaire', exact: true }).fill('Saint paul');
  await expect(page.getByRole('option', { name: 'CCAS de Saint-Paul' })).toBeVisible();
  await page.goto('/#/habilitations');
  await page.getByRole('combobox', { name: 'Partenaire', exact: true }).fill('saint   denis');
  await expect(page.getByRole('option', { name: 'Mairie de Saint-Denis' })).toBeVisible();
  await page.goto('/#/relances');
  await page.getByRole('button', { name: 'Nouvelle relance' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Nouvelle relance' });
  await dialog.getByRole('combobox', { name: 'Partenaire', exact: true }).fill('saint paul');
  await expect(page.getByRole('option', { name: 'CCAS de Saint-Paul' })).toBeVisible();
  await expect(page.getByRole('option')).toHaveCount(1);
  await snap(page, 'r12-relance-picker-saint-paul');
  await page.getByRole('option', { name: 'CCAS de Saint-Paul' }).click();
  await expect(dialog.getByRole('combobox', { name: 'Partenaire', exact: true })).toHaveValue('CCAS de Saint-Paul');
});

test('list filters: « saint paul » in Partenaires, a phone number in any form in Interlocuteurs', async ({ page }) => {
  await demoWithSaintPaul(page);
  await page.goto('/#/partenaires');
  const partners = page.getByRole('table', { name: 'Liste des partenaires' });
  await page.getByLabel('Filtrer (nom, commune, n°)').fill('saint paul');
  await expect(partners).toContainText('CCAS de Saint-Paul');
  await expect(partners.getByRole('row')).toHaveCount(2);

  await page.goto('/#/interlocuteurs');
  const contacts = page.getByRole('table', { name: 'Liste des interlocuteurs' });
  const filter = page.getByLabel('Filtrer (nom, mél, fonction, téléphone)');
  for (const typed of ['0262 12 34 56', '+262262123456', '0262123456']) {
    await filter.fill(typed);
    await expect(contacts.getByRole('row')).toHaveCount(2);
    await expect(contacts).toContainText('Josiane GRONDIN');
  }
  await snap(page, 'r12-contacts-filter-phone');
  await filter.fill('0262 99 99 99');
  await expect(contacts.getByText('Aucune ligne ne correspond aux filtres.')).toBeVisible();
});

test('global search finds the Caf: « Reunion » opens the Caf de La Réunion screen', async ({ page }) => {
  await openWithDemo(page);
  const box = page.getByRole('combobox', { name: 'Rechercher un partenaire, un interlocuteur, une habilitation ou une Caf' });
  await box.fill('Reunion');
  const results = page.getByRole('listbox', { name: 'Résultats de la recherche' });
  const caf = results.getByRole('group', { name: 'Caf' }).getByRole('option', { name: /Caisse d'Allocations Familiales de la Réunion/ });
  await expect(caf).toBeVisible();
  await snap(page, 'r12-search-caf');
  await box.press('Enter');
  await expect(page).toHaveURL(/#\/cafs\/demo-caf-reunion$/);
  await expect(page.getByRole('heading', { level: 1, name: /Réunion/ })).toBeVisible();
});

test('a removed access opened from the search is shown: removed accesses on, its row highlighted', async ({ page }) => {
  await openWithDemo(page);
  const box = page.getByRole('combobox', { name: 'Rechercher un partenaire, un interlocuteur, une habilitation ou une Caf' });
  await box.fill('riviere didier');
  const hit = page.getByRole('listbox', { name: 'Résultats de la recherche' }).getByRole('group', { name: 'Habilitations' }).getByRole('option', { name: /Didier RIVIERE/ });
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(/\/habilitations\?acces=/);
  await expect(page.getByLabel(/Afficher les accès supprimés/)).toBeChecked();
  const row = page.getByRole('table', { name: 'Personnes habilitées' }).getByRole('row', { name: /Didier RIVIERE/ });
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('aria-current', 'true');
  await expect(row).toContainText('Supprimée');
  await snap(page, 'r12-search-removed-access');
});
