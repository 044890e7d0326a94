// `npm start`: build, then launch the Electron app where its runtime exists; otherwise say how to use the
// same UI in a browser. The Electron binary is fetched on first use and cannot be downloaded on machines
// without internet access (see README).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });

let electronPath = null;
try {
  // The `electron` package exports the binary path; on first require it may try to download it.
  const candidate = require('electron');
  if (typeof candidate === 'string') {
    const { existsSync } = await import('node:fs');
    if (existsSync(candidate)) electronPath = candidate;
  }
} catch {
  electronPath = null;
}

if (!electronPath) {
  console.error(
    "\nLe moteur Electron n'est pas disponible sur cette machine (son téléchargement a échoué ou a été désactivé).\n" +
      "Utilisez la même interface dans un navigateur :  npm run web\n" +
      "(ou installez Electron avec un accès internet : npx electron --version)\n",
  );
  process.exit(1);
}

const build = run('npm', ['run', 'build']);
if (build.status !== 0) process.exit(build.status ?? 1);
const app = run(electronPath, ['.']);
process.exit(app.status ?? 0);
