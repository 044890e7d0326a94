import './figures';
import { describeFigures, figures, type BenchDataset, type FigureInfo } from './registry';
import { prepareDatabase, releaseDatabases } from './datasets';

declare global {
  interface Window {
    __bench: {
      list(): string[];
      describe(): FigureInfo[];
      run(id: string): Promise<{ id: string; value: number; unit: string }>;
      /** Load a generated set into the app database (index.html sees it); returns how long loading took. */
      prepare(dataset: BenchDataset): Promise<{ loadMs: number }>;
      /** Close this page's database connections. */
      release(): void;
    };
  }
}

window.__bench = {
  list: () => [...figures.keys()],
  describe: describeFigures,
  async run(id) {
    const f = figures.get(id);
    if (!f) throw new Error(`Mesure inconnue : ${id}`);
    return { id, value: await f.run(), unit: f.unit };
  },
  async prepare(dataset) {
    if (dataset === 'none') return { loadMs: 0 };
    const { loadMs } = await prepareDatabase(dataset);
    return { loadMs };
  },
  release: releaseDatabases,
};
document.getElementById('root')!.textContent = 'Banc de mesure prêt';
