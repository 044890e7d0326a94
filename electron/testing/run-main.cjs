/* global require, process, __dirname, Request, setTimeout */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS test helper, run by node directly */
// Runs a built main.cjs against fake-electron.cjs, then drives it and prints a JSON report on stdout.
//   node electron/testing/run-main.cjs <main.cjs>
const Module = require('node:module');
const path = require('node:path');
const fakePath = path.join(__dirname, 'fake-electron.cjs');
// FAKE_PLATFORM=win32: run main's Windows-only branches (taskbar id, Local AppData) on this machine.
if (process.env.FAKE_PLATFORM) Object.defineProperty(process, 'platform', { value: process.env.FAKE_PLATFORM });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? fakePath : resolve.call(this, request, ...rest);
};

const fake = require(fakePath) && globalThis.__fake;
const trusted = { senderFrame: { url: 'app://partenaires/index.html' } };
const stranger = { senderFrame: { url: 'https://evil.example/' } };

fake.onLoaded = async () => {
  const report = { calls: fake.calls.map(([name, ...args]) => [name, ...args.map((a) => (a && a.webPreferences ? { webPreferences: a.webPreferences } : a))]) };
  const res = await fake.protocolHandler(new Request('app://partenaires/index.html'));
  report.index = { status: res.status, csp: res.headers.get('content-security-policy'), body: await res.text() };
  report.traversal = (await fake.protocolHandler(new Request('app://partenaires/../../secret.txt'))).status;
  report.channels = [...fake.ipcMain.handlers.keys()].sort();
  report.listeners = [...fake.ipcMain.listeners.keys()].sort();
  report.settingsGet = await fake.ipcMain.handlers.get('settings:get')(trusted);
  report.forbidden = await fake.ipcMain.handlers.get('settings:get')(stranger);
  report.badArgs = await fake.ipcMain.handlers.get('settings:update')(trusted, { userName: 12 });
  report.menu = fake.menu.template.map((m) => m.label);
  let granted;
  fake.permissionRequest({ getURL: () => 'app://partenaires/index.html' }, 'media', (g) => (granted = g));
  report.mediaGranted = granted;
  report.windowOpen = fake.window.webContents.windowOpenHandler({ url: 'https://example.org' });
  // A mailto: link (relance e-mail) goes to the mail program; any other scheme is refused, the page stays.
  const navigation = (url) => {
    const e = { prevented: false, preventDefault() { this.prevented = true; } };
    fake.window.webContents.emit('will-navigate', e, url);
    return e.prevented;
  };
  report.mailto = {
    prevented: navigation('mailto:admin@exemple.fr?subject=Relance'),
    fileRefused: navigation('file:///C:/Windows/System32/calc.exe'),
    windowOpen: fake.window.webContents.windowOpenHandler({ url: 'mailto:autre@exemple.fr' }),
    permission: ['mailto:admin@exemple.fr', 'smb://serveur/partage'].map((externalURL) => {
      let g;
      fake.permissionRequest({ getURL: () => 'app://partenaires/index.html' }, 'openExternal', (x) => (g = x), { externalURL });
      return g;
    }),
  };
  await new Promise((r) => setTimeout(r, 0));
  report.mailto.opened = fake.calls.filter(([n]) => n === 'shell.openExternal').map(([, u]) => u);
  const shownBeforeReady = fake.calls.filter(([n]) => n === 'win.show' || n === 'win.maximize').length;
  fake.window.emit('ready-to-show');
  report.show = { beforeReady: shownBeforeReady, afterReady: fake.calls.filter(([n]) => n === 'win.show').length };
  report.secretSet = await fake.ipcMain.handlers.get('secret:set')(trusted, 'phrase du bureau');
  report.secretGet = await fake.ipcMain.handlers.get('secret:get')(trusted);
  if (process.env.FAKE_SCENARIO === 'session-end') {
    // Windows shutdown: no before-quit; the window's query-session-end must run the renderer's work first.
    const event = { reasons: ['shutdown'], defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    fake.window.emit('query-session-end', event);
    const asked = fake.window.webContents.sent.find(([channel]) => channel === 'app:before-quit');
    report.sessionEnd = { delayed: event.defaultPrevented, asked: Boolean(asked), quitBeforeAnswer: fake.calls.filter(([n]) => n === 'app.quit').length };
    fake.ipcMain.listeners.get('app:before-quit-done')(trusted, asked && asked[1]);
    report.sessionEnd.quitAfterAnswer = fake.calls.filter(([n]) => n === 'app.quit.proceeds').length;
    process.stdout.write(`\n@@REPORT@@${JSON.stringify(report)}\n`);
    process.exit(0);
  }
  // Quit: the renderer is asked first, the app quits when it answers.
  fake.app.quit();
  const ask = fake.window.webContents.sent.find(([channel]) => channel === 'app:before-quit');
  report.quitAsked = Boolean(ask);
  report.quitBeforeAnswer = fake.calls.filter(([n]) => n === 'app.quit.proceeds').length;
  fake.ipcMain.listeners.get('app:before-quit-done')(trusted, ask && ask[1]);
  report.quitAfterAnswer = fake.calls.filter(([n]) => n === 'app.quit.proceeds').length;
  process.stdout.write(`\n@@REPORT@@${JSON.stringify(report)}\n`);
  process.exit(0);
};

if (process.argv[3] === '--preload') {
  require(path.resolve(process.argv[2]));
  void (async () => {
    const refused = await fake.exposed.invoke('folder:read', 'sync', '../x');
    await fake.exposed.invoke('app:info');
    process.stdout.write(`\n@@REPORT@@${JSON.stringify({ calls: fake.calls, refused })}\n`);
    process.exit(0);
  })();
} else {
  require(path.resolve(process.argv[2]));
}
// Start-up failure or second instance: main never loads a page; report what it did.
if (process.env.FAKE_SECOND_INSTANCE === '1' || process.env.FAKE_FAIL_READY === '1') {
  setTimeout(() => {
    process.stdout.write(`\n@@REPORT@@${JSON.stringify({ calls: fake.calls, windows: fake.window ? 1 : 0 })}\n`);
    process.exit(0);
  }, 200);
}
