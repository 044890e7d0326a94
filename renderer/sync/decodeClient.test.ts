/**
 * The decoding worker's watchdog waits for silence, not for the whole decode: a slow decode that keeps sending
 * signs of life is never refused; a silent one is, in French, and its worker is replaced.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bundleMessages } from '../../shared/sync/errors';
import type { DecodedBundle } from '../../shared/sync';
import { decodeOffThread, decodeStallMs, type DecodeReply, type DecodeRequest } from './decodeClient';

class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage: ((e: MessageEvent<DecodeReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  requests: DecodeRequest[] = [];
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(m: DecodeRequest) {
    this.requests.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  reply(m: DecodeReply) {
    this.onmessage?.({ data: m } as MessageEvent<DecodeReply>);
  }
}

const bytes = new Uint8Array(2_000_000);
const decoded = { recordCount: 0 } as unknown as DecodedBundle;

describe('decodeOffThread watchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', FakeWorker);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('lets a decode run far past the stall limit while it sends signs of life', async () => {
    const stall = decodeStallMs(bytes.byteLength);
    const result = decodeOffThread(bytes, 'phrase', 11);
    const w = FakeWorker.made.at(-1)!;
    const { id } = w.requests.at(-1)!;
    for (let t = 0; t < 5 * stall; t += stall / 2) {
      await vi.advanceTimersByTimeAsync(stall / 2);
      w.reply({ id, progress: true });
    }
    w.reply({ id, ok: true, decoded, ms: 5 * stall });
    await expect(result).resolves.toBe(decoded);
    expect(w.terminated).toBe(false);
  });

  it('refuses a decode that goes silent, in French, and replaces the worker', async () => {
    const result = decodeOffThread(bytes, 'phrase', 11);
    const caught = result.catch((e: unknown) => e);
    const w = FakeWorker.made.at(-1)!;
    const { id } = w.requests.at(-1)!;
    w.reply({ id, progress: true });
    await vi.advanceTimersByTimeAsync(decodeStallMs(bytes.byteLength) + 1);
    expect(((await caught) as Error).message).toBe(bundleMessages.tooSlow);
    expect(w.terminated).toBe(true);
    // The next file gets a new worker.
    void decodeOffThread(bytes, 'phrase', 11).catch(() => {});
    expect(FakeWorker.made.at(-1)).not.toBe(w);
  });
});
