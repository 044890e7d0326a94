/** Web Worker drawing the campaign letters (letterPdf.ts), so 300 PDFs never freeze the screen. */
import * as Comlink from 'comlink';
import type { LetterDoc } from '../../../shared/campaign/letter';
import { letterPdf, prepareFonts, type LetterFonts, type PreparedFonts } from './letterPdf';

/** Parsed once per worker, for every letter it draws. */
let fonts: PreparedFonts | null = null;

const api = {
  init(f: LetterFonts): void {
    fonts = prepareFonts(f);
  },
  letter(doc: LetterDoc, meta: { title: string; author: string }): Uint8Array {
    if (!fonts) throw new Error('Polices non chargées.');
    const bytes = letterPdf(doc, fonts, meta);
    return Comlink.transfer(bytes, [bytes.buffer]);
  },
};
export type LettersWorkerApi = typeof api;

Comlink.expose(api);
