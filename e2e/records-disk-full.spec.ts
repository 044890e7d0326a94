import { expect, test, type Page } from '@playwright/test';
import { chooseOption, openApp, snap, storedRows } from './helpers';

const DISK_FULL = "Le disque est plein : rien n'a été enregistré et la base est restée telle qu'elle était.";

/** From now on, every IndexedDB write of the page refuses as a full disk does (the workers keep theirs). */
async function fillTheDisk(page: Page, full: boolean): Promise<void> {
  await page.evaluate((on) => {
    const proto = IDBObjectStore.prototype as IDBObjectStore & { __put?: typeof IDBObjectStore.prototype.put; __add?: typeof IDBObjectStore.prototype.add };
    proto.__put ??= proto.put;
    proto.__add ??= proto.add;
    const refuse = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    proto.put = on ? refuse : proto.__put;
    proto.add = on ? refuse : proto.__add;
  }, full);
}

test('a full disk while saving a partner: French message, typing kept, records and history unchanged; saved once room is back', async ({ page }) => {
  await openApp(page);
  await page.goto('/#/partenaires/nouveau');
  const create = page.getByRole('dialog', { name: 'Nouveau partenaire' });
  await create.getByLabel('Nom du partenaire').fill('Commune du Port');
  await chooseOption(page, create.getByLabel('Type'), 'Commune', true);
  await create.getByLabel('SIRET').fill('732 829 320 00074');
  await create.getByLabel('Adresse', { exact: true }).fill('2 rue de Paris');
  await create.getByLabel('Code postal').fill('97420');
  await create.getByLabel('Commune').fill('Le Port');
  await create.getByLabel('N° de convention').fill('112/2017');
  await chooseOption(page, create.getByLabel('Mode de gestion'), 'Délégué');
  await create.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Commune du Port' })).toBeVisible();

  const before = { partners: await storedRows(page, 'partners'), history: await storedRows(page, 'history') };
  await page.getByRole('button', { name: 'Modifier', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Modifier Commune du Port' });
  await edit.getByLabel('Nom du partenaire').fill('Commune du Port (mairie annexe)');
  await fillTheDisk(page, true);
  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(edit.getByRole('alert')).toContainText(DISK_FULL);
  await snap(page, 'disk-full-partner');
  // The dialog stays open with what was typed, and nothing was written.
  await expect(edit.getByLabel('Nom du partenaire')).toHaveValue('Commune du Port (mairie annexe)');
  await fillTheDisk(page, false);
  expect(await storedRows(page, 'partners')).toEqual(before.partners);
  expect(await storedRows(page, 'history')).toEqual(before.history);

  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Commune du Port (mairie annexe)' })).toBeVisible();
});
