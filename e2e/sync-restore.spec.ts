/**
 * Restore is a rollback (issue 10), in real Chromium: after a backup, a field is edited, a partner created and
 * two contacts merged (one deleted); « Restaurer… » previews what will be undone, then brings the base back to
 * the backup's state; the backup taken just before undoes the restore. « Fusionner une sauvegarde… » keeps
 * today's merge preview.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, snap } from './helpers';

const PASS = 'Phrase de passe du service 2026';
const CONVENTION = '#/partenaires/demo-partner-saint-denis/convention';
const CD68_CONTACTS = '#/partenaires/demo-partner-cd68/interlocuteurs';
const EDITED = 'Missions changées par erreur';

async function passphrase(page: Page) {
  const prompt = page.getByRole('dialog', { name: 'Phrase de passe du service' });
  await prompt.getByLabel('Phrase de passe', { exact: true }).fill(PASS);
  const confirm = prompt.getByLabel('Confirmer la phrase de passe');
  if (await confirm.count()) await confirm.fill(PASS);
  await prompt.getByRole('button', { name: 'Valider' }).click();
  await expect(prompt).toBeHidden();
}

/** First run on the demonstration data, as « Agent A ». */
async function openDemo(page: Page) {
  await page.goto('/');
  const welcome = page.getByRole('dialog', { name: 'Bienvenue dans Partenaires MCP' });
  await welcome.getByLabel(/Charger les données de démonstration/).check();
  await welcome.getByLabel('Votre nom').fill('Agent A');
  await welcome.getByLabel('Caf du service').fill('Caf de La Réunion');
  await welcome.getByRole('button', { name: 'Commencer' }).click();
  await expect(welcome).toBeHidden({ timeout: 30_000 });
}

async function backupNow(page: Page) {
  await page.goto('/#/synchronisation/sauvegardes');
  await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
  await passphrase(page);
  await expect(page.getByTestId('backup-message')).toContainText('enregistrée');
}

async function missions(page: Page) {
  await page.goto(`/${CONVENTION}`);
  return page.getByLabel('Missions du partenaire (article 8)');
}

async function createPartner(page: Page, name: string) {
  await page.goto('/#/partenaires/nouveau');
  const dialog = page.getByRole('dialog', { name: 'Nouveau partenaire' });
  await dialog.getByLabel('Nom du partenaire').fill(name);
  await dialog.getByLabel('Type').click();
  await page.getByRole('option', { name: 'Commune', exact: true }).click();
  await dialog.getByLabel('SIRET').fill('732 829 320 00074');
  await dialog.getByLabel('Adresse', { exact: true }).fill('2 rue de Paris');
  await dialog.getByLabel('Code postal').fill('97400');
  await dialog.getByLabel('Commune').fill('Saint-Denis');
  await dialog.getByLabel('N° de convention').fill('999/2026');
  await dialog.getByLabel('Mode de gestion').click();
  await page.getByRole('option', { name: 'Délégué' }).click();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('« Restaurer » previews what will be undone, rolls the base back, and the backup taken just before undoes it', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDemo(page);
  const original = await (await missions(page)).inputValue();

  await backupNow(page);

  // The mistakes: a field edited, a partner created, two contacts merged (one deleted, the other changed).
  const field = await missions(page);
  await field.fill(EDITED);
  await page.getByRole('button', { name: 'Enregistrer la convention' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /enregistr/i }).first()).toBeVisible();
  await createPartner(page, 'Commune créée par erreur');
  await page.goto(`/${CD68_CONTACTS}`);
  await page.getByRole('button', { name: 'Fusionner Christine BAJARD' }).click();
  const merge = page.getByRole('dialog', { name: /Fusionner Christine BAJARD avec/ });
  await merge.getByLabel('Autre fiche').click();
  await page.getByRole('option', { name: /Thierry BIGOTTE/ }).click();
  await merge.getByRole('button', { name: 'Fusionner', exact: true }).click();
  await expect(merge).toBeHidden();
  await expect(page.getByText('Thierry BIGOTTE')).toHaveCount(0);

  // « Fusionner une sauvegarde… » is today's merge with its import preview.
  await page.goto('/#/synchronisation/sauvegardes');
  await page.getByRole('button', { name: 'Fusionner une sauvegarde…' }).first().click();
  const importDialog = page.getByRole('dialog', { name: /Importer/ });
  await expect(importDialog).toContainText('La fusion ajoute la sauvegarde aux données actuelles');
  await importDialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(importDialog).toBeHidden();

  // « Restaurer… »: the preview first, nothing written.
  await page.getByRole('button', { name: 'Restaurer…' }).first().click();
  const dialog = page.getByRole('dialog', { name: /Restaurer/ });
  await expect(dialog.getByTestId('restore-summary')).toContainText('Aperçu : rien n\'est encore modifié');
  const preview = dialog.getByRole('region', { name: 'Détail de ce qui sera défait' });
  await expect(preview).toBeVisible();
  const partners = preview.getByTestId('restore-group-partners');
  await expect(partners.getByRole('heading')).toContainText('Partenaires — 1 créé(s) depuis, à supprimer');
  await expect(partners.getByRole('row', { name: /Commune créée par erreur/ })).toContainText('créé depuis la sauvegarde : sera supprimé');
  const conventions = preview.getByTestId('restore-group-conventions');
  await expect(conventions.getByRole('row', { name: /Convention/ }).filter({ hasText: 'Missions' })).toContainText(`Missions : ${EDITED}`);
  const contacts = preview.getByTestId('restore-group-contacts');
  await expect(contacts.getByRole('row', { name: /Thierry BIGOTTE/ })).toContainText('supprimé depuis la sauvegarde : sera rétabli');
  await expect(contacts.getByRole('row', { name: /Christine BAJARD/ })).toContainText('modifié depuis la sauvegarde');
  await snap(page, 'sync-restauration-apercu');
  await page.waitForTimeout(300); // the opening transition ends
  await expectNoAxeViolations(page, 'aperçu de la restauration');
  // « Annuler » leaves everything as it is.
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(dialog).toBeHidden();
  expect(await (await missions(page)).inputValue()).toBe(EDITED);

  // Confirmed: a backup is taken first, then the base goes back.
  await page.goto('/#/synchronisation/sauvegardes');
  await page.getByRole('button', { name: 'Restaurer…' }).first().click();
  await dialog.getByRole('button', { name: 'Restaurer cette sauvegarde' }).click();
  const report = dialog.getByTestId('restore-report');
  await expect(report).toContainText('Restauration terminée', { timeout: 30_000 });
  await expect(report).toContainText('Une sauvegarde de l\'état d\'avant a été faite');
  await expect(report).toContainText('Pour annuler cette restauration, restaurez cette sauvegarde-là.');
  await snap(page, 'sync-restauration-terminee');
  await expectNoAxeViolations(page, 'restauration terminée');
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  await expect(page.getByTestId('backup-list').getByRole('listitem')).toHaveCount(2);

  expect(await (await missions(page)).inputValue()).toBe(original);
  await page.goto('/#/partenaires');
  await expect(page.getByText('Mairie de Saint-Denis').first()).toBeVisible();
  await expect(page.getByText('Commune créée par erreur')).toHaveCount(0);
  await page.goto(`/${CD68_CONTACTS}`);
  await expect(page.getByText('Thierry BIGOTTE')).toBeVisible();
  // The history names the user and the restore.
  await page.goto('/#/partenaires/demo-partner-saint-denis/historique');
  const restored = page.locator('td[title^="Restauration de la sauvegarde du "]').filter({ hasText: 'Missions' }).first();
  await expect(restored).toBeVisible();
  expect(await restored.getAttribute('title')).toMatch(/^Restauration de la sauvegarde du \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  await expect(page.getByRole('row').filter({ has: restored })).toContainText('Agent A');

  // Undo the restore: restore the backup taken just before it (the newest).
  await page.goto('/#/synchronisation/sauvegardes');
  await page.getByRole('button', { name: 'Restaurer…' }).first().click();
  await expect(dialog.getByTestId('restore-group-partners')).toContainText('Commune créée par erreur');
  await expect(dialog.getByTestId('restore-group-partners')).toContainText('supprimé depuis la sauvegarde : sera rétabli');
  await dialog.getByRole('button', { name: 'Restaurer cette sauvegarde' }).click();
  await expect(dialog.getByTestId('restore-report')).toContainText('Restauration terminée', { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  expect(await (await missions(page)).inputValue()).toBe(EDITED);
  await page.goto(`/${CD68_CONTACTS}`);
  await expect(page.getByText('Thierry BIGOTTE')).toHaveCount(0);
});

test('a damaged backup file is refused in French and nothing changes', async ({ page }) => {
  await openDemo(page);
  await backupNow(page);
  // Damage the stored file (the browser's emulated backups folder).
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('partenaires-folders', 1);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction('backups', 'readwrite');
          const cur = tx.objectStore('backups').openCursor();
          cur.onsuccess = () => {
            const c = cur.result;
            if (!c) return;
            const v = c.value as { data: Uint8Array; modifiedAt: string };
            const data = v.data.slice();
            data[data.length - 30] = data[data.length - 30]! ^ 0xff;
            c.update({ ...v, data });
            c.continue();
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
        };
      }),
  );
  const before = await (await missions(page)).inputValue();
  await page.goto('/#/synchronisation/sauvegardes');
  await page.getByRole('button', { name: 'Restaurer…' }).first().click();
  const dialog = page.getByRole('dialog', { name: /Restaurer/ });
  await expect(dialog.getByTestId('restore-error')).toContainText("Cette sauvegarde ne peut pas être restaurée, rien n'a été modifié");
  await expect(dialog.getByTestId('restore-error')).toContainText(/endommagé|modifié/);
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  expect(await (await missions(page)).inputValue()).toBe(before);
  // No safety backup either: nothing was written.
  await page.goto('/#/synchronisation/sauvegardes');
  await expect(page.getByTestId('backup-list').getByRole('listitem')).toHaveCount(1);
});
