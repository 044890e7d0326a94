/**
 * The forms flow through the real UI, in Chromium: choose the partner and the form, choose the people, bad
 * input refused with its French message (nothing stored), preview, « Imprimer » and Ctrl+P (only the form is
 * printed), the issued form remembered, the follow-up offers applied, and a reprint identical to the first
 * print even after the records changed.
 *
 * Setup writes the fixture records straight into the app's IndexedDB (the record shape the store writes) and
 * reloads, so this does not depend on the partner and contact screens built by others.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chooseOption, ARTIFACTS, openApp, seedTables, snap, storedRows, type StoredRow } from './helpers';
import { formsFixture } from '../shared/forms/fixtures';

type Row = StoredRow;

/** window.print would open the system dialog: count the calls instead (the platform's print is window.print). */
async function stubPrint(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __printed: number };
    w.__printed = 0;
    window.print = () => {
      w.__printed++;
    };
  });
}
const printed = (page: Page) => page.evaluate(() => (window as unknown as { __printed: number }).__printed);

/**
 * The browser's window.print says nothing of what the dialog did, so the app asks; answer it. Recorded as
 * issued only on « Oui ».
 */
async function answerPrinted(page: Page, yes: boolean): Promise<void> {
  const ask = page.getByRole('dialog', { name: "L'impression s'est-elle bien passée ?" });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: yes ? 'Oui, il est imprimé' : 'Non, pas imprimé' }).click();
  await expect(ask).toBeHidden();
}

/** What the printer would get right now (print media), as text. */
async function printedText(page: Page, name: string): Promise<string> {
  mkdirSync(join(ARTIFACTS, 'forms'), { recursive: true });
  const file = join(ARTIFACTS, 'forms', `${name}.pdf`);
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(ARTIFACTS, 'forms', name)]);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const f = formsFixture;
async function seedFixtures(page: Page): Promise<void> {
  await seedTables(page, {
    cafs: f.cafs,
    partners: f.partners,
    conventions: f.conventions,
    contacts: f.contacts,
    allocations: f.allocations,
    habilitations: f.habilitations,
  } as unknown as Record<string, Row[]>);
}

test.describe('forms flow', () => {
  test('suppression request: choose people, bad input refused, print, remember, mark « suppression demandée », reprint identically', async ({ page }) => {
    await openApp(page);
    await seedFixtures(page);
    await page.goto('/#/formulaires');
    await expect(page.getByRole('heading', { name: 'Formulaires', level: 1 })).toBeVisible();
    await expect(page.getByText('Choisissez un partenaire')).toBeVisible();
    await page.getByRole('combobox', { name: 'Partenaire', exact: true }).fill('Saint-Denis');
    await page.getByRole('option', { name: 'Ville de Saint-Denis' }).click();
    await expect(page).toHaveURL(/#\/formulaires\/p-saint-denis$/);
    await expect(page.getByText('Aucun formulaire émis pour ce partenaire.')).toBeVisible();
    await stubPrint(page);

    await page.getByLabel("Demande de suppression d'accès au service CDAP").check();
    // Nobody chosen: clear message, no preview, nothing to print.
    await expect(page.getByTestId('form-choice-error')).toHaveText('Choisissez au moins un accès à supprimer.');
    await expect(page.getByRole('button', { name: 'Imprimer' })).toHaveCount(0);

    await page.getByLabel("Choisir Éric L'HERMITTE").check();
    await page.getByLabel("Perte ou vol : Éric L'HERMITTE").check();
    await page.getByLabel('À compter du').fill('31/02/2026');
    await expect(page.getByTestId('form-choice-error')).toHaveText('Date attendue au format jj/mm/aaaa.');
    await expect(page.getByRole('button', { name: 'Imprimer' })).toHaveCount(0);
    expect(await storedRows(page, 'issuedForms')).toEqual([]);

    await page.getByLabel('À compter du').fill('01/12/2026');
    const preview = page.getByTestId('form-preview');
    await expect(preview).toContainText("Objet : demande de suppression d'accès au service « CDAP »");
    await expect(preview).toContainText("Éric L'HERMITTE");
    await expect(preview).toContainText('à compter du 01/12/2026');
    await expect(page.getByText(/Fichier : \d{4}-\d{2}-\d{2}_Suppression-CDAP_Ville-de-Saint-Denis\.pdf/)).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    await snap(page, 'forms-suppression-preview');

    // Only the form goes to the printer: no menu, no toolbar, no choices.
    const paper = await printedText(page, 'flow-suppression-print');
    expect(paper).toContain("Éric L'HERMITTE eric.lhermitte@saintdenis.re Régisseur crèches X");
    expect(paper).not.toContain('Tableau de bord');
    expect(paper).not.toContain('Nouveau formulaire');
    expect(paper).not.toContain('Nathalie GRONDIN');

    // A cancelled print dialog (« Non ») records nothing.
    await page.getByRole('button', { name: 'Imprimer' }).click();
    await snap(page, 'r12-print-asked');
    await answerPrinted(page, false);
    await expect(page.getByText("Impression annulée : le formulaire n'a pas été enregistré comme émis.")).toBeVisible();
    expect(await storedRows(page, 'issuedForms')).toEqual([]);
    await expect(page.getByRole('dialog', { name: 'Marquer ces accès « suppression demandée » ?' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Imprimer' }).click();
    await answerPrinted(page, true);
    const offer = page.getByRole('dialog', { name: 'Marquer ces accès « suppression demandée » ?' });
    await expect(offer).toBeVisible();
    expect(await printed(page)).toBe(2);
    await expect(offer).toContainText("Éric L'HERMITTE — perte ou vol");
    await snap(page, 'forms-suppression-offer');
    await offer.getByRole('button', { name: 'Marquer « suppression demandée »' }).click();
    await expect(offer).toBeHidden();
    await expect(page.getByText('1 accès marqué(s) « suppression demandée ».')).toBeVisible();
    // The marked access left the list: the select-all box shows what is selected now (nothing).
    await expect(page.getByLabel('Tout choisir')).not.toBeChecked();

    const habs = Object.fromEntries((await storedRows(page, 'habilitations')).map((h) => [h.id, h]));
    expect(habs['hab-sd-2']).toMatchObject({ status: 'suppression-demandee', endReason: 'perte-vol', endOn: '2026-12-01' });
    expect(habs['hab-sd-1']).toMatchObject({ status: 'active' });
    const issued = await storedRows(page, 'issuedForms');
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ partnerId: 'p-saint-denis', type: 'suppression-cdap', issuedBy: 'Agent de test', people: ["Éric L'HERMITTE"] });

    const list = page.getByRole('table', { name: 'Formulaires émis' });
    await expect(list).toContainText("Demande de suppression d'accès au service CDAP");
    await expect(list).toContainText("Éric L'HERMITTE");
    await expect(list).toContainText('Agent de test');

    // The records change afterwards (the partner is renamed); a reprint still shows what was sent.
    const [partner] = (await storedRows(page, 'partners')).filter((p) => p.id === 'p-saint-denis');
    await seedTables(page, { partners: [{ ...partner!, name: 'Commune de Saint-Denis (renommée)' } as Row] });
    await stubPrint(page);
    await page.getByRole('button', { name: /^Réimprimer : Demande de suppression/ }).click();
    const reprint = page.getByRole('dialog', { name: /Demande de suppression d'accès au service CDAP — émis le/ });
    await expect(reprint.getByTestId('form-preview')).toContainText('Partenaire : Ville de Saint-Denis');
    await expect(reprint.getByTestId('form-preview')).not.toContainText('renommée');
    const again = await printedText(page, 'flow-suppression-reprint');
    expect(again).toBe(paper);
    await reprint.getByRole('button', { name: 'Imprimer' }).click();
    // The print call follows the click once the page is laid out for paper: wait for it (a busy machine is late).
    await expect.poll(() => printed(page)).toBe(1);
    await snap(page, 'forms-reprint');
    await reprint.getByRole('button', { name: 'Fermer' }).click();
    expect(await storedRows(page, 'issuedForms')).toHaveLength(1); // a reprint is not a new form
  });

  test('administrator form: choose the new person and the replaced one, print with Ctrl+P, record the replacement', async ({ page }) => {
    await openApp(page);
    await seedFixtures(page);
    await page.goto('/#/formulaires/p-saint-denis');
    await stubPrint(page);
    await page.getByLabel("Désignation / modification d'un administrateur").check();
    await expect(page.getByTestId('form-choice-error')).toHaveText("Choisissez l'administrateur à désigner.");

    await chooseOption(page, page.getByRole('combobox', { name: 'Administrateur à désigner' }), /Jean-Luc HOARAU/);
    // « oui » and the current administrator are proposed by default.
    await expect(page.getByRole('combobox', { name: 'Administrateur remplacé' })).toContainText('Marie PAYET');
    const preview = page.getByTestId('form-preview');
    await expect(preview).toContainText("Objet : modification d'un administrateur");
    await expect(preview).toContainText('Jean-Luc HOARAU');
    await expect(preview).toContainText('marie.payet@saintdenis.re');
    await page.evaluate(() => document.fonts.ready);
    await snap(page, 'forms-designation-preview');

    // Same person twice is refused, nothing printed.
    await chooseOption(page, page.getByRole('combobox', { name: 'Administrateur remplacé' }), /Jean-Luc HOARAU/);
    await expect(page.getByTestId('form-choice-error')).toHaveText("L'administrateur remplacé doit être une autre personne que le nouvel administrateur.");
    await page.keyboard.press('Control+p');
    expect(await printed(page)).toBe(0);
    await chooseOption(page, page.getByRole('combobox', { name: 'Administrateur remplacé' }), /Marie PAYET/);
    // Wait until the choice is accepted (no error, option list closed) before printing: on a loaded machine
    // Ctrl+P could otherwise reach the page while the previous, refused choice is still in force.
    await expect(page.getByTestId('form-choice-error')).toHaveCount(0);
    await expect(page.getByRole('listbox')).toHaveCount(0);

    // Focus back on the page (not on the select) so that Ctrl+P reaches it; the heading, not a fixed spot that may be a link.
    await page.getByRole('heading', { level: 1, name: 'Formulaires' }).click();
    await page.keyboard.press('Control+p');
    await answerPrinted(page, true);
    const offer = page.getByRole('dialog', { name: 'Enregistrer le remplacement ?' });
    await expect(offer).toBeVisible();
    expect(await printed(page)).toBe(1);
    await offer.getByRole('button', { name: 'Enregistrer le remplacement' }).click();
    await expect(page.getByText('Remplacement de l’administrateur enregistré.')).toBeVisible();

    const contacts = Object.fromEntries((await storedRows(page, 'contacts')).map((c) => [c.id, c]));
    const [today, yesterday] = await page.evaluate(() =>
      [new Date(), new Date(Date.now() - 86_400_000)].map((d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`),
    );
    // The old role's last day is the day before: today only the new administrator is current.
    expect(contacts['csd-payet']!.roles).toEqual([{ role: 'administrateur', from: '2017-05-05', until: yesterday }]);
    expect(contacts['csd-hoarau']!.roles).toEqual([
      { role: 'administrateur-suppleant', from: '2019-01-01' },
      { role: 'administrateur', from: today },
    ]);
    const issued = await storedRows(page, 'issuedForms');
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ type: 'designation-administrateur', people: ['Jean-Luc HOARAU', 'Marie PAYET'] });
  });

  test('a pasted emoji prints as itself with the embedded fallback font (Noto Emoji), never as □', async ({ page }) => {
    await openApp(page);
    await seedFixtures(page);
    const [payet] = (await storedRows(page, 'contacts')).filter((c) => c.id === 'csd-payet');
    await seedTables(page, { contacts: [{ ...payet!, firstName: 'Marie 🌴✅' } as Row] });
    await page.goto('/#/formulaires/p-saint-denis');
    await page.getByLabel(/^Annexe 1/).check();
    const preview = page.getByTestId('form-preview');
    await expect(preview).toContainText('Marie 🌴✅ PAYET');
    await page.evaluate(() => document.fonts.ready);
    await expect.poll(() => page.evaluate(() => document.fonts.check('10pt "Noto Emoji"', '🌴✅'))).toBe(true);
    const paper = await printedText(page, 'emoji-annexe1');
    expect(paper).toContain('Marie 🌴✅ PAYET');
    const fonts = execFileSync('pdffonts', [join(ARTIFACTS, 'forms', 'emoji-annexe1.pdf')], { encoding: 'utf8' });
    // Every face embedded (« emb » yes); the named ones are the print font only: the emoji come from Noto Emoji,
    // which Chromium embeds as Type 3 glyphs — no workstation font, no blank box.
    const lines = fonts.split('\n').slice(2).filter(Boolean);
    for (const l of lines) expect(l, l).toMatch(/ yes /);
    const named = lines.filter((l) => !l.startsWith('[none]')).map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
    expect(new Set(named)).toEqual(new Set(['LiberationSans', 'LiberationSans-Bold']));
    expect(lines.filter((l) => /Type 3/.test(l)).length).toBeGreaterThan(0);
  });

  test('Formulaires page explains what to do when there is no partner; « Plus tard » changes nothing', async ({ page }) => {
    await openApp(page, '#/formulaires');
    await expect(page.getByTestId('empty-state')).toContainText('Aucun partenaire');
    await snap(page, 'forms-empty');
    await seedFixtures(page);
    await page.goto('/#/formulaires/p-ccas-etang-sale');
    await stubPrint(page);
    await page.getByLabel("Demande de suppression d'accès au service CDAP").check();
    await page.getByLabel('Tout choisir').check();
    await expect(page.getByTestId('form-preview')).toContainText("Marie-Hélène D'AUBIGNÉ-LEFÈVRE DE L'ŒILLET");
    await page.getByRole('button', { name: 'Imprimer' }).click();
    await answerPrinted(page, true);
    const offer = page.getByRole('dialog', { name: 'Marquer ces accès « suppression demandée » ?' });
    await expect(offer).toContainText('La demande concerne 30 accès');
    await offer.getByRole('button', { name: 'Plus tard' }).click();
    await expect(offer).toBeHidden();
    const habs = await storedRows(page, 'habilitations');
    expect(habs.filter((h) => h.partnerId === 'p-ccas-etang-sale' && h.status !== 'active')).toEqual([]);
    expect(await storedRows(page, 'issuedForms')).toHaveLength(1);

    // The same flow and history on the partner's own Formulaires tab.
    await page.goto('/#/partenaires/p-ccas-etang-sale/formulaires');
    await expect(page.getByRole('heading', { name: 'Nouveau formulaire' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Formulaires émis' })).toContainText("Demande de suppression d'accès au service CDAP");
    await page.getByLabel('Bulletin d\'adhésion — profils autorisés').check();
    await expect(page.getByTestId('form-preview')).toContainText('Nombre d’utilisateurs autorisés');
    await expect(page.getByTestId('form-preview')).toContainText('T4 – Services instructeurs (RSA)');
    await snap(page, 'forms-partner-tab');
  });
});
