/**
 * Escalation figures (issue 4):
 * - `calendar.due_per_s`: deadlines computed per second (dueAt over a mix of units, territories and start
 *   times, 2017–2035), the pure cost behind every due time shown.
 * - `escalation.overdue_refresh_ms.stress`: what the window title and the dashboard card redo when a follow-up,
 *   chain, partner or Caf changes, on the stress set — read the open follow-ups and what they cite from Dexie,
 *   then compute every request's state (median of 5 runs).
 * - `escalation.overdue_compute_ms.stress`: what they redo every minute (the data stays cached by the live
 *   query; only the states are recomputed for the new time), median of 5.
 */
import { territories } from '../../../shared/domain/common';
import { dueAt, type DelayUnit } from '../../../shared/calendar';
import { computeRows, readEscalationData } from '../../features/escalation/data';
import { prepareDatabase } from '../datasets';
import { registerFigure } from '../registry';

const units: DelayUnit[] = ['hours', 'calendar-days', 'working-days'];

registerFigure({
  id: 'calendar.due_per_s',
  unit: 'calculs/s',
  label: 'Échéances calculées par seconde (heures, jours calendaires, jours ouvrés ; 7 territoires ; 2017–2035)',
  async run() {
    const inputs = Array.from({ length: 20_000 }, (_, i) => ({
      start: new Date(2017 + (i % 19), (i * 7) % 12, 1 + ((i * 13) % 28), (i * 5) % 24, (i * 11) % 60),
      delay: { value: 1 + ((i * 3) % 60), unit: units[i % 3]! },
      hours: { territory: territories[i % territories.length]!, opens: '08:00', closes: '16:00' },
    }));
    for (const x of inputs.slice(0, 2_000)) dueAt(x.start, x.delay, x.hours); // warm-up (JIT, holiday cache)
    const t0 = performance.now();
    let sink = 0;
    for (const x of inputs) sink += dueAt(x.start, x.delay, x.hours).getTime() & 1;
    const ms = performance.now() - t0;
    if (sink < 0) throw new Error('impossible');
    return Math.round(inputs.length / (ms / 1000));
  },
});

registerFigure({
  id: 'escalation.overdue_refresh_ms.stress',
  unit: 'ms',
  label: 'Relances en retard après une modification : lecture Dexie et calcul de toutes les échéances, jeu stress (médiane de 5)',
  dataset: 'stress',
  async run() {
    const { db } = await prepareDatabase('stress');
    const now = new Date();
    const times: number[] = [];
    let open = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const rows = computeRows(await readEscalationData(db), 'metropole', now);
      open = rows.filter((r) => r.fu.status === 'ouverte' && r.state.overdue).length;
      times.push(performance.now() - t0);
    }
    if (open === 0) throw new Error('Aucune relance en retard dans le jeu stress : jeu vide ?');
    times.sort((a, b) => a - b);
    return Math.round(times[2]! * 10) / 10;
  },
});

registerFigure({
  id: 'escalation.overdue_compute_ms.stress',
  unit: 'ms',
  label: 'Relances en retard, rafraîchissement de chaque minute : calcul seul des échéances, jeu stress (médiane de 5)',
  dataset: 'stress',
  async run() {
    const { db } = await prepareDatabase('stress');
    const data = await readEscalationData(db);
    if (data.followUps.length === 0) throw new Error('Aucune relance ouverte dans le jeu stress : jeu vide ?');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      computeRows(data, 'metropole', new Date(Date.now() + i * 60_000));
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return Math.round(times[2]! * 10) / 10;
  },
});
