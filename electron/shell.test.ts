// Unit tests of the small main-process modules, with fakes standing in for Electron's objects.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BEFORE_QUIT_CHANNEL, BEFORE_QUIT_DONE_CHANNEL, MENU_CHANNEL, OPEN_FILE_CHANNEL, menuCommands } from '../shared/ipc/contract';
import { createBridge, type IpcRendererLike } from './bridge';
import { menuTemplate } from './menu';
import { findBundleArg } from './openFiles';
import { createQuitCoordinator, watchSessionEnd } from './quit';
import { createSecretStore } from './secrets';
import { FakeWindow as FakeShellWindow, fakeSafeStorage, fakeSessionEndEvent } from './testing/fakes';
import { CONTENT_SECURITY_POLICY, MAX_EXTERNAL_URL, hardenSession, hardenWebContents, isAppUrl, isMailtoUrl, isPermissionAllowed } from './security';
import { createMainWindow, restoreBounds, showWhenReady, trackWindowState } from './window';
import { createAppProtocolHandler } from './protocol';
import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';

describe('menu', () => {
  const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);

  it('is French, with the required accelerators sending menu commands', () => {
    const sent: string[] = [];
    const items = flatten(menuTemplate((c) => sent.push(c), { isMac: false, isDev: false, about: () => undefined }));
    const byAccel = Object.fromEntries(items.filter((i) => i.accelerator && i.click).map((i) => [i.accelerator, i]));
    const expected: Record<string, [string, string]> = {
      'CmdOrCtrl+N': ['Nouveau partenaire', 'nouveau-partenaire'],
      'CmdOrCtrl+F': ['Rechercher', 'rechercher'],
      'CmdOrCtrl+P': ['Imprimer…', 'imprimer'],
      'CmdOrCtrl+E': ['Exporter…', 'exporter'],
      'CmdOrCtrl+I': ['Importer…', 'importer'],
      'CmdOrCtrl+,': ['Paramètres…', 'parametres'],
    };
    for (const [accel, [label, command]] of Object.entries(expected)) {
      const item = byAccel[accel];
      expect(item?.label).toBe(label);
      sent.length = 0;
      // The click signature is Electron's; the template ignores its arguments.
      (item?.click as () => void)();
      expect(sent).toEqual([command]);
    }
    // « Importer un tableur… » has no accelerator (Ctrl+I stays the bundle import) and sends its own command.
    const sheet = items.find((i) => i.label === 'Importer un tableur…');
    sent.length = 0;
    (sheet?.click as () => void)();
    expect(sent).toEqual(['importer-tableur']);
    expect(sheet?.accelerator).toBeUndefined();
    const topLabels = menuTemplate(() => undefined, { isMac: false, isDev: false, about: () => undefined }).map((m) => m.label);
    expect(topLabels).toEqual(['Fichier', 'Édition', 'Affichage', 'Synchronisation', 'Aide']);
    // Every role item has a French label, and developer tools only appear in development.
    expect(items.filter((i) => i.role && !i.label)).toEqual([]);
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(flatten(menuTemplate(() => undefined, { isMac: false, isDev: true, about: () => undefined })).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});

describe('zoom accelerators (AZERTY and numeric keypad)', () => {
  const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
  // Key codes from Electron's accelerator documentation (with the numeric keypad's num0-num9, numadd, numsub…).
  const keyCodes = /^([0-9A-Z]|F([1-9]|1[0-9]|2[0-4])|Plus|Space|Tab|Backspace|Delete|Insert|Return|Enter|Up|Down|Left|Right|Home|End|PageUp|PageDown|Escape|Esc|num[0-9]|numdec|numadd|numsub|nummult|numdiv|[-=,./;'[\]\\`~!@#$%^&*()_|{}:"<>?])$/;
  const modifiers = new Set(['Command', 'Cmd', 'Control', 'Ctrl', 'CommandOrControl', 'CmdOrCtrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super']);
  const isAccelerator = (a: string) => {
    const parts = a === 'CmdOrCtrl+Plus' ? ['CmdOrCtrl', 'Plus'] : a.split(/\+(?!$)/);
    const key = parts.pop() ?? '';
    return parts.every((m) => modifiers.has(m)) && keyCodes.test(key);
  };

  it('zoom in with Ctrl+Plus, Ctrl+= (AZERTY) and the keypad +; out with Ctrl+- and keypad −; reset with Ctrl+0 and keypad 0', () => {
    const items = flatten(menuTemplate(() => undefined, { isMac: false, isDev: false, about: () => undefined }));
    const byRole = (role: string) => items.filter((i) => i.role === role).map((i) => [i.accelerator, i.visible !== false]);
    expect(byRole('zoomIn')).toEqual([['CmdOrCtrl+Plus', true], ['CmdOrCtrl+=', false], ['CmdOrCtrl+numadd', false]]);
    expect(byRole('zoomOut')).toEqual([['CmdOrCtrl+-', true], ['CmdOrCtrl+numsub', false]]);
    expect(byRole('resetZoom')).toEqual([['CmdOrCtrl+0', true], ['CmdOrCtrl+num0', false]]);
    const accelerators = items.flatMap((i) => (typeof i.accelerator === 'string' ? [i.accelerator] : []));
    expect(accelerators.filter((a) => !isAccelerator(a))).toEqual([]);
    // No key combination is bound twice.
    expect(new Set(accelerators).size).toBe(accelerators.length);
    // Hidden items keep a French label (screen readers, menu search).
    expect(items.filter((i) => i.visible === false && !i.label)).toEqual([]);
  });
});

describe('security', () => {
  it('trusts only app://partenaires', () => {
    expect(isAppUrl('app://partenaires/index.html#/partenaires')).toBe(true);
    for (const u of ['app://partenaires.evil/', 'https://partenaires/', 'app://autre/', 'file:///index.html', 'javascript:alert(1)', 'pas une url', '', null, undefined]) {
      expect(isAppUrl(u)).toBe(false);
    }
  });

  it('denies new windows, navigation away and webviews', () => {
    const listeners = new Map<string, (e: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    hardenWebContents({
      setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => (openHandler = h),
      on: (event: string, l: (e: { preventDefault(): void }, url: string) => void) => listeners.set(event, l),
    } as never);
    expect(openHandler?.({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    const navigate = (event: string, url: string) => {
      const e = { preventDefault: vi.fn() };
      listeners.get(event)?.(e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', 'https://example.org/')).toBe(true);
    expect(navigate('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', 'app://partenaires/index.html')).toBe(false);
    expect(navigate('will-attach-webview', '')).toBe(true);
  });

  it('hands mailto: links (and only them) to the mail program, from navigation and window.open alike', async () => {
    const listeners = new Map<string, (e: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const opened: string[] = [];
    const logged: string[] = [];
    hardenWebContents(
      {
        setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => (openHandler = h),
        on: (event: string, l: (e: { preventDefault(): void }, url: string) => void) => listeners.set(event, l),
      } as never,
      (m) => logged.push(m),
      async (url) => void opened.push(url),
    );
    const navigate = (url: string) => {
      const e = { preventDefault: vi.fn() };
      listeners.get('will-navigate')?.(e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    const mail = 'mailto:zoe.payet@ccas-exemple.fr?cc=adj%40ccas-exemple.fr&subject=Relance%20%3A%20revue%20inverse&body=Madame%2C%0D%0A';
    expect(navigate(mail)).toBe(true); // the page stays where it is
    expect(openHandler?.({ url: 'MAILTO:autre@exemple.fr' })).toEqual({ action: 'deny' });
    for (const url of ['file:///C:/Windows/System32/calc.exe', 'smb://attaquant/partage/x.desktop', 'https://exemple.fr/', 'javascript:alert(1)', 'ms-msdt:/id', 'mailto:a@b.fr\r\nBcc:x@y.fr', `mailto:a@b.fr?body=${'x'.repeat(MAX_EXTERNAL_URL)}`]) {
      expect(navigate(url), url).toBe(true);
      expect(openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(opened).toEqual([mail, 'MAILTO:autre@exemple.fr']);
    expect(logged.filter((l) => l.startsWith('Navigation refusée'))).toHaveLength(7);
    // Without an opener (tests, or a build that gives none) a mailto: link is refused like any other.
    const bare = new Map<string, (e: { preventDefault(): void }, url: string) => void>();
    hardenWebContents({ setWindowOpenHandler: () => undefined, on: (event: string, l: (e: { preventDefault(): void }, url: string) => void) => bare.set(event, l) } as never);
    const e = { preventDefault: vi.fn() };
    bare.get('will-navigate')?.(e, mail);
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('isMailtoUrl accepts only a plain mailto: URL', () => {
    expect(isMailtoUrl('mailto:a@b.fr')).toBe(true);
    expect(isMailtoUrl('mailto:?subject=x')).toBe(true);
    for (const u of ['', null, undefined, 'mailto', ' mailto:a@b.fr', 'mailto:a@b.fr\n', 'file:mailto:a@b.fr', 'https://a.fr/?mailto:a@b.fr', 'x'.repeat(10)]) expect(isMailtoUrl(u), String(u)).toBe(false);
  });

  it('Chromium may hand a link to the OS (openExternal permission) only for a mailto: URL asked by the app', () => {
    expect(isPermissionAllowed('openExternal', 'app://partenaires/index.html', { externalURL: 'mailto:a@b.fr?subject=Relance' })).toBe(true);
    expect(isPermissionAllowed('openExternal', 'app://partenaires/index.html', { externalURL: 'file:///etc/passwd' })).toBe(false);
    expect(isPermissionAllowed('openExternal', 'app://partenaires/index.html', {})).toBe(false);
    expect(isPermissionAllowed('openExternal', 'https://evil.example/', { externalURL: 'mailto:a@b.fr' })).toBe(false);
  });

  it('denies every permission except storage persistence and clipboard write for the app itself', () => {
    let request: ((wc: { getURL(): string }, p: string, cb: (g: boolean) => void, details: object) => void) | undefined;
    let check: ((wc: null, p: string, origin: string) => boolean) | undefined;
    hardenSession({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h as typeof check) });
    const ask = (permission: string, url: string, details: object = {}) => {
      let granted: boolean | undefined;
      request?.({ getURL: () => url }, permission, (g) => (granted = g), details);
      return granted;
    };
    expect(ask('media', 'app://partenaires/index.html')).toBe(false);
    expect(ask('geolocation', 'app://partenaires/index.html')).toBe(false);
    expect(ask('openExternal', 'app://partenaires/index.html')).toBe(false);
    expect(ask('openExternal', 'app://partenaires/index.html', { externalURL: 'file:///etc/passwd' })).toBe(false);
    expect(ask('openExternal', 'app://partenaires/index.html', { externalURL: 'mailto:a@b.fr' })).toBe(true);
    expect(ask('persistent-storage', 'app://partenaires/index.html')).toBe(true);
    expect(ask('persistent-storage', 'https://evil.example/')).toBe(false);
    expect(check?.(null, 'notifications', 'app://partenaires')).toBe(false);
    expect(check?.(null, 'clipboard-sanitized-write', 'app://partenaires')).toBe(true);
    expect(isPermissionAllowed('clipboard-read', 'app://partenaires')).toBe(false);
  });

  it('the header CSP is the same policy as the renderer <meta>', () => {
    const html = fs.readFileSync(path.join(__dirname, '..', 'renderer', 'index.html'), 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
  });

  it('the CSP forbids remote and inline scripts, plugins and framing', () => {
    // 'wasm-unsafe-eval' lets WebAssembly compile (the OCR of scanned conventions); JavaScript eval stays forbidden.
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*'unsafe-(eval|inline|hashes)'/);
  });
});

describe('app:// protocol handler', () => {
  const files: Record<string, string> = { '/dist/renderer/index.html': '<html>', '/dist/renderer/assets/app.js': 'console.log(1)' };
  const handler = createAppProtocolHandler('/dist/renderer', async (f) => {
    const body = files[f.replace(/\\/g, '/').replace(/^[A-Z]:/, '')];
    if (body === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return new TextEncoder().encode(body);
  });
  const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

  it('serves the renderer with the CSP header and the right type', async () => {
    const index = await get('app://partenaires/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await index.text()).toBe('<html>');
    const js = await get('app://partenaires/assets/app.js?v=1');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('never serves outside the root, another host, or other methods', async () => {
    expect((await get('app://partenaires/../../etc/passwd')).status).toBe(404);
    expect((await get('app://partenaires/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get('app://partenaires/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    expect((await get('app://autre/index.html')).status).toBe(404);
    expect((await get('app://partenaires/absent.js')).status).toBe(404);
    expect((await get('app://partenaires/index.html', 'POST')).status).toBe(405);
  });
});

describe('window', () => {
  const screenA = { x: 0, y: 0, width: 1920, height: 1040 };
  it('restores the saved place only when it is on a screen', () => {
    expect(restoreBounds({ x: 100, y: 50, width: 1200, height: 800, maximized: false }, [screenA])).toEqual({ x: 100, y: 50, width: 1200, height: 800 });
    // Second screen unplugged: same size, centred by Electron.
    expect(restoreBounds({ x: 2500, y: 50, width: 1200, height: 800, maximized: false }, [screenA])).toEqual({ width: 1200, height: 800 });
    expect(restoreBounds({ width: 3000, height: 2000, maximized: false }, [screenA])).toEqual({ width: 1920, height: 1040 });
  });

  it('creates the window hardened', () => {
    let options: Electron.BrowserWindowConstructorOptions | undefined;
    const maximize = vi.fn();
    class FakeWindow {
      constructor(o: Electron.BrowserWindowConstructorOptions) {
        options = o;
      }
      maximize = maximize;
    }
    createMainWindow(FakeWindow as unknown as typeof BrowserWindow, { preload: '/p.cjs', state: { width: 1000, height: 700, maximized: true }, workAreas: [screenA] });
    expect(options?.webPreferences).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options?.show).toBe(false);
    // maximize() would show the hidden window at once, before its page paints.
    expect(maximize).not.toHaveBeenCalled();
  });

  it('maximizes just before show, when the page is ready, not before', () => {
    for (const maximized of [true, false]) {
      const win = new FakeShellWindow();
      let shown = 0;
      showWhenReady(win, maximized, () => shown++);
      expect(win.calls).toEqual([]);
      win.emit('ready-to-show');
      expect(win.calls).toEqual(maximized ? ['maximize', 'show'] : ['show']);
      expect(shown).toBe(1);
    }
  });

  it('saves bounds after moves settle and on close', () => {
    const listeners = new Map<string, () => void>();
    let bounds = { x: 10, y: 20, width: 1000, height: 700 };
    const saved: unknown[] = [];
    const timers: (() => void)[] = [];
    trackWindowState(
      {
        on: (e: string, l: () => void) => listeners.set(e, l),
        getNormalBounds: () => bounds,
        isMaximized: () => false,
        isMinimized: () => false,
        isDestroyed: () => false,
      },
      (s) => saved.push(s),
      { set: (fn) => timers.push(fn), clear: () => undefined },
    );
    listeners.get('move')?.();
    bounds = { x: 30, y: 40, width: 1100, height: 720 };
    listeners.get('resize')?.();
    expect(saved).toEqual([]);
    timers.at(-1)?.();
    expect(saved).toEqual([{ x: 30, y: 40, width: 1100, height: 720, maximized: false }]);
    listeners.get('close')?.();
    expect(saved).toHaveLength(2);
  });
});

describe('before-quit coordination', () => {
  function setup(hasWindow = true) {
    const sent: string[] = [];
    const quit = vi.fn();
    let fire: (() => void) | undefined;
    const c = createQuitCoordinator({
      timeoutMs: 15_000,
      newToken: () => 'T1',
      requestRenderer: (t) => {
        if (hasWindow) sent.push(t);
        return hasWindow;
      },
      quit,
      setTimer: (fn) => (fire = fn),
      clearTimer: () => (fire = undefined),
    });
    const event = () => ({ preventDefault: vi.fn() });
    return { c, sent, quit, event, timeout: () => fire?.() };
  }

  it('holds the quit until the renderer has finished, then quits once', () => {
    const { c, sent, quit, event } = setup();
    const e1 = event();
    c.onBeforeQuit(e1);
    expect(e1.preventDefault).toHaveBeenCalled();
    expect(sent).toEqual(['T1']);
    const e2 = event();
    c.onBeforeQuit(e2); // the user clicks close again while the backup runs
    expect(e2.preventDefault).toHaveBeenCalled();
    c.onRendererDone('wrong-token');
    expect(quit).not.toHaveBeenCalled();
    c.onRendererDone('T1');
    expect(quit).toHaveBeenCalledTimes(1);
    const e3 = event();
    c.onBeforeQuit(e3);
    expect(e3.preventDefault).not.toHaveBeenCalled();
  });

  it('quits anyway after the timeout, and at once without a window', () => {
    const a = setup();
    a.c.onBeforeQuit(a.event());
    a.timeout();
    expect(a.quit).toHaveBeenCalledTimes(1);
    a.c.onRendererDone('T1');
    expect(a.quit).toHaveBeenCalledTimes(1);
    const b = setup(false);
    const e = b.event();
    b.c.onBeforeQuit(e);
    expect(e.preventDefault).not.toHaveBeenCalled();
  });

  it('Windows shutdown / log-off (no before-quit then): query-session-end delays the end, runs the backup, then quits', () => {
    for (const reasons of [['shutdown'], ['logoff'], ['close-app']] as const) {
      const { c, sent, quit } = setup();
      const win = new FakeShellWindow();
      watchSessionEnd(win, c);
      const query = fakeSessionEndEvent([...reasons]);
      win.emit('query-session-end', query);
      expect(query.defaultPrevented).toBe(true);
      expect(sent).toEqual(['T1']);
      expect(quit).not.toHaveBeenCalled();
      c.onRendererDone('T1');
      expect(quit).toHaveBeenCalledTimes(1);
      // app.quit() then emits before-quit: it goes through, and session-end afterwards asks nothing more.
      const e = { preventDefault: vi.fn() };
      c.onBeforeQuit(e);
      expect(e.preventDefault).not.toHaveBeenCalled();
      win.emit('session-end', fakeSessionEndEvent([...reasons]));
      expect(sent).toEqual(['T1']);
    }
  });

  it('session-end without query-session-end (critical): the backup is still asked for, best effort', () => {
    const { c, sent, quit } = setup();
    const win = new FakeShellWindow();
    watchSessionEnd(win, c);
    win.emit('session-end', fakeSessionEndEvent(['critical']));
    expect(sent).toEqual(['T1']);
    c.onRendererDone('T1');
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('shutdown with no window to ask: the session end is not delayed', () => {
    const { c } = setup(false);
    const query = fakeSessionEndEvent(['shutdown']);
    c.onQuerySessionEnd(query);
    expect(query.defaultPrevented).toBe(false);
  });
});

describe('preload bridge', () => {
  function fakeIpc() {
    const on = new Map<string, Set<(e: unknown, ...a: unknown[]) => void>>();
    const invoked: unknown[][] = [];
    const sent: unknown[][] = [];
    const ipc: IpcRendererLike = {
      invoke: async (channel, ...args) => {
        invoked.push([channel, ...args]);
        return { ok: true, value: null };
      },
      on: (c, l) => on.set(c, (on.get(c) ?? new Set()).add(l)),
      removeListener: (c, l) => on.get(c)?.delete(l),
      send: (...a) => sent.push(a),
    };
    const emit = (c: string, ...a: unknown[]) => on.get(c)?.forEach((l) => l({}, ...a));
    return { ipc, invoked, sent, emit };
  }

  it('validates arguments before sending and refuses unknown channels', async () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc);
    expect(await bridge.invoke('shell:exec', 'rm -rf /')).toEqual({ ok: false, error: { code: 'invalid-arguments', message: 'Canal inconnu : « shell:exec ».' } });
    expect(await bridge.invoke('folder:read', 'sync', '../x')).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await bridge.invoke('settings:update', { userName: 7 })).toEqual({
      ok: false,
      error: { code: 'invalid-arguments', message: "Paramètre refusé — Nom de l'utilisateur : Valeur invalide : un texte est attendu." },
    });
    expect(f.invoked).toEqual([]);
    expect(await bridge.invoke('folder:read', 'sync', 'x.mcpsync')).toEqual({ ok: true, value: null });
    expect(f.invoked).toEqual([['folder:read', 'sync', 'x.mcpsync']]);
  });

  it('forwards only known menu commands and unsubscribes', () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc);
    const got: string[] = [];
    const off = bridge.onMenuCommand((c) => got.push(c));
    f.emit(MENU_CHANNEL, 'parametres');
    f.emit(MENU_CHANNEL, 'formater-disque');
    off();
    f.emit(MENU_CHANNEL, 'importer');
    expect(got).toEqual(['parametres']);
    expect(menuCommands).toContain('importer');
    let pings = 0;
    bridge.onFileOpened(() => pings++);
    f.emit(OPEN_FILE_CHANNEL);
    expect(pings).toBe(1);
  });

  it('runs the before-quit work, then answers with the token', async () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc);
    const order: string[] = [];
    bridge.onBeforeQuit(async () => {
      await new Promise((r) => setTimeout(r, 10));
      order.push('sauvegarde');
    });
    bridge.onBeforeQuit(async () => {
      throw new Error('échec'); // a failing listener must not block the quit
    });
    f.emit(BEFORE_QUIT_CHANNEL, 'T9');
    await vi.waitFor(() => expect(f.sent).toEqual([[BEFORE_QUIT_DONE_CHANNEL, 'T9']]));
    expect(order).toEqual(['sauvegarde']);
  });
});

describe('bundles opened from the OS', () => {
  it('finds the bundle path among Chromium switches', () => {
    expect(findBundleArg(['C:\\Program Files\\Partenaires MCP\\Partenaires MCP.exe', 'E:\\echange\\poste-a.MCPSYNC', '--allow-file-access-from-files'])).toBe('E:\\echange\\poste-a.MCPSYNC');
    expect(findBundleArg(['app.exe', '--flag=x.mcpsync'])).toBeNull();
    expect(findBundleArg(['x.mcpsync'])).toBeNull(); // argv[0] is the executable
  });
});

describe('passphrase storage', () => {
  function fakeFs() {
    const files = new Map<string, Buffer>();
    return {
      files,
      existsSync: (p: string) => files.has(p),
      readFileSync: (p: string) => files.get(p) ?? Buffer.alloc(0),
      writeFileSync: (p: string, d: Uint8Array) => void files.set(p, Buffer.from(d)),
      renameSync: (a: string, b: string) => {
        files.set(b, files.get(a) ?? Buffer.alloc(0));
        files.delete(a);
      },
      rmSync: (p: string) => void files.delete(p),
    };
  }

  it('stores the passphrase encrypted with the asynchronous safeStorage API, never in clear', async () => {
    const fs = fakeFs();
    const dpapi = fakeSafeStorage();
    const s = createSecretStore(dpapi, fs, '/u/phrase.bin', 'win32');
    expect(await s.set('correct horse')).toEqual({ stored: true, encrypted: true });
    expect(fs.files.get('/u/phrase.bin')?.toString()).toBe('async:correct horse');
    expect(await createSecretStore(dpapi, fs, '/u/phrase.bin', 'win32').get()).toBe('correct horse');
    expect(await s.set(null)).toEqual({ stored: false, encrypted: false });
    expect(fs.files.size).toBe(0);
    // Only the asynchronous calls exist on the fake: a synchronous one would have thrown.
    expect(new Set(dpapi.calls)).toEqual(new Set(['isAsyncEncryptionAvailable', 'encryptStringAsync', 'decryptStringAsync']));
  });

  it('reads a passphrase written by the old synchronous encryptString, and re-encrypts it when told to', async () => {
    const fs = fakeFs();
    fs.files.set('/u/phrase.bin', Buffer.from('v10:ancienne phrase'));
    const s = createSecretStore(fakeSafeStorage(), fs, '/u/phrase.bin', 'win32');
    expect(await s.get()).toBe('ancienne phrase');
    expect(fs.files.get('/u/phrase.bin')?.toString()).toBe('async:ancienne phrase');
    expect(await s.get()).toBe('ancienne phrase');
  });

  it('unreadable ciphertext (other Windows account): asks again, the file is left as it was', async () => {
    const fs = fakeFs();
    fs.files.set('/u/phrase.bin', Buffer.from('autre compte'));
    expect(await createSecretStore(fakeSafeStorage(), fs, '/u/phrase.bin', 'win32').get()).toBeNull();
    expect(fs.files.get('/u/phrase.bin')?.toString()).toBe('autre compte');
  });

  it('keeps it for the session only when the OS has no real encryption', async () => {
    const fs = fakeFs();
    const s = createSecretStore(fakeSafeStorage({ backend: 'basic_text' }), fs, '/u/phrase.bin', 'linux');
    expect(await s.set('secret')).toEqual({ stored: false, encrypted: false });
    expect(fs.files.size).toBe(0);
    expect(await s.get()).toBe('secret');
    expect(await createSecretStore(fakeSafeStorage({ available: false }), fs, '/u/phrase.bin', 'win32').set('x')).toEqual({ stored: false, encrypted: false });
  });
});
