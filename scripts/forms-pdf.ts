/**
 * `npm run forms:pdf -- --out DIR [--data FILE] [--passphrase P] [--date yyyy-MM-dd] [--fixtures] [--no-build]`
 *
 * Renders every standard form of every partner into DIR as PDF through Chromium's print pipeline
 * (Page.printToPDF, the call Electron's webContents.printToPDF makes), from the built renderer's print-only
 * route `#/formulaires/rendu`. Data: the demo data set by default; `--fixtures` the forms' test fixtures;
 * `--data FILE` a JSON export (arrays of domain objects per table) or a sync bundle (.mcpsync, decrypted with
 * `--passphrase` or the MCP_PASSPHRASE environment variable).
 *
 * The helpers (static server, browser launch, renderFormPdf) are exported for the end-to-end tests and the
 * bench (bench/forms.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { dataOf } from '../shared/crdt/record';
import { allFormsFor, parseDataset, type FormsDataset } from '../shared/forms/dataset';
import { formsFixture } from '../shared/forms/fixtures';
import { formFileName, type FilledForm } from '../shared/forms';
import { chromiumArgs, findChromium } from './chromium';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Same Chromium and flags as playwright.config.ts (scripts/chromium.ts). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** A static server for the built renderer on 127.0.0.1 (module scripts do not load from file://). */
export async function serveDist(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** Open the print-only route and wait until it accepts forms. */
export async function openRenderPage(browser: Browser, baseUrl: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/#/formulaires/rendu`);
  await page.waitForSelector('body[data-forms-render-ready="1"]', { state: 'attached', timeout: 30_000 });
  return page;
}

/** Render one filled form and print it to PDF (A4 and margins come from the form's @page CSS). */
export async function renderFormPdf(page: Page, form: FilledForm): Promise<Buffer> {
  await page.evaluate(async (json) => {
    // The hook is declared in renderer/features/forms/RenderRoute.tsx, outside this (Node) project.
    const hook = (window as unknown as { __formsRender?: (j: string) => Promise<unknown> }).__formsRender;
    if (!hook) throw new Error('Page de rendu non prête');
    await hook(json);
  }, JSON.stringify(form));
  return page.pdf({ preferCSSPageSize: true, printBackground: true });
}

export function fileNameFor(form: FilledForm): string {
  return formFileName(form.type, form.header.partnerName, form.header.issuedOn, form.type === 'designation-administrateur' && form.replaces === true);
}

/** Build the renderer into its own folder, so a run never disturbs dist/renderer or someone's e2e build. */
export function buildRenderer(outDir: string): void {
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const BUNDLE_MAGIC = 'MCPSYNC\x1a';

/** A JSON export, or a sync bundle decoded with the sync feature's decoder. */
export async function loadDataFile(file: string, passphrase: string): Promise<FormsDataset> {
  const bytes = new Uint8Array(readFileSync(file));
  if (new TextDecoder('latin1').decode(bytes.subarray(0, 8)) === BUNDLE_MAGIC) {
    const { decodeBundle } = await import('../shared/sync/codec');
    const { CURRENT_SCHEMA_VERSION } = await import('../renderer/db/schema');
    if (!passphrase) throw new Error('Ce fichier est un paquet de synchronisation chiffré : donnez la phrase de passe (--passphrase ou MCP_PASSPHRASE).');
    const decoded = await decodeBundle(bytes, passphrase, CURRENT_SCHEMA_VERSION);
    const tables: Record<string, unknown[]> = {};
    for (const [name, records] of Object.entries(decoded.tables)) tables[name] = records.filter((r) => r._deleted === 0).map((r) => dataOf(r));
    return parseDataset(tables);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch {
    throw new Error(`« ${file} » n'est ni un export JSON ni un paquet de synchronisation.`);
  }
  return parseDataset(raw);
}

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface Args {
  out: string;
  data?: string;
  passphrase: string;
  date: string;
  fixtures: boolean;
  build: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { out: '', passphrase: process.env.MCP_PASSPHRASE ?? '', date: localToday(), fixtures: false, build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`Valeur manquante après ${a}`);
      return v;
    };
    if (a === '--out') args.out = next();
    else if (a === '--data') args.data = next();
    else if (a === '--passphrase') args.passphrase = next();
    else if (a === '--date') args.date = next();
    else if (a === '--fixtures') args.fixtures = true;
    else if (a === '--no-build') args.build = false;
    else throw new Error(`Option inconnue : ${a}`);
  }
  if (!args.out) throw new Error('Usage : npm run forms:pdf -- --out DOSSIER [--data FICHIER] [--passphrase P] [--date aaaa-mm-jj] [--fixtures] [--no-build]');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.date)) throw new Error('--date attend aaaa-mm-jj.');
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let data: FormsDataset;
  if (args.data) data = await loadDataFile(args.data, args.passphrase);
  else if (args.fixtures) data = formsFixture;
  else data = parseDataset((await import('../shared/demo/seedData')).demoDataset);

  const dist = join(ROOT, 'dist', 'forms-pdf');
  if (args.build || !existsSync(join(dist, 'index.html'))) buildRenderer(dist);
  mkdirSync(args.out, { recursive: true });

  const server = await serveDist(dist);
  const browser = await launchChromium();
  let count = 0;
  try {
    const page = await openRenderPage(browser, server.url);
    for (const partner of data.partners) {
      for (const form of allFormsFor(data, partner.id, args.date)) {
        const pdf = await renderFormPdf(page, form);
        const name = fileNameFor(form);
        writeFileSync(join(args.out, name), pdf);
        console.log(`${name}  (${Math.round(pdf.byteLength / 1024)} Ko)`);
        count++;
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`${count} formulaire(s) écrits dans ${resolve(args.out)} pour ${data.partners.length} partenaire(s).`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
