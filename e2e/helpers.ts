import { expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listKeysByTable } from '../shared/search/listKeys';

export const ARTIFACTS = join(process.cwd(), 'e2e', 'artifacts');

/** Screenshots land in e2e/artifacts so a person can look at every screen after a run. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Open the app on a fresh profile (each Playwright context has its own IndexedDB). On an empty database the
 * first-run dialog comes up; unless `firstRun: 'keep'`, it is answered « base vide » so the screens are usable.
 */
export async function openApp(page: Page, hash = '', options: { firstRun?: 'keep' | 'empty' } = {}): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.getByText('Partenaires MCP').first()).toBeVisible();
  await expect(page.locator('body[data-first-run]')).toHaveCount(1);
  if (options.firstRun === 'keep') return;
  if ((await page.locator('body').getAttribute('data-first-run')) === 'open') {
    const dialog = page.getByRole('dialog', { name: 'Bienvenue dans Partenaires MCP' });
    await dialog.getByLabel('Commencer avec une base vide').check();
    await dialog.getByLabel('Votre nom').fill('Agent de test');
    await dialog.getByLabel('Caf du service').fill('Caf de test');
    await dialog.getByRole('button', { name: 'Commencer' }).click();
    await expect(dialog).toBeHidden();
  }
}

export type StoredRow = Record<string, unknown> & { id: string };

/**
 * Put records straight into the app's database as the store would (every field stamped), then reload the app:
 * test set-up that does not depend on other screens.
 */
export async function seedTables(page: Page, tables: Record<string, StoredRow[]>): Promise<void> {
  const clean = JSON.parse(JSON.stringify(tables)) as Record<string, StoredRow[]>; // drops undefined fields
  // The list keys the database middleware would add (renderer/db/database.ts): these puts bypass Dexie.
  const withKeys = Object.fromEntries(Object.entries(clean).map(([t, rows]) => [t, rows.map((r) => (listKeysByTable[t] ? { ...r, _k: listKeysByTable[t](r) } : r))]));
  await page.evaluate(async (data) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('partenaires-mcp');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const stamp = `${Date.now().toString(36).padStart(9, '0')}-0000-00000000000e2e00`;
    const tx = db.transaction(Object.keys(data), 'readwrite');
    for (const [table, rows] of Object.entries(data)) {
      for (const row of rows) {
        const fields = Object.keys(row).filter((k) => k !== 'id' && k !== '_k');
        tx.objectStore(table).put({ _deleted: 0, ...row, _m: Object.fromEntries([...fields, '_deleted'].map((f) => [f, { s: stamp }])) });
      }
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, withKeys);
  await page.reload();
  await expect(page.getByText('Partenaires MCP').first()).toBeVisible();
}

/** Open the app on a fresh profile and load the demonstration data set from the first-run dialog. */
export async function openWithDemo(page: Page, hash = ''): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(page.getByText('Partenaires MCP').first()).toBeVisible();
  const dialog = page.getByRole('dialog', { name: 'Bienvenue dans Partenaires MCP' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/Charger les données de démonstration/).check();
  await dialog.getByLabel('Votre nom').fill('Agent e2e');
  await dialog.getByRole('button', { name: 'Commencer' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
}

/** One table exactly as stored (to compare before / after a refused action). */
export async function storedRows(page: Page, table: string): Promise<StoredRow[]> {
  return page.evaluate(async (t) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('partenaires-mcp');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = await new Promise<StoredRow[]>((resolve, reject) => {
      const req = db.transaction(t).objectStore(t).getAll();
      req.onsuccess = () => resolve(req.result as StoredRow[]);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return all;
  }, table);
}

/**
 * Every history line as stored (schema 10: one row per write, its fields in `l` as `[field, old, new]`), one
 * entry per line with the write's properties: what the history views show.
 */
export async function storedHistoryLines(page: Page): Promise<StoredRow[]> {
  const writes = await storedRows(page, 'history');
  return writes.flatMap(({ l, ...shared }) => (l as [string, unknown, unknown][]).map(([field, old, neu]) => ({ ...shared, field, old, new: neu })));
}

/**
 * Run axe-core on what is on screen (or inside `include`, e.g. one dialog) against WCAG 2.1 A/AA, the rules RGAA
 * 4 maps onto, and fail with a readable list of every violation: rule, impact, the elements and why.
 */
export async function expectNoAxeViolations(page: Page, where: string, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const report = violations.map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}) ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`).join('\n'),
  );
  // Soft: one run lists the violations of every screen a spec visits, not just the first.
  expect.soft(report, `axe sur « ${where} »`).toEqual([]);
}

/** Copy every file of one context's emulated folder into another's (the Windows share between two posts). */
export async function copyFolder(from: Page, to: Page, kind: 'sync' | 'backups') {
  const files = await from.evaluate(
    (k) =>
      new Promise<[string, number[], string][]>((resolve, reject) => {
        const req = indexedDB.open('partenaires-folders', 1);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const out: [string, number[], string][] = [];
          const tx = db.transaction(k, 'readonly');
          const cur = tx.objectStore(k).openCursor();
          cur.onsuccess = () => {
            const c = cur.result;
            if (!c) return;
            const v = c.value as { data: Uint8Array; modifiedAt: string };
            out.push([String(c.key), Array.from(v.data), v.modifiedAt]);
            c.continue();
          };
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
        };
      }),
    kind,
  );
  await to.evaluate(
    ([k, list]) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('partenaires-folders', 1);
        req.onupgradeneeded = () => {
          req.result.createObjectStore('sync');
          req.result.createObjectStore('backups');
        };
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(k, 'readwrite');
          for (const [name, data, modifiedAt] of list) tx.objectStore(k).put({ data: new Uint8Array(data), modifiedAt }, name);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
        };
      }),
    [kind, files] as const,
  );
}

/** The service passphrase the sync specs use. */
export const SERVICE_PASSPHRASE = 'Phrase de passe du service 2026';

/** Answer the passphrase prompt; to encrypt, a passphrase typed for the first time is confirmed too. */
export async function answerPassphrase(page: Page, value = SERVICE_PASSPHRASE) {
  const prompt = page.getByRole('dialog', { name: 'Phrase de passe du service' });
  await prompt.getByLabel('Phrase de passe', { exact: true }).fill(value);
  const confirm = prompt.getByLabel('Confirmer la phrase de passe');
  if (await confirm.count()) await confirm.fill(value);
  await prompt.getByRole('button', { name: 'Valider' }).click();
}

/** « Exporter » a full bundle from the Synchronisation page and return the downloaded bytes. */
export async function exportFullBundle(page: Page, askPass: boolean): Promise<Buffer> {
  await page.goto('/#/synchronisation');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter', exact: true }).click();
  if (askPass) await answerPassphrase(page);
  const d = await download;
  await expect(page.getByTestId('sync-message')).toContainText('Export complet');
  return readFileSync((await d.path())!);
}

/**
 * Choose an option of an MUI Select and wait until its menu has closed. While the menu is open MUI hides the
 * rest of the page from assistive technologies (aria-hidden), so a role query for the dialog's buttons finds
 * nothing; on a loaded machine a click that lands during the menu's opening transition can be lost. Retry the
 * whole gesture until the menu is gone.
 */
export async function chooseOption(page: Page, combobox: Locator, option: string | RegExp, exact = false): Promise<void> {
  const menu = page.getByRole('listbox').filter({ has: page.getByRole('option', { name: option, exact }) });
  await expect(async () => {
    if ((await menu.count()) === 0) await combobox.click();
    await menu.getByRole('option', { name: option, exact }).click({ timeout: 5_000 });
    await expect(menu).toHaveCount(0, { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
}
