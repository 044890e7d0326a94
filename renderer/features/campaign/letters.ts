/** The one typed boundary to the letters worker (comlink), started on first use and kept for the session. */
import * as Comlink from 'comlink';
import regularUrl from '../../../assets/fonts/LiberationSans-Regular.ttf?url';
import boldUrl from '../../../assets/fonts/LiberationSans-Bold.ttf?url';
import type { LetterDoc } from '../../../shared/campaign/letter';
import type { LettersWorkerApi } from './letters.worker';

export type LetterMaker = (doc: LetterDoc, meta: { title: string; author: string }) => Promise<Uint8Array>;

let ready: Promise<Comlink.Remote<LettersWorkerApi>> | null = null;

async function start(): Promise<Comlink.Remote<LettersWorkerApi>> {
  const worker = new Worker(new URL('./letters.worker.ts', import.meta.url), { type: 'module', name: 'courriers' });
  const api = Comlink.wrap<LettersWorkerApi>(worker);
  const [regular, bold] = await Promise.all([regularUrl, boldUrl].map(async (u) => new Uint8Array(await (await fetch(u)).arrayBuffer())));
  await api.init({ regular: regular!, bold: bold! });
  return api;
}

/**
 * Test hook: while `window.mcpHoldLetters` is a promise, each letter waits for it, so an end-to-end test can
 * click « Annuler » half-way without racing the worker (e2e/campaign.spec.ts). The app never sets it.
 */
const held = () => (globalThis as { mcpHoldLetters?: Promise<unknown> }).mcpHoldLetters;

export function letterMaker(): LetterMaker {
  ready ??= start().catch((e: unknown) => {
    ready = null;
    throw e;
  });
  return async (doc, meta) => {
    await held();
    return (await ready!).letter(doc, meta);
  };
}
