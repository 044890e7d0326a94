/**
 * In-page benchmark figures. `npm run bench` (bench/run.ts) opens bench.html in Chromium and calls
 * `window.__bench.run(id)` for each figure; each returns one number in its unit. Figure modules register
 * themselves here and are imported from bench/figures.ts.
 */
export interface BenchFigure {
  id: string;
  unit: string;
  /** What the figure means, for the printed table. */
  label: string;
  run(): Promise<number>;
}

export const figures = new Map<string, BenchFigure>();

export function registerFigure(figure: BenchFigure): void {
  figures.set(figure.id, figure);
}
