// `npm start`: build, then launch the Electron app where its runtime exists; otherwise say how to use the
// same UI in a browser and exit non-zero.
//
// The binary is looked for WITHOUT `require('electron')`: since Electron 42 that call downloads the binary on
// first use, which fails (or waits on the network) on machines without internet access. We read the path the
// `electron` package records (node_modules/electron/path.txt + dist/) or ELECTRON_OVERRIDE_DIST_PATH, as the
// package itself does, and only check that the file exists: nothing here can hang.
//
//   node scripts/start.mjs           build + launch
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

const electronPath = findElectronBinary();

if (!electronPath) {
  console.error(
    "\nLe moteur Electron n'est pas installé sur cette machine (il se télécharge au premier usage, ce qui demande un accès à internet).\n" +
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

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', cwd: repo, shell: process.platform === 'win32' });
const build = run('npm', ['run', 'build']);
if (build.status !== 0) process.exit(build.status ?? 1);
const app = run(electronPath, ['.']);
process.exit(app.status ?? 0);
