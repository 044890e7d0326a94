import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../db/database';
import { drain } from '../../db/paging';
import { seeded } from '../../db/testing/seeded';
import { liveRows } from '../../db/store';
import type { CrdtRecord } from '../../../shared/crdt/record';
import { contactRoles } from '../../../shared/domain/contact';
import { contactCounts, contactIndexPages, contactList, contactPages, contactRowsOf, contactView, filterContactRows, indexedCount, isIndexedContactView, partnerContactRows, type ContactFilters, type ContactRow } from './contactList';


const TODAY = '2026-12-02';
let db: AppDatabase;

// Contacts of partners (some deleted, so « Partenaire inconnu ») and of two Cafs (one unknown), past, current and
// future, with roles held over dates, equal names after folding, blanks.
beforeAll(async () => {
  db = new AppDatabase(`contact-list-${Math.random().toString(36).slice(2)}`);
  await db.open();
  const { rnd, pick } = seeded(5);
  const date = () => `20${pick(['19', '24', '26', '27'])}-${pick(['01', '06', '12'])}-${pick(['01', '02', '15'])}`;
  const partners: CrdtRecord[] = Array.from({ length: 12 }, (_, i) => ({
    id: `p-${String(i).padStart(2, '0')}`,
    name: `${pick(['Mairie de ', 'CCAS de ', 'école '])}${pick(['Técher', 'techer', 'Zoé', 'Élodie', 'Saint-Paul'])}`,
    kind: 'commune',
    address: { city: 'Saint-Denis', postalCode: '97400' },
    status: 'actif',
    _deleted: i === 4 ? 1 : 0,
    _m: {},
  }));
  const cafs: CrdtRecord[] = [{ id: 'caf-1', name: 'Caf de La Réunion', _deleted: 0, _m: {} }];
  const contacts: CrdtRecord[] = Array.from({ length: 150 }, (_, i) => {
    const caf = rnd() < 0.2;
    return {
      id: `k-${String(i).padStart(3, '0')}`,
      ...(caf ? { cafId: pick(['caf-1', 'caf-2']) } : { partnerId: pick(partners).id }),
      civility: '',
      firstName: pick(['Jean', 'Élise', '', 'anne']),
      lastName: pick(['Técher', 'techer', 'Hoareau', 'Émile', '']),
      email: rnd() < 0.2 ? '' : `${pick(['a', 'b', 'c'])}${i % 7}@exemple.re`,
      function: pick(['', 'Directeur', 'directrice', 'Agent']),
      landline: pick(['', '+262262486211', '+33145678901']),
      mobile: pick(['', '+262692123456']),
      ...(rnd() < 0.3 ? { activeFrom: date() } : {}),
      ...(rnd() < 0.3 ? { activeUntil: date() } : {}),
      roles: Array.from({ length: pick([0, 1, 1, 2, 3]) }, () => ({ role: pick(contactRoles), ...(rnd() < 0.3 ? { from: date() } : {}), ...(rnd() < 0.3 ? { until: date() } : {}) })),
      _deleted: rnd() < 0.1 ? 1 : 0,
      _m: {},
    };
  });
  await db.partners.bulkPut(partners);
  await db.cafs.bulkPut(cafs);
  await db.contacts.bulkPut(contacts.slice(0, 100));
  for (const c of contacts.slice(100)) await db.contacts.put(c);
}, 60_000);

afterAll(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** The list as the page used to compute it: every contact, partner and Caf read. */
async function wholeTable(today = TODAY): Promise<ContactRow[]> {
  const [contacts, partners, cafs] = await Promise.all([liveRows(db, 'contacts'), liveRows(db, 'partners'), liveRows(db, 'cafs')]);
  return contactRowsOf(contacts, new Map(partners.map((p) => [p.id, p.name])), new Map(cafs.map((c) => [c.id, c])), today);
}

const none: ContactFilters = { text: '', role: '', partnerId: '', side: '', activity: 'actifs', sort: { column: 'name', direction: 'asc' } };
const filters: Partial<ContactFilters>[] = [
  {},
  { activity: 'tous' },
  { activity: 'anciens' },
  { side: 'caf', activity: 'tous' },
  { side: 'partenaire' },
  { partnerId: 'p-03', activity: 'tous' },
  { role: contactRoles[0] },
  { role: contactRoles[1], activity: 'tous' },
  { text: 'techer' },
  { text: 'mairie jean', activity: 'tous' },
  { text: 'reunion' },
  { text: 'inconnu', activity: 'tous' },
  { text: '0262 48 62 11', activity: 'tous' },
  { text: '0692123456' },
  { text: 'saint paul techer', activity: 'tous' },
];

describe('Interlocuteurs list through index keys', () => {
  for (const column of ['name', 'owner', 'function', 'roles', 'email']) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`gives what the whole-table list gave: ${column} ${direction}, every filter, small pages`, async () => {
        const everything = await wholeTable();
        const list = await contactList(db, TODAY);
        expect(list.rows).toHaveLength(everything.length);
        for (const f of filters) {
          const q: ContactFilters = { ...none, ...f, sort: { column, direction } };
          const expected = filterContactRows(everything, q, TODAY);
          const ids = filterContactRows(list.rows, q, TODAY).map((r) => r.contact.id);
          // Pages of 7 rows: many page boundaries. Rows carry the full contact records.
          const got = await drain(contactPages(db, ids, list), 7);
          expect(got, JSON.stringify(q)).toEqual(expected);
        }
      });
    }
  }

  // Another day, other current roles and active contacts: the list fields hold dates, never a state.
  for (const day of ['2019-01-01', '2027-01-01']) {
    for (const column of ['roles', 'owner']) {
      it(`gives what the whole-table list gave on ${day}: ${column}, every filter`, async () => {
        const everything = await wholeTable(day);
        const list = await contactList(db, day);
        for (const direction of ['asc', 'desc'] as const) {
          for (const f of filters) {
            const q: ContactFilters = { ...none, ...f, sort: { column, direction } };
            const ids = filterContactRows(list.rows, q, day).map((r) => r.contact.id);
            expect(await drain(contactPages(db, ids, list), 7), JSON.stringify(q)).toEqual(filterContactRows(everything, q, day));
          }
        }
      });
    }
  }

  // The default views (name order, any activity) walk an index and count index ranges; on each day below other
  // contacts and roles are current, and the rows must still be what the whole-table list computed.
  const days = ['2026-12-02', '2019-01-01', '2024-06-01', '2026-06-15', '2027-01-01', '2030-03-03'];
  for (const day of days) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`default views through the name index on ${day}: ${direction}, every activity, small pages`, async () => {
        const everything = await wholeTable(day);
        const cafs = new Map((await liveRows(db, 'cafs')).map((c) => [c.id, c]));
        const counts = await contactCounts(db, day);
        expect(counts.total).toBe(everything.length);
        for (const activity of ['actifs', 'anciens', 'tous'] as const) {
          const q: ContactFilters = { ...none, activity, sort: { column: 'name', direction } };
          expect(isIndexedContactView(q)).toBe(true);
          const expected = filterContactRows(everything, q, day);
          expect(await drain(contactIndexPages(db, q, day, cafs), 7), activity).toEqual(expected);
          expect(await drain(contactIndexPages(db, q, day, cafs), 1), activity).toEqual(expected);
          expect(indexedCount(counts, activity), activity).toBe(expected.length);
        }
      });
    }
  }

  it('counts a contact that ends before it starts as not active', async () => {
    const before = await contactCounts(db, '2026-12-02');
    await db.contacts.put({ id: 'k-odd', partnerId: 'p-01', civility: '', firstName: 'Odile', lastName: 'Payet', email: '', function: '', landline: '', mobile: '', activeFrom: '2027-01-01', activeUntil: '2025-01-01', roles: [], _deleted: 0, _m: {} });
    try {
      expect(await contactCounts(db, '2026-12-02')).toEqual({ total: before.total + 1, active: before.active });
    } finally {
      await db.contacts.delete('k-odd');
    }
  });

  // Sorted by name and filtered by role or side, the same walk filters each page (current roles and activity are
  // the day's); one partner's contacts come from the `partnerId` index, in any order. Same six days.
  const walked: Partial<ContactFilters>[] = [
    ...filters.filter((f) => !f.text && !f.partnerId),
    ...contactRoles.map((role) => ({ role, activity: 'tous' as const })),
    { role: contactRoles[2], side: 'caf' },
    { side: 'partenaire', activity: 'anciens' },
  ];
  for (const day of days) {
    it(`filtered views through the name index and one partner's contacts on ${day}: small pages`, async () => {
      const everything = await wholeTable(day);
      const cafs = new Map((await liveRows(db, 'cafs')).map((c) => [c.id, c]));
      for (const direction of ['asc', 'desc'] as const) {
        for (const f of walked) {
          const q: ContactFilters = { ...none, ...f, sort: { column: 'name', direction } };
          expect(contactView(q), JSON.stringify(q)).toBe(f.role || f.side ? 'walk' : 'index');
          const expected = filterContactRows(everything, q, day);
          expect(await drain(contactIndexPages(db, q, day, cafs), 7), JSON.stringify(q)).toEqual(expected);
          expect(await drain(contactIndexPages(db, q, day, cafs), 1), JSON.stringify(q)).toEqual(expected);
        }
      }
      for (const partnerId of ['p-03', 'p-04', 'p-07', 'p-99']) {
        const rows = await partnerContactRows(db, partnerId, day, cafs);
        for (const column of ['name', 'owner', 'function', 'roles', 'email']) {
          for (const direction of ['asc', 'desc'] as const) {
            for (const f of [{}, { activity: 'tous' as const }, { activity: 'anciens' as const }, { role: contactRoles[0], activity: 'tous' as const }, { text: 'jean' }]) {
              const q: ContactFilters = { ...none, ...f, partnerId, sort: { column, direction } };
              expect(contactView(q)).toBe('partner');
              expect(filterContactRows(rows, q, day), JSON.stringify(q)).toEqual(filterContactRows(everything, q, day));
            }
          }
        }
      }
    });
  }

  it('sends the text filter and every other sort to the list fields', () => {
    for (const f of filters.filter((x) => x.text && !x.partnerId)) expect(contactView({ ...none, ...f }), JSON.stringify(f)).toBe('fields');
    for (const f of filters.filter((x) => (x.role || x.side) && !x.text)) expect(contactView({ ...none, ...f }), JSON.stringify(f)).toBe('walk');
    for (const column of ['owner', 'function', 'roles', 'email']) expect(contactView({ ...none, sort: { column, direction: 'asc' } })).toBe('fields');
    for (const f of filters.filter((x) => x.text || x.role || x.partnerId || x.side)) expect(isIndexedContactView({ ...none, ...f }), JSON.stringify(f)).toBe(false);
  });

  it('covers the cases the filters must tell apart, and lists the live partners', async () => {
    const rows = await wholeTable();
    for (const f of filters) expect(filterContactRows(rows, { ...none, ...f }, TODAY).length, JSON.stringify(f)).toBeGreaterThan(0);
    const list = await contactList(db, TODAY);
    expect(list.partners).toHaveLength(11);
    expect(list.partners.some((p) => p.id === 'p-04')).toBe(false);
  });
});
