/**
 * Partner list figures (issue 3, « the partner list scrolls smoothly » with the stress set of 5,000 partners):
 *
 * - `partners.list_ms.stress`: the real `PartnersPage`, inside the app's providers, rendered into a fresh root;
 *   timed from `render()` until its first rows are in the DOM and painted. Median of 5 after one warm-up.
 * - `contacts.list_ms.stress`: the same for the real `ContactsPage` (30,000 contacts).
 * - `partners.scroll_frame_ms.stress`: on that page, the list is scrolled continuously, 400 px (10 rows) per
 *   animation frame over 150 frames; the figure is the 95th percentile of the intervals between frames. About
 *   16.7 ms means the list keeps up with a 60 Hz display while scrolling fast.
 * - `partners.list_filtered_ms.stress` / `contacts.list_filtered_ms.stress`: the same with a filter that no
 *   index holds (convention « En vigueur »; current role « Administrateur principal »), sorted by name;
 *   `partners.list_sorted_ms.stress`: no filter, sorted by type.
 * - `lists.join_ms.<how>.stress`: the reads behind a first page, without rendering: the conventions of the
 *   first 100 partners in name order and the habilitations of the first 8 partners (the Habilitations list's
 *   first batch), read as `equals` (one getAll per partner in one transaction), `anyOf` (one cursor) or
 *   `separate` (one getAll per partner, each in its own transaction); median of 9 after a warm-up.
 * - `partners.idle_frame_ms.stress`: the same measure with the list mounted but not scrolled: what this machine
 *   (shared, noisy) gives without any work of ours, to read the scroll figure against.
 */
import { createElement } from 'react';
import type { Services } from '../../app/services';
import { benchServices, mountPage, type MountedPage } from '../mountPage';
import { PartnersPage } from '../../features/partners/PartnersPage';
import { ContactsPage } from '../../features/contacts/ContactsPage';
import { prepareDatabase } from '../datasets';
import Dexie from 'dexie';
import { rowsOfEach } from '../../db/paging';
import { registerFigure } from '../registry';

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function services(): Promise<Services> {
  const { db, store } = await prepareDatabase('stress');
  return benchServices(db, store);
}

/**
 * Renders a list page; resolves once its rows are painted. Filters are kept in sessionStorage: start from none,
 * or from `filters`.
 */
function renderList(s: Services, page: 'partners' | 'contacts' = 'partners', filters?: object): Promise<MountedPage> {
  const key = page === 'partners' ? 'partenaires.filtres' : 'interlocuteurs.filtres';
  if (filters) sessionStorage.setItem(key, JSON.stringify(filters));
  else sessionStorage.removeItem(key);
  // Rows with content: rows not read yet show « Chargement… » (paged lists).
  const painted = (host: HTMLElement) => [...host.querySelectorAll('[role="row"][aria-rowindex]')].filter((r) => !r.textContent?.includes('Chargement')).length > 10;
  return mountPage(s, createElement(page === 'partners' ? PartnersPage : ContactsPage), painted, {
    timeoutMs: 20_000,
    what: page === 'partners' ? 'La liste des partenaires' : 'La liste des interlocuteurs',
  });
}

async function medianOfOpens(page: 'partners' | 'contacts', filters?: object): Promise<number> {
  const s = await services();
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const { ms, unmount } = await renderList(s, page, filters);
    if (i > 0) times.push(ms); // the first open compiles the code paths
    unmount();
  }
  return median(times);
}

/** p95 of the intervals between `count` animation frames; `onFrame` runs at each. */
async function frameIntervalsP95(count: number, onFrame: () => void): Promise<number> {
  await frame();
  const stamps: number[] = [];
  await new Promise<void>((resolve) => {
    const step = (t: number) => {
      stamps.push(t);
      onFrame();
      if (stamps.length > count) resolve();
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  const intervals = stamps
    .slice(1)
    .map((t, i) => t - stamps[i]!)
    .slice(5); // the first frames still carry the start-up work
  const sorted = intervals.sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1]!;
}

async function withMountedList<T>(body: (scroller: HTMLElement) => Promise<T>): Promise<T> {
  const s = await services();
  const { host, unmount } = await renderList(s);
  try {
    const scroller = host.querySelector<HTMLElement>('[data-testid="virtual-scroll"]');
    if (!scroller) throw new Error('Zone de défilement introuvable');
    const rows = Number(host.querySelector('[role="table"]')?.getAttribute('aria-rowcount') ?? 0) - 1;
    if (rows < 4000) throw new Error(`Seulement ${rows} partenaires affichés : jeu stress absent ?`);
    return await body(scroller);
  } finally {
    unmount();
  }
}

registerFigure({
  id: 'partners.list_ms.stress',
  unit: 'ms',
  label: 'Liste des partenaires : affichage des premières lignes sur 5 000 partenaires (jeu stress, médiane de 5)',
  dataset: 'stress',
  run: () => medianOfOpens('partners'),
});

registerFigure({
  id: 'contacts.list_ms.stress',
  unit: 'ms',
  label: 'Liste des interlocuteurs : affichage des premières lignes sur 30 000 interlocuteurs (jeu stress, médiane de 5)',
  dataset: 'stress',
  run: () => medianOfOpens('contacts'),
});

registerFigure({
  id: 'partners.list_filtered_ms.stress',
  unit: 'ms',
  label: 'Liste des partenaires filtrée sur « En vigueur » (statut du jour, sans index) : premières lignes (jeu stress, médiane de 5)',
  dataset: 'stress',
  run: () => medianOfOpens('partners', { status: 'en-vigueur' }),
});

registerFigure({
  id: 'partners.list_sorted_ms.stress',
  unit: 'ms',
  label: 'Liste des partenaires triée par type : premières lignes (jeu stress, médiane de 5)',
  dataset: 'stress',
  run: () => medianOfOpens('partners', { sort: { column: 'kind', direction: 'asc' } }),
});

registerFigure({
  id: 'contacts.list_filtered_ms.stress',
  unit: 'ms',
  label: 'Liste des interlocuteurs filtrée sur le rôle « Administrateur principal » (rôle du jour, sans index) : premières lignes (jeu stress, médiane de 5)',
  dataset: 'stress',
  run: () => medianOfOpens('contacts', { role: 'administrateur' }),
});

for (const how of ['equals', 'anyOf', 'separate'] as const) {
  registerFigure({
    id: `lists.join_ms.${how}.stress`,
    unit: 'ms',
    label: `Lectures d'une première page : conventions de 100 partenaires + habilitations de 8 partenaires, lues par ${how} (jeu stress, médiane de 9)`,
    dataset: 'stress',
    async run() {
      const { db } = await prepareDatabase('stress');
      const ids = await db.partners.where('[_deleted+_k.a+_k.o+id]').between([0, '0'], [0, '0', Dexie.maxKey]).limit(100).primaryKeys();
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        const t0 = performance.now();
        await Promise.all([rowsOfEach(db.conventions, 'partnerId', ids, how), rowsOfEach(db.habilitations, 'partnerId', ids.slice(0, 8), how)]);
        if (i > 0) times.push(performance.now() - t0);
      }
      return median(times);
    },
  });
}

registerFigure({
  id: 'partners.idle_frame_ms.stress',
  unit: 'ms',
  label: 'Liste des partenaires : p95 de l’intervalle entre images sans défilement (référence de la machine)',
  dataset: 'stress',
  run: () => withMountedList(() => frameIntervalsP95(150, () => undefined)),
});

registerFigure({
  id: 'partners.scroll_frame_ms.stress',
  unit: 'ms',
  label: 'Liste des partenaires : p95 de l’intervalle entre images en défilement rapide, 10 lignes par image (jeu stress)',
  dataset: 'stress',
  run: () =>
    withMountedList((scroller) =>
      frameIntervalsP95(150, () => {
        scroller.scrollTop += 400;
      }),
    ),
});

/**
 * Reference for the scroll figure: the same fast scroll over 5,000 plain DOM rows of text (no React, nothing
 * rendered on scroll), i.e. what scrolling and painting alone cost in this Chromium on this machine.
 */
registerFigure({
  id: 'partners.plain_scroll_frame_ms.stress',
  unit: 'ms',
  label: 'Référence : même défilement sur 5 000 lignes HTML statiques (coût du seul affichage)',
  async run() {
    const host = document.createElement('div');
    host.style.cssText = 'position:absolute;left:0;top:0;width:1100px;height:520px;overflow:auto;font:14px sans-serif;';
    const rows: string[] = [];
    for (let i = 0; i < 5000; i++) rows.push(`<div style="height:40px;display:flex;gap:16px;align-items:center;border-bottom:1px solid #ddd"><span style="width:300px">Commune numéro ${i}</span><span>Commune</span><span>Saint-Denis</span><span>112/2017</span><span>En vigueur</span><span>Délégué</span><span>01/04/2027</span></div>`);
    host.innerHTML = rows.join('');
    document.body.appendChild(host);
    try {
      return await frameIntervalsP95(150, () => {
        host.scrollTop += 400;
      });
    } finally {
      host.remove();
    }
  },
});
