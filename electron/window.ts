/**
 * The main window: created hardened, at the size and place it had last time (if that place is still on a
 * screen), and its bounds saved when they change.
 */
import type { Rectangle } from 'electron';
import type { Settings } from '../shared/settings/schema';

export type WindowState = Settings['window'];

/**
 * Keep the saved position only if the window's title bar would be visible on one of the current displays
 * (a laptop unplugged from its second screen must not open the app off-screen); shrink to the display.
 */
export function restoreBounds(state: WindowState, workAreas: Rectangle[]): { x?: number; y?: number; width: number; height: number } {
  const biggest = workAreas.reduce<Rectangle | undefined>((a, b) => (!a || b.width * b.height > a.width * a.height ? b : a), undefined);
  const width = biggest ? Math.min(state.width, biggest.width) : state.width;
  const height = biggest ? Math.min(state.height, biggest.height) : state.height;
  if (state.x === undefined || state.y === undefined) return { width, height };
  const { x, y } = state;
  const titleBarVisible = workAreas.some((a) => x + 100 > a.x && x + 100 < a.x + a.width && y >= a.y && y + 30 < a.y + a.height);
  return titleBarVisible ? { x, y, width, height } : { width, height };
}

export interface CreateWindowOptions {
  preload: string;
  state: WindowState;
  workAreas: Rectangle[];
  icon?: string;
}

// The constructor parameter is named `BrowserWindow` on purpose: Electronegativity only inspects
// `new BrowserWindow({...})` by name, and reads webPreferences from this inline literal (it cannot follow variables).
export function createMainWindow(BrowserWindow: typeof Electron.BrowserWindow, options: CreateWindowOptions): Electron.BrowserWindow {
  const bounds = restoreBounds(options.state, options.workAreas);
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Partenaires MCP',
    backgroundColor: '#f4f6f8',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  // Not maximized here: on a `show: false` window, maximize() also shows it, before the page has painted (an
  // empty window flashes). showWhenReady maximizes just before show().
  return win;
}

/** Show the window once its page has painted (`ready-to-show`), maximized first if it was last time. */
export function showWhenReady(win: { once(event: 'ready-to-show', listener: () => void): unknown; maximize(): void; show(): void }, maximized: boolean, shown?: () => void): void {
  win.once('ready-to-show', () => {
    if (maximized) win.maximize();
    win.show();
    shown?.();
  });
}

interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isDestroyed(): boolean;
}

/** Save bounds after moves settle (debounced) and at once when the window closes. */
export function trackWindowState(
  win: TrackedWindow,
  save: (state: WindowState) => void,
  timers: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void } = {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
  debounceMs = 500,
): void {
  let pending: unknown;
  const snapshot = () => {
    if (win.isDestroyed() || win.isMinimized()) return;
    const b = win.getNormalBounds();
    save({ x: b.x, y: b.y, width: Math.max(640, b.width), height: Math.max(480, b.height), maximized: win.isMaximized() });
  };
  const later = () => {
    if (pending !== undefined) timers.clear(pending);
    pending = timers.set(() => {
      pending = undefined;
      snapshot();
    }, debounceMs);
  };
  for (const e of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(e, later);
  win.on('close', () => {
    if (pending !== undefined) timers.clear(pending);
    pending = undefined;
    snapshot();
  });
}
