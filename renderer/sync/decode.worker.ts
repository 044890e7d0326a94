/**
 * Bundle decoding off the page's thread: checks, key derivation, decryption, inflate, shape scan, JSON.parse,
 * migration and validation (shared/sync/codec.ts decodeBundle) all run here, so a hostile or huge file never
 * freezes the page. The one typed boundary is decodeClient.ts.
 */
import { decodeBundle } from '../../shared/sync/codec';
import { primeMasters } from '../../shared/sync/crypto';
import { BundleError, bundleMessages } from '../../shared/sync/errors';
import type { DecodeReply, DecodeRequest } from './decodeClient';

const PROGRESS_EVERY_MS = 200;

const scope = self as unknown as { onmessage: ((e: MessageEvent<DecodeRequest>) => void) | null; postMessage(m: DecodeReply): void };

scope.onmessage = (e) => {
  const { id, bytes, passphrase, schemaVersion, now, masters } = e.data;
  const t0 = performance.now();
  primeMasters(passphrase, masters);
  // Signs of life for the page's watchdog, at most every 200 ms (inflate calls back per 64 KB chunk).
  let last = 0;
  const onProgress = () => {
    const t = performance.now();
    if (t - last < PROGRESS_EVERY_MS) return;
    last = t;
    scope.postMessage({ id, progress: true });
  };
  decodeBundle(bytes, passphrase, schemaVersion, { now, onProgress }).then(
    (decoded) => scope.postMessage({ id, ok: true, decoded, ms: performance.now() - t0 }),
    (err: unknown) =>
      scope.postMessage(
        err instanceof BundleError
          ? { id, ok: false, code: err.code, message: err.message }
          : // Anything else (memory, a bug) is reported as damage, in French, never as a raw English error.
            { id, ok: false, code: 'corrupt', message: bundleMessages.corrupt },
      ),
  );
};
