/**
 * Escalation chains, follow-ups and the « Fiche d'escalade », in Chromium.
 *
 * Setup writes records straight into the app's IndexedDB (same record shape the store writes: fields,
 * `_deleted`, per-field stamps) and reloads, so these tests do not depend on the partner and contact screens
 * other people are building. Every user action under test goes through the real UI.
 */
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { chooseOption, ARTIFACTS, openApp, seedTables, snap, storedRows, type StoredRow } from './helpers';

type Row = StoredRow;

const caf: Row = {
  id: 'caf-re',
  name: 'Caf de La Réunion',
  address: { line1: '4 rue Elie Wiesel', line2: '', postalCode: '97400', city: 'Saint-Denis' },
  territory: 'reunion',
  director: '',
  helpdeskEmail: 'partenaires@caf-re.example',
  helpdeskPhone: '+262262901010',
};
const partner: Row = {
  id: 'p-sd',
  cafId: 'caf-re',
  name: 'Commune de Saint-Denis',
  kind: 'commune',
  siret: '',
  address: { line1: '2 rue de Paris', line2: '', postalCode: '97400', city: 'Saint-Denis' },
  representative: { firstName: '', lastName: '', title: 'le Maire' },
  status: 'actif',
  notes: '',
};
const person = (id: string, extra: Record<string, unknown>): Row => ({ id, firstName: '', lastName: '', function: '', email: '', landline: '', mobile: '', roles: [], notes: '', ...extra });
const contacts: Row[] = [
  person('c-rivet', { cafId: 'caf-re', civility: 'Madame', firstName: 'Céline', lastName: 'RIVET', function: 'Responsable informatique', email: 'celine.rivet@caf-re.example', landline: '+262262901122' }),
  person('c-morel', { cafId: 'caf-re', civility: 'Madame', firstName: 'Lise', lastName: 'MOREL', function: 'Sous-directrice', email: 'lise.morel@caf-re.example', landline: '+262262901133' }),
  person('c-payet', { partnerId: 'p-sd', civility: 'Monsieur', firstName: 'Jean', lastName: 'PAYET', function: 'Administrateur', email: 'jean.payet@saintdenis.example', landline: '+262262402040', mobile: '+262692112233' }),
  person('c-hoarau', { partnerId: 'p-sd', civility: 'Madame', firstName: 'Marie', lastName: 'HOARAU', function: 'Responsable sécurité', email: 'marie.hoarau@saintdenis.example', landline: '+262262402041' }),
  person('c-grondin', { partnerId: 'p-sd', civility: 'Monsieur', firstName: 'Paul', lastName: 'GRONDIN', function: 'Ancien administrateur', email: 'paul.grondin@saintdenis.example', activeUntil: '2023-06-30' }),
];
const chain: Row = {
  id: 'p-sd',
  partnerId: 'p-sd',
  delayValue: 7,
  delayUnit: 'working-days',
  serviceOpens: '08:00',
  serviceCloses: '16:00',
  cafSide: [{ contactId: 'c-rivet' }, { contactId: 'c-morel' }],
  partnerSide: [{ contactId: 'c-payet' }, { contactId: 'c-hoarau' }],
};

/** Change a stored record in place (a deletion or an end of office made elsewhere, e.g. by a sync). */
async function patch(page: Page, table: string, id: string, fields: Record<string, unknown>): Promise<void> {
  const [row] = (await storedRows(page, table)).filter((r) => r.id === id);
  if (!row) throw new Error(`${table}/${id} absent`);
  await seedTables(page, { [table]: [{ ...row, ...fields }] });
}

const listItems = (page: Page, testId: string) => page.getByTestId(testId).locator('ol > li');

/** « Marquer X comme contacté(e) », then confirm the contact time (default: now). */
async function markContacted(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `Marquer ${name} comme contacté(e)` }).click();
  const dialog = page.getByRole('dialog', { name: `${name} contacté(e)` });
  await dialog.getByRole('button', { name: 'Enregistrer le contact' }).click();
  await expect(dialog).toBeHidden();
}

test.describe('escalation', () => {
  test.use({ timezoneId: 'Indian/Reunion' });

  test('edit a chain: add entries, reorder by keyboard, buttons and drag, save; bad input stores nothing', async ({ page }) => {
    await openApp(page);
    await seedTables(page, { cafs: [caf], partners: [partner], contacts });
    await page.goto('/#/relances/escalade/p-sd');
    await expect(page.getByRole('heading', { name: "Procédure d'escalade — Commune de Saint-Denis" })).toBeVisible();

    await page.getByLabel('Délai').fill('7');
    await expect(page.getByLabel('Unité')).toHaveText('jours ouvrés');
    const cafSide = page.getByTestId('chain-caf');
    const partnerSide = page.getByTestId('chain-partner');
    for (const name of ['Céline RIVET', 'Lise MOREL']) {
      await cafSide.getByLabel('Ajouter un interlocuteur').click();
      await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
    }
    await partnerSide.getByLabel('Ajouter un interlocuteur').click();
    // A contact no longer in office is not offered.
    await expect(page.getByRole('option', { name: /Paul GRONDIN/ })).toHaveCount(0);
    await page.getByRole('option', { name: /^Jean PAYET/ }).click();
    await chooseOption(page, partnerSide.getByLabel('Ajouter un interlocuteur'), /^Marie HOARAU/);
    // Current phone and email of each entry.
    await expect(partnerSide).toContainText('Tél. 02 62 40 20 40 · 06 92 11 22 33 · jean.payet@saintdenis.example');
    await expect(cafSide).toContainText('celine.rivet@caf-re.example');

    // Keyboard: Alt+↑ on the focused entry moves it up and keeps the focus on it.
    await partnerSide.getByRole('listitem', { name: '2. Marie HOARAU' }).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect(listItems(page, 'chain-partner').first()).toHaveAttribute('aria-label', '1. Marie HOARAU');
    await expect(partnerSide.getByRole('listitem', { name: '1. Marie HOARAU' })).toBeFocused();
    await expect(partnerSide.getByRole('status')).toHaveText('Marie HOARAU : position 1 sur 2.');
    await page.keyboard.press('Alt+ArrowDown');
    await expect(listItems(page, 'chain-partner').first()).toHaveAttribute('aria-label', '1. Jean PAYET');
    await page.keyboard.press('Alt+ArrowUp');
    await expect(listItems(page, 'chain-partner').first()).toHaveAttribute('aria-label', '1. Marie HOARAU');
    // Buttons « monter / descendre ».
    await cafSide.getByRole('button', { name: 'Descendre Céline RIVET' }).click();
    await expect(listItems(page, 'chain-caf').first()).toHaveAttribute('aria-label', '1. Lise MOREL');
    // Drag and drop puts it back.
    await cafSide.getByRole('listitem', { name: '2. Céline RIVET' }).dragTo(cafSide.getByRole('listitem', { name: '1. Lise MOREL' }));
    await expect(listItems(page, 'chain-caf').first()).toHaveAttribute('aria-label', '1. Céline RIVET');
    await snap(page, 'escalation-chain-editor');

    await page.getByRole('button', { name: 'Enregistrer la procédure' }).click();
    await expect(page.getByText("Procédure d'escalade enregistrée.")).toBeVisible();
    let stored = (await storedRows(page, 'chains')).find((r) => r.id === 'p-sd');
    expect(stored).toMatchObject({
      partnerId: 'p-sd',
      delayValue: 7,
      delayUnit: 'working-days',
      serviceOpens: '08:00',
      serviceCloses: '16:00',
      cafSide: [{ contactId: 'c-rivet' }, { contactId: 'c-morel' }],
      partnerSide: [{ contactId: 'c-hoarau' }, { contactId: 'c-payet' }],
      _deleted: 0,
    });
    const before = JSON.stringify(await storedRows(page, 'chains'));

    // Bad input: a delay of 0 or negative, service hours that end before they start.
    const alert = page.getByTestId('chain-error');
    for (const value of ['0', '-3']) {
      await page.getByLabel('Délai').fill(value);
      await page.getByRole('button', { name: 'Enregistrer la procédure' }).click();
      await expect(alert).toHaveText('Le délai doit être un nombre entier supérieur à zéro.');
      expect(JSON.stringify(await storedRows(page, 'chains'))).toBe(before);
    }
    await page.getByLabel('Délai').fill('5');
    await page.getByLabel('Ouverture du centre de services').fill('16:00');
    await page.getByLabel('Fermeture').fill('08:00');
    await page.getByRole('button', { name: 'Enregistrer la procédure' }).click();
    await expect(alert).toHaveText("L'heure de fermeture doit être postérieure à l'heure d'ouverture.");
    await snap(page, 'escalation-chain-bad-hours');
    expect(JSON.stringify(await storedRows(page, 'chains'))).toBe(before);

    // A contact of the chain is deleted (elsewhere) and another leaves office: warnings, and saving is refused.
    await patch(page, 'contacts', 'c-payet', { _deleted: 1 });
    await patch(page, 'contacts', 'c-hoarau', { activeUntil: '2024-01-31' });
    await page.goto('/#/relances/escalade/p-sd');
    await expect(partnerSide.getByRole('listitem', { name: '2. Jean PAYET' })).toContainText('Interlocuteur supprimé');
    await expect(partnerSide.getByRole('listitem', { name: '1. Marie HOARAU' })).toContainText('Plus en fonction depuis le 31/01/2024');
    await snap(page, 'escalation-chain-warnings');
    await page.getByLabel('Délai').fill('5');
    await page.getByRole('button', { name: 'Enregistrer la procédure' }).click();
    await expect(alert).toHaveText("L'interlocuteur « Jean PAYET » a été supprimé : retirez-le de la procédure avant d'enregistrer.");
    expect((await storedRows(page, 'chains')).find((r) => r.id === 'p-sd')?.delayValue).toBe(7);
    // Removing the deleted entry lets the chain be saved.
    await partnerSide.getByRole('button', { name: 'Retirer Jean PAYET' }).click();
    await page.getByRole('button', { name: 'Enregistrer la procédure' }).click();
    await expect(page.getByText("Procédure d'escalade enregistrée.")).toBeVisible();
    stored = (await storedRows(page, 'chains')).find((r) => r.id === 'p-sd');
    expect(stored).toMatchObject({ delayValue: 5, partnerSide: [{ contactId: 'c-hoarau' }] });
  });

  test('record requests, advance through the escalation steps to closure; overdue count in the title', async ({ page }) => {
    // Monday 30/12/2024 12:00 at La Réunion (20/12 and 25/12 are holidays there).
    await page.clock.setFixedTime(new Date('2024-12-30T12:00:00+04:00'));
    await openApp(page);
    await seedTables(page, { cafs: [caf], partners: [partner], contacts, chains: [chain] });
    await page.goto('/#/relances');
    await expect(page.getByText('Aucune relance ouverte')).toBeVisible();
    await snap(page, 'escalation-followups-empty');

    // Bad input: nothing chosen, no subject, a sending time in the future.
    await page.getByRole('button', { name: 'Nouvelle relance' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle relance' });
    await dialog.getByRole('button', { name: 'Enregistrer la relance' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Choisissez le partenaire concerné.');
    await dialog.getByRole('combobox', { name: 'Partenaire' }).fill('Saint-Denis');
    await page.getByRole('option', { name: 'Commune de Saint-Denis' }).click();
    await dialog.getByRole('button', { name: 'Enregistrer la relance' }).click();
    await expect(dialog.getByRole('alert')).toHaveText("L'objet est obligatoire.");
    await dialog.getByLabel('Objet').fill('Compte administrateur bloqué');
    await dialog.getByLabel('Envoyée le').fill('15/01/2025 09:00');
    await dialog.getByRole('button', { name: 'Enregistrer la relance' }).click();
    await expect(dialog.getByRole('alert')).toHaveText("La date d'envoi ne peut pas être dans le futur.");
    await dialog.getByLabel('Envoyée le').fill('32/12/2024 09:00');
    await dialog.getByRole('button', { name: 'Enregistrer la relance' }).click();
    await expect(dialog.getByRole('alert')).toHaveText("Indiquez la date et l'heure d'envoi (jj/mm/aaaa hh:mm).");
    expect(await storedRows(page, 'followUps')).toHaveLength(0);

    // To the Caf service centre, sent Wednesday 18/12 09:00: 7 jours ouvrés at La Réunion → Tuesday 31/12 09:00.
    await dialog.getByLabel('Envoyée le').fill('18/12/2024 09:00');
    await dialog.getByLabel('Vers le centre de services de la Caf').check();
    await expect(dialog.getByTestId('followup-preview')).toContainText('À relancer à partir du 31/12/2024 09:00 (7 jours ouvrés).');
    await expect(dialog.getByTestId('followup-preview')).toContainText('Premier interlocuteur à contacter : Céline RIVET.');
    await snap(page, 'escalation-followup-new');
    await dialog.getByRole('button', { name: 'Enregistrer la relance' }).click();
    await expect(dialog).toBeHidden();

    // An urgent one to the partner: due at once.
    await page.getByRole('button', { name: 'Nouvelle relance' }).first().click();
    await dialog.getByRole('combobox', { name: 'Partenaire' }).fill('Saint');
    await page.getByRole('option', { name: 'Commune de Saint-Denis' }).click();
    await dialog.getByLabel('Objet').fill('Suspicion de fraude : blocage des accès');
    await dialog.getByLabel('Vers le partenaire').check();
    await chooseOption(page, dialog.getByLabel('Canal'), 'Téléphone');
    await dialog.getByLabel('Envoyée le').fill('30/12/2024 11:30');
    await dialog.getByLabel('Situation urgente (escalade immédiate)').check();
    await dialog.getByRole('button', { name: 'Enregistrer la relance' }).click();
    await expect(dialog).toBeHidden();

    const rowsUi = page.getByTestId('followup-row');
    await expect(rowsUi).toHaveCount(2);
    await expect(rowsUi.first()).toContainText('Suspicion de fraude');
    await expect(rowsUi.first()).toHaveAttribute('data-overdue', 'oui');
    await expect(rowsUi.nth(1)).toContainText('31/12/2024 09:00');
    await expect(rowsUi.nth(1)).toHaveAttribute('data-overdue', 'non');
    await expect(page).toHaveTitle('Partenaires MCP — 1 relance en retard');
    await snap(page, 'escalation-followups-list');

    // Urgent request: contact the partner side in order, then close it.
    await rowsUi.first().getByRole('link').click();
    await expect(page.getByTestId('followup-next')).toContainText('Prochain interlocuteur (1er sur 2)');
    await expect(page.getByTestId('followup-next')).toContainText('Jean PAYET');
    // Bad contact times are refused in the dialog, nothing stored.
    const before = JSON.stringify(await storedRows(page, 'followUps'));
    await page.getByRole('button', { name: 'Marquer Jean PAYET comme contacté(e)' }).click();
    const contacted = page.getByRole('dialog', { name: 'Jean PAYET contacté(e)' });
    await contacted.getByLabel('Contacté le').fill('30/12/2024 11:00');
    await contacted.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await expect(contacted.getByTestId('contacted-error')).toHaveText("L'heure du contact ne peut pas précéder l'envoi de la demande ni le contact précédent.");
    await contacted.getByLabel('Contacté le').fill('31/12/2024 09:00');
    await contacted.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await expect(contacted.getByTestId('contacted-error')).toHaveText("L'heure du contact ne peut pas être dans le futur.");
    await contacted.getByLabel('Contacté le').fill('hier');
    await contacted.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await expect(contacted.getByTestId('contacted-error')).toHaveText("Indiquez la date et l'heure du contact (jj/mm/aaaa hh:mm).");
    await snap(page, 'escalation-contacted-bad-time');
    await contacted.getByRole('button', { name: 'Annuler' }).click();
    expect(JSON.stringify(await storedRows(page, 'followUps'))).toBe(before);
    await markContacted(page, 'Jean PAYET');
    await expect(page.getByTestId('followup-next')).toContainText('Marie HOARAU');
    await markContacted(page, 'Marie HOARAU');
    await expect(page.getByTestId('followup-next')).toContainText('Tous les interlocuteurs de la procédure ont été contactés');
    await expect(page.getByRole('button', { name: 'Personne à contacter' })).toBeDisabled();
    await expect(page.getByRole('table', { name: 'Interlocuteurs contactés' })).toContainText('Jean PAYET');
    await snap(page, 'escalation-followup-exhausted');
    await page.getByRole('button', { name: 'Clore (réponse reçue)' }).click();
    await page.getByRole('dialog', { name: 'Clore la relance ?' }).getByRole('button', { name: 'Clore la relance' }).click();
    await expect(page.getByText('Close le 30/12/2024 12:00 (réponse reçue)')).toBeVisible();
    await expect(page).toHaveTitle('Partenaires MCP');
    let stored = (await storedRows(page, 'followUps')).find((r) => r.subject === 'Suspicion de fraude : blocage des accès');
    expect(stored).toMatchObject({ status: 'close', direction: 'vers-partenaire', channel: 'telephone', urgent: true });
    expect((stored?.steps as { contactId: string }[]).map((s) => s.contactId)).toEqual(['c-payet', 'c-hoarau']);

    // Two days later, the request to the Caf is overdue.
    await page.clock.setFixedTime(new Date('2025-01-02T10:00:00+04:00'));
    await page.goto('/#/relances');
    await page.reload();
    await expect(page).toHaveTitle('Partenaires MCP — 1 relance en retard');
    await expect(rowsUi.first()).toHaveAttribute('data-overdue', 'oui');
    await rowsUi.first().getByRole('link').click();
    await expect(page.getByTestId('followup-due')).toContainText('En retard : à relancer depuis le 31/12/2024 09:00');
    await markContacted(page, 'Céline RIVET');
    // The next delay counts from that contact: 02/01 10:00 + 7 jours ouvrés (01/01 is behind) = 13/01 10:00.
    await expect(page.getByTestId('followup-due')).toContainText('À relancer à partir du 13/01/2025 10:00');
    await expect(page.getByTestId('followup-next')).toContainText('Prochain interlocuteur (2e sur 2)');
    await expect(page.getByTestId('followup-next')).toContainText('Lise MOREL');
    await expect(page).toHaveTitle('Partenaires MCP');
    await page.getByLabel('Notes').fill('Appel de Céline RIVET : déblocage prévu lundi.');
    await page.getByRole('button', { name: 'Enregistrer les notes' }).click();
    await expect(page.getByRole('button', { name: 'Enregistrer les notes' })).toBeDisabled();
    await snap(page, 'escalation-followup-step');
    await page.getByRole('button', { name: 'Clore (réponse reçue)' }).click();
    await page.getByRole('dialog', { name: 'Clore la relance ?' }).getByRole('button', { name: 'Clore la relance' }).click();
    await page.goto('/#/relances');
    await expect(page.getByText('Aucune relance ouverte')).toBeVisible();
    stored = (await storedRows(page, 'followUps')).find((r) => r.subject === 'Compte administrateur bloqué');
    expect(stored).toMatchObject({ status: 'close', direction: 'vers-caf', channel: 'mel', urgent: false, notes: 'Appel de Céline RIVET : déblocage prévu lundi.' });
    expect((stored?.steps as { contactId: string; side: string }[]).map((s) => `${s.side}:${s.contactId}`)).toEqual(['caf:c-rivet']);
  });

  test('the partner page hosts the chain editor; the dashboard lists overdue requests and opens them', async ({ page }) => {
    await page.clock.setFixedTime(new Date('2024-12-30T12:00:00+04:00'));
    await openApp(page);
    const overdueRequest: Row = {
      id: 'f-1',
      partnerId: 'p-sd',
      subject: 'Accès CDAP refusé',
      direction: 'vers-partenaire',
      channel: 'mel',
      sentAt: '2024-12-02T06:00:00.000Z',
      urgent: false,
      steps: [],
      status: 'ouverte',
      notes: '',
    };
    await seedTables(page, { cafs: [caf], partners: [partner], contacts, chains: [chain], followUps: [overdueRequest] });
    await expect(page).toHaveTitle('Partenaires MCP — 1 relance en retard');
    await page.goto('/#/partenaires/p-sd/escalade');
    await expect(page.getByTestId('chain-editor')).toBeVisible();
    await expect(listItems(page, 'chain-partner').first()).toHaveAttribute('aria-label', '1. Jean PAYET');
    await expect(page.getByTestId('partner-followups')).toContainText('Accès CDAP refusé');
    await expect(page.getByTestId('partner-followups')).toContainText('En retard');
    await snap(page, 'escalation-partner-tab');
    await page.goto('/#/tableau-de-bord');
    const card = page.getByTestId('overdue-followups-card');
    await expect(card).toContainText('Commune de Saint-Denis — Accès CDAP refusé');
    await expect(card).toContainText('contacter Jean PAYET');
    await snap(page, 'escalation-dashboard-card');
    await card.getByRole('link', { name: /Accès CDAP refusé/ }).click();
    await expect(page).toHaveURL(/#\/relances\/demande\/f-1$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Accès CDAP refusé' })).toBeVisible();
  });

  test('the window title count refreshes by itself every minute', async ({ page }) => {
    // 08:58 on Tuesday 31/12/2024 at La Réunion; the request below becomes due at 09:00.
    await page.clock.install({ time: new Date('2024-12-31T08:58:00+04:00') });
    await openApp(page);
    const due: Row = { id: 'f-2', partnerId: 'p-sd', subject: 'Compte bloqué', direction: 'vers-caf', channel: 'mel', sentAt: '2024-12-18T05:00:00.000Z', urgent: false, steps: [], status: 'ouverte', notes: '' };
    await seedTables(page, { cafs: [caf], partners: [partner], contacts, chains: [chain], followUps: [due] });
    await expect(page).toHaveTitle('Partenaires MCP');
    await page.clock.fastForward('03:00');
    await expect(page).toHaveTitle('Partenaires MCP — 1 relance en retard');
  });

  test("the « Fiche d'escalade » prints on one A4 page with names, phones and emails", async ({ page }) => {
    await openApp(page);
    await seedTables(page, { cafs: [caf], partners: [partner], contacts, chains: [chain], conventions: [] });
    await page.goto('/#/relances/fiche/p-sd');
    await expect(page.getByTestId('escalation-sheet').first()).toContainText('Jean PAYET');
    await snap(page, 'escalation-sheet-screen');
    await page.evaluate(() => document.fonts.ready);
    const pdf = join(ARTIFACTS, 'escalation-sheet.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const info = execFileSync('pdfinfo', [pdf]).toString();
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    for (const s of [
      "Fiche d'escalade",
      'Commune de Saint-Denis',
      '7 jours ouvrés',
      'Madame Céline RIVET',
      '02 62 90 11 22',
      'celine.rivet@caf-re.example',
      'Madame Lise MOREL',
      'Monsieur Jean PAYET',
      '02 62 40 20 40',
      '06 92 11 22 33',
      'jean.payet@saintdenis.example',
      'Marie HOARAU',
    ])
      expect(text).toContain(s);
    // Nothing of the app shell is printed.
    expect(text).not.toContain('Enregistrer en PDF');
    expect(text).not.toContain('Synchronisation');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, join(ARTIFACTS, 'escalation-sheet-pdf')]);

    // A long chain (12 people on each side, long functions) still fits on one page.
    const many = Array.from({ length: 12 }, (_, i) => person(`c-x${i}`, { partnerId: 'p-sd', firstName: 'Agent', lastName: `NUMÉRO ${i + 1}`, function: 'Chargé de mission accès aux services en ligne et habilitations', email: `agent.${i + 1}@saintdenis.example`, landline: '+262262402050', mobile: '+262692112244' }));
    const manyCaf = Array.from({ length: 12 }, (_, i) => person(`c-y${i}`, { cafId: 'caf-re', firstName: 'Cadre', lastName: `CAF ${i + 1}`, function: 'Responsable du pôle partenaires', email: `cadre.${i + 1}@caf-re.example`, landline: '+262262901150' }));
    await seedTables(page, {
      contacts: [...many, ...manyCaf],
      chains: [{ ...chain, cafSide: manyCaf.map((c) => ({ contactId: c.id })), partnerSide: many.map((c) => ({ contactId: c.id })) }],
    });
    await page.goto('/#/relances/fiche/p-sd');
    await expect(page.getByTestId('escalation-sheet').first()).toContainText('Agent NUMÉRO 12');
    const longPdf = join(ARTIFACTS, 'escalation-sheet-long.pdf');
    await page.pdf({ path: longPdf, preferCSSPageSize: true, printBackground: true });
    expect(execFileSync('pdfinfo', [longPdf]).toString()).toMatch(/Pages:\s+1\n/);
    const longText = execFileSync('pdftotext', ['-layout', longPdf, '-']).toString();
    expect(longText).toContain('Agent NUMÉRO 12');
    expect(longText).toContain('agent.12@saintdenis.example');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', longPdf, join(ARTIFACTS, 'escalation-sheet-long-pdf')]);
  });
});
