/**
 * Foundation, in Chromium: first run (empty or demo), the demo survives a reload, every section renders with
 * data, Paramètres validates, saves and shows where the data lives (persistent storage queried).
 */
import { expect, test, type Page } from '@playwright/test';
import { chooseOption, openApp, snap, storedRows } from './helpers';

const sections = ['Tableau de bord', 'Partenaires', 'Interlocuteurs', 'Habilitations', 'Relances', 'Formulaires', 'Synchronisation', 'Paramètres'];
const slug = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, '-').toLowerCase();

/** Count records of a table straight from IndexedDB (what the app stored, not what a screen shows). */
async function countRows(page: Page, table: string): Promise<number> {
  return page.evaluate(
    (t) =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('partenaires-mcp');
        req.onsuccess = () => {
          const db = req.result;
          const c = db.transaction(t, 'readonly').objectStore(t).count();
          c.onsuccess = () => {
            db.close();
            resolve(c.result);
          };
          c.onerror = () => reject(c.error);
        };
        req.onerror = () => reject(req.error);
      }),
    table,
  );
}

function nav(page: Page, label: string) {
  return page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: label, exact: true });
}

test.beforeEach(async ({ page }) => {
  // Record that the app asks for persistent storage at boot, and that Paramètres asks whether it got it.
  await page.addInitScript(() => {
    const w = window as unknown as { __persistedCalls: number; __persistCalls: number };
    w.__persistedCalls = 0;
    w.__persistCalls = 0;
    const storage = navigator.storage;
    if (storage?.persisted) {
      const original = storage.persisted.bind(storage);
      storage.persisted = () => {
        w.__persistedCalls++;
        return original();
      };
    }
    if (storage?.persist) {
      const original = storage.persist.bind(storage);
      storage.persist = () => {
        w.__persistCalls++;
        return original();
      };
    }
  });
});

test('first run: a missing name is refused and nothing is stored; the demo loads and survives a reload', async ({ page }) => {
  await openApp(page, '', { firstRun: 'keep' });
  const dialog = page.getByRole('dialog', { name: 'Bienvenue dans Partenaires MCP' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel(/Charger les données de démonstration/)).toBeChecked();
  // The demo belongs to the Caf de La Réunion: prefilled.
  await expect(dialog.getByLabel('Caf du service')).toHaveValue("Caisse d'Allocations Familiales de la Réunion");
  await snap(page, 'foundation-first-run');

  await dialog.getByRole('button', { name: 'Commencer' }).click();
  await expect(dialog.getByRole('alert')).toHaveText("Indiquez votre nom : il signe l'historique des modifications.");
  await expect(dialog).toBeVisible();
  expect(await countRows(page, 'partners')).toBe(0);
  // At most the base's own bookkeeping (clock, replica identity, its exports' registry): no first-run choice.
  const metaKeys = (await storedRows(page, 'meta')).map((r) => String((r as { key?: unknown }).key));
  expect(metaKeys.filter((k) => !/^(hlc|clock|sync\.|replica)/i.test(k))).toEqual([]);

  await dialog.getByLabel('Votre nom').fill('Agnès Payet');
  await dialog.getByRole('button', { name: 'Commencer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('banner').getByText("Caisse d'Allocations Familiales de la Réunion")).toBeVisible();
  expect(await countRows(page, 'partners')).toBe(3);
  expect(await countRows(page, 'contacts')).toBe(16);
  expect(await countRows(page, 'habilitations')).toBe(15);

  await page.reload();
  await expect(page.locator('body[data-first-run="done"]')).toHaveCount(1);
  await expect(dialog).toHaveCount(0);
  expect(await countRows(page, 'partners')).toBe(3);
  // The readiness marker the cold-load bench waits for: set once the dashboard shows its data.
  await expect(page.locator('body[data-ready="true"]')).toHaveCount(1);
  await expect(page.getByRole('main')).toContainText('Mairie de Saint-Denis');
  await nav(page, 'Paramètres').click();
  const table = page.getByRole('table', { name: "Nombre d'enregistrements par table" });
  await expect(table.getByRole('row', { name: /^Partenaires 3/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /^Interlocuteurs 16/ })).toBeVisible();
  await expect(page.getByLabel('Votre nom')).toHaveValue('Agnès Payet');
});

test('first run « base vide » stores no record and does not ask again', async ({ page }) => {
  await openApp(page, '', { firstRun: 'keep' });
  const dialog = page.getByRole('dialog', { name: 'Bienvenue dans Partenaires MCP' });
  await dialog.getByLabel('Commencer avec une base vide').check();
  await expect(dialog.getByLabel('Caf du service')).toHaveValue('');
  await dialog.getByLabel('Votre nom').fill('Agnès Payet');
  await dialog.getByRole('button', { name: 'Commencer' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Indiquez le nom de la Caf.');
  await dialog.getByLabel('Caf du service').fill('Caf du Haut-Rhin');
  await dialog.getByRole('button', { name: 'Commencer' }).click();
  await expect(dialog).toBeHidden();
  expect(await countRows(page, 'partners')).toBe(0);
  await page.reload();
  await expect(page.locator('body[data-first-run="done"]')).toHaveCount(1);
  await expect(dialog).toHaveCount(0);
});

test('with the demo loaded, every section renders (screenshots in e2e/artifacts)', async ({ page }) => {
  await openApp(page, '', { firstRun: 'keep' });
  const dialog = page.getByRole('dialog', { name: 'Bienvenue dans Partenaires MCP' });
  await dialog.getByLabel('Votre nom').fill('Agnès Payet');
  await dialog.getByRole('button', { name: 'Commencer' }).click();
  await expect(dialog).toBeHidden();
  for (const label of sections) {
    await nav(page, label).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(label === 'Relances' ? /Relances|Suivi/ : new RegExp(label.split(' ')[0]!));
    await page.waitForTimeout(300);
    await snap(page, `foundation-${slug(label)}`);
  }
});

test('Paramètres: bad input is refused with a French message and nothing saved; good input is saved; storage facts shown', async ({ page }) => {
  await openApp(page, '#/parametres');
  await expect(page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible();

  // Where the data lives.
  const where = page.getByTestId('data-location');
  await expect(where.getByTestId('data-path')).toContainText('IndexedDB du navigateur');
  await expect(where.getByTestId('data-usage')).toContainText(/Espace utilisé : \d/);
  await expect(where.getByTestId('data-persisted')).toContainText(/Stockage persistant : (accordé|non accordé)/);
  const calls = await page.evaluate(() => {
    const w = window as unknown as { __persistedCalls: number; __persistCalls: number };
    return { persist: w.__persistCalls, persisted: w.__persistedCalls };
  });
  expect(calls.persist, 'navigator.storage.persist() requested at boot').toBeGreaterThan(0);
  expect(calls.persisted, 'navigator.storage.persisted() queried by Paramètres').toBeGreaterThan(0);

  const form = page.getByRole('form', { name: 'Identité du poste et de la Caf' });
  const save = form.getByRole('button', { name: 'Enregistrer', exact: true });
  const name = page.getByLabel('Votre nom');
  await expect(name).toHaveValue('Agent de test');
  await name.fill('   ');
  await save.click();
  await expect(page.getByRole('alert').filter({ hasText: 'Indiquez' })).toHaveText("Indiquez votre nom : il signe l'historique des modifications.");

  await page.reload();
  await expect(page.getByLabel('Votre nom')).toHaveValue('Agent de test');

  await page.getByLabel('Votre nom').fill('Agnès Payet');
  await page.getByLabel('Nom de ce poste').fill('Portable visite');
  // Paramètres only chooses the office's Caf: its identity lives on its Caf record (no second copy here).
  await expect(page.getByRole('combobox', { name: 'Caf du service' })).toContainText('Caf de test');
  await expect(page.getByLabel('Nom de la Caf')).toHaveCount(0);
  await save.click();
  await expect(page.getByText('Paramètres enregistrés.')).toBeVisible();
  await snap(page, 'foundation-parametres-enregistres');
  await page.reload();
  await expect(page.getByLabel('Nom de ce poste')).toHaveValue('Portable visite');

  // The Caf's identity is edited on its screen; bad input refused there with the French message.
  await page.getByRole('link', { name: 'Ouvrir la fiche de Caf de test' }).click();
  await page.getByRole('button', { name: 'Modifier la fiche' }).click();
  const caf = page.getByRole('dialog', { name: 'Modifier Caf de test' });
  await caf.getByLabel('Nom de la Caf').fill('Caf du Haut-Rhin');
  await caf.getByLabel('Code postal').fill('978');
  await caf.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(caf.getByRole('alert')).toHaveText('Le code postal doit comporter exactement 5 chiffres.');
  await caf.getByLabel('Adresse', { exact: true }).fill('26, avenue Robert Schuman');
  await caf.getByLabel('Code postal').fill('68084');
  await caf.getByLabel('Commune').fill('Mulhouse Cedex');
  await chooseOption(page, caf.getByLabel('Territoire'), 'Alsace-Moselle');
  await caf.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(caf).toBeHidden();
  await page.reload();
  await expect(page.getByRole('banner').getByText('Caf du Haut-Rhin')).toBeVisible();
  await expect(page.getByText('26, avenue Robert Schuman, 68084 Mulhouse Cedex')).toBeVisible();
  await expect(page.getByText('Alsace-Moselle').first()).toBeVisible();
});

test('the first-run dialog works from the keyboard alone', async ({ page }) => {
  await openApp(page, '', { firstRun: 'keep' });
  const dialog = page.getByRole('dialog', { name: 'Bienvenue dans Partenaires MCP' });
  // The name field has the focus; Entrée submits the form.
  await expect(dialog.getByLabel('Votre nom')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText("Indiquez votre nom : il signe l'historique des modifications.");
  await page.keyboard.type('Agnès Payet');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  expect(await countRows(page, 'partners')).toBe(3);
});
