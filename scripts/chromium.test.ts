import { describe, expect, it } from 'vitest';
import { DEBIAN_CHROMIUM, findChromium } from './chromium';

const only = (...present: string[]) => (p: string) => present.includes(p);
const pw = '/root/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';

describe('findChromium: the test browser without hand work', () => {
  it('CHROMIUM_PATH first, even when Debian’s and Playwright’s are there', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/c/chrome' }, only('/opt/c/chrome', DEBIAN_CHROMIUM, pw), pw)).toBe('/opt/c/chrome');
  });

  it('then /usr/bin/chromium, then Playwright’s own download', () => {
    expect(findChromium({}, only(DEBIAN_CHROMIUM, pw), pw)).toBe(DEBIAN_CHROMIUM);
    expect(findChromium({}, only(pw), pw)).toBe(pw);
  });

  it('none there: one French message naming what was tried and how to get one', () => {
    expect(() => findChromium({}, only(), pw)).toThrow(/Aucun navigateur Chromium trouvé pour les tests \(essayés : CHROMIUM_PATH \(non défini\), \/usr\/bin\/chromium, \/root\/\.cache/);
    expect(() => findChromium({}, only(), undefined)).toThrow(/apt-get install chromium[\s\S]*npx playwright install chromium[\s\S]*CHROMIUM_PATH=/);
  });

  it('a CHROMIUM_PATH that does not exist is an error, not a silent fallback', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nulle/part' }, only(DEBIAN_CHROMIUM), pw)).toThrow('CHROMIUM_PATH=/nulle/part (fichier absent)');
  });
});
