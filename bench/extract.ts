/**
 * Node side of the reading figures (renderer/bench/figures/extract.ts): documents are made here (Chromium's print
 * pipeline, pdftoppm — scripts/testing/documents.ts) and read in bench.html through the app's reading worker
 * (`window.__benchRead`), as « Lire une convention… » reads them. The seeds' readings are scored by the provided
 * ../shared/extraction/score.py.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { htmlToPdf, scanPdf, textToHtml } from '../scripts/testing/documents';

const SEEDS = '/work/shared/seeds';
const KEYS = '/work/shared/extraction/answers';
const SCORER = '/work/shared/extraction/score.py';
const RUNS = 3;
export const PDF_PAGES = 60;

interface Read {
  ok: boolean;
  ms: number;
  pages: number;
  ocr: boolean;
  data: unknown;
  message?: string;
}

async function benchPage(context: BrowserContext, base: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/bench.html`);
  await page.waitForFunction(() => typeof window.__benchRead === 'function');
  return page;
}

async function read(page: Page, bytes: Uint8Array, name: string): Promise<Read> {
  const r = (await page.evaluate(([b64, n]) => window.__benchRead(b64, n), [Buffer.from(bytes).toString('base64'), name] as const)) as Read;
  if (!r.ok) throw new Error(`${name} : ${r.message}`);
  return r;
}

/** What bench.html exposes (renderer/bench/figures/extract.ts); declared here because tooling does not compile the renderer. */
declare global {
  interface Window {
    __benchRead(base64: string, name: string): Promise<Read>;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seeds = () => readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();

/** Micro-averaged F1 of score.py over the seeds, each read in the worker. */
export async function measureF1Seeds(context: BrowserContext, base: string): Promise<number> {
  const page = await benchPage(context, base);
  try {
    const out = mkdtempSync(join(tmpdir(), 'bench-extract-'));
    for (const seed of seeds()) {
      const r = await read(page, readFileSync(join(SEEDS, seed)), seed);
      writeFileSync(join(out, seed.replace(/\.txt$/, '.json')), JSON.stringify(r.data, null, 2));
    }
    const report = execFileSync('python3', [SCORER, KEYS, out], { encoding: 'utf8' });
    const f1 = /F1\s*=\s*([\d.]+)/.exec(report)?.[1];
    if (!f1) throw new Error(`score.py : ${report.slice(0, 200)}`);
    return Number(f1);
  } finally {
    await page.close();
  }
}

/**
 * A 60-page PDF with a text layer: the seeds' text (convention, contrat, annexes, bulletins of three
 * partners) laid out one chunk per page (at most 30 lines, 2,400 characters: every page full of text, none
 * spilling over), printed by Chromium. The page count is checked with pdfinfo.
 */
export async function sixtyPagePdf(context: BrowserContext): Promise<Buffer> {
  const lines = seeds().flatMap((s) => readFileSync(join(SEEDS, s), 'utf8').split('\n').filter((l) => l.trim()));
  const chunks: string[] = [];
  let i = 0;
  while (chunks.length < PDF_PAGES) {
    const chunk: string[] = [];
    let chars = 0;
    while (chunk.length < 30 && chars < 2400) {
      const l = lines[i++ % lines.length]!.slice(0, 400);
      chunk.push(l);
      chars += l.length;
    }
    chunks.push(chunk.join('\n'));
  }
  // textToHtml lays out one chunk; each chunk is a section starting a new page.
  const doc = textToHtml('');
  const body = (t: string) => /<body>([\s\S]*)<\/body>/.exec(textToHtml(t))![1]!;
  const html = doc.replace('<body></body>', `<body>${chunks.map((c, k) => `<section${k ? ' style="break-before: page"' : ''}>${body(c)}</section>`).join('')}</body>`);
  const pdf = await htmlToPdf(context.browser()!, html);
  const dir = mkdtempSync(join(tmpdir(), 'bench-pdf60-'));
  writeFileSync(join(dir, 'doc.pdf'), pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, 'doc.pdf')], { encoding: 'utf8' }))?.[1]);
  if (pages !== PDF_PAGES) throw new Error(`le PDF de test a ${pages} pages au lieu de ${PDF_PAGES}`);
  return pdf;
}

let pdf60: { ms: number } | null = null;

/** Median of 3 full readings of the 60-page PDF in a fresh worker each (after one warm-up). */
async function readPdf60(context: BrowserContext, base: string): Promise<number> {
  if (pdf60) return pdf60.ms;
  const pdf = await sixtyPagePdf(context);
  const page = await benchPage(context, base);
  try {
    await read(page, pdf, 'convention-60-pages.pdf'); // warm-up: worker chunk, pdf.js compiled
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const res = await read(page, pdf, 'convention-60-pages.pdf');
      if (res.pages !== PDF_PAGES || res.ocr) throw new Error(`lu ${res.pages} pages${res.ocr ? ' par OCR' : ''}`);
      times.push(res.ms);
    }
    pdf60 = { ms: median(times) };
    return pdf60.ms;
  } finally {
    await page.close();
  }
}

export const measureMsPerPage = async (context: BrowserContext, base: string) => (await readPdf60(context, base)) / PDF_PAGES;
export const measurePdf60 = readPdf60;

/** Two scanned pages (the start of a seed, rasterised at 150 dpi by pdftoppm, no text layer), read by OCR. */
export async function measureOcrMsPerPage(context: BrowserContext, base: string): Promise<number> {
  const text = readFileSync(join(SEEDS, 'saint-denis-reunion-2017.txt'), 'utf8').split('\n').filter((l) => l.trim()).slice(0, 60).join('\n');
  const textPdf = await htmlToPdf(context.browser()!, textToHtml(text));
  const scanned = await scanPdf(context.browser()!, textPdf);
  const page = await benchPage(context, base);
  try {
    const res = await read(page, scanned, 'convention-numerisee.pdf');
    if (!res.ocr) throw new Error("le PDF numérisé n'a pas été lu par OCR");
    return res.ms / res.pages;
  } finally {
    await page.close();
  }
}
