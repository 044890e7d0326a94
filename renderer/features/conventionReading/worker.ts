/**
 * The reading worker: file → text (pdfjs-dist, mammoth, tesseract.js) → extraction, off the page's thread.
 * It never touches the database. OCR files (tesseract worker, core, French data) are served from the app bundle
 * (`ocr/`, emitted by vite.config.ts from node_modules): nothing is fetched from the network.
 */
import * as Comlink from 'comlink';
import * as pdfjs from 'pdfjs-dist';
// In-thread pdf.js « worker »: this is already a worker, one more thread would buy nothing.
// @ts-expect-error — the worker module ships no type declarations; only its presence matters here.
import * as pdfWorker from 'pdfjs-dist/build/pdf.worker.min.mjs';
import mammoth from 'mammoth';
import { createWorker, type Worker as OcrWorker } from 'tesseract.js';
import { decodeText, detectFormat, documentText, htmlToText, InputError, OCR_PARAMETERS, type DocumentReaders, type PdfHandle, type PdfTextItem, type ReadProgress } from '../../../shared/extraction/input';
import { readConvention, NotAConventionError, type ReadResult } from '../../../shared/extraction';

(globalThis as unknown as { pdfjsWorker: unknown }).pdfjsWorker = pdfWorker;

/** A kept document shown in the app (the shell opens no external viewer): pages as PNG, or its text. */
export type PreviewOutcome = { kind: 'pages'; total: number } | { kind: 'text'; text: string } | { kind: 'image' } | { kind: 'error'; message: string };

export type ReadOutcome =
  | { ok: true; result: ReadResult; pages: number; ocr: boolean; ms: number }
  | { ok: false; message: string; cancelled: boolean };

let ocr: Promise<OcrWorker> | null = null;
let cancelled = false;

// The worker chunk lives in assets/; the OCR files beside them in ocr/ (vite.config.ts).
const ocrBase = new URL(/* @vite-ignore */ '../ocr/', import.meta.url);

const readers: DocumentReaders = {
  async pdf(bytes): Promise<PdfHandle> {
    // disableFontFace: glyphs drawn from the embedded font programs (no FontFace in a worker: pages drawn for
    // « Ouvrir » or for OCR would otherwise show empty boxes instead of letters).
    const task = pdfjs.getDocument({ data: bytes.slice(), verbosity: 0, isOffscreenCanvasSupported: true, disableFontFace: true });
    const doc = await task.promise;
    return {
      pageCount: doc.numPages,
      async items(n) {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        const out: PdfTextItem[] = [];
        for (const it of content.items) if ('str' in it) out.push({ str: it.str, x: it.transform[4] as number, y: it.transform[5] as number, width: it.width, height: it.height || Math.abs(it.transform[3] as number) });
        return out;
      },
      async image(n) {
        const page = await doc.getPage(n);
        const viewport = page.getViewport({ scale: 200 / 72 });
        const canvas = new OffscreenCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
        await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
        const blob = await canvas.convertToBlob({ type: 'image/png' });
        return new Uint8Array(await blob.arrayBuffer());
      },
      close: () => task.destroy(),
    };
  },
  async docxHtml(bytes) {
    return (await mammoth.convertToHtml({ arrayBuffer: bytes.slice().buffer })).value;
  },
  async ocr(image) {
    ocr ??= createWorker('fra', 1, {
      workerPath: new URL('worker.min.js', ocrBase).href,
      corePath: new URL('tesseract-core-lstm.wasm.js', ocrBase).href,
      langPath: ocrBase.href.replace(/\/$/, ''),
      gzip: true,
      cacheMethod: 'none',
      workerBlobURL: false,
    }).then(async (w) => {
      await w.setParameters(OCR_PARAMETERS);
      return w;
    });
    const r = await (await ocr).recognize(new Blob([(image as Uint8Array).slice()]));
    return r.data.text;
  },
};

const api = {
  async read(bytes: Uint8Array, name: string, onProgress: (p: ReadProgress) => void): Promise<ReadOutcome> {
    cancelled = false;
    const signal = { get aborted() { return cancelled; } } as AbortSignal;
    try {
      const t = await documentText(bytes, name, readers, { onProgress, signal, now: () => performance.now() });
      const started = performance.now();
      const result = readConvention(t.text, name);
      return { ok: true, result, pages: t.pages, ocr: t.ocr, ms: performance.now() - started };
    } catch (e) {
      if (e instanceof InputError || e instanceof NotAConventionError) return { ok: false, message: e.message, cancelled: e instanceof InputError && e.code === 'cancelled' };
      return { ok: false, message: `Le document n'a pas pu être lu : ${(e as Error).message}`, cancelled: false };
    }
  },
  cancel() {
    cancelled = true;
  },
  /** Pages are handed over one by one (`onPage`), at most `maxPages`, so the first shows at once. */
  async preview(bytes: Uint8Array, name: string, maxPages: number, onPage: (n: number, png: Uint8Array) => void): Promise<PreviewOutcome> {
    try {
      const format = detectFormat(bytes, name);
      if (format === 'image') return { kind: 'image' };
      if (format === 'text') return { kind: 'text', text: decodeText(bytes) };
      if (format === 'docx') return { kind: 'text', text: htmlToText(await readers.docxHtml(bytes)) };
      const pdf = await readers.pdf(bytes);
      try {
        for (let n = 1; n <= Math.min(pdf.pageCount, maxPages); n++) {
          // This worker's pdf reader draws PNG bytes (see readers.pdf above); the shared type leaves it open.
          const png = (await pdf.image(n)) as Uint8Array;
          onPage(n, Comlink.transfer(png, [png.buffer]));
        }
        return { kind: 'pages', total: pdf.pageCount };
      } finally {
        await pdf.close();
      }
    } catch (e) {
      return { kind: 'error', message: e instanceof InputError ? e.message : `Le document n'a pas pu être affiché : ${(e as Error).message}` };
    }
  },
};

export type ReadingWorkerApi = typeof api;
Comlink.expose(api);
