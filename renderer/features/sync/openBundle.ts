/** The first steps of reading a bundle file, shared by « Importer » / « Fusionner » and « Restaurer ». */
import { BundleError, passphraseOpens, readBundleHeader } from '../../../shared/sync';
import type { PassphraseKey } from '../../../shared/sync/crypto';
import { CURRENT_SCHEMA_VERSION } from '../../db/schema';
import { prepareDecoder } from '../../sync/decodeClient';
import type { EnsureOptions } from './PassphrasePrompt';

/**
 * The passphrase that opens this file, or null when the person gave up. Everything that needs no passphrase
 * comes first: a file that is not a bundle (or is damaged) says so before anyone is asked for the passphrase.
 */
export async function passphraseForFile(data: Uint8Array, ensure: (options?: EnsureOptions) => Promise<PassphraseKey | null>, askAgain: boolean): Promise<PassphraseKey | null> {
  const { header } = await readBundleHeader(data, CURRENT_SCHEMA_VERSION);
  prepareDecoder(); // the worker loads while the passphrase is typed
  return ensure({ askAgain, check: (key) => passphraseOpens(key, header.cipher) });
}

/** « Essayer une autre phrase de passe » is offered for this error. */
export const isWrongPassphrase = (e: unknown): boolean => e instanceof BundleError && e.code === 'wrong-passphrase';
