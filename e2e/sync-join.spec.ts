/**
 * First steps of sync (issue 10): a second workstation joins an existing one at first run, from a file it
 * exported or from the shared folder, under the name it is given; the passphrase is confirmed when first typed to
 * encrypt, never kept unless « Retenir » is ticked; importing one's own export is flagged.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { copyFolder, snap } from './helpers';

const PASS = 'Phrase de passe du service 2026';

async function demoStation(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/');
  const dialog = page.getByRole('dialog', { name: 'Bienvenue dans Partenaires MCP' });
  await dialog.getByLabel(/Charger les données de démonstration/).check();
  await dialog.getByLabel('Votre nom').fill('Agent A');
  await expect(dialog.getByLabel('Nom de ce poste')).toHaveValue('Poste de Agent A');
  await dialog.getByLabel('Nom de ce poste').fill('Poste accueil');
  await dialog.getByLabel('Caf du service').fill('Caf de La Réunion');
  await dialog.getByRole('button', { name: 'Commencer' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  return page;
}

async function typePassphrase(page: Page, value: string, confirmation?: string) {
  const prompt = page.getByRole('dialog', { name: 'Phrase de passe du service' });
  await prompt.getByLabel('Phrase de passe', { exact: true }).fill(value);
  if (confirmation !== undefined) await prompt.getByLabel('Confirmer la phrase de passe').fill(confirmation);
  await prompt.getByRole('button', { name: 'Valider' }).click();
}

async function exportFull(page: Page, askPass: boolean): Promise<{ name: string; bytes: Buffer }> {
  await page.goto('/#/synchronisation');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter', exact: true }).click();
  if (askPass) await typePassphrase(page, PASS, PASS);
  const d = await download;
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

test('a new passphrase is confirmed, « Retenir » is off, files are named after the workstation, one’s own export is flagged', async ({ browser }) => {
  const a = await demoStation(browser);
  await a.goto('/#/synchronisation');
  await a.getByRole('button', { name: 'Exporter', exact: true }).click();
  const prompt = a.getByRole('dialog', { name: 'Phrase de passe du service' });
  await expect(prompt.getByLabel('Retenir sur ce poste')).not.toBeChecked();
  await typePassphrase(a, PASS, `${PASS} `);
  await expect(a.getByTestId('passphrase-error')).toHaveText('Les deux saisies de la phrase de passe diffèrent.');
  await snap(a, 'sync-phrase-de-passe-confirmation');
  const download = a.waitForEvent('download');
  await typePassphrase(a, PASS, PASS);
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^[0-9a-f]{16}_Poste-accueil_\d{8}-\d{6}-\d{3}\.mcpsync$/);
  // Nothing of the passphrase in the page's storages.
  const storages = await a.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(storages).not.toContain(PASS);

  // Importing that file back here: flagged.
  const chooser = a.waitForEvent('filechooser');
  await a.getByRole('button', { name: 'Importer un fichier…' }).click();
  await (await chooser).setFiles({ name: file.suggestedFilename(), mimeType: 'application/octet-stream', buffer: readFileSync((await file.path())!) });
  await expect(a.getByTestId('own-file')).toContainText('Ce fichier a été exporté par ce poste-ci');
  await a.getByRole('button', { name: 'Annuler' }).click();

  // After a reload, without « Retenir », the passphrase is asked again.
  await a.reload();
  await a.getByRole('button', { name: 'Exporter', exact: true }).click();
  await expect(a.getByRole('dialog', { name: 'Phrase de passe du service' })).toBeVisible();
});

test('first run: « Rejoindre un poste existant » from a file it exported', async ({ browser }) => {
  const a = await demoStation(browser);
  const fromA = await exportFull(a, true);
  const b = await (await browser.newContext()).newPage();
  await b.goto('/');
  const dialog = b.getByRole('dialog', { name: 'Bienvenue dans Partenaires MCP' });
  await dialog.getByLabel('Rejoindre un poste existant').check();
  await dialog.getByLabel(/Depuis un fichier exporté/).check();
  await dialog.getByLabel('Votre nom').fill('Agent B');
  await dialog.getByLabel('Nom de ce poste').fill('');
  await dialog.getByRole('button', { name: 'Rejoindre' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Donnez un nom à ce poste');
  await dialog.getByLabel('Nom de ce poste').fill('Portable visite');
  await dialog.getByLabel('Caf du service').fill('Caf de La Réunion');
  await snap(b, 'premier-lancement-rejoindre');
  const chooser = b.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Rejoindre' }).click();
  await (await chooser).setFiles({ name: fromA.name, mimeType: 'application/octet-stream', buffer: fromA.bytes });
  await typePassphrase(b, PASS);
  await expect(b.getByTestId('join-report')).toContainText('« Poste accueil »');
  await snap(b, 'premier-lancement-rejoint');
  await dialog.getByRole('button', { name: 'Continuer' }).click();
  await expect(dialog).toBeHidden();
  await b.goto('/#/partenaires');
  await expect(b.getByRole('link', { name: 'Mairie de Saint-Denis' })).toBeVisible();
  // B's own files carry its name.
  const fromB = await exportFull(b, false); // the passphrase typed to join is held for the session
  expect(fromB.name).toContain('_Portable-visite_');
});

test('first run: « Rejoindre un poste existant » from the shared folder the other workstation synchronises to', async ({ browser }) => {
  const a = await demoStation(browser);
  await a.goto('/#/synchronisation');
  await a.getByRole('button', { name: 'Synchroniser' }).click();
  await typePassphrase(a, PASS, PASS);
  await expect(a.getByTestId('sync-report')).toBeVisible({ timeout: 30_000 });

  const b = await (await browser.newContext()).newPage();
  await b.goto('/');
  const dialog = b.getByRole('dialog', { name: 'Bienvenue dans Partenaires MCP' });
  await dialog.getByLabel('Rejoindre un poste existant').check();
  await dialog.getByLabel(/Depuis le dossier partagé/).check();
  await dialog.getByLabel('Votre nom').fill('Agent C');
  await dialog.getByLabel('Nom de ce poste').fill('Poste annexe');
  await dialog.getByLabel('Caf du service').fill('Caf de La Réunion');
  // An empty folder: told what to do, nothing stored.
  await dialog.getByRole('button', { name: 'Rejoindre' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Le dossier partagé ne contient encore aucun fichier');
  expect(await b.evaluate(() => document.body.dataset.firstRun)).not.toBe('done');

  await copyFolder(a, b, 'sync');
  await dialog.getByRole('button', { name: 'Rejoindre' }).click();
  await typePassphrase(b, PASS);
  await expect(b.getByTestId('join-report')).toContainText('« Poste accueil »', { timeout: 30_000 });
  await snap(b, 'premier-lancement-rejoint-dossier');
  await dialog.getByRole('button', { name: 'Continuer' }).click();
  await expect(dialog).toBeHidden();
  await b.goto('/#/partenaires');
  await expect(b.getByRole('link', { name: 'Mairie de Saint-Denis' })).toBeVisible();
});
