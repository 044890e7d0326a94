/**
 * The sync folder (often a Windows share) and the backups folder: list, read, atomic write, remove.
 * `fs` (promises API) and the folder roots are passed in so tests run on a temporary directory and can
 * simulate a full disk. Names are plain file names (validated again here, not only by the IPC schema), and
 * the resolved path must stay inside the root.
 */
import type { promises as FsPromises } from 'node:fs';
import path from 'node:path';
import { plainFileName, type FolderEntry } from '../shared/ipc/contract';
import { IpcFailure } from './errors';

export type FolderKind = 'sync' | 'backups';
export type Fs = Pick<typeof FsPromises, 'readdir' | 'stat' | 'readFile' | 'writeFile' | 'rename' | 'rm' | 'mkdir'>;

const TEMP_SUFFIX = '.partiel';
const kindLabel: Record<FolderKind, string> = { sync: 'de synchronisation', backups: 'des sauvegardes' };

function ioMessage(error: unknown, fallback: string): IpcFailure {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new IpcFailure('io', "Le disque est plein : le fichier n'a pas été écrit. Libérez de la place puis recommencez.");
    case 'EACCES':
    case 'EPERM':
      return new IpcFailure('io', "Accès refusé : vous n'avez pas les droits sur ce dossier.");
    case 'EROFS':
      return new IpcFailure('io', 'Ce dossier est en lecture seule.');
    default:
      return new IpcFailure('io', fallback);
  }
}

/**
 * Largest file that goes to the renderer in one IPC reply (folder:read, file:open, a bundle opened from
 * Windows). Electron copies the reply through V8's structured serialisation in one message; hundreds of MiB
 * sit at the edge of what it can carry. 64 MiB is about eight times a full bundle of the stress data set
 * (≈ 220,000 records at ≈ 35 bytes each, docs/benchmarks.md): no real bundle or backup comes near it.
 */
export const MAX_IPC_FILE_BYTES = 64 * 1024 * 1024;

/** Read a file for the renderer: its size is checked first, so an oversized file is never loaded. */
export async function readFileForIpc(fs: { stat(p: string): Promise<{ size: number }>; readFile(p: string): Promise<Uint8Array> }, file: string): Promise<Uint8Array> {
  const name = path.basename(file);
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new IpcFailure('io', `Le fichier « ${name} » est introuvable.`);
    throw ioMessage(error, `Le fichier « ${name} » n'a pas pu être lu.`);
  }
  if (size > MAX_IPC_FILE_BYTES) {
    throw new IpcFailure('io', `Le fichier « ${name} » est trop volumineux (${Math.ceil(size / 1024 / 1024)} Mio ; 64 Mio au plus) : ce n'est pas un paquet de synchronisation ni une sauvegarde de l'application.`);
  }
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch (error) {
    throw ioMessage(error, `Le fichier « ${name} » n'a pas pu être lu.`);
  }
}

/**
 * Write beside the target then rename: a reader (another workstation on the share) never sees half a file,
 * and a full disk leaves the previous file intact. The temp file is removed on failure.
 */
export async function writeFileAtomic(fs: Fs, file: string, data: Uint8Array | string, randomSuffix: () => string = defaultSuffix): Promise<void> {
  const tmp = `${file}.${randomSuffix()}${TEMP_SUFFIX}`;
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw ioMessage(error, `Le fichier « ${path.basename(file)} » n'a pas pu être écrit.`);
  }
}

const defaultSuffix = () => Math.random().toString(36).slice(2, 10);

export interface FolderStore {
  list(kind: FolderKind): Promise<FolderEntry[]>;
  read(kind: FolderKind, name: string): Promise<Uint8Array>;
  write(kind: FolderKind, name: string, data: Uint8Array): Promise<{ path: string }>;
  remove(kind: FolderKind, name: string): Promise<{ removed: boolean }>;
}

export function createFolderStore(fs: Fs, rootOf: (kind: FolderKind) => string, randomSuffix: () => string = defaultSuffix): FolderStore {
  function root(kind: FolderKind): string {
    const dir = rootOf(kind);
    if (!dir) throw new IpcFailure('unavailable', `Aucun dossier ${kindLabel[kind]} n'est choisi : choisissez-le dans Paramètres.`);
    return path.resolve(dir);
  }
  function fileIn(kind: FolderKind, name: string): string {
    const dir = root(kind);
    const ok = plainFileName.safeParse(name);
    // Windows also refuses trailing dots/spaces and device names; refuse them everywhere so files travel.
    if (!ok.success || /[. ]$/.test(name) || /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(name) || name.endsWith(TEMP_SUFFIX)) {
      throw new IpcFailure('invalid-arguments', `Nom de fichier invalide : « ${name} ».`);
    }
    const full = path.resolve(dir, name);
    if (path.dirname(full) !== dir) throw new IpcFailure('invalid-arguments', `Nom de fichier invalide : « ${name} ».`);
    return full;
  }

  return {
    async list(kind) {
      const dir = root(kind);
      let names: string[];
      try {
        names = await fs.readdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw ioMessage(error, `Le dossier ${kindLabel[kind]} n'a pas pu être lu (${dir}).`);
      }
      const out: FolderEntry[] = [];
      for (const name of names) {
        if (name.endsWith(TEMP_SUFFIX)) continue;
        try {
          const st = await fs.stat(path.join(dir, name));
          if (st.isFile()) out.push({ name, size: st.size, modifiedAt: st.mtime.toISOString() });
        } catch {
          // Removed between readdir and stat (another workstation on the share): skip it.
        }
      }
      return out.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    },
    read: async (kind, name) => readFileForIpc(fs, fileIn(kind, name)),
    async write(kind, name, data) {
      const file = fileIn(kind, name);
      await writeFileAtomic(fs, file, data, randomSuffix);
      return { path: file };
    },
    async remove(kind, name) {
      const file = fileIn(kind, name);
      try {
        await fs.stat(file);
      } catch {
        return { removed: false };
      }
      try {
        await fs.rm(file);
      } catch (error) {
        throw ioMessage(error, `Le fichier « ${name} » n'a pas pu être supprimé.`);
      }
      return { removed: true };
    },
  };
}
