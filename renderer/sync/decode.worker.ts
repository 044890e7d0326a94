/**
 * Bundle decoding off the page's thread: checks, key derivation, decryption, inflate, shape scan, JSON.parse,
 * migration and validation (shared/sync/codec.ts decodeBundle) all run here, so a hostile or huge file never
 * freezes the page. The one typed boundary is decodeClient.ts.
 */
import { decodeBundle } from '../../shared/sync/codec';
import { primeMasters } from '../../shared/sync/crypto';
import { BundleError, bundleMessages } from '../../shared/sync/errors';
import type { DecodeReply, DecodeRequest } from './decodeClient';

const scope = self as unknown as { onmessage: ((e: MessageEvent<DecodeRequest>) => void) | null; postMessage(m: DecodeReply): void };

scope.onmessage = (e) => {
  const { id, bytes, passphrase, schemaVersion, now, masters } = e.data;
  const t0 = performance.now();
  primeMasters(passphrase, masters);
  decodeBundle(bytes, passphrase, schemaVersion, { now }).then(
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
