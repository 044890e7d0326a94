/**
 * Issue 12 « Records that are right as entered »: the form dialog frame (sticky actions, unsaved-changes guard,
 * field errors, Entrée), each date on its own, French messages. At 1366×768, the laptop screen of the office.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, snap, storedRows } from './helpers';

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
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  const [contact] = await storedRows(page, 'contacts');
  expect((contact!.roles as { from?: string }[]).map((r) => r.from)).toEqual(['2025-02-28', '2025-03-01', undefined, undefined]);
});
