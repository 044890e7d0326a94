/**
 * Reading figures (issue 14), measured from Node (bench/extract.ts) through the app's own reading worker in
 * Chromium: `extract.f1.seeds` (the provided seeds read in the worker, scored by ../shared/extraction/score.py),
 * `extract.ms_per_page` and `extract.read_ms.pdf60` (a 60-page PDF with a text layer, goal < 10 s), and
 * `extract.ocr_ms_per_page` (a scanned page). The page side is `window.__benchRead` below.
 */
import { registerFigure } from '../registry';
import { Comlink, startReadingWorker } from '../../features/conventionReading/client';

const fromNode = () => Promise.reject(new Error('Mesure faite depuis Node (bench/extract.ts)'));
for (const [id, unit, label] of [
  ['extract.f1.seeds', 'F1', 'Les 3 conventions fournies lues dans le worker de lecture, score.py (micro-moyenne ; cible ≥ 0,9)'],
  ['extract.ms_per_page', 'ms/page', 'PDF de 60 pages avec couche texte lu dans le worker (texte + extraction), par page, médiane de 3'],
  ['extract.read_ms.pdf60', 'ms', 'Le même PDF de 60 pages, lecture complète dans le worker (cible < 10 000 ms)'],
  ['extract.ocr_ms_per_page', 'ms/page', 'PDF numérisé (sans couche texte, 150 ppp) lu par OCR dans le worker, par page, chargement de tesseract compris'],
] as const) registerFigure({ id, unit, label, driver: 'node', run: fromNode });

export interface BenchReadResult {
  ok: boolean;
  ms: number;
  pages: number;
  ocr: boolean;
  /** The JSON shape (what `npm run convention:read -- --json` prints). */
  data: unknown;
  message?: string;
}

declare global {
  interface Window {
    /** Read a document (base64) in a fresh reading worker, as « Lire une convention… » does; time it all. */
    __benchRead(base64: string, name: string): Promise<BenchReadResult>;
  }
}

window.__benchRead = async (base64, name) => {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const t0 = performance.now();
  const w = startReadingWorker();
  try {
    const out = await w.api.read(Comlink.transfer(bytes, [bytes.buffer]), name, Comlink.proxy(() => undefined));
    const ms = performance.now() - t0;
    return out.ok ? { ok: true, ms, pages: out.pages, ocr: out.ocr, data: out.result.data } : { ok: false, ms, pages: 0, ocr: false, data: null, message: out.message };
  } finally {
    w.terminate();
  }
};
