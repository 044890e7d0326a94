/**
 * Documents kept with a convention. The SHA-256 is computed before the write transaction (WebCrypto is not a
 * Dexie call: awaiting it inside the transaction would let IndexedDB commit early); the record and the bytes
 * are then written together, in the caller's transaction.
 */
import { dataOf } from '../../../shared/crdt/record';
import { attachmentId, attachmentTooLarge, MAX_ATTACHMENT_BYTES, mimeTypeOf, type Attachment } from '../../../shared/domain/attachment';
import { todayIso } from '../../../shared/rules/dates';
import { toHex } from '../../../shared/sync/bytes';
import { sha256 } from '../../../shared/sync/crypto';
import type { AppDatabase } from '../../db/database';
import { ValidationError, type Store, type WriteContext } from '../../db/store';

export interface PreparedDocument {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
  sha256: string;
}

/** Size check (French message) and content address; nothing is written. */
export async function prepareDocument(fileName: string, bytes: Uint8Array, mimeType?: string): Promise<PreparedDocument> {
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) throw new ValidationError(attachmentTooLarge(fileName, bytes.byteLength));
  if (bytes.byteLength === 0) throw new ValidationError(`« ${fileName} » est vide : rien n'a été enregistré.`);
  return { fileName: fileName.slice(0, 255), mimeType: mimeType || mimeTypeOf(fileName), bytes, sha256: toHex(await sha256(bytes)) };
}

/** Inside a write: the record (one per convention × content) and the bytes (once per content). */
export async function attachInside(ctx: WriteContext, doc: PreparedDocument, conventionId: string, partnerId: string, origin: Attachment['origin']): Promise<string> {
  const id = attachmentId(conventionId, doc.sha256);
  await ctx.putBlob(doc.sha256, doc.bytes);
  const existing = await ctx.get('attachments', id);
  if (existing) return id;
  return ctx.create('attachments', { id, conventionId, partnerId, sha256: doc.sha256, fileName: doc.fileName, mimeType: doc.mimeType, size: doc.bytes.byteLength, addedOn: todayIso(), origin });
}

export async function attachDocument(store: Store, doc: PreparedDocument, conventionId: string, partnerId: string): Promise<string> {
  return store.write(`Document joint : ${doc.fileName}`, (ctx) => attachInside(ctx, doc, conventionId, partnerId, 'ajout'));
}

export async function removeAttachment(store: Store, id: string, fileName: string): Promise<void> {
  // The bytes stay: another record (or a restore of this one) may name the same content.
  await store.write(`Document retiré : ${fileName}`, (ctx) => ctx.remove('attachments', id));
}

export async function attachmentsOf(db: AppDatabase, conventionId: string): Promise<(Attachment & { held: boolean })[]> {
  const rows = (await db.attachments.where('conventionId').equals(conventionId).toArray()).filter((r) => r._deleted === 0).map((r) => dataOf<Attachment>(r));
  const held = await db.blobs.bulkGet(rows.map((r) => r.sha256));
  return rows.map((r, i) => ({ ...r, held: !!held[i] })).sort((a, b) => b.addedOn.localeCompare(a.addedOn) || a.fileName.localeCompare(b.fileName));
}

export async function blobOf(db: AppDatabase, sha: string): Promise<Uint8Array | null> {
  return (await db.blobs.get(sha))?.bytes ?? null;
}
