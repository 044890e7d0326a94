/**
 * Node side of the forms bench figure `form.pdf_ms.suppression30` (registered in renderer/bench/figures/forms.ts
 * with driver 'node'): the time Chromium takes to produce the PDF of a 30-person « demande de suppression
 * d'accès au service CDAP » — render the filled form on the print-only route, then Page.printToPDF (what
 * Electron's printToPDF calls). page.pdf is a CDP call made from Node, so it cannot run inside bench.html.
 *
 * FOR bench/run.ts: add to `nodeFigures`
 *     'form.pdf_ms.suppression30': measureSuppression30Pdf,
 * (import { measureSuppression30Pdf } from './forms'). Target ≤ 1,000 ms. Median of 5 runs after one warm-up.
 *
 * Standalone: `npx tsx bench/forms.ts` builds the renderer into dist/forms-pdf and prints the figure.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { formsFixture } from '../shared/forms/fixtures';
import { buildSuppression, sourcesFor } from '../shared/forms';
import { buildRenderer, launchChromium, renderFormPdf, ROOT, serveDist } from '../scripts/forms-pdf';

const RUNS = 5;

export function suppression30Form() {
  const src = sourcesFor(formsFixture, 'p-ccas-etang-sale');
  const ids = src.habilitations.map((h) => h.id);
  return buildSuppression(src, { habilitationIds: ids, perteVol: ids.filter((_, i) => i % 3 === 0), effectiveOn: '2026-11-22' }, '2026-11-22');
}

export async function measureSuppression30Pdf(context: BrowserContext, base: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(`${base}/index.html#/formulaires/rendu`);
    await page.waitForSelector('body[data-forms-render-ready="1"]', { state: 'attached', timeout: 60_000 });
    const form = suppression30Form();
    if (form.rows.length !== 30) throw new Error(`30 lignes attendues, ${form.rows.length} obtenues`);
    await renderFormPdf(page, form); // warm-up: fonts, first layout
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const pdf = await renderFormPdf(page, { ...form, effectiveOn: `2026-11-${String(10 + i).padStart(2, '0')}` });
      times.push(performance.now() - t0);
      if (pdf.byteLength < 10_000) throw new Error('PDF trop petit');
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
  } finally {
    await page.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void (async () => {
    const dist = resolve(ROOT, 'dist', 'forms-pdf');
    buildRenderer(dist);
    const server = await serveDist(dist);
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
      const ms = await measureSuppression30Pdf(context, server.url);
      console.log(`form.pdf_ms.suppression30  ${ms.toFixed(1)} ms  (cible ≤ 1 000 ms)`);
    } finally {
      await browser.close();
      await server.close();
    }
  })().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
