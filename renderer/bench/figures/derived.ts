/**
 * Figures of start-up in constant time (issue 16):
 *
 * - `db.read_all_ms.stress`: raw Dexie `toArray()` of every replicated table of the stress set — what the
 *   start-up of the first releases paid before showing anything; compare `dashboard.load_ms.stress` and the
 *   cold loads to it. Median of 3.
 * - `app.input_latency_p95_ms.during_catchup`: the snapshot is written, then 5,000 habilitations change (a
 *   bulk load, as an import would write them); a new derived-state worker starts and catches up while a
 *   controlled React input on the page receives a key press every 30 ms; each sample is the time from the key
 *   event to the frame after React rendered it (requestAnimationFrame, then a message: after paint). p95.
 */
import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { syncedTableNames } from '../../../shared/domain/tables';
import { emptyDataset } from '../../../shared/demo/dataset';
import { loadDataset } from '../../db/loadDataset';
import { derivedFor } from '../../derived/client';
import { benchDataset, prepareDatabase } from '../datasets';
import { readyDerived } from './records';
import { registerFigure } from '../registry';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)]!;

registerFigure({
  id: 'db.read_all_ms.stress',
  unit: 'ms',
  label: 'Lecture brute Dexie de toutes les tables du jeu stress (ce que payait l’ancien démarrage ; médiane de 3)',
  dataset: 'stress',
  async run() {
    const { db } = await prepareDatabase('stress');
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      let n = 0;
      for (const t of syncedTableNames) n += (await db.table(t).toArray()).length;
      times.push(performance.now() - t0);
      if (n < 200_000) throw new Error(`Jeu stress incomplet (${n} enregistrements)`);
    }
    return median(times);
  },
});

function nextPaint(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve();
      ch.port2.postMessage(null);
    }),
  );
}

registerFigure({
  id: 'app.input_latency_p95_ms.during_catchup',
  unit: 'ms',
  label: 'Frappe → affichage (p95) pendant que l’état dérivé rattrape 5 000 modifications (worker, jeu stress)',
  dataset: 'stress',
  async run() {
    const { db, store } = await prepareDatabase('stress');
    await (await readyDerived(db)).dispose();
    // 5,000 changed habilitations, stamped now: the next start has them to catch up.
    const d = emptyDataset();
    d.habilitations.push(...benchDataset('stress').habilitations.slice(0, 5000).map((h) => ({ ...h, function: `${h.function} (modifiée)` })));
    await loadDataset(store, d, { action: 'Mesure : 5 000 modifications' });

    const host = document.createElement('div');
    document.body.appendChild(host);
    const root = createRoot(host);
    let setText: (s: string) => void = () => {};
    function Field() {
      const [text, set] = useState('');
      setText = set;
      return createElement('input', { 'aria-label': 'Saisie de mesure', value: text, onChange: (e: { target: { value: string } }) => set(e.target.value) });
    }
    root.render(createElement(Field));
    await nextPaint();
    const input = host.querySelector('input')!;
    const valueSetter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const samples: number[] = [];
    const client = derivedFor(db, 'bench');
    try {
      let text = '';
      let done = false;
      const started = performance.now();
      const finished = (async () => {
        while ((await client.api.info()).status !== 'à jour' || (await client.api.search('', 1)) === null) await new Promise((r) => setTimeout(r, 20));
        done = true;
      })();
      while (!done || samples.length < 20) {
        if (performance.now() - started > 10 * 60_000) throw new Error('Le rattrapage n’a pas fini');
        text = text.length > 30 ? 'a' : `${text}a`;
        const t0 = performance.now();
        valueSetter.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await nextPaint();
        samples.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 30));
      }
      await finished;
      const info = await client.api.info();
      if (info.lastStart?.from !== 'instantané' || info.lastStart.caughtUp < 5000) throw new Error(`Pas de rattrapage mesuré : ${JSON.stringify(info.lastStart)}`);
    } finally {
      setText('');
      root.unmount();
      host.remove();
      await client.dispose();
    }
    return p95(samples);
  },
});
