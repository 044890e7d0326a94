import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../db/database';
import { drain } from '../../db/paging';
import { seeded } from '../../db/testing/seeded';
import type { CrdtRecord } from '../../../shared/crdt/record';
import { habilitationStatuses, type HabilitationStatus } from '../../../shared/domain/habilitation';
import { fold } from '../../../shared/search/normalize';
import { habilitationCounts, habilitationPages, partnerOptions, purgeableHabilitations, UNKNOWN_PARTNER, type HabilitationQuery, type HabilitationRow } from './habilitationList';


const NAMES = ['Técher', 'techer', 'Hoareau', 'Émile', 'Zoé', 'Payet', 'Boyer', 'Nativel', 'Grondin', 'Élodie'];
const PROFILES = ['T1', 'T2', 'T4', 'T10', 'T12'];
let db: AppDatabase;
let live: HabilitationRow[];

// Opening a fresh base and seeding 345 records takes seconds on a loaded 2-core CI machine.
beforeAll(async () => {
  db = new AppDatabase(`habilitation-list-${Math.random().toString(36).slice(2)}`);
  await db.open();
  const { rnd, pick } = seeded(7);
  const partners: CrdtRecord[] = Array.from({ length: 25 }, (_, i) => ({
    id: `p-${String(i).padStart(2, '0')}`,
    // Equal names after folding, accents, case: the order must still be total and stable.
    name: `${pick(['Mairie de ', 'CCAS de ', 'école ', 'Épicerie ', 'mairie de '])}${pick(NAMES)}`,
    _deleted: i === 3 ? 1 : 0,
    _m: {},
  }));
  const names = new Map(partners.map((p) => [p.id, p._deleted ? UNKNOWN_PARTNER : String(p.name)]));
  const habilitations: CrdtRecord[] = Array.from({ length: 320 }, (_, i) => {
    const status = pick(habilitationStatuses);
    const end = status === 'active' ? undefined : `20${pick(['15', '18', '24', '26'])}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
    return {
      id: `h-${String(i).padStart(4, '0')}`,
      partnerId: pick(partners).id,
      service: 'CDAP',
      profile: pick(PROFILES),
      firstName: pick(['Jean', 'Élise', '', 'anne']),
      lastName: pick(NAMES),
      email: rnd() < 0.2 ? '' : `${pick(NAMES).toLowerCase()}@exemple.re`,
      function: '',
      startOn: `202${Math.floor(rnd() * 6)}-0${1 + Math.floor(rnd() * 9)}-01`,
      status,
      ...(end ? { endOn: end } : {}),
      _deleted: rnd() < 0.1 ? 1 : 0,
      _m: {},
    };
  });
  // Written in two ways the app writes: one bulk put and one put per record (the middleware adds `_k` to both).
  await db.partners.bulkPut(partners);
  await db.habilitations.bulkPut(habilitations.slice(0, 200));
  for (const h of habilitations.slice(200)) await db.habilitations.put(h);
  live = habilitations
    .filter((h) => h._deleted === 0)
    .map((h) => {
      const { _m, _deleted, ...data } = h;
      return { ...(data as unknown as HabilitationRow), partnerName: names.get(h.partnerId as string)! };
    });
}, 60_000);

afterAll(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** The list as the page used to compute it: every row read, filtered, sorted on folded keys (blanks last). */
function reference(q: HabilitationQuery): string[] {
  const blankLast = (s: string) => (s === '' ? '\uffff' : s);
  const key: Record<string, (r: HabilitationRow) => string> = {
    // Partners deleted since (unknown) first, then by folded name, then by partner (equal names stay together).
    partner: (r) => (r.partnerName === UNKNOWN_PARTNER ? ' ' : blankLast(fold(r.partnerName))) + '\u0000' + r.partnerId,
    name: (r) => blankLast(fold(`${r.lastName} ${r.firstName}`.trim())),
    email: (r) => blankLast(fold(r.email)),
    profile: (r) => r.profile.padStart(4, '0'),
    start: (r) => r.startOn,
    status: (r) => r.status,
    end: (r) => r.endOn ?? '\uffff',
  };
  const k = key[q.sort.column]!;
  const rows = live.filter((r) => (!q.partner || r.partnerId === q.partner.id) && (!q.profile || r.profile === q.profile) && (!q.status || r.status === q.status));
  const sign = q.sort.direction === 'asc' ? 1 : -1;
  return rows.sort((a, b) => sign * (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => r.id);
}

const filters: Pick<HabilitationQuery, 'partner' | 'profile' | 'status'>[] = [
  { partner: null, profile: '', status: '' },
  { partner: null, profile: '', status: 'suppression-demandee' },
  { partner: null, profile: 'T10', status: '' },
  { partner: null, profile: 'T2', status: 'active' },
  { partner: { id: 'p-05', name: '' }, profile: '', status: '' },
  { partner: { id: 'p-07', name: '' }, profile: '', status: 'active' as HabilitationStatus },
];

describe('Habilitations list through indexes', () => {
  for (const column of ['partner', 'name', 'email', 'profile', 'start', 'status', 'end']) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`pages in the order the whole-table sort gave: ${column} ${direction}, every filter, small pages`, async () => {
        for (const f of filters) {
          const q: HabilitationQuery = { ...f, sort: { column, direction } };
          const src = await habilitationPages(db, q);
          // Pages of 7 rows: many page boundaries, including inside runs of equal keys.
          const got = (await drain(src, 7)).map((r) => r.id);
          expect(got, JSON.stringify(q)).toEqual(reference(q));
          const counts = await habilitationCounts(db, q);
          expect(counts.total).toBe(live.length);
          expect(counts.shown, JSON.stringify(q)).toBe(got.length);
          // Pages of 1, and a partner's rows read by a cursor (`anyOf`) or one transaction each: the same rows.
          expect((await drain(await habilitationPages(db, q), 1)).map((r) => r.id), JSON.stringify(q)).toEqual(got);
          for (const how of ['anyOf', 'separate'] as const) expect((await drain(await habilitationPages(db, q, how), 5)).map((r) => r.id), how).toEqual(got);
        }
      });
    }
  }

  it('joins partner names page by page, unknown for deleted partners', async () => {
    const rows = await drain(await habilitationPages(db, { partner: null, profile: '', status: '', sort: { column: 'partner', direction: 'asc' } }));
    for (const r of rows) expect(r.partnerName).toBe(live.find((l) => l.id === r.id)!.partnerName);
    expect(rows[0]!.partnerName).toBe(UNKNOWN_PARTNER);
    expect('_k' in rows[0]! || '_m' in rows[0]!).toBe(false);
  });

  it('lists the purgeable accesses and the live partners for the filter', async () => {
    const today = '2026-12-02';
    const purge = await purgeableHabilitations(db, today);
    const expected = live.filter((r) => r.status === 'supprimee' && r.endOn !== undefined && r.endOn < '2020-12-02').map((r) => r.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(purge.count).toBe(expected.length);
    expect(purge.first.map((r) => r.id).sort()).toEqual(expected.slice(0, 200));
    expect((await purge.ids()).sort()).toEqual(expected);
    expect(purge.first.every((r) => r.partnerName !== '')).toBe(true);
    const options = await partnerOptions(db);
    expect(options).toHaveLength(24);
    expect(options.some((o) => o.id === 'p-03')).toBe(false);
  });
});
