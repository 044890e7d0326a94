import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { chooseOption, openApp, snap } from './helpers';

const PHONE_MESSAGE = 'Numéro de téléphone invalide : saisissez 10 chiffres (ex. 02 62 48 62 11) ou la forme internationale (ex. +262 262 48 62 11).';

async function createPartner(page: Page, name: string): Promise<void> {
  await page.goto('/#/partenaires/nouveau');
  const dialog = page.getByRole('dialog', { name: 'Nouveau partenaire' });
  await dialog.getByLabel('Nom du partenaire').fill(name);
  await chooseOption(page, dialog.getByLabel('Type'), 'CCAS / CIAS');
  await dialog.getByLabel('SIRET').fill('73282932000074');
  await dialog.getByLabel('Code postal').fill('97420');
  await dialog.getByLabel('Commune').fill('Le Port');
  await chooseOption(page, dialog.getByLabel('Mode de gestion'), 'Délégué');
  await dialog.getByLabel("Date d'effet").fill('01/04/2017');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function addRole(page: Page, dialog: Locator, label: string): Promise<void> {
  await dialog.getByRole('button', { name: 'Ajouter un rôle' }).click();
  await chooseOption(page, dialog.getByTestId('role-row').last().getByRole('combobox', { name: 'Rôle' }), label, true);
}

async function fillContact(dialog: Locator, c: { first: string; last: string; email: string; landline?: string; mobile?: string; fn?: string }) {
  await dialog.getByLabel('Prénom').fill(c.first);
  await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill(c.last);
  await dialog.getByLabel('Fonction').fill(c.fn ?? 'Agent');
  await dialog.getByLabel('Adresse mél professionnelle').fill(c.email);
  if (c.landline !== undefined) await dialog.getByLabel('Téléphone fixe').fill(c.landline);
  if (c.mobile !== undefined) await dialog.getByLabel('Téléphone mobile').fill(c.mobile);
}

test('a partner with its contacts: bad phone refused, roles, replace the administrator, duplicates merged, CSV', async ({ page }) => {
  await openApp(page);
  await createPartner(page, 'CCAS du Port');
  await page.getByRole('tab', { name: 'Interlocuteurs' }).click();
  await expect(page.getByText('Aucun interlocuteur')).toBeVisible();

  // Bad phone: exact message, nothing stored.
  await page.getByRole('button', { name: 'Nouvel interlocuteur' }).click();
  let dialog = page.getByRole('dialog', { name: 'Nouvel interlocuteur' });
  await fillContact(dialog, { first: 'Hélène', last: 'Payet', email: 'helene.payet@ccas-leport.re', landline: '0262 48 62 1' });
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(PHONE_MESSAGE);
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  // What was typed is not thrown away without asking.
  await page.getByRole('dialog', { name: 'Abandonner les modifications ?' }).getByRole('button', { name: 'Abandonner les modifications' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Aucun interlocuteur')).toBeVisible();

  // First contact: administrateur + responsable sécurité, overseas phones in any form.
  await page.getByRole('button', { name: 'Nouvel interlocuteur' }).click();
  dialog = page.getByRole('dialog', { name: 'Nouvel interlocuteur' });
  await fillContact(dialog, { first: 'Hélène', last: 'Payet', email: 'helene.payet@ccas-leport.re', landline: '0262 48 62 11', mobile: '+262 692 12 34 56', fn: 'Directrice' });
  await addRole(page, dialog, 'Administrateur principal');
  await addRole(page, dialog, 'Responsable sécurité');
  await dialog.getByTestId('role-row').first().getByLabel('Depuis le').fill('01/01/2020');
  await snap(page, 'contact-dialog');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  const table = page.getByRole('table', { name: 'Interlocuteurs du partenaire' });
  await expect(table).toContainText('Fixe : 02 62 48 62 11');
  await expect(table).toContainText('Mobile : 06 92 12 34 56');
  await expect(page.getByTestId('missing-roles')).toHaveText(
    'Rôles obligatoires non pourvus : Administrateur suppléant, Référent informatique et libertés / DPO.',
  );

  await page.getByRole('button', { name: 'Nouvel interlocuteur' }).click();
  dialog = page.getByRole('dialog', { name: 'Nouvel interlocuteur' });
  await fillContact(dialog, { first: 'Paul', last: 'Técher', email: 'paul.techer@ccas-leport.re', landline: '02 62 42 00 00' });
  await addRole(page, dialog, 'Administrateur suppléant');
  await addRole(page, dialog, 'Référent informatique et libertés / DPO');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('missing-roles')).toHaveCount(0);

  // A « new » administrator already on file is offered instead of a second record.
  await page.getByRole('button', { name: "Remplacer l'administrateur" }).click();
  const replaceDup = page.getByRole('dialog', { name: "Remplacer l'administrateur" });
  await replaceDup.getByRole('textbox', { name: 'Nom du nouvel administrateur', exact: true }).fill('Técher');
  await replaceDup.getByLabel('Adresse mél professionnelle').fill('paul.techer@ccas-leport.re');
  await replaceDup.getByRole('button', { name: 'Remplacer' }).click();
  await expect(replaceDup.getByTestId('duplicate-warning')).toContainText('Paul TÉCHER — même adresse mél');
  await expect(replaceDup.getByRole('button', { name: 'Utiliser la fiche de Paul TÉCHER' })).toBeVisible();
  await replaceDup.getByRole('button', { name: 'Annuler' }).click();
  await page.getByRole('dialog', { name: 'Abandonner les modifications ?' }).getByRole('button', { name: 'Abandonner les modifications' }).click();
  await expect(replaceDup).toBeHidden();

  // Replace the administrator by a new person.
  await page.getByRole('button', { name: "Remplacer l'administrateur" }).click();
  const replace = page.getByRole('dialog', { name: "Remplacer l'administrateur" });
  await expect(replace.getByLabel('Administrateur remplacé')).toContainText('Hélène PAYET');
  await replace.getByLabel('Prénom du nouvel administrateur').fill('Jean');
  await replace.getByRole('textbox', { name: 'Nom du nouvel administrateur', exact: true }).fill('Hoarau');
  await replace.getByLabel('Adresse mél professionnelle').fill('jean.hoarau@ccas-leport.re');
  await replace.getByLabel('Téléphone mobile').fill('0693 11 22 33');
  await snap(page, 'replace-admin-dialog');
  // Effective today by default: the old role's last day is yesterday, so today only the new one is current.
  await expect(replace.getByLabel("Date d'effet")).toHaveValue(new Date().toLocaleDateString('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' }));
  await replace.getByRole('button', { name: 'Remplacer' }).click();
  const done = page.getByRole('dialog', { name: 'Administrateur remplacé' });
  await expect(done.getByRole('link', { name: 'Imprimer le formulaire de désignation' })).toBeVisible();
  await done.getByRole('button', { name: 'Fermer' }).click();
  await expect(done).toBeHidden();
  const today = new Date(Date.now() - 86_400_000).toLocaleDateString('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' }); // the old role's last day
  const helene = table.getByRole('row', { name: /Hélène PAYET/ });
  await expect(helene).toContainText(`Administrateur principal (jusqu'au ${today})`);
  await expect(helene).toContainText('Responsable sécurité');
  await expect(table.getByRole('row', { name: /Jean HOARAU/ })).toContainText('Administrateur principal');
  await expect(page.getByTestId('missing-roles')).toHaveCount(0);
  await snap(page, 'partner-contacts');

  // Duplicate: same email as Paul → warned, merged into Paul's record.
  await page.getByRole('button', { name: 'Nouvel interlocuteur' }).click();
  dialog = page.getByRole('dialog', { name: 'Nouvel interlocuteur' });
  await fillContact(dialog, { first: 'Paul', last: 'Techer', email: 'Paul.Techer@ccas-leport.re', mobile: '0692 99 88 77' });
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByTestId('duplicate-warning')).toContainText('Paul TÉCHER <paul.techer@ccas-leport.re> — même adresse mél');
  await snap(page, 'contact-duplicate');
  await dialog.getByRole('button', { name: 'Fusionner avec Paul TÉCHER' }).click();
  await expect(dialog).toBeHidden();
  await expect(table.getByRole('row')).toHaveCount(4); // header + 3 people
  await expect(table.getByRole('row', { name: /Paul TÉCHER/ })).toContainText('Mobile : 06 92 99 88 77');

  // History of the partner's records.
  await page.getByRole('tab', { name: 'Historique' }).click();
  const history = page.getByRole('table', { name: 'Historique des modifications' });
  await expect(history.getByRole('row', { name: /Hélène PAYET.*Rôles/ }).first()).toContainText(`jusqu'au ${today}`);
  await expect(history).toContainText('Agent de test');
  await expect(history).toContainText('ce poste');
  await snap(page, 'partner-contacts-history');

  // The same history, per record, from the contact's own dialog.
  await page.getByRole('tab', { name: 'Interlocuteurs' }).click();
  await page.getByRole('button', { name: 'Modifier Hélène PAYET' }).click();
  const edit = page.getByRole('dialog', { name: 'Modifier Hélène PAYET' });
  await edit.getByRole('button', { name: 'Historique de la fiche' }).click();
  await expect(edit.getByRole('table', { name: 'Historique des modifications' })).toContainText(`Administrateur principal (depuis le 01/01/2020, jusqu'au ${today})`);
  await snap(page, 'contact-dialog-history');
  await edit.getByRole('button', { name: 'Annuler' }).click();

  // All contacts, filtered, exported.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Interlocuteurs', exact: true }).click();
  const all = page.getByRole('table', { name: 'Liste des interlocuteurs' });
  await expect(all.getByRole('row')).toHaveCount(4);
  await chooseOption(page, page.getByLabel('Rôle', { exact: true }), 'Administrateur principal');
  await expect(all.getByRole('row')).toHaveCount(2);
  await expect(all).toContainText('Jean HOARAU');
  await snap(page, 'contacts-list');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter en CSV' }).click();
  const bytes = readFileSync(await (await download).path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split('\r\n');
  expect(lines[0]).toBe("Civilité;Prénom;Nom;Partenaire / Caf;Fonction;Rôles actuels;Mél;Téléphone fixe;Téléphone mobile;Actif depuis;Actif jusqu'au");
  expect(lines[1]).toBe(';Jean;Hoarau;CCAS du Port;Administrateur « Mon Compte Partenaire »;Administrateur principal;jean.hoarau@ccas-leport.re;;06 93 11 22 33;;');
});

test('Caf-side contact created from the Interlocuteurs page; bad phone stores nothing', async ({ page }) => {
  await openApp(page, '#/interlocuteurs');
  await expect(page.getByText('Aucun interlocuteur')).toBeVisible();
  await page.getByRole('button', { name: 'Nouvel interlocuteur de la Caf' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouvel interlocuteur de la Caf' });
  await fillContact(dialog, { first: 'Guichet', last: 'Unique', email: 'guichet-unique@caf974.fr', landline: '+262 12' });
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(PHONE_MESSAGE);
  await expect(dialog.getByText(PHONE_MESSAGE)).toHaveCount(2); // the alert and the field's helper text
  await dialog.getByLabel('Téléphone fixe').fill('+262 262 48 62 11');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  const all = page.getByRole('table', { name: 'Liste des interlocuteurs' });
  await expect(all.getByRole('row')).toHaveCount(2);
  await expect(all).toContainText('02 62 48 62 11');
  await chooseOption(page, page.getByLabel('Côté'), 'Partenaires');
  await expect(all.getByRole('row')).toHaveCount(1);
});
