/**
 * Every input path end to end under Node, on synthetic documents rendered through Chromium's print pipeline:
 * PDF with a text layer (pdfjs-dist), the same PDF scanned (no text layer → pdftoppm + tesseract.js, French data
 * from node_modules, nothing fetched), Word .docx (mammoth); and each bad input with its French message.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConvention } from '../shared/extraction';
import { syntheticConvention } from '../shared/extraction/fixtures/synthetic';
import { documentText, InputError, type ReadProgress } from '../shared/extraction/input';
import { extractTextFromFile, nodeReaders } from './conventionInput';
import { launchChromium } from './forms-pdf';
import { fakeDocx, longPdf, pageImage, passwordPdf, scanPdf, textToDocx, textToPdf } from './testing/documents';

const dir = mkdtempSync(join(tmpdir(), 'convention-input-'));
const source = syntheticConvention({ noise: false });
const expected = readConvention(source, 'x').data;
let browser: Browser;
let pdf: Buffer;

beforeAll(async () => {
  browser = await launchChromium();
  pdf = await textToPdf(browser, source);
  writeFileSync(join(dir, 'convention.pdf'), pdf);
}, 120_000);
afterAll(async () => browser?.close());

const fileOf = (name: string, bytes: Uint8Array) => {
  const f = join(dir, name);
  writeFileSync(f, bytes);
  return f;
};

async function failure(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('reading documents of every kind', () => {
  it('PDF with a text layer: same values as the text', async () => {
    const t = await extractTextFromFile(join(dir, 'convention.pdf'));
    expect(t).toMatchObject({ format: 'pdf', ocr: false });
    expect(t.pages).toBeGreaterThanOrEqual(2);
    const d = readConvention(t.text, 'convention.pdf').data;
    expect(d.partner).toEqual(expected.partner);
    expect(d.caf).toEqual(expected.caf);
    expect(d.convention).toEqual(expected.convention);
    expect(d.escalation).toEqual(expected.escalation);
    expect(d.allocations).toEqual(expected.allocations);
    expect(d.contacts).toEqual(expected.contacts);
  });

  it('Word .docx: same values as the text', async () => {
    const t = await extractTextFromFile(fileOf('convention.docx', textToDocx(source)));
    expect(t.format).toBe('docx');
    const d = readConvention(t.text, 'convention.docx').data;
    expect(d.partner).toEqual(expected.partner);
    expect(d.convention).toEqual(expected.convention);
    expect(d.contacts).toEqual(expected.contacts);
    expect(d.allocations).toEqual(expected.allocations);
  });

  it('scanned PDF (no text layer): OCR in French, with progress and a time estimate', async () => {
    const scanned = await scanPdf(browser, pdf, 200);
    const progress: ReadProgress[] = [];
    const t = await extractTextFromFile(fileOf('scan.pdf', scanned), { onProgress: (p) => progress.push(p) });
    expect(t).toMatchObject({ format: 'pdf', ocr: true });
    expect(progress.filter((p) => p.phase === 'ocr').length).toBeGreaterThan(1);
    expect(progress.find((p) => p.phase === 'ocr')!.secondsLeft).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ done: t.pages, total: t.pages, secondsLeft: 0 });
    const d = readConvention(t.text, 'scan.pdf').data;
    // OCR is not exact; the structure still comes through.
    expect(d.convention.number).toBe('2024-017');
    expect(d.convention.mode).toBe('delegue');
    expect(d.partner.siret).toBe(expected.partner.siret);
    expect(d.allocations).toEqual(expected.allocations);
    expect(d.contacts.filter((c) => c.email).length).toBeGreaterThanOrEqual(4);
  }, 300_000);

  it('cancelling stops the reading with « Lecture annulée »', async () => {
    const ctl = new AbortController();
    const e = await failure(
      documentText(pdf, 'convention.pdf', nodeReaders(), {
        signal: ctl.signal,
        onProgress: () => ctl.abort(),
      }),
    );
    expect(e).toMatchObject({ code: 'cancelled', message: 'Lecture annulée.' });
  });
});

describe('bad input: a clear French message', () => {
  it('password-protected PDF', async () => {
    const e = await failure(extractTextFromFile(fileOf('protege.pdf', passwordPdf())));
    expect(e.code).toBe('password');
    expect(e.message).toBe('Ce PDF est protégé par un mot de passe : enregistrez-en une copie sans protection pour le lire.');
  });

  it('300-page PDF', async () => {
    const e = await failure(extractTextFromFile(fileOf('rapport.pdf', await longPdf(browser, 300))));
    expect(e.code).toBe('too_many_pages');
    expect(e.message).toMatch(/^Ce PDF compte 300 pages : au-delà de 150 pages/);
  }, 120_000);

  it('image with no text', async () => {
    const png = await pageImage(browser, '<body style="background:#fff"></body>');
    const e = await failure(extractTextFromFile(fileOf('vide.png', png)));
    expect(e).toMatchObject({ code: 'no_text', message: "Aucun texte n'a pu être lu dans cette image." });
  }, 120_000);

  it('a .docx that is a zip of something else', async () => {
    const e = await failure(extractTextFromFile(fileOf('faux.docx', fakeDocx())));
    expect(e.code).toBe('bad_docx');
    expect(e.message).toMatch(/n'est pas un document Word lisible/);
  });

  it('a .docx that is not even a zip', async () => {
    const e = await failure(extractTextFromFile(fileOf('texte.docx', Buffer.from('bonjour'))));
    expect(e.code).toBe('bad_docx');
  });

  it('a file too big, and an empty one', async () => {
    const e = await failure(documentText(new Uint8Array(30 * 1024 * 1024), 'gros.txt', nodeReaders()));
    expect(e.message).toBe('Le fichier pèse 30,0 Mo : la limite est de 25 Mo.');
    expect((await failure(documentText(new Uint8Array(0), 'vide.txt', nodeReaders()))).code).toBe('empty');
  });
});
