import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { chooseOption, openWithDemo, snap } from './helpers';

/** Fresh profile with the demo data set (Mairie de Saint-Denis: T1 2 authorised, T2 5). */
const SAINT_DENIS = '#/partenaires/demo-partner-saint-denis/habilitations';

async function addHabilitation(page: Page, p: { first: string; last: string; profile: string; instructor?: string }) {
  await page.getByRole('button', { name: 'Ajouter une habilitation' }).click();
  const dialog = page.getByRole('dialog', { name: /Nouvelle habilitation/ });
  await dialog.getByLabel('Prénom').fill(p.first);
  await dialog.getByLabel(/^Nom/).fill(p.last);
  await dialog.getByLabel('Adresse mél').fill(`${p.first.toLowerCase()}.${p.last.toLowerCase()}@saintdenis.re`);
  await dialog.getByLabel('Fonction').fill('Agent d’accueil');
  await chooseOption(page, dialog.getByRole('combobox', { name: 'Profil' }), new RegExp(`^${p.profile} —`));
  if (p.instructor !== undefined) await dialog.getByLabel("Numéro d'instructeur").fill(p.instructor);
  await dialog.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  return dialog;
}

test('quotas: fill up to the limit, be refused one more, then override with a reason', async ({ page }) => {
  await openWithDemo(page, SAINT_DENIS);
  const tab = page.getByTestId('onglet-habilitations');
  await expect(tab.getByTestId('profil-T1')).toContainText('Quota atteint');
  await expect(tab.getByTestId('profil-T2')).toContainText('3');
  await snap(page, 'habilitations-onglet-demo');

  // T2: 5 authorised, 3 seats taken (one of them a pending suppression). Two more fit.
  for (const [first, last] of [
    ['Léa', 'Técher'],
    ['Hugo', 'Nativel'],
  ] as const) {
    const d = await addHabilitation(page, { first, last, profile: 'T2' });
    await expect(d).toBeHidden();
  }
  await expect(tab.getByTestId('profil-T2')).toContainText('Quota atteint');
  const rows = tab.getByTestId('habilitation');
  await expect(rows).toHaveCount(7);

  // The sixth is refused, with the exact message, and nothing is stored.
  const dialog = await addHabilitation(page, { first: 'Inès', last: 'Dijoux', profile: 'T2' });
  await expect(dialog.getByRole('alert')).toHaveText(
    "Quota atteint pour le profil T2 (CDAP) : 5 habilitations pour 5 autorisées. Indiquez le motif du dépassement pour l'enregistrer quand même.",
  );
  await snap(page, 'habilitations-quota-refuse');
  await expect(rows).toHaveCount(7);

  // Override: a blank reason is not enough; a real one is stored with the habilitation.
  await dialog.getByRole('button', { name: 'Enregistrer malgré le quota' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Indiquez le motif du dépassement de quota.');
  await dialog.getByLabel('Motif du dépassement de quota').fill('Renfort été 2026 accordé par la Caf (courriel du 20/11)');
  await dialog.getByRole('button', { name: 'Enregistrer malgré le quota' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(8);
  await expect(tab.getByText('Hors quota : Renfort été 2026 accordé par la Caf (courriel du 20/11)')).toBeVisible();
  await expect(tab.getByTestId('profil-T2')).toContainText('Quota dépassé');
  await snap(page, 'habilitations-quota-depasse');
});

test('T4 needs the instructor number; ending an access asks for the reason (perte ou vol)', async ({ page }) => {
  await openWithDemo(page, SAINT_DENIS);
  const tab = page.getByTestId('onglet-habilitations');
  const rows = tab.getByTestId('habilitation');
  await expect(rows).toHaveCount(5);

  // Grant T4 in the bulletin d'adhésion: 3 users.
  const t4 = tab.getByLabel('Nombre autorisé T4');
  await t4.fill('3');
  await t4.press('Enter');
  await expect(tab.getByTestId('profil-T4')).toContainText('Disponible');

  const dialog = await addHabilitation(page, { first: 'Paul', last: 'Lebon', profile: 'T4', instructor: '' });
  await expect(dialog.getByRole('alert')).toHaveText("Le numéro d'instructeur est obligatoire pour le profil T4 (services instructeurs RSA).");
  await snap(page, 'habilitations-t4-refuse');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  // Typing was done: the frame asks before dropping it.
  await page.getByRole('dialog', { name: 'Abandonner les modifications ?' }).getByRole('button', { name: 'Abandonner les modifications' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(5);

  const ok = await addHabilitation(page, { first: 'Paul', last: 'Lebon', profile: 'T4', instructor: 'RSA-974-0012' });
  await expect(ok).toBeHidden();
  await expect(tab.getByText('T4 (n° RSA-974-0012)')).toBeVisible();

  // End Jean-Luc HOAREAU's access for loss or theft of his credentials.
  await tab.getByRole('button', { name: "Fin d'accès Jean-Luc HOAREAU" }).click();
  const end = page.getByRole('dialog', { name: /Fin d'accès — Jean-Luc HOAREAU/ });
  await end.getByRole('button', { name: 'Accès supprimé' }).click();
  await expect(end.getByRole('alert')).toHaveText("Indiquez le motif de fin d'accès : départ, changement de fonction, ou perte ou vol des identifiants.");
  await end.getByLabel('Perte ou vol des identifiants').check();
  await snap(page, 'habilitations-fin-acces');
  await end.getByRole('button', { name: 'Accès supprimé' }).click();
  await expect(end).toBeHidden();
  await expect(tab.getByRole('status')).toHaveText('Accès de Jean-Luc HOAREAU supprimé.');
  await expect(rows.filter({ hasText: 'HOAREAU' })).toHaveCount(0);
  await expect(tab.getByTestId('profil-T1')).toContainText('Disponible');
  await tab.getByLabel(/Afficher les accès supprimés/).check();
  const ended = rows.filter({ hasText: 'HOAREAU' });
  await expect(ended).toContainText('Supprimée');
  await expect(ended).toContainText('Perte ou vol des identifiants');
  await snap(page, 'habilitations-acces-supprimes');
});

test('all habilitations: filters, and the six-year purge list with confirmation', async ({ page }) => {
  await openWithDemo(page, SAINT_DENIS);
  const tab = page.getByTestId('onglet-habilitations');
  // An access that started in 2015 and ended on 01/03/2019: more than six years ago.
  await page.getByRole('button', { name: 'Ajouter une habilitation' }).click();
  const add = page.getByRole('dialog', { name: /Nouvelle habilitation/ });
  await add.getByLabel('Prénom').fill('Ancien');
  await add.getByLabel(/^Nom/).fill('Agent');
  await chooseOption(page, add.getByRole('combobox', { name: 'Profil' }), /^T2 —/);
  await add.getByLabel('Date de début').fill('01/01/2015');
  await add.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(add).toBeHidden();
  // Typed « Agent », shown « AGENT »: one name display everywhere.
  await tab.getByRole('button', { name: "Fin d'accès Ancien AGENT" }).click();
  const end = page.getByRole('dialog', { name: /Fin d'accès — Ancien AGENT/ });
  await end.getByLabel('Départ').check();
  await end.getByLabel('À compter du').fill('01/03/2019');
  await end.getByRole('button', { name: 'Accès supprimé' }).click();
  await expect(end).toBeHidden();

  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Habilitations', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Habilitations' })).toBeVisible();
  await expect(page.getByText('16 habilitations affichées sur 16')).toBeVisible();
  await chooseOption(page, page.getByRole('combobox', { name: 'Statut' }), 'Suppression demandée');
  await expect(page.getByText('2 habilitations affichées sur 16')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'BOYER' })).toBeVisible();
  await snap(page, 'habilitations-page-filtre');
  // CSV of the list as filtered: BOM, « ; », only the two rows shown.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter en CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe("Partenaire;Service;Profil;Prénom;Nom;Adresse mél;Fonction;N° d'instructeur;Début;Statut;Fin;Motif de fin;Motif de dépassement de quota");
  expect(lines).toHaveLength(3);
  expect(lines.some((l) => l.startsWith('Mairie de Saint-Denis;CDAP;T2;Nadia;BOYER;nadia.boyer@saintdenis.re;') && l.includes(';Suppression demandée;30/11/2026;Changement de fonction;'))).toBe(true);
  // A row opens the partner's tab; coming back finds the filter as it was left.
  await page.getByRole('row').filter({ hasText: 'BOYER' }).click();
  await expect(page).toHaveURL(/#\/partenaires\/demo-partner-saint-denis\/habilitations$/);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Habilitations', exact: true }).click();
  await expect(page.getByText('2 habilitations affichées sur 16')).toBeVisible();

  const purge = page.getByTestId('purge-liste');
  await expect(purge.getByRole('listitem')).toHaveCount(1);
  await expect(purge).toContainText('Ancien AGENT (T2), fin le 01/03/2019 — Départ');
  await page.getByRole('button', { name: 'Purger 1 accès' }).click();
  const confirm = page.getByRole('dialog', { name: 'Purger les accès terminés depuis plus de six ans ?' });
  await snap(page, 'habilitations-purge-confirmation');
  await confirm.getByRole('button', { name: 'Annuler' }).click();
  await expect(purge.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Purger 1 accès' }).click();
  await confirm.getByRole('button', { name: 'Purger définitivement' }).click();
  await expect(page.getByText('1 accès purgé.')).toBeVisible();
  await expect(page.getByTestId('purge-vide')).toHaveText("Aucun accès à purger aujourd'hui.");
  await expect(page.getByText('2 habilitations affichées sur 15')).toBeVisible();
});

test('the Habilitations list follows an edit made elsewhere (another window of the same base), total unchanged', async ({ page, context }) => {
  await openWithDemo(page, '#/habilitations');
  const list = page.getByRole('table', { name: 'Habilitations' });
  const row = list.getByRole('row', { name: /Marie-Josée PAYET/ });
  await expect(row).toContainText('Active');
  await expect(page.getByText(/habilitations affichées sur \d+/)).toBeVisible();
  const subtitle = await page.getByText(/habilitations affichées sur \d+/).textContent();

  // A second window ends her access: a field changes, no habilitation is added or removed.
  const other = await context.newPage();
  await other.goto('/#/partenaires/demo-partner-saint-denis/habilitations');
  await other.getByRole('button', { name: "Fin d'accès Marie-Josée PAYET" }).click();
  const end = other.getByRole('dialog', { name: /Fin d'accès — Marie-Josée PAYET/ });
  await end.getByLabel('Départ').check();
  await end.getByRole('button', { name: 'Accès supprimé' }).click();
  await expect(end).toBeHidden();

  await expect(row).toContainText('Supprimée');
  await expect(page.getByText(subtitle!)).toBeVisible();
  await other.close();
});
