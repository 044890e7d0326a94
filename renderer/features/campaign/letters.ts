/**
 * The one typed boundary to the letters workers (comlink): a small pool, started on first use and kept for the
 * session. A campaign draws its letters in every worker at once (prepare.ts keeps two letters in flight per
 * worker); a single letter (one partner, a relance) uses one. Each worker parses the fonts once (letterPdf.ts).
 */
import * as Comlink from 'comlink';
import regularUrl from '../../../assets/fonts/LiberationSans-Regular.ttf?url';
import boldUrl from '../../../assets/fonts/LiberationSans-Bold.ttf?url';
import type { LetterDoc } from '../../../shared/campaign/letter';
import type { LetterFonts } from './letterPdf';
import type { LettersWorkerApi } from './letters.worker';

/**
 * Draws one letter. `parallel`: how many letters it can draw at once (absent: one). A letter asked for after
 * `signal` aborted is never started (it rejects with the signal's reason).
 */
export type LetterMaker = ((doc: LetterDoc, meta: { title: string; author: string }, signal?: AbortSignal) => Promise<Uint8Array>) & { parallel?: number };

/** Beyond four, the main thread (drafts, zip) and memory (≈ 25 MB a worker) gain nothing on an office PC. */
const MAX_WORKERS = 4;
export const letterWorkerCount = (cores = globalThis.navigator?.hardwareConcurrency): number => Math.max(1, Math.min(MAX_WORKERS, Math.floor(cores || 2)));

interface Slot {
  api: Promise<Comlink.Remote<LettersWorkerApi>>;
  busy: number;
}
const slots: Slot[] = [];
let fonts: Promise<LetterFonts> | null = null;

function loadFonts(): Promise<LetterFonts> {
  fonts ??= Promise.all([regularUrl, boldUrl].map(async (u) => new Uint8Array(await (await fetch(u)).arrayBuffer()))).then(([regular, bold]) => ({ regular: regular!, bold: bold! }));
  fonts.catch(() => (fonts = null));
  return fonts;
}

function spawn(): Slot {
  const worker = new Worker(new URL('./letters.worker.ts', import.meta.url), { type: 'module', name: `courriers-${slots.length + 1}` });
  const api = Comlink.wrap<LettersWorkerApi>(worker);
  const slot: Slot = {
    busy: 0,
    api: loadFonts().then(async (f) => {
      await api.init(f);
      return api;
    }),
  };
  // A worker that could not start is dropped, so the next letter starts a fresh one.
  slot.api.catch(() => {
    worker.terminate();
    slots.splice(slots.indexOf(slot), 1);
  });
  slots.push(slot);
  return slot;
}

/** The least busy worker; a new one while every worker is busy and the pool is not full. */
function pick(size: number): Slot {
  let best: Slot | undefined;
  for (const s of slots) if (!best || s.busy < best.busy) best = s;
  return !best || (best.busy > 0 && slots.length < size) ? spawn() : best;
}

/**
 * Starts the pool's workers and loads their fonts ahead: the campaign screen does it when it opens, so that
 * « Préparer » does not wait for them. Resolves when they are ready.
 */
export async function warmLetterWorkers(): Promise<void> {
  const size = letterWorkerCount();
  while (slots.length < size) spawn();
  await Promise.all(slots.map((s) => s.api));
}

/**
 * Test hook: while `window.mcpHoldLetters` is a promise, each letter waits for it, so an end-to-end test can
 * click « Annuler » half-way without racing the workers (e2e/campaign.spec.ts). The app never sets it.
 */
const held = () => (globalThis as { mcpHoldLetters?: Promise<unknown> }).mcpHoldLetters;

export function letterMaker(): LetterMaker {
  const size = letterWorkerCount();
  const make = async (doc: LetterDoc, meta: { title: string; author: string }, signal?: AbortSignal) => {
    await held();
    signal?.throwIfAborted();
    const slot = pick(size);
    slot.busy++;
    try {
      return await (await slot.api).letter(doc, meta);
    } finally {
      slot.busy--;
    }
  };
  return Object.assign(make, { parallel: size });
}
