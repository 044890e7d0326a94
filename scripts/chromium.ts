// The Chromium that the e2e tests (playwright.config.ts), the bench and the forms-PDF script drive, found
// without hand work: CHROMIUM_PATH, then Debian's /usr/bin/chromium, then Playwright's own browser where
// `npx playwright install chromium` could download it. None there: one French message saying how to get one.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Flags for every headless run here (root in CI needs --no-sandbox; no GPU, no background traffic). */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function playwrightBrowser(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined; // a platform Playwright has no build for
  }
}

export function noChromiumMessage(tried: readonly string[]): string {
  return (
    `Aucun navigateur Chromium trouvé pour les tests (essayés : ${tried.join(', ')}).\n` +
    'Installez-en un au choix :\n' +
    '  - Debian/Ubuntu : sudo apt-get install chromium   (c’est ce que fait .ci/run)\n' +
    '  - là où le téléchargement est possible : npx playwright install chromium\n' +
    '  - ou indiquez un Chromium déjà présent : CHROMIUM_PATH=/chemin/vers/chromium npm test'
  );
}

/** Path of the browser to launch; throws an Error with the French message when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync, playwrightPath: string | undefined = playwrightBrowser()): string {
  if (env.CHROMIUM_PATH) {
    if (exists(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(noChromiumMessage([`CHROMIUM_PATH=${env.CHROMIUM_PATH} (fichier absent)`]));
  }
  const tried = [DEBIAN_CHROMIUM, ...(playwrightPath ? [playwrightPath] : [])];
  const found = tried.find((p) => exists(p));
  if (found) return found;
  throw new Error(noChromiumMessage(['CHROMIUM_PATH (non défini)', ...tried]));
}
