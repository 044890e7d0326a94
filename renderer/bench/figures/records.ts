/**
 * Bench figures of the partner records (issue 3):
 *
 * - `search.p95_ms.stress`: the stress set (5,000 partners, 30,000 contacts, 150,000 habilitations) is loaded
 *   into IndexedDB, the search index is loaded by the app's derived-state worker (the same path the toolbar box
 *   uses: snapshot, or rebuild when there is none), then 240 varied, realistic queries drawn from the data (names, cities without accents, SIRET and
 *   phone numbers in several typings, e-mails, convention numbers, short prefixes, two-word queries) are timed
 *   one by one after a warm-up, each a round trip to the worker; the figure is the 95th percentile in milliseconds.
 * - `partner.open_ms.stress`: on the same database, plus one partner with 400 habilitations, the real
 *   `PartnerPage` (habilitations tab) is rendered inside the app's providers into a fresh React root attached
 *   to the page, and timed from `render()` until its habilitation rows are in the DOM (MutationObserver), then
 *   one more animation frame so layout is included. One warm-up, then the median of 7 opens.
 *
 * - `dashboard.load_ms.stress`: what the dashboard waits for at start: a new derived-state worker opens the base
 *   and, nothing being written since the snapshot, answers the cards saved with it (checked current through the
 *   `_ts` index); median of 3 after one start that writes the snapshot. `dashboard.load_ms.stress_after_edit`: the
 *   same with one partner edited after the snapshot: the state's text read and decoded, caught up, lists computed. `dashboard.rebuild_ms.stress` is the
 *   former full computation (`loadDashboard`: every card loader, seats from index keys), now only run when the
 *   snapshot is missing or stale.
 *
 * - `habilitations.list_ms.stress`: the real `HabilitationsPage` (every habilitation, virtualised), rendered
 *   the same way, until its first rows are painted; median of 3. It reads the 150,000 records from IndexedDB.
 *
 * The stress set is the bench rig's (`prepareDatabase('stress')`, the app's own database); each figure starts
 * its own derived-state worker on it and stops it afterwards.
 */
import { createElement } from 'react';
import { emptyDataset } from '../../../shared/demo/dataset';
import type { Habilitation } from '../../../shared/domain/habilitation';
import type { Contact } from '../../../shared/domain/contact';
import type { Partner } from '../../../shared/domain/partner';
import { phoneForms } from '../../../shared/search/normalize';
import type { Services } from '../../app/services';
import { benchServices, mountPage } from '../mountPage';
import type { AppDatabase } from '../../db/database';
import { loadDataset } from '../../db/loadDataset';
import { dataOf } from '../../../shared/crdt/record';
import type { Store } from '../../db/store';
import { prepareDatabase } from '../datasets';
import { PartnerPage } from '../../features/partners/PartnerPage';
import { HabilitationsPage } from '../../features/habilitations/HabilitationsPage';
import { derivedFor, type DerivedClient } from '../../derived/client';
import { computeDashboard, loadDashboard } from '../../features/dashboard/dashboardData';
import { registerFigure } from '../registry';
import { checkDashboard, currentPosition, DASHBOARD_KEY, dashboardInput, decodeDashboardState, openExisting, readChanges, readDerived, type DashboardSnapshot } from '../../derived/dashboardState';

const BIG_PARTNER = 'bench-partenaire-400';
const BIG_COUNT = 400;

/**
 * The app database holding the stress set (the bench rig's shared loader), plus one partner with 400
 * habilitations for the partner-page figure (the generated partners have about 30 each). Added once; the
 * other stress figures see one partner more among 5,000.
 */
async function stressDatabase(): Promise<{ db: AppDatabase; store: Store }> {
  const { db, store } = await prepareDatabase('stress');
  if ((await db.habilitations.where('partnerId').equals(BIG_PARTNER).count()) !== BIG_COUNT) {
    await loadDataset(store, bigPartner(), { action: 'Partenaire de mesure (400 habilitations)' });
  }
  return { db, store };
}

function bigPartner() {
  const d = emptyDataset();
  d.partners.push({
    id: BIG_PARTNER,
    cafId: 'bench-caf',
    name: 'Conseil départemental de Mesure',
    kind: 'conseil-departemental',
    siret: '22680001900015',
    address: { line1: '100 avenue d’Alsace', line2: '', postalCode: '68000', city: 'Colmar' },
    representative: { civility: 'Monsieur', firstName: 'Rémi', lastName: 'Président', title: 'le Président' },
    status: 'actif',
    notes: '',
  });
  d.conventions.push({ id: `${BIG_PARTNER}-conv`, partnerId: BIG_PARTNER, number: '112/2017', effectiveOn: '2017-03-01', signedOn: '2017-02-15', tacitRenewal: true, managementMode: 'delegue', missions: '', amendments: [], services: [{ code: 'CDAP' }] });
  const profiles = ['T1', 'T4', 'T5', 'T19'];
  for (const p of profiles) d.allocations.push({ id: `${BIG_PARTNER}-${p}`, partnerId: BIG_PARTNER, service: 'CDAP', profile: p, maxUsers: 150 });
  for (let i = 0; i < BIG_COUNT; i++) {
    const profile = profiles[i % profiles.length]!;
    const h: Habilitation = {
      id: `${BIG_PARTNER}-h${i}`,
      partnerId: BIG_PARTNER,
      service: 'CDAP',
      profile,
      firstName: `Agent${i}`,
      lastName: `Mesure${i}`,
      email: `agent${i}@mesure.fr`,
      function: 'Instructeur RSA',
      startOn: '2020-01-06',
      status: i % 10 === 9 ? 'supprimee' : i % 10 === 8 ? 'suppression-demandee' : 'active',
      ...(profile === 'T4' ? { instructorNumber: `INS-${i}` } : {}),
      ...(i % 10 >= 8 ? { endOn: '2026-06-30', endReason: 'depart' as const } : {}),
    };
    d.habilitations.push(h);
  }
  return d;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function stripAccentsAndCase(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** 240 queries of the kinds the office types, drawn deterministically from the data. */
async function realisticQueries(db: AppDatabase): Promise<string[]> {
  const partners = (await db.partners.limit(4000).toArray()).map((r) => dataOf<Partner>(r));
  const contacts = (await db.contacts.where('partnerId').above('').limit(20000).toArray()).map((r) => dataOf<Contact>(r));
  const habs = (await db.habilitations.limit(100000).toArray()).map((r) => dataOf<Habilitation>(r));
  const conventions = await db.conventions.limit(4000).toArray();
  const pick = <T>(list: T[], i: number): T => list[(i * 7919) % list.length]!;
  const q: string[] = [];
  for (let i = 0; i < 20; i++) {
    const p = pick(partners, i);
    const words = p.name.split(/\s+/);
    q.push(stripAccentsAndCase(p.name)); // whole name, no accents
    q.push(words.slice(-1)[0]!.slice(0, 5)); // prefix of the last word
    q.push(stripAccentsAndCase(p.address.city)); // city without accents
    q.push(p.siret.replace(/(\d{3})(\d{3})(\d{3})(\d{5})/, '$1 $2 $3 $4')); // SIRET in groups
    q.push(String(pick(conventions, i).number ?? '')); // convention number
  }
  for (let i = 0; i < 20; i++) {
    const c = pick(contacts, i + 3);
    q.push(`${c.firstName} ${c.lastName}`);
    q.push(c.lastName.slice(0, 4).toUpperCase());
    q.push(c.email.split('@')[0] ?? c.email);
    const forms = phoneForms(c.landline || c.mobile);
    const national = forms.find((f) => f.startsWith('0')) ?? '';
    q.push(national.replace(/(\d{2})(?=\d)/g, '$1 ')); // 02 62 48 62 11
    q.push(national.slice(0, 4) + ' ' + national.slice(4, 6)); // partial number
  }
  for (let i = 0; i < 20; i++) {
    const h = pick(habs, i + 11);
    q.push(stripAccentsAndCase(`${h.lastName} ${h.firstName.slice(0, 2)}`));
    q.push(h.email);
  }
  // Short and broad queries, the worst case for a prefix index.
  q.push('a', 'ma', 'mar', 'jean', 'saint', 'ccas', 'mairie', 'commune de', 'de', '0', '06', '+33', 'rsa', 'la', 'le', 'b', 'co', 'centre', 'dupont', 'martin');
  return q.filter((s) => s.trim() !== '').slice(0, 240);
}

registerFigure({
  id: 'search.p95_ms.stress',
  unit: 'ms',
  label: 'Recherche : p95 par requête sur le jeu stress (240 requêtes variées)',
  dataset: 'stress',
  async run() {
    const { db } = await stressDatabase();
    const client = await readyDerived(db);
    try {
      const queries = await realisticQueries(db);
      if (queries.length < 200) throw new Error(`Trop peu de requêtes (${queries.length})`);
      for (const q of queries.slice(0, 30)) await client.api.search(q, 8); // warm-up (JIT)
      const times: number[] = [];
      let hits = 0;
      for (const q of queries) {
        const t0 = performance.now();
        const r = (await client.api.search(q, 8))!;
        times.push(performance.now() - t0);
        hits += r.groups.partner.length + r.groups.contact.length + r.groups.habilitation.length;
      }
      if (hits === 0) throw new Error('Aucune requête n’a trouvé de résultat : index vide ?');
      return percentile(times, 95);
    } finally {
      await client.dispose();
    }
  },
});

const BENCH_BASE_REPLICA = 'bench';

/** Resolve once the client's state is complete (dashboard and search index), polling its status. */
async function untilUpToDate(client: DerivedClient, timeoutMs = 10 * 60_000): Promise<void> {
  const t0 = performance.now();
  while ((await client.api.info()).status !== 'à jour' || (await client.api.search('', 1)) === null) {
    if (performance.now() - t0 > timeoutMs) throw new Error("L'état dérivé n'est pas prêt");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A derived-state worker on `db` whose state is complete and whose snapshot is written. */
export async function readyDerived(db: AppDatabase): Promise<DerivedClient> {
  const client = derivedFor(db, BENCH_BASE_REPLICA);
  await untilUpToDate(client);
  await client.api.saveNow();
  return client;
}

/** Where the dashboard's first stage spends its time, on the page (« [banc] » lines of the bench's output). */
async function logDashboardPhases(dbName: string, today: string): Promise<void> {
  const marks: string[] = [];
  let t = performance.now();
  const mark = (what: string) => {
    const now = performance.now();
    marks.push(`${what} ${Math.round(now - t)} ms`);
    t = now;
  };
  const idb = (await openExisting(dbName))!;
  mark('ouverture');
  const d = await readDerived<DashboardSnapshot>(idb, DASHBOARD_KEY);
  mark('lecture de l’instantané');
  const state = decodeDashboardState(d!.state);
  mark('décodage');
  const now = await currentPosition(idb);
  mark('position');
  const changes = await readChanges(idb, d!.position, now);
  mark(`rattrapage (${changes.length})`);
  const why = await checkDashboard(idb, state);
  mark(`comptes (${why ?? 'justes'})`);
  computeDashboard(dashboardInput(state), today);
  mark('listes');
  idb.close();
  console.log(`[banc] tableau de bord : ${marks.join(', ')}`);
}

/** A fresh worker's start on `db`: until it answers the dashboard (ms). */
export async function timeDerivedDashboard(db: AppDatabase, today: string): Promise<number> {
  const t0 = performance.now();
  const client = derivedFor(db, BENCH_BASE_REPLICA);
  try {
    while ((await client.api.dashboard(today)) === null) await new Promise((r) => setTimeout(r, 2));
    return performance.now() - t0;
  } finally {
    await client.dispose();
  }
}

/** Time to show `page` inside the app's providers (see mountPage), then unmount it. */
async function renderOnce(services: Services, page: ReturnType<typeof createElement>, ready: (host: HTMLElement) => boolean, timeoutMs = 10_000): Promise<number> {
  const { ms, unmount } = await mountPage(services, page, ready, { timeoutMs });
  unmount();
  return ms;
}

registerFigure({
  id: 'habilitations.list_ms.stress',
  unit: 'ms',
  label: 'Liste de toutes les habilitations (150 000, virtualisée) : affichage des premières lignes (médiane de 3)',
  dataset: 'stress',
  async run() {
    const { db, store } = await stressDatabase();
    const services = await benchServices(db, store);
    sessionStorage.removeItem('habilitations.filtres');
    // The page takes its total from the derived state, which in the app runs from the start: it is brought up
    // to date first (for this page's base key), so its start-up reads do not compete with the timed ones.
    const derived = derivedFor(db, store.replicaId);
    await untilUpToDate(derived);
    const shown = (host: HTMLElement) => host.querySelectorAll('[role="row"][aria-rowindex]').length > 5;
    const times: number[] = [];
    try {
      for (let i = 0; i < 3; i++) times.push(await renderOnce(services, createElement(HabilitationsPage), shown, 120_000));
    } finally {
      await derived.dispose();
    }
    return percentile(times, 50);
  },
});

function openPartnerOnce(services: Services): Promise<number> {
  return renderOnce(services, createElement(PartnerPage, { partnerId: BIG_PARTNER, tab: 'habilitations' }), (host) => host.querySelectorAll('[data-testid="habilitation"]').length > 0);
}

registerFigure({
  id: 'partner.open_ms.stress',
  unit: 'ms',
  label: 'Ouverture d’une fiche partenaire à 400 habilitations (jeu stress, médiane de 7)',
  dataset: 'stress',
  async run() {
    const { db, store } = await stressDatabase();
    const services = await benchServices(db, store);
    await openPartnerOnce(services); // warm-up: code paths compiled, as in a running app
    const times: number[] = [];
    for (let i = 0; i < 7; i++) times.push(await openPartnerOnce(services));
    return percentile(times, 50);
  },
});

registerFigure({
  id: 'dashboard.load_ms.stress',
  unit: 'ms',
  label: 'Tableau de bord au démarrage, rien d’écrit depuis l’instantané : cartes enregistrées avec lui (worker, jeu stress, médiane de 3)',
  dataset: 'stress',
  async run() {
    const { db } = await stressDatabase();
    const today = new Date().toISOString().slice(0, 10);
    await (await readyDerived(db)).dispose();
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push(await timeDerivedDashboard(db, today));
    await logDashboardPhases(db.name, today);
    return percentile(times, 50);
  },
});

registerFigure({
  id: 'dashboard.load_ms.stress_after_edit',
  unit: 'ms',
  label: 'Tableau de bord au démarrage, une modification après l’instantané : état décodé, rattrapé, listes calculées (jeu stress, médiane de 3)',
  dataset: 'stress',
  async run() {
    const { db, store } = await stressDatabase();
    const today = new Date().toISOString().slice(0, 10);
    const [id] = (await db.partners.offset(3000).limit(1).primaryKeys()) as string[];
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await (await readyDerived(db)).dispose();
      // Written after the snapshot, with no derived state listening: the saved cards no longer apply.
      await store.write('Modification (banc tableau de bord)', (ctx) => ctx.update('partners', id!, { notes: `Tableau de bord ${Date.now()}` }));
      times.push(await timeDerivedDashboard(db, today));
    }
    return percentile(times, 50);
  },
});

registerFigure({
  id: 'dashboard.rebuild_ms.stress',
  unit: 'ms',
  label: 'Tableau de bord sans instantané : lecture et calcul de toutes les listes (reconstruction, jeu stress, médiane de 3)',
  dataset: 'stress',
  async run() {
    const { db } = await stressDatabase();
    const today = new Date().toISOString().slice(0, 10);
    await loadDashboard(db, today);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await loadDashboard(db, today);
      times.push(performance.now() - t0);
    }
    return percentile(times, 50);
  },
});
