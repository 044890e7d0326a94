// `npm start`: build, then launch the Electron app where its runtime exists; otherwise say how to use the
// same UI in a browser and exit non-zero.
//
// The binary is looked for WITHOUT `require('electron')`: since Electron 42 that call downloads the binary on
// first use, which fails (or waits on the network) on machines without internet access. We read the path the
// `electron` package records (node_modules/electron/path.txt + dist/) or ELECTRON_OVERRIDE_DIST_PATH, as the
// package itself does, and only check that the file exists: nothing here can hang.
//
//   node scripts/start.mjs           (download the binary if missing) build + launch
//   node scripts/start.mjs --check   only report whether the runtime is there (exit 0 / 1)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

function findElectronBinary(env = process.env) {
  const pkgDir = path.join(repo, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const candidates = [];
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const names = recorded ? [recorded] : process.platform === 'win32' ? ['electron.exe'] : process.platform === 'darwin' ? ['Electron.app/Contents/MacOS/Electron'] : ['electron'];
    for (const n of names) candidates.push(path.join(env.ELECTRON_OVERRIDE_DIST_PATH, n));
  } else if (recorded) {
    candidates.push(path.join(pkgDir, 'dist', recorded));
  }
  return candidates.find((c) => existsSync(c)) ?? null;
}

let electronPath = findElectronBinary();

// First launch on a connected machine: fetch the binary the way `npx install-electron` does (the package's own
// install.js, with its checksums), unless the machine said not to (ELECTRON_SKIP_BINARY_DOWNLOAD=1, as in CI).
if (!electronPath && !process.argv.includes('--check') && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  const installer = path.join(repo, 'node_modules', 'electron', 'install.js');
  if (existsSync(installer)) {
    console.log('Téléchargement du moteur Electron (premier lancement)…');
    spawnSync(process.execPath, [installer], { stdio: 'inherit', cwd: repo, timeout: 10 * 60_000 });
    electronPath = findElectronBinary();
  }
}

if (!electronPath) {
  console.error(
    "\nLe moteur Electron n'est pas installé sur cette machine (il se télécharge au premier « npm start », ce qui demande un accès à internet).\n" +
      'Utilisez la même application dans un navigateur :\n\n' +
      '    npm run web\n\n' +
      '(elle est alors servie sur http://localhost:4173). Pour installer Electron sur une machine connectée : npx install-electron\n',
  );
  process.exit(1);
}

if (process.argv.includes('--check')) {
  console.log(`Electron : ${electronPath}`);
  process.exit(0);
}

// No shell anywhere (DEP0190, and a checkout under « C:\Users\Jean Dupont\… » must stay one argument): npm's
// own CLI script (npm_execpath, set by `npm start`) and the Electron binary are run directly.
const npmCli = process.env.npm_execpath;
if (!npmCli) {
  console.error('Lancez « npm start » (ce script attend le npm qui le lance).');
  process.exit(1);
}
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', cwd: repo });
const build = run(process.execPath, [npmCli, 'run', 'build']);
if (build.status !== 0) process.exit(build.status ?? 1);
const app = run(electronPath, ['.']);
process.exit(app.status ?? 0);
