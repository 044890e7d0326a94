import './figures';
import { figures } from './registry';

declare global {
  interface Window {
    __bench: { list(): string[]; run(id: string): Promise<{ id: string; value: number; unit: string }> };
  }
}

window.__bench = {
  list: () => [...figures.keys()],
  async run(id) {
    const f = figures.get(id);
    if (!f) throw new Error(`Mesure inconnue : ${id}`);
    return { id, value: await f.run(), unit: f.unit };
  },
};
document.getElementById('root')!.textContent = 'Banc de mesure prêt';
