/**
 * The five forms printed to PDF by Chromium (Page.printToPDF, as Electron's printToPDF), read back with
 * poppler: every label of the seed wording and every filled value, the 30-person suppression request over
 * several pages (column titles on every page, no row split), and the hard person (accents, apostrophes, very
 * long e-mail) inside the printable area. PDFs and page images land in e2e/artifacts/forms/ to look at.
 *
 * The forms are rendered from filled data on the print-only route `#/formulaires/rendu` (the same component
 * the preview and the print use); the data is built from the fixtures with the same builders as the app.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ARTIFACTS } from './helpers';
import { formsFixture } from '../shared/forms/fixtures';
import {
  buildAnnexe1,
  buildBulletin,
  buildDemandeHabilitation,
  buildDesignation,
  buildSuppression,
  sourcesFor,
  type FilledForm,
} from '../shared/forms';

const OUT = join(ARTIFACTS, 'forms');
const today = '2026-11-22';
const data = formsFixture;
const sd = sourcesFor(data, 'p-saint-denis');
const hr = sourcesFor(data, 'p-haut-rhin');
const ccas = sourcesFor(data, 'p-ccas-etang-sale');

async function openRender(page: Page): Promise<void> {
  await page.goto('/#/formulaires/rendu');
  await page.waitForSelector('body[data-forms-render-ready="1"]', { state: 'attached' });
}

/** Render, print to PDF, keep the file; returns its path. */
async function printPdf(page: Page, form: FilledForm, name: string): Promise<string> {
  await page.evaluate(async (json) => {
    const hook = (window as unknown as { __formsRender?: (j: string) => Promise<unknown> }).__formsRender;
    if (!hook) throw new Error('route de rendu absente');
    await hook(json);
  }, JSON.stringify(form));
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, pdf);
  // Page images to look at (pdftoppm -png -r 60).
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(OUT, name)]);
  return file;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
/** `pdftotext -layout`, whitespace collapsed (lines of a wrapped paragraph joined). */
function layoutText(file: string, pageNo?: number): string {
  const range = pageNo ? ['-f', String(pageNo), '-l', String(pageNo)] : [];
  return norm(execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' }));
}
/** `pdftotext -raw` (content-stream order): each table row comes out cell after cell, in row order. */
function rawText(file: string, pageNo?: number): string {
  const range = pageNo ? ['-f', String(pageNo), '-l', String(pageNo)] : [];
  return norm(execFileSync('pdftotext', ['-raw', ...range, file, '-'], { encoding: 'utf8' }));
}
function pageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}
function pageSize(file: string): string {
  return /Page size:\s+(.*)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? '';
}
function fonts(file: string): string {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}

/**
 * Compare ignoring whitespace and hyphens: pdftotext joins a word wrapped at a hyphen without it
 * (« L'Étang- / Salé » → « L'ÉtangSalé »), and a long e-mail wraps at its hyphens. Every other character, in
 * order, must be there.
 */
const compact = (s: string) => s.replace(/[\s\-\u00ad\u2010\u2011]/g, '');
function expectAll(text: string, expected: string[]): void {
  const hay = compact(text);
  const missing = expected.filter((e) => !hay.includes(compact(e)));
  expect(missing, `absent du PDF :\n${missing.join('\n')}`).toEqual([]);
}

/**
 * Every word lies inside the page's 15 mm margins (595 × 842 pt, 15 mm = 42.5 pt): nothing clipped. The page
 * number (« Page 1 / 2 ») is the only thing printed in the bottom margin, by design (@page margin box).
 */
function expectInsideMargins(file: string): void {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)];
  expect(words.length).toBeGreaterThan(20);
  const body = words.filter((w) => Number(w[2]) < 841.9 - 42.5);
  expect(words.length - body.length).toBe(4 * pageCount(file)); // « Page », n, « / », total
  const outside = body.filter((w) => Number(w[1]) < 42 || Number(w[3]) > 595.3 - 42 || Number(w[2]) < 42).map((w) => `${w[5]} (${w[1]}–${w[3]})`);
  expect(outside, 'mots hors des marges').toEqual([]);
}

test.describe('forms printed to PDF', () => {
  test.beforeEach(async ({ page }) => {
    await openRender(page);
  });

  test('désignation / modification d’un administrateur: seed wording and filled values', async ({ page }) => {
    const file = await printPdf(page, buildDesignation(sd, { newAdminContactId: 'csd-hoarau', replacedContactId: 'csd-payet' }, today), 'designation-saint-denis');
    expect(pageSize(file)).toContain('(A4)');
    expect(pageCount(file)).toBe(1);
    expect(fonts(file)).toMatch(/LiberationSans.*yes/);
    const text = layoutText(file);
    expectAll(text, [
      // labels (saint-denis-reunion-2017 and haut-rhin-2017, Annexe 3)
      'Partenaire :',
      'Convention n° :',
      "A l'attention de l'administrateur « Mon Compte Partenaire »",
      "Objet : modification d'un administrateur",
      "Prénom et NOM de l'administrateur à habiliter :",
      'Fonction :',
      'Cet administrateur remplace-t-il un administrateur existant :',
      'Si oui,',
      "précisez les prénoms et noms de l'administrateur à remplacer :",
      "précisez l'adresse mél de l'administrateur à remplacer :",
      "Coordonnées de l'administrateur :",
      'Numéro de téléphone (renseigner au moins un numéro) :',
      'Téléphone fixe :',
      'Téléphone mobile :',
      'Adresse mél professionnelle et individuelle :',
      "Ces coordonnées seront utilisées par la Caf uniquement dans le cadre de la gestion de l'accès à « Mon Compte Partenaire ».",
      'Pour le Partenaire',
      "L'administrateur",
      'LE MAIRE',
      // values
      'Ville de Saint-Denis',
      '112/2017',
      'Caf de La Réunion',
      '4 boulevard Doret',
      'CS 53001',
      '97741 Saint-Denis Cedex 9',
      'Jean-Luc HOARAU',
      'Chef du service informatique',
      'X oui',
      'Marie PAYET',
      'marie.payet@saintdenis.re',
      '06 92 12 34 56',
      'jean-luc.hoarau@saintdenis.re',
      'Gilbert ANNETTE',
    ]);
  });

  test('désignation without replacement and without a known signatory leaves the blanks to complete', async ({ page }) => {
    const file = await printPdf(page, buildDesignation(hr, { newAdminContactId: 'chr-bigotte', replacedContactId: null }, today), 'designation-haut-rhin');
    const text = layoutText(file);
    expectAll(text, [
      "Objet : désignation d'un administrateur",
      'oui X non',
      'LE PRÉSIDENT',
      '(Prénom et NOM à compléter par le partenaire) et signature',
      'Conseil Départemental du Haut-Rhin',
      '01/2017',
      "Caisse d'Allocations familiales du Haut-Rhin",
      '26, avenue Robert Schuman',
      '68084 MULHOUSE CEDEX',
      'Thierry BIGOTTE',
      'Chargé de mission',
      '03 89 30 66 24',
      'bigotte@haut-rhin.fr',
    ]);
    expect(text).not.toContain('X oui');
  });

  test('demande de suppression d’accès au service CDAP: seed wording, people, « perte ou vol » boxes', async ({ page }) => {
    const form = buildSuppression(sd, { habilitationIds: ['hab-sd-1', 'hab-sd-2'], perteVol: ['hab-sd-2'], effectiveOn: '2026-12-01' }, today);
    const file = await printPdf(page, form, 'suppression-saint-denis');
    expect(pageCount(file)).toBe(1);
    expectAll(layoutText(file), [
      'Partenaire : Ville de Saint-Denis',
      'Convention n° : 112/2017',
      "A l'attention de l'administrateur « Mon Compte Partenaire »",
      "Objet : demande de suppression d'accès au service « CDAP »",
      "Je demande la suppression de l'accès au service CDAP pour la ou les personne(s) désignée(s) ci-dessous à compter du 01/12/2026.",
      'Prénom NOM Adresse mél Fonction Cocher si perte ou vol',
      "L'administrateur,",
      'Marie PAYET',
      'Caf de La Réunion',
    ]);
    const raw = rawText(file);
    expectAll(raw, [
      'Nathalie GRONDIN nathalie.grondin@saintdenis.re Assistante de service social',
      "Éric L'HERMITTE eric.lhermitte@saintdenis.re Régisseur crèches X",
    ]);
    expect(raw).not.toMatch(/Assistante de service social X/);
  });

  test('demande d’habilitation de nouveaux utilisateurs: person, e-mail, function, profile, start date', async ({ page }) => {
    const ids = ['hab-ccas-01', 'hab-ccas-02', 'hab-ccas-05'];
    const file = await printPdf(page, buildDemandeHabilitation(ccas, ids, today), 'habilitation-ccas');
    expectAll(layoutText(file), [
      "Partenaire : Centre communal d'action sociale de L'Étang-Salé",
      'Convention n° : 2023-267 701 647',
      "A l'attention de l'administrateur « Mon Compte Partenaire »",
      "Objet : demande d'habilitation de nouveaux utilisateurs au service « CDAP »",
      'Prénom NOM Adresse mél Fonction Profil Date de début',
      "L'administrateur,",
      'Prénom, NOM (à compléter par le partenaire) et signature',
    ]);
    expectAll(rawText(file), [
      "Marie-HélèneD'AUBIGNÉ-LEFÈVREDEL'ŒILLET",
      'marie-helene.daubigne-lefevre-de-loeillet.service-action-sociale-territoriale@ccas-etang-sale.re',
      'T4N°instructeur:974100',
      '15/01/2025',
      'BrunoLEBON-2bruno.agent2@ccas-etang-sale.reAssistant(e)deservicesocialT115/02/2025',
      'ÉlodieMAILLOT-5elodie.agent5@ccas-etang-sale.reT4N°instructeur:97410415/05/2025'.replace('T4', 'Agentd’accueilT4'),
    ]);
    expectInsideMargins(file);
  });

  test('Annexe 1 — les interlocuteurs: Caf side and partner side tables', async ({ page }) => {
    const file = await printPdf(page, buildAnnexe1(hr, today), 'annexe1-haut-rhin');
    expectAll(layoutText(file), [
      'ANNEXE 1',
      '« Les interlocuteurs des partenaires »',
      'Les interlocuteurs à la Caf',
      'Les interlocuteurs chez le partenaire',
      'Fonction et dénomination Adresse mél Téléphone',
      'Administrateurs',
      'Autres interlocuteurs',
      "L'administrateur représente l'organisme partenaire dans la convention et est responsable des habilitations au service attribuées.",
      'Conseil Départemental du Haut-Rhin',
      '01/2017',
    ]);
    expectAll(rawText(file), [
      'Administrateur Joelle FRANCISCO Joelle.francisco@cafmulhouse.cnafmail.fr 03 68 47 97 81',
      'Administrateur Josette RENAHY',
      'Responsable « Mon Compte Partenaire » Joelle FRANCISCO',
      'Responsable Sécurité Josette RENAHY',
      'Responsable Informatique Josette RENAHY',
      'CIL ou référent Informatique et Libertés Dominique GOULOIS',
      'Guichet unique du Centre de services Caf portail-partenaires.cafmulhouse@caf.cnafmail.fr',
      'Administrateur(1) Christine BAJARD bajard@haut-rhin.fr 03 89 30 66 23',
      'Administrateur suppléant Thierry BIGOTTE bigotte@haut-rhin.fr 03 89 30 66 24',
      'Responsable Sécurité Jean-Marie LATSAGUE latsague@haut-rhin.fr 03 89 30 66 21',
      'CIL ou référent Informatique et Libertés Anaïs KASPER kasper@haut-rhin.fr 03 89 30 64 80',
    ]);
  });

  test('bulletin d’adhésion: the profile table with the authorised numbers', async ({ page }) => {
    const file = await printPdf(page, buildBulletin(hr, today), 'bulletin-haut-rhin');
    expectAll(layoutText(file), [
      'Convention n° : 01/2017',
      'Partenaire : Conseil Départemental du Haut-Rhin',
      'Bulletin d’adhésion au service « Consultation du dossier allocataire par les partenaires (Cdap) ».',
      'Le service « Cdap » permet à des partenaires habilités de consulter diverses données issues du dossier de l’allocataire.',
      'Le service a pour but de :',
      'Permettre au partenaire d’accéder aux données d’un allocataire en fonction de ses habilitations dans un cadre sécurisé ;',
      'Limiter les sollicitations auprès de la Caf en restituant les données pertinentes liées aux missions du partenaire.',
      'Les différentes catégories de profils d’utilisateurs sont les suivantes :',
      'Profils T1 – Action sociale :',
      'Profil T2 – Prestataires service sociaux :',
      'Profils T4 – Services instructeurs :',
      'Profil T5 – Chargés de suivi des dossiers RSA :',
      'Profil T18 – Agents des départements en charge du contentieux RSA :',
      'Profil T19 – Agent des départements en charge du contrôle RSA :',
      'Le service est mis à disposition de :',
      'Profils Nombre d’utilisateurs autorisés',
      'Un dossier de description du service Cdap est mis à disposition sur « Mon Compte Partenaire » après authentification.',
      'en deux exemplaires, le',
      'Pour le Partenaire',
      'LE PRÉSIDENT',
      'LE DIRECTEUR',
      'Jean-Jacques PION',
    ]);
    expectAll(rawText(file), ["Pour la Caisse d'Allocations familiales du Haut-Rhin LE DIRECTEUR Jean-Jacques PION", 'T1 – Action sociale 285', 'T2 – Prestataires de services sociaux /', 'T5 – Chargés de suivi des dossiers RSA (et accompagnement des bénéficiaires) 100', 'T19 – Contrôle RSA des départements 15']);
  });

  test('suppression for 30 people: every row, column titles on every page, no row split across pages', async ({ page }) => {
    const ids = ccas.habilitations.map((h) => h.id);
    expect(ids).toHaveLength(30);
    const form = buildSuppression(ccas, { habilitationIds: ids, perteVol: ids.filter((_, i) => i % 3 === 0), effectiveOn: today }, today);
    const file = await printPdf(page, form, 'suppression-30');
    const pages = pageCount(file);
    expect(pages).toBeGreaterThanOrEqual(2);
    const perPageRaw: string[] = [];
    for (let p = 1; p <= pages; p++) {
      const t = layoutText(file, p);
      // Column titles and the running reference (partner, convention) repeat at the top of every page.
      expectAll(t, ['Prénom NOM Adresse mél Fonction Cocher si perte ou vol', "Partenaire : Centre communal d'action sociale de L'Étang-Salé", '2023-267 701 647']);
      expect(t).toContain(`Page ${p} / ${pages}`);
      perPageRaw.push(compact(rawText(file, p)));
    }
    // A row is whole on one page: its cells, in order, appear together on exactly one page.
    for (const r of form.rows) {
      const name = `${r.firstName} ${r.lastName.toLocaleUpperCase('fr-FR')}`;
      const whole = compact(`${name}${r.email}${r.function}`);
      const on = perPageRaw.map((t, i) => (t.includes(whole) ? i + 1 : 0)).filter(Boolean);
      expect(on, `ligne de ${name}`).toHaveLength(1);
    }
    // The signature comes once, after the last row.
    expect(layoutText(file, pages)).toContain("L'administrateur,");
    expectInsideMargins(file);
  });

  test('the hard person fits: accents, apostrophes and a very long e-mail, nothing overflows', async ({ page }) => {
    const form = buildDesignation(ccas, { newAdminContactId: 'cccas-daubigne', replacedContactId: null }, today);
    const file = await printPdf(page, form, 'designation-ccas-long');
    expect(pageCount(file)).toBe(1);
    const raw = rawText(file);
    expectAll(raw, [
      "Marie-HélèneD'AUBIGNÉ-LEFÈVREDEL'ŒILLET",
      'marie-helene.daubigne-lefevre-de-loeillet.service-action-sociale-territoriale@ccas-etang-sale.re',
      "Conseillèreenéconomiesocialeetfamiliale,chargéedel'accueild'urgence",
      '06929988',
      "Joëllen'DIAYE".replace("n'", "N'"),
    ]);
    expectInsideMargins(file);
    // And in the print layout itself no field box overflows (its content is wider than the box).
    await page.emulateMedia({ media: 'print' });
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.mcp-print-host .mcp-value, .mcp-print-host td, .mcp-print-host .mcp-signature')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent ?? ''),
    );
    await page.emulateMedia({ media: 'screen' });
    expect(overflowing).toEqual([]);
  });
});
