import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

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
