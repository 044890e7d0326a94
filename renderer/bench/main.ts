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
    try {
      return { id, value: await f.run(), unit: f.unit };
    } catch (e) {
      // Say what failed in full: a minified build's error may carry only a short name, and a thrown non-Error no
      // message at all.
      const detail = e instanceof Error ? `${e.name}: ${e.message} ${e.stack ?? ''}` : `valeur levée : ${String(e)} ${JSON.stringify(e)}`;
      throw new Error(detail.replace(/\s+/g, ' ').slice(0, 1_000), { cause: e });
    }
  },
  async prepare(dataset) {
    if (dataset === 'none') return { loadMs: 0 };
    const { loadMs } = await prepareDatabase(dataset);
    return { loadMs };
  },
  release: releaseDatabases,
};
document.getElementById('root')!.textContent = 'Banc de mesure prêt';
