/**
 * Issue 12: the Cafs are records the office edits. Paramètres only chooses the office's Caf; its screen edits the
 * record the forms print; Caf-side contacts are attached to the Caf chosen in their dialog and listed with it.
 */
import { expect, test } from '@playwright/test';
import { chooseOption, openWithDemo, snap, storedRows } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });

test('Caf screen edits what the forms print; Paramètres only chooses the office Caf', async ({ page }) => {
  await openWithDemo(page);
  await expect(page.getByRole('banner')).toContainText("Caisse d'Allocations Familiales de la Réunion");
  await page.goto('/#/parametres');
  await expect(page.getByRole('combobox', { name: 'Caf du service' })).toContainText("Caisse d'Allocations Familiales de la Réunion");
  await expect(page.getByLabel('Nom de la Caf')).toHaveCount(0); // no second copy of the identity
  await snap(page, 'r12-settings-caf-choice');

  await page.getByRole('link', { name: "Ouvrir la fiche de Caisse d'Allocations Familiales de la Réunion" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Caisse d'Allocations Familiales de la Réunion" })).toBeVisible();
  await expect(page.getByRole('table', { name: "Interlocuteurs de Caisse d'Allocations Familiales de la Réunion" })).toContainText('Michel MOURET');
  await page.getByRole('button', { name: 'Modifier la fiche' }).click();
  const dialog = page.getByRole('dialog', { name: "Modifier Caisse d'Allocations Familiales de la Réunion" });
  const before = await storedRows(page, 'cafs');
  // A character no embedded print font can draw is refused on its field (issue 12: never a □ on a form).
  const name = dialog.getByLabel('Nom de la Caf');
  await name.fill("Caisse d'Allocations Familiales 中");
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Caractère impossible à imprimer : « 中 » (U+4E2D). Retirez-le ou remplacez-le.');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await snap(page, 'r12-caf-unprintable');
  expect(await storedRows(page, 'cafs')).toEqual(before);
  await name.fill("Caisse d'Allocations Familiales de la Réunion");
  await dialog.getByLabel('Boîte mél du guichet unique').fill('pas-un-mail');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Adresse mél invalide (ex. prenom.nom@mairie.fr).');
  expect(await storedRows(page, 'cafs')).toEqual(before);
  await dialog.getByLabel('Boîte mél du guichet unique').fill('guichet.unique@caf974.fr');
  await dialog.getByLabel('Adresse', { exact: true }).fill('12 rue de la Nouvelle Adresse');
  await dialog.getByLabel('Horaires du service').fill('du lundi au vendredi, de 7 h 30 à 15 h 30');
  await expect(dialog.getByRole('button', { name: 'Enregistrer' })).toBeInViewport();
  await snap(page, 'r12-caf-dialog');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('12 rue de la Nouvelle Adresse')).toBeVisible();
  await snap(page, 'r12-caf-page');

  // The forms read the record.
  await page.goto('/#/formulaires/demo-partner-saint-denis');
  await page.getByLabel('Annexe 1 — les interlocuteurs').check();
  await expect(page.getByTestId('form-preview')).toContainText('guichet.unique@caf974.fr');
  await page.getByLabel("Désignation / modification d'un administrateur").check();
  await page.getByRole('combobox', { name: 'Administrateur à désigner' }).click();
  await page.getByRole('option').first().click();
  await expect(page.getByTestId('form-preview')).toContainText('12 rue de la Nouvelle Adresse');
});

test('a Caf-side contact asks which Caf, defaults to the office one, and lists show its own Caf', async ({ page }) => {
  await openWithDemo(page);
  await page.goto('/#/interlocuteurs');
  const table = page.getByRole('table', { name: 'Liste des interlocuteurs' });
  // Haut-Rhin's own contact is labelled with the Haut-Rhin Caf, not the office's.
  await page.getByLabel('Filtrer (nom, mél, fonction, téléphone)').fill('Francisco');
  await expect(table.getByRole('row', { name: /Joëlle FRANCISCO/ })).toContainText("Caisse d'Allocations familiales du Haut-Rhin");
  await page.getByLabel('Filtrer (nom, mél, fonction, téléphone)').fill('');

  await page.getByRole('button', { name: 'Nouvel interlocuteur de la Caf' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouvel interlocuteur de la Caf' });
  const cafField = dialog.getByRole('combobox', { name: "Caf de l'interlocuteur" });
  await expect(cafField).toContainText("Caisse d'Allocations Familiales de la Réunion");
  await chooseOption(page, cafField, "Caisse d'Allocations familiales de Seine-Maritime");
  await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill('Lemaire');
  await dialog.getByLabel('Prénom').fill('Anne');
  await snap(page, 'r12-caf-contact-dialog');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  const created = (await storedRows(page, 'contacts')).find((c) => c.lastName === 'Lemaire');
  expect(created?.cafId).toBe('demo-caf-seine-maritime');
  await page.getByLabel('Filtrer (nom, mél, fonction, téléphone)').fill('Lemaire');
  await expect(table.getByRole('row', { name: /Anne LEMAIRE/ })).toContainText("Caisse d'Allocations familiales de Seine-Maritime");
});
