/**
 * Where the application keeps its data (userData: IndexedDB database, settings, passphrase, default backups).
 *
 * Decision (issue 11, point 12): on Windows, LOCAL application data — %LOCALAPPDATA%\Partenaires MCP — not
 * Roaming %APPDATA%, where Electron puts userData by default:
 *  - in administrations, Roaming is often a roaming profile or redirected to a network share: a database of
 *    tens of MiB plus its backups copied at every log-on and log-off makes them slow, and runs into profile
 *    quotas;
 *  - the data belongs to ONE workstation: the settings hold the workstation's replica id (shared/crdt), and a
 *    profile roaming to a second PC would make two workstations sign changes with the same id. Moving data
 *    between workstations is what sync bundles are for;
 *  - Chromium's own caches (sessionData defaults to userData) have no business in a roaming profile.
 * Linux and macOS have no roaming profiles: userData stays under appData (~/.config, ~/Library/Application Support).
 *
 * An installation that already has data in the old Roaming folder gets it moved once, before anything opens it.
 * Unpackaged runs (`npm start`) use their own folder, « Partenaires MCP (développement) »: a developer's run
 * never touches the installed application's data, and — the single-instance lock being scoped to userData —
 * does not quit silently into an installed instance that is open.
 */
import path from 'node:path';

export const APP_NAME = 'Partenaires MCP';
export const DEV_FOLDER_SUFFIX = ' (développement)';

/**
 * Windows groups taskbar buttons, pins and the window of a `.mcpsync` double-click by this id; the installer's
 * shortcuts carry electron-builder's appId, so both must be the same (electron/builderConfig.test.ts).
 * Unpackaged runs get their own, as they get their own data folder.
 */
export const APP_USER_MODEL_ID = 'fr.caf.partenaires-mcp';
export const appUserModelId = (isPackaged: boolean) => (isPackaged ? APP_USER_MODEL_ID : `${APP_USER_MODEL_ID}.dev`);

export interface DataLocationInput {
  platform: string;
  isPackaged: boolean;
  /** app.getPath('appData'): Roaming on Windows. */
  appData: string;
  /** process.env.LOCALAPPDATA (Windows). */
  localAppData?: string | undefined;
  home: string;
  /** PARTENAIRES_USER_DATA_DIR: tests point an unpackaged app at a throw-away folder. */
  testOverride?: string | undefined;
}

export interface DataLocation {
  userData: string;
  /** Where an earlier version kept the data, to be moved (packaged Windows app only). */
  legacy?: string;
}

export function planDataLocation(input: DataLocationInput): DataLocation {
  if (!input.isPackaged && input.testOverride) return { userData: path.resolve(input.testOverride) };
  const name = input.isPackaged ? APP_NAME : `${APP_NAME}${DEV_FOLDER_SUFFIX}`;
  if (input.platform !== 'win32') return { userData: path.join(input.appData, name) };
  const local = input.localAppData || path.join(input.home, 'AppData', 'Local');
  const userData = path.join(local, name);
  return input.isPackaged ? { userData, legacy: path.join(input.appData, name) } : { userData };
}

export interface MoveFs {
  existsSync(p: string): boolean;
  mkdirSync(p: string, options: { recursive: true }): unknown;
  renameSync(from: string, to: string): void;
  cpSync(from: string, to: string, options: { recursive: true; errorOnExist: true; force: false }): void;
  rmSync(p: string, options: { recursive: true; force: true }): void;
}

/**
 * Move the old folder to the new place if the new one does not exist yet. A rename when both are on the same
 * volume; otherwise (Roaming redirected to a share) a copy, then the old folder is removed. If the copy fails
 * the partial copy is removed and the old folder is used this time: nothing is lost, it is tried again at the
 * next start. Returns the folder to use and the folder the data came from (for paths stored in the settings).
 */
export function moveLegacyData(plan: DataLocation, fs: MoveFs, log: (message: string) => void): { userData: string; movedFrom?: string } {
  const { userData, legacy } = plan;
  if (!legacy || fs.existsSync(userData) || !fs.existsSync(legacy)) return { userData };
  try {
    fs.mkdirSync(path.dirname(userData), { recursive: true });
    fs.renameSync(legacy, userData);
    log(`Données déplacées de ${legacy} vers ${userData}.`);
    return { userData, movedFrom: legacy };
  } catch {
    // Different volumes (EXDEV) or a file held open: copy instead.
  }
  try {
    fs.cpSync(legacy, userData, { recursive: true, errorOnExist: true, force: false });
  } catch (error) {
    fs.rmSync(userData, { recursive: true, force: true });
    // Another instance starting at the same moment may have moved it already.
    if (!fs.existsSync(legacy) && fs.existsSync(userData)) return { userData };
    log(`Déplacement des données impossible (${error instanceof Error ? error.message : String(error)}) : elles restent dans ${legacy} pour cette fois.`);
    return { userData: legacy };
  }
  try {
    fs.rmSync(legacy, { recursive: true, force: true });
  } catch {
    log(`Données copiées vers ${userData} ; l'ancien dossier ${legacy} n'a pas pu être supprimé.`);
  }
  log(`Données copiées de ${legacy} vers ${userData}.`);
  return { userData, movedFrom: legacy };
}

/** A path stored in the settings that pointed inside the moved folder, rewritten to the new place (else null). */
export function relocatedPath(stored: string, movedFrom: string, userData: string): string | null {
  const rel = path.relative(movedFrom, stored);
  if (rel === '') return userData;
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return path.join(userData, rel);
}
