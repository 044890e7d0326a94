import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../db/database';
import { drain } from '../../db/paging';
import { seeded } from '../../db/testing/seeded';
import type { CrdtRecord } from '../../../shared/crdt/record';
import { partnerKinds } from '../../../shared/domain/partner';
import { loadPartnerRows } from './actions';
import { filterPartnerRows, isIndexedPartnerView, partnerCounts, partnerIndexPages, partnerListRows, partnerPages, partnerView, type PartnerFilters } from './partnerList';


const TODAY = '2026-12-02';
let db: AppDatabase;

// Partners with equal names after folding, blanks, archived and deleted ones; conventions missing, several for
// one partner (as sync may bring), deleted, with every kind of date the status and renewal follow.
beforeAll(async () => {
  db = new AppDatabase(`partner-list-${Math.random().toString(36).slice(2)}`);
  await db.open();
  const { rnd, pick } = seeded(11);
  const date = () => `20${pick(['15', '19', '24', '26', '27'])}-${pick(['01', '02', '06', '12'])}-${pick(['01', '02', '15', '29'])}`;
  const maybe = <T,>(v: T, p = 0.5): T | undefined => (rnd() < p ? v : undefined);
  const partners: CrdtRecord[] = Array.from({ length: 60 }, (_, i) => ({
    id: `p-${String(i).padStart(2, '0')}`,
    name: i === 7 ? '' : `${pick(['Mairie de ', 'CCAS de ', 'école ', 'Épicerie ', 'mairie de ', "L'Œuvre ", 'L’oeuvre '])}${pick(['Técher', 'techer', 'Zoé', 'Élodie', 'Saint-Paul 2', 'Saint-Paul 10', 'Saint-Paul 02', 'Saint Paul'])}`,
    kind: pick(partnerKinds),
    siret: pick(['', '73282932000074', '21974411500013']),
    address: { line1: '', line2: '', postalCode: pick(['97400', '16000', '']), city: pick(['Saint-Denis', 'Angoulême', 'Le Port', '']) },
    status: rnd() < 0.2 ? 'archive' : 'actif',
    _deleted: i % 17 === 5 ? 1 : 0,
    _m: {},
  }));
  const conventions: CrdtRecord[] = [];
  for (const p of partners) {
    const count = pick([0, 1, 1, 1, 2]);
    for (let j = 0; j < count; j++) {
      const effectiveOn = maybe(date(), 0.8);
      conventions.push({
        id: `c-${p.id}-${j}`,
        partnerId: p.id,
        number: pick(['', '1/2017', '12/2018', '2/2017', 'B-7']),
        managementMode: pick(['delegue', 'centralise']),
        tacitRenewal: pick([true, true, false]),
        ...(effectiveOn ? { effectiveOn } : {}),
        ...(rnd() < 0.7 ? { signedOn: date() } : {}),
        ...(rnd() < 0.2 ? { terminationRequestedOn: date() } : {}),
        ...(rnd() < 0.15 ? { terminationEffectiveOn: date() } : {}),
        missions: '',
        amendments: [],
        services: [],
        _deleted: rnd() < 0.1 ? 1 : 0,
        _m: {},
      });
    }
  }
  // Codes no list knows (an older or newer release's): blank in the sorts, like a missing value.
  partners[9]!.kind = 'ancien-type';
  delete partners[13]!.kind;
  conventions[3]!.managementMode = 'mixte';
  // One bulk put and one put per record, as the app writes (the middleware adds `_k` to both).
  await db.partners.bulkPut(partners.slice(0, 30));
  for (const p of partners.slice(30)) await db.partners.put(p);
  await db.conventions.bulkPut(conventions);
}, 60_000);

afterAll(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const none: PartnerFilters = { text: '', kind: '', status: '', mode: '', renewalMonth: '', archived: false, sort: { column: 'name', direction: 'asc' } };
const filters: Partial<PartnerFilters>[] = [
  {},
  { archived: true },
  { kind: 'commune' },
  { status: 'en-vigueur' },
  { status: 'en-preparation', archived: true },
  { mode: 'centralise' },
  { renewalMonth: '2027-02' },
  { text: 'mairie' },
  { text: 'angouleme 1/2017' },
  { text: '21974', archived: true },
  { text: 'saint paul', kind: 'ccas-cias' },
];

describe('Partenaires list through index keys', () => {
  for (const column of ['name', 'kind', 'city', 'number', 'status', 'mode', 'renewal']) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`gives what the whole-table list gave: ${column} ${direction}, every filter, small pages`, async () => {
        const everything = await loadPartnerRows(db, TODAY);
        const keys = await partnerListRows(db, TODAY);
        expect(keys).toHaveLength(everything.length);
        for (const f of filters) {
          const q: PartnerFilters = { ...none, ...f, sort: { column, direction } };
          const expected = filterPartnerRows(everything, q);
          const ids = filterPartnerRows(keys, q).map((r) => r.partner.id);
          // Pages of 7 rows: many page boundaries. The rows are the full records, joined with their convention.
          const got = await drain(partnerPages(db, ids, TODAY), 7);
          expect(got, JSON.stringify(q)).toEqual(expected);
        }
      });
    }
  }

  // Another day, another status and renewal for most partners: the list fields hold dates, never a status.
  for (const day of ['2019-01-01', '2027-02-01']) {
    for (const column of ['status', 'renewal', 'name']) {
      it(`gives what the whole-table list gave on ${day}: ${column}, every filter`, async () => {
        const everything = await loadPartnerRows(db, day);
        const keys = await partnerListRows(db, day);
        for (const direction of ['asc', 'desc'] as const) {
          for (const f of [...filters, { status: 'signee' }, { status: 'resiliee', archived: true }, { renewalMonth: '2027-06' }]) {
            const q: PartnerFilters = { ...none, ...f, sort: { column, direction } };
            const ids = filterPartnerRows(keys, q).map((r) => r.partner.id);
            expect(await drain(partnerPages(db, ids, day), 7), JSON.stringify(q)).toEqual(filterPartnerRows(everything, q));
          }
        }
      });
    }
  }

  // The default views (name order, « Inclure les archivés » on or off) walk an index and count index ranges; on
  // every day below the statuses and renewals differ, and must still be what the whole-table list computed.
  const days = ['2026-12-02', '2015-06-15', '2019-01-01', '2024-02-29', '2027-02-01', '2031-07-14'];
  for (const day of days) {
    for (const direction of ['asc', 'desc'] as const) {
      for (const archived of [false, true]) {
        it(`default view through the name index on ${day}: ${direction}, archived ${archived}, small pages`, async () => {
          const q: PartnerFilters = { ...none, archived, sort: { column: 'name', direction } };
          expect(isIndexedPartnerView(q)).toBe(true);
          const expected = filterPartnerRows(await loadPartnerRows(db, day), q);
          expect(await drain(partnerIndexPages(db, q, day), 7)).toEqual(expected);
          expect(await drain(partnerIndexPages(db, q, day), 1)).toEqual(expected);
          const counts = await partnerCounts(db);
          expect(archived ? counts.total : counts.current).toBe(expected.length);
          expect(counts.total).toBe((await loadPartnerRows(db, day)).length);
        });
      }
    }
  }

  // Filtered views, and the sort by type, walk the same index: regrouped by type (on the records), each page then
  // filtered (statuses, renewals and modes are the day's, computed from the page's conventions). Every filter but
  // the text one, on the same six days; p-09 has a type no release knows, p-13 none.
  const walked = [...filters.filter((f) => !f.text), { status: 'signee' }, { status: 'resiliee', archived: true }, { renewalMonth: '2027-06' }, { kind: 'commune', status: 'en-vigueur' }, { mode: 'delegue', renewalMonth: '2027-02', archived: true }];
  for (const day of days) {
    it(`filtered and regrouped views through the name index on ${day}: every filter, sort and direction, small pages`, async () => {
      const everything = await loadPartnerRows(db, day);
      for (const column of ['name', 'kind']) {
        for (const direction of ['asc', 'desc'] as const) {
          for (const f of walked) {
            const q: PartnerFilters = { ...none, ...f, sort: { column, direction } };
            expect(partnerView(q), JSON.stringify(q)).toBe(f.kind || f.status || f.mode || f.renewalMonth ? 'walk' : 'index');
            const expected = filterPartnerRows(everything, q);
            expect(await drain(partnerIndexPages(db, q, day), 7), JSON.stringify(q)).toEqual(expected);
            expect(await drain(partnerIndexPages(db, q, day), 1), JSON.stringify(q)).toEqual(expected);
            // The same rows whichever way a page's conventions are read (the bench compares their cost).
            for (const how of ['anyOf', 'separate'] as const) expect(await drain(partnerIndexPages(db, q, day, how), 5), how).toEqual(expected);
          }
        }
      }
    });
  }

  it('sorted by type with every type known: starts at the first type a partner has, same rows', async () => {
    const odd = await db.partners.bulkGet(['p-09', 'p-13']);
    await db.partners.bulkPut(odd.map((p, i) => ({ ...p!, kind: ['epci', 'commune'][i] })));
    try {
      const everything = await loadPartnerRows(db, TODAY);
      for (const direction of ['asc', 'desc'] as const) {
        for (const f of [{}, { archived: true }, { status: 'en-vigueur' }, { kind: 'commune' }]) {
          const q: PartnerFilters = { ...none, ...f, sort: { column: 'kind', direction } };
          expect(await drain(partnerIndexPages(db, q, TODAY), 3), JSON.stringify(q)).toEqual(filterPartnerRows(everything, q));
        }
      }
    } finally {
      await db.partners.bulkPut(odd as CrdtRecord[]);
    }
  });

  it('sends the text filter and the other sorts to the list fields', () => {
    for (const f of filters.filter((x) => x.text)) expect(partnerView({ ...none, ...f }), JSON.stringify(f)).toBe('fields');
    for (const f of filters.slice(2).filter((x) => !x.text)) expect(partnerView({ ...none, ...f }), JSON.stringify(f)).toBe('walk');
    for (const column of ['city', 'number', 'status', 'mode', 'renewal']) expect(partnerView({ ...none, sort: { column, direction: 'asc' } })).toBe('fields');
    expect(partnerView({ ...none, sort: { column: 'kind', direction: 'desc' } })).toBe('index');
    for (const f of filters.slice(2)) expect(isIndexedPartnerView({ ...none, ...f }), JSON.stringify(f)).toBe(false);
  });

  it('covers the cases the filters and sorts must tell apart', async () => {
    const rows = await loadPartnerRows(db, TODAY);
    expect(new Set(rows.map((r) => r.status)).size).toBe(5);
    expect(rows.some((r) => !r.convention)).toBe(true);
    expect(rows.some((r) => r.partner.status === 'archive')).toBe(true);
    expect(rows.some((r) => r.renewal?.startsWith('2027-02'))).toBe(true);
    for (const f of filters) expect(filterPartnerRows(rows, { ...none, ...f }).length, JSON.stringify(f)).toBeGreaterThan(0);
  });
});
