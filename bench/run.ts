/**
 * `npm run bench`: builds the renderer (npm script), serves it on a free local port, opens bench.html in Debian's
 * Chromium (a persistent profile in a temporary folder, removed at the end: storage quota follows the disk as in
 * the application, instead of an in-memory profile's small pool), and runs every registered figure: in-page
 * figures through `window.__bench.run(id)`, and the cold start of the app (`app.cold_load_ms.*`) from here. Figures that need a data set get it loaded first into the
 * app's database (`__bench.prepare`). Prints one table and writes bench/results.json ([{ id, value, unit }]).
 *
 *   npm run bench                       all figures
 *   npm run bench -- --only cold_load,bulkput   figures whose id contains « cold_load » or « bulkput »
 *   npm run bench -- --skip stress              leave out figures whose id contains « stress »
 *   BENCH_DIST=dist/x tsx bench/run.ts  use another build folder (default dist/renderer)
 *   BENCH_PROFILE=/tmp/p tsx bench/run.ts  keep Chromium's profile in that folder (default: a temporary one,
 *                                       removed at the end); a data set it already holds is not loaded again
 *                                       (the page is then served on BENCH_PORT, default 5799: same origin)
 *   BENCH_PROFILE=memory tsx bench/run.ts  the in-memory profile of runs before 02/12/2026 (comparable figures;
 *                                       its small quota does not hold the `bundle.` sequence)
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './staticServer';
import { measureSuppression30Pdf } from './forms';
import { measureHabilitationsReportPdf } from './reports';
import { measureF1Seeds, measureMsPerPage, measureOcrMsPerPage, measurePdf60 } from './extract';
import { chromiumArgs, findChromium } from '../scripts/chromium';

interface FigureInfo {
  id: string;
  unit: string;
  label: string;
  dataset: 'none' | 'typical' | 'stress';
  driver: 'page' | 'node';
}
/** What bench.html exposes (renderer/bench/main.ts); declared here because tooling does not compile the renderer. */
declare global {
  interface Window {
    __bench: {
      describe(): FigureInfo[];
      run(id: string): Promise<Result>;
      prepare(dataset: FigureInfo['dataset']): Promise<{ loadMs: number }>;
    };
  }
}
interface Result {
  id: string;
  value: number;
  unit: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.env.BENCH_DIST ?? join(here, '..', 'dist', 'renderer'));
const args = process.argv.slice(2);
const argOf = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
// Comma-separated id fragments.
const only = argOf('--only')?.split(',');
const skip = argOf('--skip')?.split(',');
const FIGURE_TIMEOUT_MS = 15 * 60_000;
const COLD_RUNS = 3;
/** Pause after each cold start's page is closed (see coldLoad). */
const COLD_PAUSE_MS = 3000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * One start that waits for the derived-state snapshot to be written (the base's first start after the set was
 * loaded rebuilds it, as a real base does once), so the timed starts are the everyday ones.
 */
async function warmDerived(context: BrowserContext, base: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`${base}/index.html#/tableau-de-bord`);
    await page.waitForSelector('body[data-derived-saved-at]', { timeout: 10 * 60_000, state: 'attached' });
  } finally {
    await page.close();
  }
}

/** Open index.html on a database that already holds the set; time until the first screen shows its data. */
async function coldLoad(context: BrowserContext, base: string): Promise<number> {
  await warmDerived(context, base);
  const times: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const page = await context.newPage();
    try {
      await page.goto(`${base}/index.html#/tableau-de-bord`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 5 * 60_000, state: 'attached' });
      const t = await page.evaluate(() => {
        const readyAt = Number(document.body.dataset.readyAt);
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        return { readyAt, domInteractive: nav?.domInteractive ?? 0, firstRun: document.body.dataset.firstRun };
      });
      if (t.firstRun === 'open') throw new Error("Le dialogue de premier démarrage s'est ouvert : la base n'était pas chargée");
      times.push(t.readyAt);
      if (i === COLD_RUNS - 1) {
        // Where the start goes: the page's marks (client.ts, main.tsx), in ms since navigation.
        const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name} ${Math.round(m.startTime)}`));
        console.log(`    [banc] démarrage : domInteractive ${Math.round(t.domInteractive)}, ${marks.join(', ')}, prêt ${t.readyAt}`);
      }
    } finally {
      await page.close();
      // A start comes on a quiet browser: the closed page's last reads and writes (the derived state loads its search
      // snapshot right after the first screen) are let finish, instead of delaying the next start's first read.
      await new Promise((r) => setTimeout(r, COLD_PAUSE_MS));
    }
  }
  return median(times);
}

/**
 * Minified JavaScript fetched before the first screen (the dashboard with its data) is ready, in KB: every
 * script response (modules, lazy chunks, workers) whose arrival precedes `readyAt`. Median of 3 cold opens.
 */
async function jsBeforeFirstScreen(context: BrowserContext, base: string): Promise<number> {
  const sizes: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const page = await context.newPage();
    const arrivals: { at: number; bytes: Promise<number> }[] = [];
    page.on('response', (r) => {
      if (!/\.m?js(\?|$)/.test(r.url())) return;
      arrivals.push({ at: Date.now(), bytes: r.body().then((b) => b.length, () => 0) });
    });
    try {
      await page.goto(`${base}/index.html#/tableau-de-bord`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 5 * 60_000, state: 'attached' });
      const { readyAt, navStart } = await page.evaluate(() => ({ readyAt: Number(document.body.dataset.readyAt), navStart: Date.now() - performance.now() }));
      let total = 0;
      for (const a of arrivals) if (a.at - navStart <= readyAt) total += await a.bytes;
      sizes.push(total / 1024);
    } finally {
      await page.close();
    }
  }
  return median(sizes);
}

/**
 * Empty base (a fresh browser profile, so nothing stored): time from navigation to the first-run dialog painted
 * (`body[data-first-run-shown-at]`, set by the dialog one frame after it opens). Median of 3.
 */
async function firstPaintEmpty(_context: BrowserContext, base: string): Promise<number> {
  const browser = await freshBrowser();
  const times: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const fresh = await browser.newContext(contextOptions);
    try {
      const page = await fresh.newPage();
      await page.goto(`${base}/index.html`);
      await page.waitForSelector('body[data-first-run-shown-at]', { timeout: 60_000, state: 'attached' });
      times.push(await page.evaluate(() => Number(document.body.dataset.firstRunShownAt)));
      if (i === COLD_RUNS - 1) {
        const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name} ${Math.round(m.startTime)}`));
        console.log(`    [banc] premier démarrage : ${marks.join(', ')}, dialogue affiché ${times[times.length - 1]}`);
      }
    } finally {
      await fresh.close();
    }
  }
  return median(times);
}

const contextOptions = { locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1366, height: 850 } };
let emptyBrowser: Browser | undefined;

/**
 * A second Chromium for figures that need a profile holding nothing (the main context is a persistent profile,
 * which cannot open another): its contexts are in memory, which an empty base fits easily. Started on first use.
 */
async function freshBrowser(): Promise<Browser> {
  emptyBrowser ??= await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  return emptyBrowser;
}

/** Values measured so far in this run (the ratio figure reads the two cold loads). */
const measured = new Map<string, number>();

async function coldLoadRatio(): Promise<number> {
  const typical = measured.get('app.cold_load_ms.typical');
  const stress = measured.get('app.cold_load_ms.stress');
  if (typical === undefined || stress === undefined) throw new Error('mesurer aussi app.cold_load_ms.typical et app.cold_load_ms.stress dans la même exécution');
  return stress / typical;
}

/** JS heap of the page once the first screen is ready, after a forced garbage collection (CDP), in MB. */
async function heapAfterStart(context: BrowserContext, base: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(`${base}/index.html#/tableau-de-bord`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 5 * 60_000, state: 'attached' });
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / (1024 * 1024);
  } finally {
    await page.close();
  }
}

const nodeFigures: Record<string, (context: BrowserContext, base: string) => Promise<number>> = {
  'app.cold_load_ratio.stress_to_typical': coldLoadRatio,
  'app.heap_mb.stress': heapAfterStart,
  'app.cold_load_ms.typical': coldLoad,
  'app.cold_load_ms.stress': coldLoad,
  'app.js_kb_before_first_screen': jsBeforeFirstScreen,
  'app.first_paint_ms.empty': firstPaintEmpty,
  'form.pdf_ms.suppression30': measureSuppression30Pdf,
  'report.pdf_ms.habilitations_typical': measureHabilitationsReportPdf,
  'extract.f1.seeds': measureF1Seeds,
  'extract.ms_per_page': measureMsPerPage,
  'extract.read_ms.pdf60': measurePdf60,
  'extract.ocr_ms_per_page': measureOcrMsPerPage,
};

function printTable(rows: { id: string; value: number | string; unit: string; label: string }[]): void {
  const fmt = (v: number | string) => (typeof v === 'number' ? (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('fr-FR') : v.toLocaleString('fr-FR', { maximumFractionDigits: 2 })) : v);
  const cells = rows.map((r) => [r.id, String(fmt(r.value)), r.unit, r.label]);
  const head = ['Mesure', 'Valeur', 'Unité', 'Description'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 1 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

async function main(): Promise<void> {
  // A kept profile's databases belong to the page's origin: the same port every run (BENCH_PORT, default 5799).
  const server = await serveStatic(dist, process.env.BENCH_PROFILE && process.env.BENCH_PROFILE !== 'memory' ? Number(process.env.BENCH_PORT ?? 5799) : 0);
  let context: BrowserContext | undefined;
  const results: Result[] = [];
  const printed: { id: string; value: number | string; unit: string; label: string }[] = [];
  let failed = 0;
  // On disk, like the application's own profile: several copies of the stress set (the app base, an import's
  // copy, the bulkPut baseline, the restore figure's base) overflowed an in-memory profile's quota
  // (QuotaExceededError); a disk profile's quota is a share of the disk.
  // BENCH_PROFILE=<folder>: keep the profile there between runs (a data set already loaded is reused).
  // BENCH_PROFILE=memory: the in-memory profile of earlier runs (figures comparable with them; its quota does
  // not hold the `bundle.` sequence).
  const inMemory = process.env.BENCH_PROFILE === 'memory';
  const kept = inMemory ? undefined : process.env.BENCH_PROFILE;
  const profile = inMemory ? undefined : kept ? resolve(kept) : mkdtempSync(join(tmpdir(), 'banc-chromium-'));
  try {
    context = profile
      ? await chromium.launchPersistentContext(profile, { executablePath: findChromium(), args: chromiumArgs, ...contextOptions })
      : await (await freshBrowser()).newContext(contextOptions);
    const bench = await context.newPage();
    bench.on('pageerror', (e) => console.error(`[bench.html] ${e.message}`));
    bench.on('crash', () => console.error('[bench.html] la page a planté (processus de rendu arrêté)'));
    context.on('close', () => console.error('[banc] contexte Chromium fermé'));
    // Figures may report their phases (« [banc] … »): where the time of a long figure goes.
    bench.on('console', (m) => {
      if (m.text().startsWith('[banc]')) console.log(`    ${m.text()}`);
    });
    await bench.goto(`${server.url}/bench.html`);
    await bench.waitForFunction(() => typeof window.__bench?.describe === 'function');
    const order = { none: 0, typical: 1, stress: 2 } as const;
    const all = (await bench.evaluate(() => window.__bench.describe())) as FigureInfo[];
    const selected = all
      .filter((f) => (!only || only.some((o) => f.id.includes(o))) && (!skip || !skip.some((o) => f.id.includes(o))))
      .sort((a, b) => order[a.dataset] - order[b.dataset]);
    console.log(`${selected.length} mesure(s) sur ${all.length} — ${server.url}\n`);
    let prepared: FigureInfo['dataset'] = 'none';
    for (const f of selected) {
      const t0 = Date.now();
      try {
        if (f.dataset !== 'none' && f.dataset !== prepared) {
          const { loadMs } = await bench.evaluate((d) => window.__bench.prepare(d), f.dataset);
          console.log(`  jeu ${f.dataset} chargé dans la base de l'application (${Math.round(loadMs)} ms)`);
          prepared = f.dataset;
        }
        let value: number;
        if (f.driver === 'node') {
          const impl = nodeFigures[f.id];
          if (!impl) throw new Error(`pas d'implémentation Node pour ${f.id}`);
          value = await impl(context, server.url);
        } else {
          bench.setDefaultTimeout(FIGURE_TIMEOUT_MS);
          value = (await bench.evaluate((id) => window.__bench.run(id), f.id)).value;
        }
        if (!Number.isFinite(value)) throw new Error(`valeur non numérique : ${value}`);
        measured.set(f.id, value);
        results.push({ id: f.id, value: Math.round(value * 100) / 100, unit: f.unit });
        printed.push({ id: f.id, value, unit: f.unit, label: f.label });
        console.log(`  ${f.id}: ${value.toFixed(1)} ${f.unit} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (e) {
        failed++;
        const message = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').slice(0, 1_000);
        printed.push({ id: f.id, value: 'ÉCHEC', unit: f.unit, label: `${f.label} — ${message}` });
        console.error(`  ${f.id}: ÉCHEC ${message}`);
      }
    }
    console.log('');
    printTable(printed);
  } finally {
    await context?.close();
    await emptyBrowser?.close();
    await server.close();
    if (profile && !kept) rmSync(profile, { recursive: true, force: true });
  }
  const out = join(here, 'results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${results.length} résultat(s) écrit(s) dans ${out}`);
  if (failed) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
