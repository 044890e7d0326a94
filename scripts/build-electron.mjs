// Build the Electron main process and preload with esbuild (`npm run build:electron`).
//   electron/main.ts    -> dist/electron/main.cjs     (Node/Electron main; electron-store and conf bundled in)
//   electron/preload.ts -> dist/electron/preload.cjs  (sandboxed preload: must be ONE file, only `electron` required)
// `electron` stays external: the runtime provides it.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};

const started = Date.now();
await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' }),
  // Sandboxed preloads cannot require Node modules: everything but `electron` is inlined.
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', platform: 'browser', mainFields: ['module', 'main'], minify: true }),
]);
console.log(`Electron main et preload construits dans dist/electron (${Date.now() - started} ms).`);
