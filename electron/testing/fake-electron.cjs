/* global require, module, process, setImmediate, Buffer */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS test helper, run by node directly */
// A stand-in for the `electron` module, to run the BUILT main.cjs under plain Node (the real runtime cannot be
// downloaded here). It records what main does and lets main.smoke.test.ts drive it through `globalThis.__fake`.
const { EventEmitter } = require('node:events');
const path = require('node:path');

const calls = [];
const record = (name, ...args) => calls.push([name, ...args]);
let ready = false;

const app = new EventEmitter();
Object.assign(app, {
  isPackaged: process.env.FAKE_PACKAGED === '1',
  paths: { appData: process.env.FAKE_APPDATA, home: process.env.FAKE_APPDATA, documents: process.env.FAKE_APPDATA, userData: path.join(process.env.FAKE_APPDATA, 'Electron') },
  setName: (n) => record('app.setName', n),
  // Windows only in Electron: absent elsewhere, as there (run-main.cjs sets FAKE_PLATFORM=win32 to get it).
  ...(process.platform === 'win32' ? { setAppUserModelId: (id) => record('app.setAppUserModelId', id, ready) } : {}),
  getName: () => 'Partenaires MCP',
  getVersion: () => '0.1.0',
  getPath: (n) => app.paths[n],
  setPath: (n, p) => {
    record('app.setPath', n, p);
    app.paths[n] = p;
  },
  enableSandbox: () => record('app.enableSandbox', ready),
  requestSingleInstanceLock: (data) => {
    record('app.requestSingleInstanceLock', data);
    return process.env.FAKE_SECOND_INSTANCE !== '1';
  },
  quit: () => {
    record('app.quit');
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    app.emit('before-quit', event);
    if (!event.defaultPrevented) record('app.quit.proceeds');
  },
  exit: (code) => record('app.exit', code),
  whenReady: () =>
    new Promise((resolve) =>
      setImmediate(() => {
        ready = true;
        resolve();
      }),
    ),
});

const protocol = {
  registerSchemesAsPrivileged: (schemes) => record('protocol.registerSchemesAsPrivileged', schemes, ready),
  handle: (scheme, handler) => {
    record('protocol.handle', scheme);
    fake.protocolHandler = handler;
  },
};

const ipcMain = {
  handlers: new Map(),
  listeners: new Map(),
  handle(channel, fn) {
    this.handlers.set(channel, fn);
  },
  on(channel, fn) {
    this.listeners.set(channel, fn);
  },
  removeAllListeners(channel) {
    this.listeners.delete(channel);
  },
};

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.sent = [];
  }
  send(...args) {
    this.sent.push(args);
  }
  isCrashed() {
    return false;
  }
  setWindowOpenHandler(h) {
    this.windowOpenHandler = h;
  }
  print(_options, cb) {
    cb(true, '');
  }
  async printToPDF(options) {
    record('printToPDF', options);
    return Buffer.from('%PDF');
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    record('new BrowserWindow', options);
    this.options = options;
    this.webContents = new WebContents();
    fake.window = this;
    app.emit('web-contents-created', {}, this.webContents);
  }
  maximize() {
    record('win.maximize');
  }
  show() {
    record('win.show');
  }
  focus() {}
  restore() {}
  setTitle(t) {
    this.title = t;
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1280, height: 800 };
  }
  async loadURL(url) {
    record('loadURL', url);
    setImmediate(() => fake.onLoaded?.());
  }
}

const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => {
    fake.menu = menu;
  },
};

const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => (fake.permissionRequest = h),
    setPermissionCheckHandler: (h) => (fake.permissionCheck = h),
  },
};

const fake = { calls, app, ipcMain };
globalThis.__fake = fake;

module.exports = {
  app,
  protocol,
  ipcMain,
  BrowserWindow,
  Menu,
  session,
  dialog: { showErrorBox: (...a) => record('dialog.showErrorBox', ...a), showMessageBoxSync: (...a) => (record('dialog.showMessageBoxSync', ...a), 1), showMessageBox: async () => ({ response: 0 }), showSaveDialog: async () => ({ canceled: true }), showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
  // Electron 45's asynchronous API only: the synchronous calls (deprecated, removed in 46) are absent.
  safeStorage: {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (s) => Buffer.from(`async:${s}`),
    decryptStringAsync: async (b) => ({ result: b.toString().replace(/^async:/, ''), shouldReEncrypt: false }),
    getSelectedStorageBackend: () => 'gnome_libsecret',
  },
  screen: {
    getAllDisplays: () => {
      if (process.env.FAKE_FAIL_READY === '1') throw new Error('Écran introuvable (panne simulée)');
      return [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
    },
  },
  shell: { openPath: async () => '', openExternal: async (url) => void record('shell.openExternal', url) },
  // Preload side.
  contextBridge: {
    exposeInMainWorld: (name, api) => {
      record('contextBridge.exposeInMainWorld', name, Object.keys(api).sort());
      fake.exposed = api;
    },
  },
  ipcRenderer: Object.assign(new EventEmitter(), {
    invoke: async (...args) => {
      record('ipcRenderer.invoke', ...args);
      return { ok: true, value: null };
    },
    send: (...args) => record('ipcRenderer.send', ...args),
  }),
};
