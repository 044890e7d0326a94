/**
 * Main process entry: the only module that imports `electron` and `electron-store`. It wires the plain,
 * unit-tested modules of this folder to Electron's APIs; keep logic out of here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, screen, session, shell } from 'electron';
import ElectronStore, { type Options as StoreOptions } from 'electron-store';
import { newReplicaId } from '../shared/crdt/hlc';
import { APP_ORIGIN, APP_SCHEME, BEFORE_QUIT_CHANNEL, MENU_CHANNEL, OPEN_FILE_CHANNEL, type MenuCommand } from '../shared/ipc/contract';
import { IpcFailure } from './errors';
import { APP_NAME, appUserModelId, moveLegacyData, planDataLocation, relocatedPath } from './dataLocation';
import { createFolderStore, readFileForIpc, writeFileAtomic } from './folders';
import { registerIpcHandlers, type IpcDeps } from './ipc';
import { buildMenu } from './menu';
import { createOpenFileQueue, findBundleArg } from './openFiles';
import { createAppProtocolHandler } from './protocol';
import { createQuitCoordinator, watchSessionEnd } from './quit';
import { createSecretStore } from './secrets';
import { hardenSession, hardenWebContents, isAppUrl } from './security';
import { openSettings, type ConfOptionsLike, type SettingsService } from './settings';
import { reportStartupFailure } from './startup';
import { createMainWindow, showWhenReady, trackWindowState } from './window';
import { guardUnload } from './unloadGuard';

const log = (message: string) => console.log(`[partenaires] ${message}`);

// Before any window: one taskbar button for the pinned app and a `.mcpsync` double-click (dataLocation.ts).
if (process.platform === 'win32') app.setAppUserModelId(appUserModelId(app.isPackaged));

// Where every file of the app lives (Local AppData on Windows; a separate folder for unpackaged runs): see
// electron/dataLocation.ts. Pinned to the product name: changing it would orphan the user's data.
app.setName(APP_NAME);
const dataLocation = moveLegacyData(
  planDataLocation({
    platform: process.platform,
    isPackaged: app.isPackaged,
    appData: app.getPath('appData'),
    localAppData: process.env.LOCALAPPDATA,
    home: app.getPath('home'),
    testOverride: process.env.PARTENAIRES_USER_DATA_DIR,
  }),
  fs,
  log,
);
// Before the single-instance lock, which is scoped to this folder.
app.setPath('userData', dataLocation.userData);

// Must happen before `ready`: a standard + secure scheme gets a real origin, IndexedDB and navigator.storage.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
app.enableSandbox();

const openFiles = createOpenFileQueue(fs.promises);
const initialBundle = findBundleArg(process.argv);
if (initialBundle) openFiles.offer(path.resolve(initialBundle));

const gotLock = app.requestSingleInstanceLock({ bundle: initialBundle ? path.resolve(initialBundle) : null });
if (!gotLock) {
  // Another instance runs: it received our bundle path (additionalData) and comes to the front.
  app.quit();
} else {
  start();
}

/** electron-store takes `name` where conf takes `configName`. */
class SettingsStore extends ElectronStore<Record<string, unknown>> {
  constructor(options: ConfOptionsLike) {
    super({
      cwd: options.cwd,
      name: options.configName,
      // The JSON Schema is generated from the zod schema (settings.ts); conf's own type cannot express that.
      schema: options.schema as StoreOptions<Record<string, unknown>>['schema'],
      clearInvalidConfig: options.clearInvalidConfig,
    });
  }
}

function start(): void {
  let mainWindow: BrowserWindow | null = null;
  let settings: SettingsService | null = null;

  const send = (channel: string, ...args: unknown[]) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, ...args);
  };
  const focusMain = () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  app.on('second-instance', (_event, argv, _cwd, additionalData) => {
    const forwarded = (additionalData as { bundle?: unknown } | null)?.bundle;
    const bundle = typeof forwarded === 'string' ? forwarded : findBundleArg(argv);
    if (bundle) {
      openFiles.offer(bundle);
      send(OPEN_FILE_CHANNEL);
    }
    focusMain();
  });
  // macOS: files dropped on the dock icon or opened from the Finder.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFiles.offer(file);
    send(OPEN_FILE_CHANNEL);
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log, (url) => shell.openExternal(url)));

  const quit = createQuitCoordinator({
    timeoutMs: 15_000,
    requestRenderer: (token) => {
      if (!mainWindow || mainWindow.isDestroyed() || mainWindow.webContents.isCrashed()) return false;
      mainWindow.webContents.send(BEFORE_QUIT_CHANNEL, token);
      return true;
    },
    quit: () => app.quit(),
    log,
  });
  app.on('before-quit', (event) => quit.onBeforeQuit(event));
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    const userData = app.getPath('userData');
    try {
      settings = openSettings({ Store: SettingsStore, cwd: userData, makeReplicaId: newReplicaId });
    } catch (error) {
      dialog.showErrorBox(APP_NAME, `Les paramètres n'ont pas pu être ouverts (${userData}).\n\n${error instanceof Error ? error.message : String(error)}`);
      app.exit(1);
      return;
    }
    const current = settings;
    // electron-store answers `electron-store-get-data` for stores opened in a renderer; ours is main-only, so
    // that unguarded channel is closed (every channel the page can reach goes through registerIpcHandlers).
    ipcMain.removeAllListeners('electron-store-get-data');
    // Data just moved from Roaming: a backups folder that was inside it moved with it.
    const movedFrom = dataLocation.movedFrom;
    const storedBackups = current.get().backups.folder;
    const relocated = movedFrom && storedBackups ? relocatedPath(storedBackups, movedFrom, userData) : null;
    if (relocated) current.update({ backups: { ...current.get().backups, folder: relocated } });
    // Backups work out of the box: until the user picks a folder, they go to userData\Sauvegardes, and the
    // setting says so (Paramètres shows where they are).
    if (!current.get().backups.folder) current.update({ backups: { ...current.get().backups, folder: path.join(userData, 'Sauvegardes') } });

    hardenSession(session.defaultSession);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(__dirname, '..', 'renderer'), (file) => fs.promises.readFile(file)));

    Menu.setApplicationMenu(
      buildMenu(Menu, (command: MenuCommand) => send(MENU_CHANNEL, command), {
        isMac: process.platform === 'darwin',
        isDev: !app.isPackaged,
        about: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: 'À propos',
            message: `${APP_NAME} ${app.getVersion()}`,
            detail: `Suivi des partenaires « Mon Compte Partenaire ».\nDonnées : ${userData}`,
          }),
      }),
    );

    const icon = path.join(__dirname, '..', '..', 'assets', 'icon.png');
    const win = createMainWindow(BrowserWindow, {
      preload: path.join(__dirname, 'preload.cjs'),
      state: current.get().window,
      workAreas: screen.getAllDisplays().map((d) => d.workArea),
      ...(fs.existsSync(icon) ? { icon } : {}),
    });
    mainWindow = win;
    trackWindowState(win, (state) => current.saveWindowState(state));
    // Closing the window is quitting: give the renderer its before-quit work first.
    win.on('close', (event) => quit.onBeforeQuit(event));
    // Unsaved typing in the renderer holds the close (beforeunload): ask the user, in French.
    guardUnload(win.webContents, (question) => dialog.showMessageBoxSync(win, question));
    // Windows shutdown / log-off emit no before-quit: the backup on quit runs from these instead.
    watchSessionEnd(win, quit);
    showWhenReady(win, current.get().window.maximized, () => {
      if (current.notices.length > 0) {
        void dialog.showMessageBox(win, { type: 'warning', title: 'Paramètres', message: 'Paramètres de l’application', detail: current.notices.join('\n\n') });
      }
    });

    const folders = createFolderStore(fs.promises, (kind) =>
      kind === 'sync' ? current.get().syncFolder : current.get().backups.folder,
    );
    const secrets = createSecretStore(safeStorage, fs, path.join(userData, 'phrase-secrete.bin'), process.platform, log);

    const deps: IpcDeps = {
      isTrustedSender: isAppUrl,
      settings: current,
      folders,
      dialogs: {
        async save({ suggestedName, filters }) {
          const r = await dialog.showSaveDialog(win, { defaultPath: path.join(app.getPath('documents'), suggestedName), filters });
          return r.canceled || !r.filePath ? null : r.filePath;
        },
        async open({ filters }) {
          const r = await dialog.showOpenDialog(win, { properties: ['openFile'], filters });
          return r.canceled ? null : (r.filePaths[0] ?? null);
        },
        async chooseFolder(kind, currentFolder) {
          const r = await dialog.showOpenDialog(win, {
            title: kind === 'sync' ? 'Choisir le dossier de synchronisation' : 'Choisir le dossier des sauvegardes',
            properties: ['openDirectory', 'createDirectory'],
            ...(currentFolder ? { defaultPath: currentFolder } : {}),
          });
          return r.canceled ? null : (r.filePaths[0] ?? null);
        },
      },
      files: {
        write: (file, data) => writeFileAtomic(fs.promises, file, data),
        read: (file) => readFileForIpc(fs.promises, file),
      },
      print: {
        dialog: () =>
          new Promise<boolean>((resolve, reject) => {
            win.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
              if (success || failureReason === 'Print job canceled' || failureReason === 'cancelled') resolve(success);
              else reject(new IpcFailure('io', `L'impression a échoué (${failureReason}).`));
            });
          }),
        // Page size and margins come from the CSS @page rule, as in Playwright's page.pdf() (design.md).
        pdf: async () => new Uint8Array(await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true })),
      },
      secrets,
      setWindowTitle: (title) => win.setTitle(title ? `${title} — ${APP_NAME}` : APP_NAME),
      appInfo: () => ({ version: app.getVersion(), userDataPath: userData, platform: `${process.platform} (Electron ${process.versions.electron})`, machine: os.hostname() }),
      openFiles,
      log,
    };
    registerIpcHandlers(ipcMain, deps, (token) => quit.onRendererDone(token));

    await win.loadURL(`${APP_ORIGIN}/index.html`);
  }).catch((error: unknown) => reportStartupFailure({ showErrorBox: (t, c) => dialog.showErrorBox(t, c), exit: (code) => app.exit(code), log }, APP_NAME, error));
}
