/** Reading a document file into text under Node, for `npm run convention:read` (plain text for now). */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';

export class InputError extends Error {}

export async function extractTextFromFile(file: string): Promise<{ text: string; pages: number }> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new InputError(`Fichier introuvable : ${file}`);
  }
  if (size === 0) throw new InputError('Le fichier est vide.');
  const ext = extname(file).toLowerCase();
  if (ext === '.txt' || ext === '.md' || ext === '') {
    const bytes = readFileSync(file);
    return { text: decodeText(bytes), pages: 1 };
  }
  throw new InputError(`Format non pris en charge (${ext}) : utilisez un fichier .txt, .md, .docx, .pdf ou une image.`);
}

/** UTF-8, or Windows-1252 when the bytes are not valid UTF-8 (text saved by older Windows tools). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
