import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { chooseOption, openApp, snap, storedRows } from './helpers';

async function fillPartner(page: Page, p: { name: string; siret: string; postalCode: string; city: string; number?: string; signedOn?: string; effectiveOn?: string }) {
  const dialog = page.getByRole('dialog', { name: 'Nouveau partenaire' });
  await dialog.getByLabel('Nom du partenaire').fill(p.name);
  await chooseOption(page, dialog.getByLabel('Type'), 'Commune', true);
  await dialog.getByLabel('SIRET').fill(p.siret);
  await dialog.getByLabel('Adresse', { exact: true }).fill('2 rue de Paris');
  await dialog.getByLabel('Code postal').fill(p.postalCode);
  await dialog.getByLabel('Commune').fill(p.city);
  await dialog.getByLabel('N° de convention').fill(p.number ?? '112/2017');
  await chooseOption(page, dialog.getByLabel('Mode de gestion'), 'Délégué');
  if (p.signedOn) await dialog.getByLabel('Date de signature').fill(p.signedOn);
  if (p.effectiveOn) await dialog.getByLabel("Date d'effet").fill(p.effectiveOn);
  return dialog;
}

export async function createPartner(page: Page, name = 'Commune de Saint-Denis'): Promise<void> {
  await page.goto('/#/partenaires/nouveau');
  const dialog = await fillPartner(page, { name, siret: '732 829 320 00074', postalCode: '97400', city: 'Saint-Denis', signedOn: '01/03/2017', effectiveOn: '01/04/2017' });
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('create a partner: bad SIRET and postal code refused with the exact message and nothing stored; then created', async ({ page }) => {
  await openApp(page, '#/partenaires');
  await expect(page.getByText("Aucun partenaire pour l'instant")).toBeVisible();
  await snap(page, 'partners-empty');
  // Ctrl+N opens the new-partner form from anywhere (the shell routes it to #/partenaires/nouveau).
  await page.keyboard.press('Control+n');
  await expect(page).toHaveURL(/#\/partenaires\/nouveau$/);
  const dialog = await fillPartner(page, { name: 'Commune de Saint-Denis', siret: '732 829 320 00075', postalCode: '97400', city: 'Saint-Denis' });
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('SIRET invalide : la clé de contrôle ne correspond pas. Vérifiez les 14 chiffres.');
  await dialog.getByLabel('SIRET').fill('732 829 320 00074');
  await dialog.getByLabel('Code postal').fill('2A004');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Code postal invalide : 2A et 2B sont des codes de département ; les codes postaux de Corse commencent par 20.');
  await snap(page, 'partner-dialog-error');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  // What was typed is not thrown away without asking.
  await page.getByRole('dialog', { name: 'Abandonner les modifications ?' }).getByRole('button', { name: 'Abandonner les modifications' }).click();
  // Nothing was stored.
  await expect(page.getByText("Aucun partenaire pour l'instant")).toBeVisible();

  await createPartner(page);
  await expect(page.getByTestId('convention-status')).toHaveText('En vigueur');
  await expect(page.getByTestId('missing-roles')).toContainText('Administrateur principal');
  await snap(page, 'partner-convention');
});

test('La Poste SIRET accepted; convention termination with less than 3 months refused; amendments kept', async ({ page }) => {
  await openApp(page);
  await page.goto('/#/partenaires/nouveau');
  const dialog = await fillPartner(page, { name: 'La Poste Saint-Denis', siret: '356 000 000 00001', postalCode: '97400', city: 'Saint-Denis', effectiveOn: '01/04/2017', signedOn: '01/03/2017' });
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'La Poste Saint-Denis' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Convention' });
  await form.getByLabel('Résiliation demandée le').fill('10/01/2026');
  await form.getByLabel('Résiliation effective le').fill('31/03/2026');
  await form.getByRole('button', { name: 'Enregistrer la convention' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    "Résiliation refusée : le préavis doit être d'au moins 3 mois. Demandée le 10/01/2026, elle ne peut prendre effet avant le 10/04/2026.",
  );
  // The refused dates are still typed: leaving the tab asks first; they are given up.
  await page.getByRole('tab', { name: 'Historique' }).click();
  await page.getByRole('dialog', { name: 'Abandonner les modifications ?' }).getByRole('button', { name: 'Abandonner les modifications' }).click();
  await expect(page.getByRole('table', { name: 'Historique des modifications' })).not.toContainText('Résiliation');
  await page.getByRole('tab', { name: 'Convention' }).click();

  await page.getByLabel("Date de l'avenant").fill('15/05/2019');
  await page.getByLabel("Objet de l'avenant").fill('Ajout du profil T5');
  await page.getByRole('button', { name: "Ajouter l'avenant" }).click();
  await expect(page.getByRole('table', { name: 'Avenants' })).toContainText('15/05/2019');
  await page.getByLabel('Code du service').fill('AFAS');
  await page.getByLabel('Mise à disposition le').fill('01/09/2020');
  await page.getByRole('button', { name: 'Ajouter le service' }).click();
  await expect(page.getByRole('table', { name: 'Services souscrits' })).toContainText('01/09/2020');
  await form.getByLabel('Dernière revue inverse').fill('15/02/2026');
  await form.getByRole('button', { name: 'Enregistrer la convention' }).click();
  await expect(page.getByText('Convention enregistrée.')).toBeVisible();
  await expect(page.getByText('15/02/2027')).toBeVisible();
  await snap(page, 'partner-convention-filled');

  await page.getByRole('tab', { name: 'Historique' }).click();
  const history = page.getByRole('table', { name: 'Historique des modifications' });
  await expect(history).toContainText('Avenants');
  await expect(history).toContainText('ce poste');
  await expect(history).toContainText('15/05/2019 : Ajout du profil T5');
  await snap(page, 'partner-history');

  // Leaving in the very tick « Convention enregistrée. » shows — before the stored convention has come back through
  // the live query — must not ask to discard edits that are saved.
  await page.getByRole('tab', { name: 'Convention' }).click();
  await form.getByLabel('Missions').fill('Missions enregistrées puis quittées');
  await page.evaluate(() => {
    const saveButton = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Enregistrer la convention');
    new MutationObserver((_, observer) => {
      if (!document.body.textContent?.includes('Convention enregistrée.')) return;
      observer.disconnect();
      window.location.hash = '#/partenaires';
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
    saveButton?.click();
  });
  await expect(page.getByRole('heading', { level: 1, name: 'Partenaires' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Abandonner les modifications ?' })).toHaveCount(0);
});

test('archive asks for confirmation; filters are kept when coming back; CSV export has the BOM and ;', async ({ page }) => {
  await openApp(page);
  await createPartner(page, 'Commune de Saint-Denis');
  await createPartner(page, 'CCAS du Port');
  await page.getByRole('button', { name: 'Archiver' }).click();
  const confirm = page.getByRole('dialog', { name: 'Archiver CCAS du Port ?' });
  await expect(confirm).toBeVisible();
  await snap(page, 'partner-archive-confirm');
  await confirm.getByRole('button', { name: 'Annuler' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('Archivé', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Archiver' }).click();
  await page.getByRole('dialog', { name: 'Archiver CCAS du Port ?' }).getByRole('button', { name: 'Archiver' }).click();
  await expect(page.getByText('Archivé', { exact: true })).toBeVisible();

  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Partenaires', exact: true }).click();
  const table = page.getByRole('table', { name: 'Liste des partenaires' });
  await expect(table.getByRole('row')).toHaveCount(2); // header + Saint-Denis (the archived one is hidden)
  await page.getByLabel('Filtrer (nom, commune, n°)').fill('saint denis');
  await chooseOption(page, page.getByLabel('Statut de la convention'), 'En vigueur');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('listbox')).toBeHidden();
  await snap(page, 'partners-list');
  await table.getByRole('row').nth(1).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Commune de Saint-Denis' })).toBeVisible();
  await page.getByRole('link', { name: 'Liste', exact: true }).click();
  await expect(page.getByLabel('Filtrer (nom, commune, n°)')).toHaveValue('saint denis');
  await expect(page.getByLabel('Statut de la convention')).toContainText('En vigueur');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter en CSV' }).click();
  const file = await (await download).path();
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  const lines = text.split('\r\n');
  expect(lines[0]).toContain('Nom;Type;SIRET;');
  expect(lines).toHaveLength(3); // header, one row (as filtered), trailing empty
  expect(lines[1]).toContain('Commune de Saint-Denis;Commune;732 829 320 00074;');
});

test('demo data: the list shows the seeded partners, and every tab of a partner page renders', async ({ page }) => {
  await page.goto('/#/partenaires');
  const welcome = page.getByRole('dialog', { name: 'Bienvenue dans Partenaires MCP' });
  await welcome.getByLabel(/Charger les données de démonstration/).check();
  await welcome.getByLabel('Votre nom').fill('Agent de test');
  const caf = welcome.getByLabel('Caf du service');
  if (await caf.isEditable()) await caf.fill('Caf de La Réunion');
  await welcome.getByRole('button', { name: 'Commencer' }).click();
  await expect(welcome).toBeHidden({ timeout: 30_000 });
  const table = page.getByRole('table', { name: 'Liste des partenaires' });
  await expect(table).toContainText('Mairie de Saint-Denis');
  await snap(page, 'partners-list-demo');
  await table.getByRole('row', { name: /Mairie de Saint-Denis/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mairie de Saint-Denis' })).toBeVisible();
  await snap(page, 'demo-partner-convention');
  for (const [tab, file] of [
    ['Interlocuteurs', 'interlocuteurs'],
    ['Escalade', 'escalade'],
    ['Profils et habilitations', 'habilitations'],
    ['Formulaires', 'formulaires'],
    ['Historique', 'historique'],
  ] as const) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page).toHaveURL(new RegExp(`/${file}$`));
    await expect(page.getByRole('tabpanel')).toBeVisible();
    await snap(page, `demo-partner-${file}`);
  }
  await page.getByRole('tab', { name: 'Interlocuteurs' }).click();
  await expect(page.getByRole('table', { name: 'Interlocuteurs du partenaire' })).toBeVisible();

  // Three Cafs in the demo base: a new partner is attached to the office's Caf unless another is chosen.
  await page.goto('/#/partenaires/nouveau');
  const form = page.getByRole('dialog', { name: 'Nouveau partenaire' });
  await expect(form.getByRole('combobox', { name: 'Caf de rattachement' })).toContainText(/Réunion/);
  await chooseOption(page, form.getByRole('combobox', { name: 'Caf de rattachement' }), /Haut-Rhin/);
  await form.getByLabel('Nom du partenaire').fill('CCAS de Colmar');
  await chooseOption(page, form.getByRole('combobox', { name: 'Type' }), 'CCAS / CIAS');
  await form.getByLabel('Code postal').fill('68000');
  await form.getByLabel('Commune').fill('Colmar');
  await chooseOption(page, form.getByRole('combobox', { name: 'Mode de gestion' }), 'Délégué');
  await snap(page, 'partner-dialog-caf');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'CCAS de Colmar' })).toBeVisible();
  const stored = await storedRows(page, 'partners');
  const cafs = await storedRows(page, 'cafs');
  const colmar = stored.find((r) => r.name === 'CCAS de Colmar');
  expect(cafs.find((c) => c.id === colmar?.cafId)?.name).toMatch(/Haut-Rhin/);
});
