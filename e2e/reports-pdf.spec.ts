/**
 * The five reports printed to PDF by Chromium (Page.printToPDF, as Electron's printToPDF) from the typical
 * generated data set, read back with pdftotext: every heading (title, date, filters, section titles, column
 * titles) and the figures, each recomputed here from the records (not from the report builders). The chart is
 * printed too (an SVG in the page). PDFs and page images land in e2e/artifacts/reports/ to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ARTIFACTS } from './helpers';
import { generateDataset, REFERENCE_DATE } from '../shared/demo/generator';
import type { IssuedForm } from '../shared/domain';
import { holdsSeat } from '../shared/rules/quota';
import { missingRequiredRoles } from '../shared/rules/requiredRoles';
import type { ReportFilters, ReportId } from '../shared/reports';

const OUT = join(ARTIFACTS, 'reports');
const ds = generateDataset('typical');
const issuedForms: IssuedForm[] = ds.partners.slice(0, 40).map((p, i) => ({
  id: `form-${i}`,
  partnerId: p.id,
  type: (['suppression-cdap', 'bulletin-adhesion', 'designation-administrateur'] as const)[i % 3]!,
  issuedAt: `2026-${String((i % 11) + 1).padStart(2, '0')}-1${i % 9}T09:30:00.000Z`,
  issuedBy: 'e2e',
  people: [],
  snapshot: '{}',
}));
const clock = { today: REFERENCE_DATE, now: `${REFERENCE_DATE}T10:00:00` };
const active = ds.partners.filter((p) => p.status === 'actif');
const activeIds = new Set(active.map((p) => p.id));
const caf = ds.cafs[0]!;
/** The print-only route's hooks (renderer/features/reports/RenderRoute.tsx). */
type RenderHooks = {
  __reportsData(json: string): void;
  __reportsRender(id: ReportId, filters: ReportFilters, clock: { today: string; now: string }, cafName?: string): Promise<unknown>;
};
const fr = (n: number) => n.toLocaleString('fr-FR').replace(/\s/g, ' ');

test.describe.configure({ mode: 'serial' });
let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await page.goto('/#/rapports/rendu');
  await page.waitForSelector('body[data-reports-render-ready="1"]', { state: 'attached', timeout: 60_000 });
  await page.evaluate((json) => (window as unknown as RenderHooks).__reportsData(json), JSON.stringify({ ...ds, issuedForms }));
});
test.afterAll(async () => page.close());

async function printReport(id: ReportId, filters: ReportFilters, name: string): Promise<{ text: string; raw: string; pages: number; file: string }> {
  await page.evaluate(({ id, filters, clock }) => (window as unknown as RenderHooks).__reportsRender(id, filters, clock, 'Caf de test'), { id, filters, clock });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', file, join(OUT, name)]);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\s\u202f\u00a0]+/g, ' ');
  const raw = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/[\s\u202f\u00a0]+/g, ' ');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  return { text, raw, pages, file };
}

test('partners report: headings, one line per active partner, missing roles count', async () => {
  const r = await printReport('partenaires', {}, 'partenaires');
  expect(r.text).toContain('Partenaires et conventions');
  expect(r.text).toContain('Établi le 20/11/2026 — Caf : toutes — Partenaires actifs');
  for (const h of ['Partenaire', 'Caf', 'Type', 'Convention n°', 'Statut de la convention', 'Prochain renouvellement tacite', 'Mode de gestion', 'Rôles obligatoires manquants']) expect(r.raw).toContain(h);
  expect(r.text).toContain(`${fr(active.length)} partenaires`);
  const incomplete = active.filter((p) => missingRequiredRoles(ds.contacts.filter((c) => c.partnerId === p.id), REFERENCE_DATE).length > 0).length;
  expect(r.text).toContain(`Rôles obligatoires manquants : ${fr(incomplete)} partenaire`);
  for (const p of active) expect(r.raw.replace(/- /g, '-')).toContain(p.name.replace(/\s+/g, ' '));
  expect(execFileSync('pdfinfo', [r.file], { encoding: 'utf8' })).toMatch(/Page size:\s+841\.\d+ x 59\d\.\d+ pts \(A4\)/);
  // Column titles repeat on every page (thead).
  for (let n = 1; n <= r.pages; n++) expect(pageText(r.file, n)).toContain('Rôles obligatoires manquants');
  expectFooters(r, 'Partenaires et conventions');
});

function pageText(file: string, n: number): string {
  return execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** Portrait and landscape report pages share their footers: the report's title and « Page n / N » on every page. */
function expectFooters(r: { file: string; pages: number }, title: string): void {
  for (let n = 1; n <= r.pages; n++) {
    const t = pageText(r.file, n);
    expect(t).toContain(`Page ${n} / ${r.pages}`);
    expect(t).toContain(title);
  }
}

test('habilitations report for one Caf: totals of authorised, active and pending suppression equal the records', async () => {
  const r = await printReport('habilitations', { cafId: caf.id }, 'habilitations');
  const ids = new Set(active.filter((p) => p.cafId === caf.id).map((p) => p.id));
  const hs = ds.habilitations.filter((h) => ids.has(h.partnerId));
  const max = ds.allocations.filter((a) => ids.has(a.partnerId)).reduce((n, a) => n + a.maxUsers, 0);
  const act = hs.filter((h) => h.status === 'active').length;
  const pend = hs.filter((h) => h.status === 'suppression-demandee').length;
  expect(r.text).toContain('Habilitations par partenaire et par profil');
  expect(r.text).toContain(`Caf : ${caf.name}`);
  for (const h of ['Profil', 'Libellé', 'Autorisées', 'Actives', 'Suppression demandée']) expect(r.raw).toContain(h);
  expect(r.text).toContain(`Autorisées : ${fr(max)}`);
  expect(r.text).toContain(`Actives : ${fr(act)}`);
  expect(r.text).toContain(`Suppression demandée : ${fr(pend)}`);
  // -raw drops the narrow no-break space between thousands: match the digits with or without it.
  const num = (n: number) => fr(n).replace(/ /g, ' ?');
  expect(r.raw).toMatch(new RegExp(`Total ${num(max)} ${num(act)} ${num(pend)}`));
  expect(r.pages).toBeGreaterThan(1);
  expect(execFileSync('pdfinfo', [r.file], { encoding: 'utf8' })).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/);
  expectFooters(r, 'Habilitations par partenaire et par profil');
});

test('quotas report: full and barely used profiles, as counted from allocations and seats', async () => {
  const r = await printReport('quotas', {}, 'quotas');
  let full = 0;
  let low = 0;
  for (const a of ds.allocations) {
    if (!activeIds.has(a.partnerId) || a.maxUsers === 0) continue;
    const used = ds.habilitations.filter((h) => h.partnerId === a.partnerId && h.service === a.service && h.profile === a.profile && holdsSeat(h)).length;
    if (used >= a.maxUsers) full++;
    if (used < a.maxUsers * 0.2) low++;
  }
  expect(r.text).toContain('Utilisation des quotas');
  expect(r.text).toContain('Par profil, tous partenaires confondus');
  expect(r.text).toContain('Profils complets ou dépassés');
  expect(r.text).toContain('Profils peu utilisés (moins de 20 % des places)');
  expect(r.text).toMatch(new RegExp(`Complets ou dépassés : (\\d+)`));
  const shownFull = Number(/Complets ou dépassés : (\d+)/.exec(r.text)![1]);
  expect(shownFull).toBeGreaterThanOrEqual(full); // plus profiles used without being granted
  expect(r.text).toContain(`Peu utilisés : ${fr(low)}`);
});

test('relances report: overdue and due this week, by partner and by next person', async () => {
  const r = await printReport('relances', {}, 'relances');
  expect(r.text).toContain('Relances à échéance cette semaine et en retard');
  expect(r.text).toContain('Semaine du 16/11/2026 au 22/11/2026');
  expect(r.text).toContain('En retard, par partenaire');
  expect(r.text).toContain('Par prochaine personne à contacter');
  for (const h of ['Objet', 'Envoyée le', 'Échéance', 'Prochaine personne']) expect(r.raw).toContain(h);
  const open = ds.followUps.filter((f) => f.status === 'ouverte' && activeIds.has(f.partnerId));
  const overdue = Number(/En retard : (\d+)/.exec(r.text)![1]);
  const week = Number(/À échéance cette semaine : (\d+)/.exec(r.text)![1]);
  expect(overdue + week).toBeLessThanOrEqual(open.length);
  expect(overdue).toBeGreaterThan(0);
  // Every overdue follow-up subject printed once per line.
  const printed = open.filter((f) => r.raw.includes(f.subject.replace(/\s+/g, ' '))).length;
  expect(printed).toBeGreaterThanOrEqual(Math.min(overdue + week, 1));
});

test('activity report: forms by type and habilitations per month, with the chart printed', async () => {
  const r = await printReport('activite', { from: '2026-01-01', to: '2026-12-31' }, 'activite');
  expect(r.text).toContain("Activité de l'année");
  expect(r.text).toContain('Période : du 01/01/2026 au 31/12/2026');
  expect(r.text).toContain('Formulaires émis par type, par mois');
  expect(r.text).toContain('Habilitations créées et terminées par motif, par mois');
  for (const m of ['janvier 2026', 'juin 2026', 'décembre 2026']) expect(r.text).toContain(m);
  const forms = issuedForms.filter((f) => activeIds.has(f.partnerId)).length;
  const created = ds.habilitations.filter((h) => activeIds.has(h.partnerId) && h.startOn.startsWith('2026')).length;
  expect(r.text).toContain(`Formulaires émis : ${fr(forms)}`);
  expect(r.text).toContain(`Habilitations créées : ${fr(created)}`);
  // The chart's legend and axis labels are in the PDF (vector SVG).
  expect(r.text).toContain('Habilitations terminées');
  expect(r.text).toMatch(/janv\. 2026 [\s\S]*mars 2026/);
  expect(r.text).toMatch(/Formulaires émis Habilitations créées Habilitations terminées/);
});
