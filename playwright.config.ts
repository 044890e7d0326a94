import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import { chromiumArgs, findChromium } from './scripts/chromium';

function browser(): string {
  try {
    return findChromium();
  } catch (e) {
    // One French message instead of Playwright's stack trace of a config error.
    console.error(`\n${(e as Error).message}\n`);
    process.exit(1);
  }
}

/** CHROMIUM_PATH, Debian's /usr/bin/chromium or Playwright's own download (scripts/chromium.ts). */
export const chromiumLaunch = { executablePath: browser(), args: chromiumArgs };

// The browser runs in Europe/Paris (timezoneId below); Node's own dates in the specs must be the same day, or
// every « today » expectation fails between 22:00/23:00 and midnight UTC. Set before workers are spawned.
process.env.TZ = 'Europe/Paris';

const port = Number(process.env.E2E_PORT ?? 4173);
// Absolute: vite resolves a relative --outDir against its root (renderer/), not the current directory.
const dist = resolve(process.env.E2E_DIST ?? 'dist/renderer');

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1366, height: 850 },
    launchOptions: chromiumLaunch,
    trace: 'off',
  },
  projects: [
    { name: 'chromium', testIgnore: /electron\/.*/ },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts/ },
  ],
  webServer: {
    command: `npx vite preview --outDir ${dist} --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
