/**
 * Node side of `report.pdf_ms.habilitations_typical` (registered in renderer/bench/figures/reports.ts with
 * driver 'node'): the habilitations report of the typical set (300 partners, every Caf) rendered on the
 * print-only route `#/rapports/rendu` and printed with Page.printToPDF (what Electron's printToPDF calls).
 * The records are handed to the page once, outside the timing. Median of 3 runs after one warm-up.
 */
import type { BrowserContext } from 'playwright-core';
import { generateDataset, REFERENCE_DATE } from '../shared/demo/generator';

const RUNS = 3;

type Hooks = {
  __reportsData(json: string): void;
  __reportsRender(id: string, filters: object, clock: { today: string; now: string }, cafName?: string): Promise<{ rows: number }>;
};

export async function measureHabilitationsReportPdf(context: BrowserContext, base: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(`${base}/index.html#/rapports/rendu`);
    await page.waitForSelector('body[data-reports-render-ready="1"]', { state: 'attached', timeout: 120_000 });
    await page.evaluate((json) => (window as unknown as Hooks).__reportsData(json), JSON.stringify({ ...generateDataset('typical'), issuedForms: [] }));
    const clock = { today: REFERENCE_DATE, now: `${REFERENCE_DATE}T10:00:00` };
    const once = async () => {
      const t0 = performance.now();
      const { rows } = await page.evaluate((c) => (window as unknown as Hooks).__reportsRender('habilitations', {}, c, 'Caf'), clock);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const ms = performance.now() - t0;
      if (rows < 300 || pdf.byteLength < 20_000) throw new Error(`rapport trop court : ${rows} lignes, ${pdf.byteLength} octets`);
      return ms;
    };
    await once(); // warm-up: fonts, first layout
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await once());
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
  } finally {
    await page.close();
  }
}
