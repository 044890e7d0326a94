/**
 * The IPC contract between the sandboxed renderer and the main process. Both sides import it: the preload
 * validates what it sends and receives, the main process validates every argument and checks the sender.
 * Results are `{ ok: true, value } | { ok: false, error }` so errors cross the bridge typed, in French.
 */
import { z } from '../validation/zod';
import { settingsPatchSchema, settingsSchema } from '../settings/schema';

export const fileFilterSchema = z.object({ name: z.string().max(100), extensions: z.array(z.string().max(20)).max(10) });

/** File names inside the sync or backups folder: no path separators, no traversal. */
export const plainFileName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\\/:*?"<>|]+$/, 'Nom de fichier invalide.')
  .refine((n) => n !== '.' && n !== '..', 'Nom de fichier invalide.');

export const folderEntrySchema = z.object({ name: z.string(), size: z.number(), modifiedAt: z.string() });
export type FolderEntry = z.infer<typeof folderEntrySchema>;

// Typed as the general Uint8Array (zod infers Uint8Array<ArrayBuffer>, narrower than what callers hold).
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Données binaires attendues.');

export const ipcChannels = {
  'settings:get': { args: z.tuple([]), result: settingsSchema },
  'settings:update': { args: z.tuple([settingsPatchSchema]), result: settingsSchema },
  'file:save': {
    args: z.tuple([
      z.object({ suggestedName: plainFileName, filters: z.array(fileFilterSchema).max(5), data: z.union([bytes, z.string()]) }),
    ]),
    result: z.object({ saved: z.boolean(), path: z.string().optional() }),
  },
  'file:open': {
    args: z.tuple([z.object({ filters: z.array(fileFilterSchema).max(5) })]),
    result: z.object({ name: z.string(), data: bytes }).nullable(),
  },
  /** A bundle file the OS asked us to open (file association); null when none is pending. */
  'file:pending-open': { args: z.tuple([]), result: z.object({ name: z.string(), data: bytes }).nullable() },
  'print:dialog': { args: z.tuple([]), result: z.object({ printed: z.boolean() }) },
  'print:pdf': {
    args: z.tuple([z.object({ suggestedName: plainFileName })]),
    result: z.object({ saved: z.boolean(), path: z.string().optional() }),
  },
  'folder:list': { args: z.tuple([z.enum(['sync', 'backups'])]), result: z.array(folderEntrySchema) },
  'folder:read': { args: z.tuple([z.enum(['sync', 'backups']), plainFileName]), result: bytes },
  'folder:write': { args: z.tuple([z.enum(['sync', 'backups']), plainFileName, bytes]), result: z.object({ path: z.string() }) },
  'folder:remove': { args: z.tuple([z.enum(['sync', 'backups']), plainFileName]), result: z.object({ removed: z.boolean() }) },
  'folder:choose': { args: z.tuple([z.enum(['sync', 'backups'])]), result: z.string().nullable() },
  'secret:get': { args: z.tuple([]), result: z.string().nullable() },
  'secret:set': { args: z.tuple([z.string().max(1000).nullable()]), result: z.object({ stored: z.boolean(), encrypted: z.boolean() }) },
  'window:title': { args: z.tuple([z.string().max(200)]), result: z.null() },
  'app:info': {
    args: z.tuple([]),
    // `machine`: host name, to tell a base opened on another PC (copied profile) — renderer/sync/identity.ts.
    result: z.object({ version: z.string(), userDataPath: z.string(), platform: z.string(), machine: z.string().max(300).optional() }),
  },
} as const;

export type IpcChannel = keyof typeof ipcChannels;
export type IpcArgs<C extends IpcChannel> = z.infer<(typeof ipcChannels)[C]['args']>;
export type IpcResult<C extends IpcChannel> = z.infer<(typeof ipcChannels)[C]['result']>;

export const ipcErrorCodes = ['invalid-arguments', 'forbidden-sender', 'io', 'cancelled', 'unavailable', 'internal'] as const;
export type IpcErrorCode = (typeof ipcErrorCodes)[number];
export interface IpcError {
  code: IpcErrorCode;
  /** Plain French for the user. */
  message: string;
}
export type IpcResponse<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export { menuCommands, MENU_CHANNEL, OPEN_FILE_CHANNEL, BEFORE_QUIT_CHANNEL, BEFORE_QUIT_DONE_CHANNEL, APP_SCHEME, APP_HOST, APP_ORIGIN, BRIDGE_NAME, BUNDLE_EXTENSION, type MenuCommand } from './constants';
