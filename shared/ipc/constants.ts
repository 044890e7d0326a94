/**
 * The IPC contract's plain values (no zod): menu commands, channel names, the app's origin, the bridge's name.
 * contract.ts re-exports them; code on the start-up path (renderer/platform) imports them from here so the first
 * screen does not load the contract's schemas.
 */

/** Commands the application menu sends to the renderer (accelerators live in the menu). */
export const menuCommands = [
  'nouveau-partenaire',
  'rechercher',
  'imprimer',
  'exporter',
  'importer',
  'importer-tableur',
  'parametres',
  'synchroniser',
] as const;
export type MenuCommand = (typeof menuCommands)[number];
export const MENU_CHANNEL = 'menu:command';
export const OPEN_FILE_CHANNEL = 'file:opened';
/** Main -> renderer: run the before-quit work (backup), then answer on BEFORE_QUIT_DONE_CHANNEL with the token. */
export const BEFORE_QUIT_CHANNEL = 'app:before-quit';
export const BEFORE_QUIT_DONE_CHANNEL = 'app:before-quit-done';

/**
 * Where the app is served from in Electron. The origin (scheme + host) decides where IndexedDB keeps the data:
 * never change APP_SCHEME or APP_HOST (nor the app name, which decides userData) without a data migration.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'partenaires';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The name under which the preload exposes its API (`window.partenaires`). */
export const BRIDGE_NAME = 'partenaires';
/** Bundle file extension (registered in electron-builder.yml). */
export const BUNDLE_EXTENSION = 'mcpsync';
