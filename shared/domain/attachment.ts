import { z } from '../validation/zod';
import { isoDate, recordId } from './common';

/**
 * A document kept with a convention (the signed convention read by « Lire une convention… », or any file joined
 * from the convention tab). The record travels in bundles like every record; the bytes are stored apart, once
 * per content (local table `blobs`, keyed by SHA-256), and carried in a bundle only when the receiver may lack
 * them (docs/bundle-format.md « Documents joints »).
 */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
/** Larger files are refused with ATTACHMENT_TOO_LARGE (same bound as what « Lire une convention… » reads). */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

export const attachmentSchema = z.object({
  id: recordId,
  conventionId: recordId,
  partnerId: recordId,
  /** Hex SHA-256 of the bytes: the content's address (table `blobs`). */
  sha256: z.string().regex(SHA256_PATTERN, 'Empreinte SHA-256 invalide.'),
  fileName: z.string().trim().min(1, 'Nom de fichier manquant.').max(255),
  mimeType: z.string().trim().max(120).default('application/octet-stream'),
  size: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES, 'Document trop volumineux.'),
  addedOn: isoDate,
  /** « lecture »: kept by « Lire une convention… »; « ajout »: joined by hand. */
  origin: z.enum(['lecture', 'ajout']).default('ajout'),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** One record per (convention, content): the same file joined twice, or on two workstations, is one record. */
export function attachmentId(conventionId: string, sha256: string): string {
  return `${conventionId.slice(0, 38)}:${sha256.slice(0, 25)}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} o`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} Ko`;
  return `${(n / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

export const attachmentTooLarge = (fileName: string, size: number) =>
  `« ${fileName} » pèse ${formatBytes(size)} : un document joint ne peut dépasser ${formatBytes(MAX_ATTACHMENT_BYTES)}. Réduisez-le (numérisation en 200 ppp, noir et blanc) ou joignez-le en plusieurs parties. Rien n'a été enregistré.`;

/** Guessed from the name when the platform gives no type (Electron's file dialog does not). */
export function mimeTypeOf(fileName: string): string {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const types: Record<string, string> = {
    pdf: 'application/pdf',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    txt: 'text/plain',
    md: 'text/markdown',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    tif: 'image/tiff',
    tiff: 'image/tiff',
  };
  return Object.hasOwn(types, ext) ? types[ext]! : 'application/octet-stream';
}
