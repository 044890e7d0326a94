/**
 * Every `ipcMain.handle` of the app. Each call: (1) the sender frame must be a page of this app
 * (app://partenaires/…) — anything else gets `forbidden-sender`; (2) its arguments are parsed with the zod
 * schema of shared/ipc/contract.ts — a bad call gets `invalid-arguments` with a French message and nothing
 * runs; (3) the result is `{ ok: true, value } | { ok: false, error: { code, message } }`, never a thrown
 * error (Electron would strip it to an English string).
 */
import path from 'node:path';
import type { z } from 'zod';
import { describeArgsError } from '../shared/ipc/argsError';
import { frenchIssues } from '../shared/ipc/errors';
import {
  BEFORE_QUIT_DONE_CHANNEL,
  ipcChannels,
  type IpcArgs,
  type IpcChannel,
  type IpcResponse,
  type IpcResult,
} from '../shared/ipc/contract';
import { IpcFailure, failResponse, okResponse } from './errors';
import type { FolderKind, FolderStore } from './folders';
import type { OpenFileQueue } from './openFiles';
import type { SecretStore } from './secrets';
import type { SettingsService } from './settings';

export interface IpcEventLike {
  readonly senderFrame: { readonly url: string } | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
}

type FileFilters = { name: string; extensions: string[] }[];

export interface IpcDeps {
  isTrustedSender(url: string): boolean;
  settings: SettingsService;
  /** Reads its roots from the settings on every call, so a folder chosen in Paramètres applies at once. */
  folders: FolderStore;
  dialogs: {
    /** Full path chosen, or null when cancelled. */
    save(options: { suggestedName: string; filters: FileFilters }): Promise<string | null>;
    open(options: { filters: FileFilters }): Promise<string | null>;
    chooseFolder(kind: FolderKind, current: string): Promise<string | null>;
  };
  files: {
    write(file: string, data: Uint8Array | string): Promise<void>;
    read(file: string): Promise<Uint8Array>;
  };
  print: {
    /** System print dialog; false when the user cancelled. */
    dialog(): Promise<boolean>;
    pdf(): Promise<Uint8Array>;
  };
  secrets: SecretStore;
  setWindowTitle(title: string): void;
  appInfo(): { version: string; userDataPath: string; platform: string; machine?: string };
  openFiles: OpenFileQueue;
  log?(message: string): void;
}

type Handlers = { [C in IpcChannel]: (...args: IpcArgs<C>) => Promise<IpcResult<C>> };

export function createHandlers(deps: IpcDeps): Handlers {
  return {
    'settings:get': async () => deps.settings.get(),
    'settings:update': async (patch) => deps.settings.update(patch),
    'file:save': async ({ suggestedName, filters, data }) => {
      const file = await deps.dialogs.save({ suggestedName, filters });
      if (!file) return { saved: false };
      await deps.files.write(file, data);
      return { saved: true, path: file };
    },
    'file:open': async ({ filters }) => {
      const file = await deps.dialogs.open({ filters });
      if (!file) return null;
      return { name: path.basename(file), data: await deps.files.read(file) };
    },
    'file:pending-open': async () => deps.openFiles.take(),
    'print:dialog': async () => ({ printed: await deps.print.dialog() }),
    'print:pdf': async ({ suggestedName }) => {
      const name = suggestedName.toLowerCase().endsWith('.pdf') ? suggestedName : `${suggestedName}.pdf`;
      const file = await deps.dialogs.save({ suggestedName: name, filters: [{ name: 'Document PDF', extensions: ['pdf'] }] });
      if (!file) return { saved: false };
      const pdf = await deps.print.pdf();
      await deps.files.write(file, pdf);
      return { saved: true, path: file };
    },
    'folder:list': async (kind) => deps.folders.list(kind),
    'folder:read': async (kind, name) => deps.folders.read(kind, name),
    'folder:write': async (kind, name, data) => deps.folders.write(kind, name, data),
    'folder:remove': async (kind, name) => deps.folders.remove(kind, name),
    'folder:choose': async (kind) => {
      const current = deps.settings.get();
      const chosen = await deps.dialogs.chooseFolder(kind, kind === 'sync' ? current.syncFolder : current.backups.folder);
      if (!chosen) return null;
      if (kind === 'sync') deps.settings.update({ syncFolder: chosen });
      else deps.settings.update({ backups: { ...current.backups, folder: chosen } });
      return chosen;
    },
    'secret:get': async () => deps.secrets.get(),
    'secret:set': async (value) => deps.secrets.set(value),
    'window:title': async (title) => {
      deps.setWindowTitle(title);
      return null;
    },
    'app:info': async () => deps.appInfo(),
  };
}

/** One call through the checks; exported so tests exercise exactly what ipcMain runs. */
export async function dispatch(deps: IpcDeps, handlers: Handlers, channel: string, event: IpcEventLike, rawArgs: unknown[]): Promise<IpcResponse<unknown>> {
  const url = event.senderFrame?.url ?? '';
  if (!deps.isTrustedSender(url)) {
    deps.log?.(`Appel IPC refusé (${channel}) depuis ${url || 'un cadre inconnu'}`);
    return failResponse('forbidden-sender', "Appel refusé : il ne vient pas d'une page de l'application.");
  }
  if (!Object.hasOwn(ipcChannels, channel)) return failResponse('invalid-arguments', `Canal inconnu : « ${channel} ».`);
  const ch = channel as IpcChannel;
  const schema: z.ZodType = ipcChannels[ch].args;
  const parsed = schema.safeParse(rawArgs, frenchIssues);
  if (!parsed.success) return failResponse('invalid-arguments', describeArgsError(channel, parsed.error));
  try {
    const handler = handlers[ch] as (...args: unknown[]) => Promise<unknown>;
    return okResponse(await handler(...(parsed.data as unknown[])));
  } catch (error) {
    if (error instanceof IpcFailure) return { ok: false, error: error.toIpcError() };
    deps.log?.(`Erreur interne sur ${channel} : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return failResponse('internal', "Une erreur inattendue s'est produite ; l'opération n'a pas été faite.");
  }
}

export function registerIpcHandlers(ipcMain: IpcMainLike, deps: IpcDeps, onBeforeQuitDone: (token: unknown) => void): void {
  const handlers = createHandlers(deps);
  for (const channel of Object.keys(ipcChannels)) {
    ipcMain.handle(channel, (event, ...args) => dispatch(deps, handlers, channel, event, args));
  }
  ipcMain.on(BEFORE_QUIT_DONE_CHANNEL, (event, token) => {
    if (deps.isTrustedSender(event.senderFrame?.url ?? '')) onBeforeQuitDone(token);
  });
}
