// `npm run security`: Electronegativity over the Electron shell, driven through its programmatic API
// (its CLI always exits 0). Fails on any finding that is not justified in electronegativity.json.
//
// What is scanned: electron/*.ts (main, preload and the modules they use; not the unit tests, whose fakes
// would be flagged), renderer/index.html (the CSP <meta>) and package.json (Electron version). They are copied
// to a temporary folder so the scanner sees exactly that, not node_modules or the built bundles.
// Offline: the AvailableSecurityFixesGlobalCheck (it downloads Electron's release list) is excluded, and the
// translation download Electronegativity attempts at start-up is answered locally (English messages).
//
//   node scripts/security-scan.mjs [--root DIR]   (DIR defaults to the repository; tests use a fixture)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? path.resolve(process.argv[rootArg + 1] ?? '.') : repo;
const configFile = path.join(root, 'electronegativity.json');

const require = createRequire(import.meta.url);
const runnerPath = require.resolve('@doyensec/electronegativity');
// Electronegativity fetches translations with `got` before scanning: answer from here, no network.
const gotPath = createRequire(runnerPath).resolve('got');
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(async () => ({ statusCode: 404, body: '' }), { default: async () => ({ statusCode: 404, body: '' }) }) };
const electronegativity = require('@doyensec/electronegativity');
const run = electronegativity.default ?? electronegativity;

/** @type {{ justified: { id: string, file: string, reason: string, sample?: string }[] }} */
const config = JSON.parse(fs.readFileSync(configFile, 'utf8'));
for (const j of config.justified) {
  if (!j.id || !j.file || !j.reason || j.reason.length < 20) throw new Error(`electronegativity.json : justification incomplète pour ${JSON.stringify(j)}`);
}

// Stage the files to scan.
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
const copy = (rel) => {
  const from = path.join(root, rel);
  if (!fs.existsSync(from)) return false;
  fs.mkdirSync(path.dirname(path.join(stage, rel)), { recursive: true });
  fs.copyFileSync(from, path.join(stage, rel));
  return true;
};
let scanned = 0;
for (const name of fs.readdirSync(path.join(root, 'electron'))) {
  if (/\.(ts|js|cjs|mjs)$/.test(name) && !/\.test\.ts$/.test(name) && !name.endsWith('.d.ts')) scanned += copy(`electron/${name}`) ? 1 : 0;
}
copy('renderer/index.html');
copy('package.json');

const started = Date.now();
// Electronegativity logs through winston/console while it loads its checks; keep the output readable.
const originalLog = console.log;
console.log = () => undefined;
let result;
try {
  result = await run({ input: stage, isRelative: true, excludeFromScan: ['AvailableSecurityFixesGlobalCheck'], severitySet: 'informational', confidenceSet: 'tentative' });
} finally {
  console.log = originalLog;
  fs.rmSync(stage, { recursive: true, force: true });
}

const norm = (f) => String(f).replace(/\\/g, '/').replace(/^\.?\//, '');
const unjustified = [];
const used = new Set();
for (const issue of result.issues) {
  const file = norm(issue.file);
  // A justification may pin the finding's sample (e.g. the exact CSP): a changed policy is reviewed again.
  const j = config.justified.findIndex((x) => x.id === issue.id && norm(x.file) === file && (x.sample === undefined || x.sample === issue.sample));
  if (j >= 0) used.add(j);
  else unjustified.push({ ...issue, file });
}
const parseErrors = result.errors.filter((e) => !e.tolerable);

console.log(`Electronegativity : ${scanned} fichiers d'electron/ + renderer/index.html + package.json, ${result.globalChecks + result.atomicChecks} contrôles, ${Date.now() - started} ms.`);
console.log(`${result.issues.length} constat(s), dont ${result.issues.length - unjustified.length} justifié(s) dans electronegativity.json.`);
config.justified.forEach((j, i) => {
  if (!used.has(i)) console.log(`  (justification sans constat, à retirer ? ${j.id} ${j.file})`);
});
for (const e of parseErrors) console.error(`ERREUR d'analyse (fichier non contrôlé) : ${e.file} : ${e.message}`);
for (const i of unjustified) {
  console.error(`NON JUSTIFIÉ  ${i.id}  ${i.file}:${i.location.line}  [${i.severity.name}/${i.confidence.name}]  ${i.description}${i.sample ? `\n    ${String(i.sample).slice(0, 200)}` : ''}`);
}
if (unjustified.length > 0 || parseErrors.length > 0) {
  console.error('\nCorrigez le code, ou justifiez le constat dans electronegativity.json (id + fichier + raison).');
  process.exit(1);
}
console.log('Analyse de sécurité : OK.');
