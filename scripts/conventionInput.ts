/**
 * Node bindings of the document readers (shared/extraction/input.ts) for `npm run convention:read`:
 * pdfjs-dist (legacy build, no worker thread needed under Node), mammoth, tesseract.js with the French data of
 * @tesseract.js-data/fra read from node_modules (never fetched). Scanned PDF pages are rasterised with poppler's
 * pdftoppm (installed with poppler-utils), since pdfjs needs a canvas to render and Node has none.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { documentText, InputError, OCR_PARAMETERS, type DocumentReaders, type DocumentText, type PdfHandle, type PdfTextItem, type ReadOptions } from '../shared/extraction/input';

export { InputError };

const require = createRequire(import.meta.url);

async function openPdf(bytes: Uint8Array): Promise<PdfHandle> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  let dir: string | null = null;
  return {
    pageCount: doc.numPages,
    async items(n: number): Promise<PdfTextItem[]> {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const out: PdfTextItem[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        out.push({ str: it.str, x: it.transform[4] as number, y: it.transform[5] as number, width: it.width, height: it.height || Math.abs(it.transform[3] as number), hasEOL: it.hasEOL });
      }
      page.cleanup();
      return out;
    },
    async image(n: number): Promise<Buffer> {
      if (!dir) {
        dir = mkdtempSync(join(tmpdir(), 'convention-ocr-'));
        writeFileSync(join(dir, 'in.pdf'), bytes);
      }
      execFileSync('pdftoppm', ['-r', '200', '-gray', '-png', '-f', String(n), '-l', String(n), '-singlefile', join(dir, 'in.pdf'), join(dir, `p${n}`)]);
      return readFileSync(join(dir, `p${n}.png`));
    },
    async close() {
      await task.destroy();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

import type { Worker as TesseractWorker } from 'tesseract.js';

export function nodeReaders(): DocumentReaders & { terminate(): Promise<void> } {
  let worker: Promise<TesseractWorker> | null = null;
  const fra = dirname(require.resolve('@tesseract.js-data/fra/package.json'));
  return {
    pdf: openPdf,
    async docxHtml(bytes) {
      const mammoth = (await import('mammoth')).default;
      const r = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
      return r.value;
    },
    async ocr(image) {
      const { createWorker } = await import('tesseract.js');
      worker ??= createWorker('fra', 1, { langPath: join(fra, '4.0.0'), gzip: true, cacheMethod: 'none' }).then(async (w) => {
        await w.setParameters(OCR_PARAMETERS);
        return w;
      });
      const w = await worker;
      const r = await w.recognize(Buffer.from(image as Uint8Array));
      return r.data.text;
    },
    async terminate() {
      if (worker) await (await worker).terminate();
    },
  };
}

export async function extractTextFromFile(file: string, opts: ReadOptions = {}): Promise<DocumentText> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new InputError(`Fichier introuvable : ${file}`, 'empty');
  }
  const readers = nodeReaders();
  try {
    return await documentText(bytes, file, readers, opts);
  } finally {
    await readers.terminate();
  }
}
