// Runs before `npm start`, `npm run web` and `npm test` (their pre-scripts), so that on a fresh clone these
// commands do all the set-up: a Node older than package.json's engines stops here with a French message (not
// with an obscure failure later), and missing dependencies are installed with `npm ci` (the lockfile's exact
// versions). A checkout whose dependencies are there costs only a few file checks.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));

const wanted = /(\d+)\.(\d+)/.exec(pkg.engines?.node ?? '') ?? ['', '0', '0'];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < Number(wanted[1]) || (major === Number(wanted[1]) && minor < Number(wanted[2]))) {
  console.error(
    `\nCe projet demande Node.js ${wanted[1]} (version ${wanted[1]}.${wanted[2]} au moins, voir .nvmrc) ; cette machine a ${process.version}.\n` +
      'Avec nvm : nvm install && nvm use\n' +
      `Sans nvm, depuis le registre npm : npm install --prefix ~/.node${wanted[1]} node@${wanted[1]}\n` +
      `  puis mettez ~/.node${wanted[1]}/node_modules/node/bin en tête du PATH (c'est ce que fait .ci/run).\n`,
  );
  process.exit(1);
}

const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
const modules = path.join(repo, 'node_modules');
const missing = !existsSync(path.join(modules, '.package-lock.json')) || deps.some((d) => !existsSync(path.join(modules, d, 'package.json')));
if (missing) {
  console.log('\nPremière préparation : installation des dépendances (npm ci)…\n');
  // npm_execpath is npm's own CLI script when this runs from an npm script: run it with this Node, without a
  // shell (a checkout path with spaces stays one argument, and Windows' npm.cmd needs no shell).
  const npmCli = process.env.npm_execpath;
  const r = npmCli
    ? spawnSync(process.execPath, [npmCli, 'ci', '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: repo })
    : { status: 1, error: new Error('npm_execpath absent') };
  if (r.status !== 0) {
    console.error("\nL'installation des dépendances a échoué : lancez « npm ci » à la racine du projet et lisez son message.\n");
    process.exit(1);
  }
}
