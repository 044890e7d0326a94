/**
 * History travels (issue 10), in real Chromium: two « workstations » (two browser contexts, each its own
 * IndexedDB). B changes a convention; after the exchange, A's history shows the change with B's author and time,
 * « reçu de Portable visite le dd/MM/yyyy HH:mm » as its origin, once — also after importing the same lines again
 * through another file.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { answerPassphrase as passphrase, exportFullBundle as exportFull, snap } from './helpers';

const PARTNER = '#/partenaires/demo-partner-saint-denis';

async function openStation(browser: Browser, demo: boolean, user: string, workstation: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto('/');
  const dialog = page.getByRole('dialog', { name: 'Bienvenue dans Partenaires MCP' });
  await expect(dialog).toBeVisible();
  if (demo) await dialog.getByLabel(/Charger les données de démonstration/).check();
  else await dialog.getByLabel('Commencer avec une base vide').check();
  await dialog.getByLabel('Votre nom').fill(user);
  await dialog.getByLabel('Nom de ce poste').fill(workstation);
  await dialog.getByLabel('Caf du service').fill('Caf de La Réunion');
  await dialog.getByRole('button', { name: 'Commencer' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  return page;
}


async function importFile(page: Page, name: string, buffer: Buffer, askPass: boolean) {
  await page.goto('/#/synchronisation');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importer un fichier…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer });
  if (askPass) await passphrase(page);
  const dialog = page.getByRole('dialog', { name: /Importer/ });
  const already = page.getByTestId('already-imported');
  await expect(dialog.getByRole('button', { name: "Appliquer l'import" }).or(already)).toBeVisible();
  if (await already.count()) {
    await page.getByRole('button', { name: 'Fermer' }).click();
    return;
  }
  await dialog.getByRole('button', { name: "Appliquer l'import" }).click();
  await expect(page.getByTestId('import-report')).toContainText('Import terminé');
  await dialog.getByRole('button', { name: 'Fermer' }).click();
}

test("B's change shows on A with B's author and « reçu de Portable visite le … », exactly once", async ({ browser }) => {
  test.setTimeout(240_000);
  const a = await openStation(browser, true, 'Agent Accueil', 'Poste accueil');
  const b = await openStation(browser, false, 'Bruno Hoarau', 'Portable visite');
  await importFile(b, 'poste-accueil.mcpsync', await exportFull(a, true), true);

  // B changes the convention's missions.
  await b.goto(`/${PARTNER}/convention`);
  await b.getByLabel('Missions du partenaire (article 8)').fill('Missions revues par B');
  await b.getByRole('button', { name: 'Enregistrer la convention' }).click();
  await expect(b.getByRole('alert').filter({ hasText: /enregistr/i }).first()).toBeVisible();
  const changedAt = new Date();

  const fromB = await exportFull(b, false); // the passphrase typed for the import is kept for the session
  await importFile(a, 'portable-visite.mcpsync', fromB, false);

  await a.goto(`/${PARTNER}/historique`);
  const table = a.getByRole('table', { name: 'Historique des modifications' });
  const row = table.getByRole('row').filter({ hasText: 'Missions revues par B' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Bruno Hoarau');
  await expect(row).toContainText(/reçu de Portable visite le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  // The time shown is B's (dd/MM/yyyy HH:mm, the page's zone), not the import's.
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${pad(changedAt.getDate())}/${pad(changedAt.getMonth() + 1)}/${changedAt.getFullYear()}`;
  await expect(row.getByRole('cell').first()).toContainText(day);
  await snap(a, 'historique-recu-de');

  // The same line again, in a newer file of B that also carries it (its base vector is empty: a full export).
  await b.goto(`/${PARTNER}/convention`);
  await b.getByLabel('Missions du partenaire (article 8)').fill('Missions revues par B (2)');
  await b.getByRole('button', { name: 'Enregistrer la convention' }).click();
  await expect(b.getByRole('alert').filter({ hasText: /enregistr/i }).first()).toBeVisible();
  await importFile(a, 'portable-visite-2.mcpsync', await exportFull(b, false), false);
  await a.goto(`/${PARTNER}/historique`);
  await expect(table.getByRole('row').filter({ hasText: 'Missions revues par B (2)' })).toHaveCount(1);
  // B's first line is still there once (its new value followed by its origin).
  await expect(table.getByRole('row').filter({ hasText: /→ Missions revues par Breçu de/ })).toHaveCount(1);
});
