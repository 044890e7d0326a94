/**
 * Issue 12 « Records that are right as entered »: the form dialog frame (sticky actions, unsaved-changes guard,
 * field errors, Entrée), each date on its own, French messages. At 1366×768, the laptop screen of the office.
 */
import { expect, test, type Page } from '@playwright/test';
import { chooseOption, openApp, openWithDemo, snap, storedRows } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });

async function fillNewPartner(page: Page, name: string) {
  await page.goto('/#/partenaires/nouveau');
  const dialog = page.getByRole('dialog', { name: 'Nouveau partenaire' });
  await dialog.getByLabel('Nom du partenaire').fill(name);
  await dialog.getByLabel('Type').click();
  await page.getByRole('option', { name: 'CCAS / CIAS' }).click();
  await dialog.getByLabel('Code postal').fill('97420');
  await dialog.getByLabel('Commune').fill('Le Port');
  await dialog.getByLabel('Mode de gestion').click();
  await page.getByRole('option', { name: 'Délégué' }).click();
  return dialog;
}

test('partner dialog: an invalid signature date blocks the save even when the date d\'effet is valid', async ({ page }) => {
  await openApp(page);
  const dialog = await fillNewPartner(page, 'CCAS du Port');
  await dialog.getByLabel('Date de signature').fill('31/02/2025');
  await dialog.getByLabel("Date d'effet").fill('01/04/2025');
  const before = await storedRows(page, 'partners');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Date invalide : utilisez le format jj/mm/aaaa.');
  await expect(dialog.getByLabel('Date de signature')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel("Date d'effet")).toHaveAttribute('aria-invalid', 'false');
  expect(await storedRows(page, 'partners')).toEqual(before);
  await expect(dialog.getByRole('button', { name: 'Enregistrer' })).toBeInViewport();
  await snap(page, 'r12-partner-dialog-bad-date');

  await dialog.getByLabel('Date de signature').fill('28/02/2025');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'CCAS du Port' })).toBeVisible();
  const conventions = await storedRows(page, 'conventions');
  expect(conventions.map((c) => [c.signedOn, c.effectiveOn])).toEqual([['2025-02-28', '2025-04-01']]);
});

test('partner dialog: an over-long name is refused in French, and the field error goes once it is fixed', async ({ page }) => {
  await openApp(page);
  const dialog = await fillNewPartner(page, 'x'.repeat(201));
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Texte trop long : 200 caractères au plus.');
  await expect(dialog.getByText(/Too big|expected/)).toHaveCount(0);
  expect(await storedRows(page, 'partners')).toEqual([]);

  // A required field left empty: its message, then gone as soon as it is typed.
  await dialog.getByLabel('Nom du partenaire').fill('');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByText('Le nom du partenaire est obligatoire.').first()).toBeVisible();
  await dialog.getByLabel('Nom du partenaire').fill('CCAS du Port');
  await expect(dialog.getByLabel('Nom du partenaire')).toHaveAttribute('aria-invalid', 'false');
  // Entrée in a text field saves the form.
  await dialog.getByLabel('Commune').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'CCAS du Port' })).toBeVisible();
});

test('form dialogs ask before discarding typing: Escape, a click outside, Annuler', async ({ page }) => {
  await openApp(page, '#/interlocuteurs');
  await page.getByRole('button', { name: 'Nouvel interlocuteur de la Caf' }).click();
  let dialog = page.getByRole('dialog', { name: 'Nouvel interlocuteur de la Caf' });
  // Nothing typed: Escape closes straight away.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Nouvel interlocuteur de la Caf' }).click();
  dialog = page.getByRole('dialog', { name: 'Nouvel interlocuteur de la Caf' });
  await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill('Hoarau');
  const confirm = page.getByRole('dialog', { name: 'Abandonner les modifications ?' });

  await page.keyboard.press('Escape');
  await expect(confirm).toBeVisible();
  await snap(page, 'r12-discard-confirm');
  await confirm.getByRole('button', { name: 'Continuer la saisie' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Nom', exact: true })).toHaveValue('Hoarau');

  await page.mouse.click(5, 5); // the backdrop
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Continuer la saisie' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Nom', exact: true })).toHaveValue('Hoarau');

  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Abandonner les modifications' }).click();
  await expect(dialog).toBeHidden();
  expect(await storedRows(page, 'contacts')).toEqual([]);
});

test('contact dialog: actions stay visible with many roles; each role date validates on its own', async ({ page }) => {
  await openApp(page, '#/interlocuteurs');
  await page.getByRole('button', { name: 'Nouvel interlocuteur de la Caf' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouvel interlocuteur de la Caf' });
  await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill('Hoarau');
  for (let i = 0; i < 4; i++) await dialog.getByRole('button', { name: 'Ajouter un rôle' }).click();
  await dialog.getByTestId('role-row').nth(0).getByLabel('Depuis le').fill('31/02/2025');
  await dialog.getByTestId('role-row').nth(1).getByLabel('Depuis le').fill('01/03/2025');
  await expect(dialog.getByRole('button', { name: 'Enregistrer' })).toBeInViewport();
  await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeInViewport();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Date invalide : utilisez le format jj/mm/aaaa.');
  expect(await storedRows(page, 'contacts')).toEqual([]);
  await snap(page, 'r12-contact-dialog-roles');

  await dialog.getByTestId('role-row').nth(0).getByLabel('Depuis le').fill('28/02/2025');
  // « Ajouter un rôle » preselects nothing: a line whose role is not chosen is refused on its own field.
  const roleBox = (i: number) => dialog.getByTestId('role-row').nth(i).getByRole('combobox', { name: 'Rôle' });
  await expect(roleBox(0)).not.toContainText("Interlocuteur en cas d'urgence");
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Choisissez le rôle, ou retirez cette ligne.');
  await expect(dialog.getByTestId('role-row').nth(0).getByText('Choisissez le rôle, ou retirez cette ligne.')).toBeVisible();
  expect(await storedRows(page, 'contacts')).toEqual([]);
  await snap(page, 'r12-contact-dialog-role-missing');
  const labels = ['Administrateur principal', 'Administrateur suppléant', 'Responsable sécurité', "Interlocuteur en cas d'urgence"];
  for (const [i, label] of labels.entries()) await chooseOption(page, roleBox(i), label, true);
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  const [contact] = await storedRows(page, 'contacts');
  expect((contact!.roles as { from?: string }[]).map((r) => r.from)).toEqual(['2025-02-28', '2025-03-01', undefined, undefined]);
  expect((contact!.roles as { role: string }[]).map((r) => r.role)).toEqual(['administrateur', 'administrateur-suppleant', 'responsable-securite', 'interlocuteur-urgence']);
});

test('habilitation dialogs: each field shows its own French error, nothing stored until all are right', async ({ page }) => {
  await openWithDemo(page, '#/partenaires/demo-partner-saint-denis/habilitations');
  await page.getByRole('button', { name: 'Ajouter une habilitation' }).click();
  const add = page.getByRole('dialog', { name: /Nouvelle habilitation/ });
  await add.getByLabel('Prénom').fill('Zoé');
  await add.getByLabel(/^Nom/).fill('técher');
  await add.getByLabel('Adresse mél').fill('pas-un-mail');
  await chooseOption(page, add.getByRole('combobox', { name: 'Profil' }), /^T2 —/);
  await add.getByLabel('Date de début').fill('31/02/2025');
  const before = await storedRows(page, 'habilitations');
  await add.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(add.getByRole('alert')).toHaveText('Date invalide : utilisez le format jj/mm/aaaa.');
  await expect(add.getByLabel('Date de début')).toHaveAttribute('aria-invalid', 'true');
  await add.getByLabel('Date de début').fill('01/03/2025');
  await add.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(add.getByRole('alert')).toHaveText('Adresse mél invalide (ex. prenom.nom@mairie.fr).');
  await expect(add.getByLabel('Adresse mél')).toHaveAttribute('aria-invalid', 'true');
  await expect(add.getByLabel('Date de début')).toHaveAttribute('aria-invalid', 'false');
  await expect(add.getByRole('button', { name: 'Enregistrer', exact: true })).toBeInViewport();
  await snap(page, 'r12-habilitation-dialog-errors');
  expect(await storedRows(page, 'habilitations')).toEqual(before);
  // The error goes as soon as the field is edited; Escape with typing asks first.
  await add.getByLabel('Adresse mél').fill('zoe.techer@saintdenis.re');
  await expect(add.getByLabel('Adresse mél')).toHaveAttribute('aria-invalid', 'false');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Abandonner les modifications ?' })).toBeVisible();
  await page.getByRole('button', { name: 'Continuer la saisie' }).click();
  await add.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(add).toBeHidden();
  const tab = page.getByTestId('onglet-habilitations');
  // One name display: the last name typed in lower case shows in capitals.
  await expect(tab.getByTestId('habilitation').filter({ hasText: 'Zoé TÉCHER' })).toHaveCount(1);

  // End of access: a bad date is refused on its field, the record unchanged; then done, and said so.
  await tab.getByRole('button', { name: "Fin d'accès Zoé TÉCHER" }).click();
  const end = page.getByRole('dialog', { name: /Fin d'accès — Zoé TÉCHER/ });
  await end.getByLabel('Départ').check();
  await end.getByLabel('À compter du').fill('32/01/2026');
  const beforeEnd = await storedRows(page, 'habilitations');
  await end.getByRole('button', { name: 'Accès supprimé' }).click();
  await expect(end.getByRole('alert')).toHaveText('Date invalide : utilisez le format jj/mm/aaaa.');
  expect(await storedRows(page, 'habilitations')).toEqual(beforeEnd);
  await snap(page, 'r12-end-access-bad-date');
  await end.getByLabel('À compter du').fill('31/01/2026');
  await end.getByRole('button', { name: 'Accès supprimé' }).click();
  await expect(end).toBeHidden();
  await expect(tab.getByRole('status')).toHaveText('Accès de Zoé TÉCHER supprimé.');
});

test('relances: corrected and deleted (with confirmation); a closed one shows no next person', async ({ page }) => {
  await openWithDemo(page, '#/relances');
  await page.locator('a[href^="#/relances/demande/"]').first().click();
  const heading = page.getByRole('heading', { level: 1 });
  const subject = (await heading.textContent()) ?? '';
  await page.getByRole('button', { name: 'Modifier', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Modifier la relance' });
  await expect(dialog.getByLabel('Objet')).toHaveValue(subject);
  await dialog.getByLabel('Objet').fill(`${subject} (corrigée)`);
  await dialog.getByLabel('Envoyée le').fill('32/12/2024 09:00');
  const before = await storedRows(page, 'followUps');
  await dialog.getByRole('button', { name: 'Enregistrer la relance' }).click();
  await expect(dialog.getByRole('alert')).toHaveText("Indiquez la date et l'heure d'envoi (jj/mm/aaaa hh:mm).");
  await expect(dialog.getByLabel('Envoyée le')).toHaveAttribute('aria-invalid', 'true');
  expect(await storedRows(page, 'followUps')).toEqual(before);
  await snap(page, 'r12-followup-edit-error');
  await dialog.getByLabel('Envoyée le').fill('01/12/2026 09:00');
  await dialog.getByRole('button', { name: 'Enregistrer la relance' }).click();
  await expect(dialog).toBeHidden();
  await expect(heading).toHaveText(`${subject} (corrigée)`);
  await expect(page.getByRole('table', { name: 'La demande' })).toContainText('01/12/2026 09:00');

  await page.getByRole('button', { name: 'Clore (réponse reçue)' }).click();
  await page.getByRole('dialog', { name: 'Clore la relance ?' }).getByRole('button', { name: 'Clore la relance' }).click();
  await expect(page.getByTestId('followup-next')).toHaveText('Relance close : personne à relancer.');
  await snap(page, 'r12-followup-closed');

  await page.getByRole('button', { name: 'Supprimer', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Supprimer la relance ?' });
  await confirm.getByRole('button', { name: 'Annuler' }).click();
  await expect(heading).toHaveText(`${subject} (corrigée)`);
  await page.getByRole('button', { name: 'Supprimer', exact: true }).click();
  await confirm.getByRole('button', { name: 'Supprimer la relance' }).click();
  await expect(page).toHaveURL(/#\/relances$/);
  expect((await storedRows(page, 'followUps')).filter((r) => r._deleted === 0)).toHaveLength(before.filter((r) => r._deleted === 0).length - 1);
});

test('Convention tab: each date on its own; unsaved edits ask before a tab switch, a navigation or closing', async ({ page }) => {
  await openWithDemo(page, '#/partenaires/demo-partner-cd68/convention');
  const form = page.getByRole('form', { name: 'Convention' });
  const signed = form.getByLabel('Date de signature');
  await signed.fill('31/02/2025');
  await form.getByLabel("Date d'effet").fill('01/04/2025');
  const before = await storedRows(page, 'conventions');
  await form.getByRole('button', { name: 'Enregistrer la convention' }).click();
  await expect(form.getByRole('alert')).toHaveText('Date invalide : utilisez le format jj/mm/aaaa.');
  await expect(signed).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel("Date d'effet")).toHaveAttribute('aria-invalid', 'false');
  expect(await storedRows(page, 'conventions')).toEqual(before);

  // A tab switch with typing not saved: asked; « Continuer la saisie » keeps the tab and what was typed.
  const confirm = page.getByRole('dialog', { name: 'Abandonner les modifications ?' });
  await page.getByRole('tab', { name: 'Interlocuteurs' }).click();
  await expect(confirm).toBeVisible();
  await snap(page, 'r12-unsaved-tab-switch');
  await confirm.getByRole('button', { name: 'Continuer la saisie' }).click();
  await expect(page).toHaveURL(/\/convention$/);
  await expect(signed).toHaveValue('31/02/2025');

  // Closing the window: the browser's own « leave the page? » (beforeunload).
  const asked = new Promise<string>((resolve) => page.once('dialog', (d) => { resolve(d.type()); void d.accept(); }));
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
});

test('unsaved escalation chain: the menu asks; « Abandonner » leaves, nothing stored', async ({ page }) => {
  await openWithDemo(page, '#/partenaires/demo-partner-cd68/escalade');
  await page.getByLabel('Délai').first().fill('3');
  const before = await storedRows(page, 'chains');
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Partenaires' }).click();
  const confirm = page.getByRole('dialog', { name: 'Abandonner les modifications ?' });
  await expect(confirm).toBeVisible();
  await expect(page).toHaveURL(/\/escalade$/);
  await confirm.getByRole('button', { name: 'Abandonner les modifications' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Partenaires' })).toBeVisible();
  expect(await storedRows(page, 'chains')).toEqual(before);
  // Nothing left dirty: the next navigation goes straight through.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Relances' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Relances' })).toBeVisible();
});
