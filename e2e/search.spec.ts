import { expect, test, type Page } from '@playwright/test';
import { chooseOption, openWithDemo, snap } from './helpers';

const box = (page: Page) => page.getByRole('combobox', { name: 'Rechercher un partenaire, un interlocuteur, une habilitation ou une Caf' });
const results = (page: Page) => page.getByRole('listbox', { name: 'Résultats de la recherche' });

test('Ctrl+F focuses the search; without accents it finds the accented partner; arrows + Enter open it', async ({ page }) => {
  await openWithDemo(page);
  await page.locator('main').click();
  await page.keyboard.press('Control+f');
  await expect(box(page)).toBeFocused();

  await page.keyboard.type('conseil departemental haut');
  const partners = results(page).getByRole('group', { name: 'Partenaires' });
  await expect(partners.getByRole('option')).toHaveCount(1);
  await expect(partners.getByRole('option').first()).toContainText('Conseil départemental du Haut-Rhin');
  await snap(page, 'recherche-sans-accents');

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(partners.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/partenaires\/demo-partner-cd68$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Haut-Rhin');
  await expect(results(page)).toBeHidden();
});

test('a phone number typed with spaces finds the contact; results are grouped; Escape closes', async ({ page }) => {
  await openWithDemo(page);
  await box(page).click();
  await box(page).fill('0262 48 62 11');
  const contacts = results(page).getByRole('group', { name: 'Interlocuteurs' });
  await expect(contacts.getByRole('option')).toHaveCount(1);
  await expect(contacts.getByRole('option').first()).toContainText('Michel MOURET');

  // Grouped: a person's name finds the habilitation, an e-mail domain finds several groups.
  await box(page).fill('payet');
  await expect(results(page).getByRole('group', { name: 'Habilitations' }).getByRole('option').first()).toContainText('Marie-Josée PAYET');
  await box(page).fill('saintdenis');
  await expect(results(page).getByRole('group', { name: 'Habilitations' }).getByRole('option')).not.toHaveCount(0);
  await snap(page, 'recherche-groupes');

  // Arrow down to the first habilitation result and open it: the partner page, habilitations tab.
  await box(page).fill('hoareau');
  const hab = results(page).getByRole('group', { name: 'Habilitations' }).getByRole('option').first();
  await expect(hab).toContainText('Jean-Luc HOAREAU');
  const all = results(page).getByRole('option');
  const index = await all.evaluateAll((els, id) => els.findIndex((e) => e.id === id), await hab.getAttribute('id'));
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await expect(hab).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  // The access itself is named in the address: the tab shows it (removed or not) and outlines its row.
  await expect(page).toHaveURL(/#\/partenaires\/demo-partner-saint-denis\/habilitations\?acces=demo-habilitation-saint-denis-\d+$/);
  await expect(page.getByTestId('onglet-habilitations')).toBeVisible();

  await box(page).click();
  await box(page).fill('zzzz');
  await expect(page.getByTestId('recherche-vide')).toContainText('Aucun résultat pour « zzzz »');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('recherche-vide')).toBeHidden();
});

test('the index follows edits: a new habilitation is found at once', async ({ page }) => {
  await openWithDemo(page, '#/partenaires/demo-partner-saint-denis/habilitations');
  await box(page).click();
  await box(page).fill('Éléonore');
  await expect(page.getByTestId('recherche-vide')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Ajouter une habilitation' }).click();
  const dialog = page.getByRole('dialog', { name: /Nouvelle habilitation/ });
  await dialog.getByLabel('Prénom').fill('Éléonore');
  await dialog.getByLabel(/^Nom/).fill('Técher-Hoarau');
  await chooseOption(page, dialog.getByRole('combobox', { name: 'Profil' }), /^T2 —/);
  await dialog.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(dialog).toBeHidden();
  await box(page).click();
  await box(page).fill('eleonore techer');
  await expect(results(page).getByRole('group', { name: 'Habilitations' }).getByRole('option')).toHaveCount(1);
});
