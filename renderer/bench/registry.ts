/**
 * In-page benchmark figures. `npm run bench` (bench/run.ts) opens bench.html in Chromium and calls
 * `window.__bench.run(id)` for each figure; each returns one number in its unit. Figure modules register
 * themselves here and are imported from bench/figures.ts.
 *
 * A figure may declare the data set it needs (`dataset`): the runner first calls `__bench.prepare(dataset)`,
 * which loads that generated set into the app's own database (see datasets.ts), then runs every figure of that
 * set. Figures measured from Node rather than in the page (cold start of index.html) say `driver: 'node'`; the
 * runner has their implementation and only takes id, unit and label from here.
 */
export type BenchDataset = 'none' | 'typical' | 'stress';

export interface BenchFigure {
  id: string;
  unit: string;
  /** What the figure means, for the printed table. */
  label: string;
  /** Data set loaded in the app database before the figure runs (default 'none'). */
  dataset?: BenchDataset;
  /** 'page' (default): run() in bench.html. 'node': measured by bench/run.ts itself. */
  driver?: 'page' | 'node';
  run(): Promise<number>;
}

export interface FigureInfo {
  id: string;
  unit: string;
  label: string;
  dataset: BenchDataset;
  driver: 'page' | 'node';
}

export const figures = new Map<string, BenchFigure>();

export function registerFigure(figure: BenchFigure): void {
  figures.set(figure.id, figure);
}

export function describeFigures(): FigureInfo[] {
  return [...figures.values()].map((f) => ({ id: f.id, unit: f.unit, label: f.label, dataset: f.dataset ?? 'none', driver: f.driver ?? 'page' }));
}
