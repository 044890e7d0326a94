// Build the Electron main process and preload with esbuild (`npm run build:electron`).
//   electron/main.ts    -> dist/electron/main.cjs     (Node/Electron main; electron-store and conf bundled in)
//   electron/preload.ts -> dist/electron/preload.cjs  (sandboxed preload: must be ONE file, only `electron` required)
// `electron` stays external: the runtime provides it.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// --outdir DIR: build elsewhere (electron/main.smoke.test.ts runs the bundle against a fake Electron).
const outArg = process.argv.indexOf('--outdir');
const outdir = outArg > 0 ? process.argv[outArg + 1] : 'dist/electron';
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
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: `${outdir}/main.cjs` }),
  // Sandboxed preloads cannot require Node modules: everything but `electron` is inlined.
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: `${outdir}/preload.cjs`, platform: 'browser', mainFields: ['module', 'main'], minify: true }),
]);
console.log(`Electron main et preload construits dans ${outdir} (${Date.now() - started} ms).`);
