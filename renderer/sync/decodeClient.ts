/**
 * The page's side of the bundle decoding worker (decode.worker.ts). One long-lived worker keeps the derived
 * keys cached between imports; a decode that does not answer in time (or crashes the worker) is refused in
 * French and the worker is replaced. Without Worker (unit tests under Node) the same decodeBundle runs inline.
 */
import { decodeBundle, type DecodedBundle } from '../../shared/sync/codec';
import { derivedMasters, type PassphraseInput } from '../../shared/sync/crypto';
import { BundleError, bundleMessages, type BundleErrorCode } from '../../shared/sync/errors';

export interface DecodeRequest {
  id: number;
  bytes: Uint8Array;
  /** Text (tests) or the non-extractable key, which structured clone carries to the worker as it is. */
  passphrase: PassphraseInput;
  schemaVersion: number;
  now: number;
  /** Keys the page already derived from this passphrase (its check before the prompt closes): not derived twice. */
  masters: { passSalt: string; master: CryptoKey }[];
}

/**
 * `ms`: time the worker spent decoding (without the transfers), for `bundle.decode_worker_ms.stress`.
 * `progress`: a sign of life while the decode moves on (see decodeStallMs).
 */
export type DecodeReply =
  | { id: number; ok: true; decoded: DecodedBundle; ms: number }
  | { id: number; ok: false; code: BundleErrorCode; message: string }
  | { id: number; progress: true };

/**
 * Watchdog: how long the worker may go without a sign of life before its file is refused. The decode's work is
 * bounded by the header's size limits (a bomb is cut while inflating, shared/sync/codec.ts), so the watchdog only
 * catches a stuck worker; it waits for *silence*, not for the whole decode, so a big bundle on a slow or busy PC
 * (a stress-size one took over 40 s at a load of 24) is never refused for being slow. The longest silent step is
 * JSON.parse or validation of the whole payload, hence the allowance per megabyte.
 */
export function decodeStallMs(byteLength: number): number {
  return 30_000 + (byteLength / 1_000_000) * 5_000;
}

let worker: Worker | null = null;
let lastWorkerMs = 0;

/** Milliseconds the worker spent on the last successful decode (the page waited that plus the transfers). */
export function lastWorkerDecodeMs(): number {
  return lastWorkerMs;
}
let seq = 0;
interface Pending {
  resolve(d: DecodedBundle): void;
  reject(e: unknown): void;
  timer: ReturnType<typeof setTimeout>;
  /** (Re)starts the watchdog: at the request, then at each sign of life. */
  arm(): void;
}
const pending = new Map<number, Pending>();

function failAll(message: string, code: BundleErrorCode) {
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    p.reject(new BundleError(code, message));
    pending.delete(id);
  }
}

function reset() {
  worker?.terminate();
  worker = null;
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'lecture-fichier-synchronisation' });
  w.onmessage = (e: MessageEvent<DecodeReply>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    if ('progress' in e.data) return p.arm();
    pending.delete(e.data.id);
    clearTimeout(p.timer);
    if (e.data.ok) {
      lastWorkerMs = e.data.ms;
      p.resolve(e.data.decoded);
    }
    else p.reject(new BundleError(e.data.code, e.data.message));
  };
  // A worker that dies (out of memory on a crafted file) takes no page down: its decodes are refused.
  w.onerror = (e) => {
    e.preventDefault();
    reset();
    failAll(bundleMessages.tooLarge, 'too-large');
  };
  worker = w;
  return w;
}

/**
 * Start the worker ahead of its first file (a file was chosen, the passphrase is being typed): loading its code
 * is then not part of the wait after « Valider ».
 */
export function prepareDecoder(): void {
  if (typeof Worker !== 'undefined') getWorker();
}

export function decodeOffThread(bytes: Uint8Array, passphrase: PassphraseInput, schemaVersion: number): Promise<DecodedBundle> {
  if (typeof Worker === 'undefined') return decodeBundle(bytes, passphrase, schemaVersion);
  const id = ++seq;
  return new Promise<DecodedBundle>((resolve, reject) => {
    const stalled = () => {
      pending.delete(id);
      // The worker is stuck on this file: replace it (other decodes in it are refused too).
      reset();
      failAll(bundleMessages.tooSlow, 'too-large');
      reject(new BundleError('too-large', bundleMessages.tooSlow));
    };
    const entry: Pending = {
      resolve,
      reject,
      timer: setTimeout(stalled, decodeStallMs(bytes.byteLength)),
      arm() {
        clearTimeout(entry.timer);
        entry.timer = setTimeout(stalled, decodeStallMs(bytes.byteLength));
      },
    };
    pending.set(id, entry);
    const request: DecodeRequest = { id, bytes, passphrase, schemaVersion, now: Date.now(), masters: derivedMasters(passphrase) };
    getWorker().postMessage(request);
  });
}
