/**
 * Foundation figures (issue 2):
 * - `db.bulkput_rows_per_s.stress`: raw Dexie bulkPut of the stress set's CRDT records (≈ 220,000 rows) into an
 *   empty database, one call per table; the baseline for every later write figure (see `bulkPutBaseline`).
 * - `app.cold_load_ms.typical` / `.stress`: measured from Node by bench/run.ts (index.html opened on a database
 *   already holding the set, until the first screen has rendered its data: `body[data-ready]`, `readyAt`).
 * - `app.js_kb_before_first_screen`: minified JS fetched before that first screen is ready (typical set), from Node.
 * - `app.first_paint_ms.empty`: a fresh profile (empty base) until the first-run dialog is painted, from Node.
 */
import { bulkPutBaseline } from '../datasets';
import { registerFigure } from '../registry';

registerFigure({
  id: 'db.bulkput_rows_per_s.stress',
  unit: 'rows/s',
  label: 'Écriture brute Dexie bulkPut du jeu stress (référence des autres mesures d’écriture)',
  run: () => bulkPutBaseline(),
});

for (const scale of ['typical', 'stress'] as const) {
  registerFigure({
    id: `app.cold_load_ms.${scale}`,
    unit: 'ms',
    label: `Démarrage à froid jusqu'au tableau de bord affiché avec ses données (jeu ${scale === 'typical' ? 'typique' : 'stress'}, médiane de 3)`,
    dataset: scale,
    driver: 'node',
    run: () => Promise.reject(new Error('Mesure faite depuis Node par bench/run.ts')),
  });
}

registerFigure({
  id: 'app.js_kb_before_first_screen',
  unit: 'KB',
  label: 'JavaScript minifié chargé avant que le tableau de bord soit affiché avec ses données (jeu typique, médiane de 3)',
  dataset: 'typical',
  driver: 'node',
  run: () => Promise.reject(new Error('Mesure faite depuis Node par bench/run.ts')),
});

registerFigure({
  id: 'app.first_paint_ms.empty',
  unit: 'ms',
  label: 'Base vide : démarrage jusqu’au dialogue de premier démarrage affiché (médiane de 3)',
  driver: 'node',
  run: () => Promise.reject(new Error('Mesure faite depuis Node par bench/run.ts')),
});

registerFigure({
  id: 'app.cold_load_ratio.stress_to_typical',
  unit: 'ratio',
  label: 'Démarrage à froid stress ÷ typique (mêmes mesures que ci-dessus : le coût du démarrage selon la taille de la base)',
  dataset: 'stress',
  driver: 'node',
  run: () => Promise.reject(new Error('Mesure faite depuis Node par bench/run.ts')),
});

registerFigure({
  id: 'app.heap_mb.stress',
  unit: 'Mo',
  label: 'Tas JavaScript de la page après le démarrage sur le jeu stress (CDP Runtime.getHeapUsage après ramasse-miettes ; hors worker)',
  dataset: 'stress',
  driver: 'node',
  run: () => Promise.reject(new Error('Mesure faite depuis Node par bench/run.ts')),
});
