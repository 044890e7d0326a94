import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Convention } from '../../../shared/domain/convention';
import { AppDatabase } from '../../db/database';
import { Store } from '../../db/store';
import { addHabilitation, endAccess, requestSuppression, setAllocation } from '../habilitations/actions';
import Dexie from 'dexie';
import { computeDashboard, countSeats, DASHBOARD_SHOWN, dashboardView, loadDashboard, seatKey } from './dashboardData';
import { schemaVersions } from '../../db/schema';

const today = '2026-11-23';
const conv = (id: string, partnerId: string, extra: Partial<Convention>): Convention => ({
  id,
  partnerId,
  number: id,
  tacitRenewal: true,
  managementMode: 'delegue',
  missions: '',
  amendments: [],
  services: [],
  ...extra,
});
const partners = [
  { id: 'a', name: 'Mairie A', status: 'actif' as const },
  { id: 'b', name: 'CCAS B', status: 'actif' as const },
  { id: 'z', name: 'Archivé Z', status: 'archive' as const },
];
const allRoles = ['administrateur', 'administrateur-suppleant', 'responsable-securite', 'referent-informatique-libertes'] as const;

describe('computeDashboard', () => {
  it('lists renewals within 90 days, terminations, and conventions ending without renewal; skips archived partners', () => {
    const d = computeDashboard(
      {
        partners,
        conventions: [
          conv('1/2017', 'a', { effectiveOn: '2017-01-15' }), // renews 15/01/2027: in window
          conv('2/2017', 'b', { effectiveOn: '2017-06-01' }), // renews 01/06/2027: outside
          conv('3', 'b', { effectiveOn: '2017-06-01', terminationRequestedOn: '2026-10-01', terminationEffectiveOn: '2027-01-05' }),
          conv('4', 'a', { effectiveOn: '2026-01-10', tacitRenewal: false }),
          conv('5', 'z', { effectiveOn: '2017-01-15' }),
        ],
        contacts: [],
        allocations: [],
        seats: new Map(),
        pendingSuppressions: [],
      },
      today,
    );
    expect(d.renewals.map((l) => l.detail)).toEqual([
      'Convention 3 : résiliation effective le 05/01/2027',
      'Convention 4 : se termine le 10/01/2027 (sans reconduction tacite)',
      'Convention 1/2017 : reconduction tacite le 15/01/2027',
    ]);
    expect(d.renewals.every((l) => l.tab === 'convention')).toBe(true);
  });

  it('lists reverse reviews overdue or due within 30 days', () => {
    const d = computeDashboard(
      {
        partners,
        conventions: [conv('1', 'a', { reverseReviewLastDone: '2025-11-01' }), conv('2', 'b', { reverseReviewLastDone: '2025-12-10' }), conv('3', 'b', { reverseReviewLastDone: '2026-06-01' })],
        contacts: [],
        allocations: [],
        seats: new Map(),
        pendingSuppressions: [],
      },
      today,
    );
    expect(d.reviews.map((l) => [l.partnerId, l.urgent, l.detail])).toEqual([
      ['a', true, 'Revue inverse des habilitations en retard depuis le 01/11/2026 (dernière le 01/11/2025)'],
      ['b', false, 'Revue inverse des habilitations à faire avant le 10/12/2026 (dernière le 10/12/2025)'],
    ]);
  });

  it('lists quotas reached or exceeded, including seats on a profile not granted', () => {
    const d = computeDashboard(
      {
        partners,
        conventions: [],
        contacts: [],
        allocations: [
          { id: 'q1', partnerId: 'a', service: 'CDAP', profile: 'T1', maxUsers: 2 },
          { id: 'q2', partnerId: 'a', service: 'CDAP', profile: 'T2', maxUsers: 5 },
          { id: 'q3', partnerId: 'b', service: 'CDAP', profile: 'T1', maxUsers: 1 },
        ],
        seats: new Map([
          [seatKey('a', 'CDAP', 'T1'), 2],
          [seatKey('a', 'CDAP', 'T2'), 3],
          [seatKey('b', 'CDAP', 'T1'), 2],
          [seatKey('b', 'CDAP', 'T9'), 1],
        ]),
        pendingSuppressions: [],
      },
      today,
    );
    expect(d.quotas.map((l) => l.detail)).toEqual([
      'CDAP T1 : 2 habilitations pour 1 autorisée — quota dépassé',
      'CDAP T9 : 1 habilitation sur un profil non accordé — quota dépassé',
      'CDAP T1 : 2 habilitations pour 2 autorisées — quota atteint',
    ]);
  });

  it('flags active partners missing a required role', () => {
    const d = computeDashboard(
      {
        partners,
        conventions: [],
        contacts: [
          { partnerId: 'a', roles: allRoles.map((role) => ({ role })) },
          { partnerId: 'b', roles: [{ role: 'administrateur' }, { role: 'responsable-securite', until: '2026-01-01' }] },
        ],
        allocations: [],
        seats: new Map(),
        pendingSuppressions: [],
      },
      today,
    );
    expect(d.missingRoles.map((l) => [l.partnerId, l.detail])).toEqual([
      ['b', 'Manque : Administrateur suppléant, Responsable sécurité, Référent informatique et libertés / DPO'],
    ]);
  });
});

describe('loadDashboard', () => {
  it('counts seats from index keys and reads pending suppressions from the database', async () => {
    const db = new AppDatabase('dashboard-test');
    const store = new Store(db, '00000000000000cc', () => 'Testeur');
    await store.open();
    const pid = await store.write('Création', (ctx) =>
      ctx.create('partners', { cafId: 'caf', name: 'Mairie de Test', kind: 'commune', siret: '', address: { line1: '', line2: '', postalCode: '', city: '' }, representative: { firstName: '', lastName: '', title: '' }, status: 'actif', notes: '' }),
    );
    await setAllocation(store, pid, 'CDAP', 'T1', 2);
    const person = { partnerId: pid, service: 'CDAP', profile: 'T1', firstName: 'Ana', email: '', function: '', startOn: '2026-01-01' };
    await addHabilitation(store, { ...person, lastName: 'Un' });
    const h2 = await addHabilitation(store, { ...person, lastName: 'Deux' });
    await requestSuppression(store, h2, 'depart', '2026-12-01');
    const d = await loadDashboard(db, today);
    expect(d.quotas.map((l) => l.detail)).toEqual(['CDAP T1 : 2 habilitations pour 2 autorisées — quota atteint']);
    expect(d.suppressions.map((l) => l.detail)).toEqual(['Ana DEUX (T1) — à compter du 01/12/2026 — Départ']);
    expect(d.missingRoles).toHaveLength(1);

    // Ending the pending access frees its seat and clears the request; a deleted record holds no seat.
    await endAccess(store, h2, 'depart', '2026-12-01');
    const after = await loadDashboard(db, today);
    expect(after.suppressions).toEqual([]);
    expect(after.quotas).toEqual([]);
    const h3 = await addHabilitation(store, { ...person, lastName: 'Trois' });
    expect((await loadDashboard(db, today)).quotas).toHaveLength(1);
    await store.write('Suppression', (ctx) => ctx.remove('habilitations', h3));
    expect((await loadDashboard(db, today)).quotas).toEqual([]);
    expect(await countSeats(db)).toEqual(new Map([[seatKey(pid, 'CDAP', 'T1'), 1]]));
    db.close();
    await db.delete();
  });
});

describe('countSeats', () => {
  it('counts each partner × service × profile run, whatever the order of the record ids', async () => {
    const db = new AppDatabase('dashboard-seats');
    await db.open();
    // Ids interleave across combinations, so each combination's primary keys are not contiguous in id order.
    const combos = [
      ['p1', 'CDAP', 'T1', 3],
      ['p1', 'CDAP', 'T4', 1],
      ['p2', 'CDAP', 'T1', 2],
      ['p2', 'AFAS', 'A1', 4],
    ] as const;
    const rows: Record<string, unknown>[] = [];
    let n = 0;
    for (let i = 0; i < 4; i++) {
      for (const [partnerId, service, profile, count] of combos) {
        if (i < count) rows.push({ id: `h${String(1000 - n++)}`, partnerId, service, profile, status: i === 1 ? 'suppression-demandee' : 'active', _deleted: 0, _m: {} });
      }
    }
    rows.push({ id: 'h0', partnerId: 'p1', service: 'CDAP', profile: 'T1', status: 'supprimee', _deleted: 0, _m: {} });
    rows.push({ id: 'h9999', partnerId: 'p2', service: 'CDAP', profile: 'T1', status: 'active', _deleted: 1, _m: {} });
    await db.habilitations.bulkPut(rows as never);
    expect(await countSeats(db)).toEqual(
      new Map([
        [seatKey('p1', 'CDAP', 'T1'), 3],
        [seatKey('p1', 'CDAP', 'T4'), 1],
        [seatKey('p2', 'CDAP', 'T1'), 2],
        [seatKey('p2', 'AFAS', 'A1'), 4],
      ]),
    );
    db.close();
    await db.delete();
  });
});

describe('schema version 2 (seat index)', () => {
  it('upgrades a version 1 database: existing habilitations are counted from the new index', async () => {
    const name = 'dashboard-upgrade-v1';
    const old = new Dexie(name);
    old.version(1).stores(schemaVersions.find((v) => v.version === 1)!.stores);
    await old.open();
    await old.table('habilitations').bulkPut([
      { id: 'a', partnerId: 'p', service: 'CDAP', profile: 'T1', status: 'active', _deleted: 0, _m: {} },
      { id: 'b', partnerId: 'p', service: 'CDAP', profile: 'T1', status: 'suppression-demandee', _deleted: 0, _m: {} },
      { id: 'c', partnerId: 'p', service: 'CDAP', profile: 'T1', status: 'supprimee', _deleted: 0, _m: {} },
      { id: 'd', partnerId: 'p', service: 'CDAP', profile: 'T1', status: 'active', _deleted: 1, _m: {} },
    ]);
    old.close();
    const db = new AppDatabase(name);
    await db.open();
    expect(await countSeats(db)).toEqual(new Map([[seatKey('p', 'CDAP', 'T1'), 2]]));
    db.close();
    await db.delete();
  });
});

describe('dashboardView', () => {
  it('sends each card’s counts and first lines only', () => {
    const line = (i: number, urgent = false) => ({ key: `k${i}`, partnerId: 'p', partnerName: 'P', tab: 'convention', detail: `ligne ${i}`, ...(urgent ? { urgent } : {}) });
    const many = Array.from({ length: 30 }, (_, i) => line(i, i % 3 === 0));
    const view = dashboardView({ renewals: many, reviews: [], quotas: [line(1)], missingRoles: [], suppressions: [] });
    expect(view.renewals).toEqual({ count: 30, urgent: 10, first: many.slice(0, DASHBOARD_SHOWN) });
    expect(view.quotas).toEqual({ count: 1, urgent: 0, first: [line(1)] });
    expect(view.reviews).toEqual({ count: 0, urgent: 0, first: [] });
  });
});
