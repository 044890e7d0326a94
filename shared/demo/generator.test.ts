import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { datasetCounts, validateDataset } from './dataset';
import { CAF_CONTACTS_PER_CAF, generateChunks, generateDataset, makeSiret } from './generator';
import { cafAreas } from './geography';
import { Random, luhnValid } from './random';

describe('seeded random', () => {
  it('is deterministic per seed and item', () => {
    const a = Random.forItem(7, 3);
    const b = Random.forItem(7, 3);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Random.forItem(7, 4).next()).not.toBe(xs[0]);
  });

  it('makes Luhn-valid SIRETs (SIREN and SIRET)', () => {
    const r = new Random(1);
    for (let i = 0; i < 1000; i++) {
      const s = makeSiret(r, '21');
      expect(s).toMatch(/^21\d{12}$/);
      expect(luhnValid(s.slice(0, 9))).toBe(true);
      expect(luhnValid(s)).toBe(true);
    }
  });
});

describe('typical data set', () => {
  const d = generateDataset('typical', 42);
  const cafContacts = cafAreas.length * CAF_CONTACTS_PER_CAF;

  it('has the announced counts', () => {
    const n = datasetCounts(d);
    expect(n.partners).toBe(300);
    expect(n.contacts).toBe(300 * 6 + cafContacts);
    expect(n.habilitations).toBe(9_000);
    expect(n.conventions).toBe(300);
    expect(n.chains).toBe(300);
    expect(n.cafs).toBe(cafAreas.length);
    expect(n.allocations).toBeGreaterThanOrEqual(300);
    expect(n.followUps).toBeGreaterThan(30);
  });

  it('is deterministic from the seed, and another seed differs', () => {
    expect(generateDataset('typical', 42)).toEqual(d);
    expect(generateDataset('typical', 43).partners[0]).not.toEqual(d.partners[0]);
  });

  it('every record passes its schema', () => {
    expect(validateDataset(d)).toBeNull();
  });

  it('covers every partner kind and all three delay units', () => {
    expect(new Set(d.partners.map((p) => p.kind)).size).toBe(9);
    expect(new Set(d.chains.map((c) => c.delayUnit))).toEqual(new Set(['hours', 'working-days', 'calendar-days']));
  });

  it('SIRETs pass Luhn, phones are valid, e-mails look right, ids unique', () => {
    for (const p of d.partners) expect(luhnValid(p.siret), p.siret).toBe(true);
    const phones = [...d.contacts.flatMap((c) => [c.landline, c.mobile]), ...d.cafs.map((c) => c.helpdeskPhone)].filter(Boolean);
    for (const p of phones) expect(parsePhoneNumberFromString(p)?.isValid(), p).toBe(true);
    for (const c of d.contacts) if (c.email) expect(c.email).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+\.[a-z]{2,}$/);
    const ids = d.habilitations.map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(d.partners.map((p) => p.name)).size).toBe(d.partners.length);
  });

  it('active and pending habilitations never exceed the allocation; T4 carries an instructor number', () => {
    const held = new Map<string, number>();
    for (const h of d.habilitations) {
      if (h.profile === 'T4') expect(h.instructorNumber).toBeTruthy();
      if (h.status !== 'supprimee') held.set(`${h.partnerId}/${h.profile}`, (held.get(`${h.partnerId}/${h.profile}`) ?? 0) + 1);
    }
    const allowed = new Map(d.allocations.map((a) => [`${a.partnerId}/${a.profile}`, a.maxUsers]));
    for (const [k, n] of held) expect(n).toBeLessThanOrEqual(allowed.get(k)!);
  });

  it('chains reference existing contacts', () => {
    const ids = new Set(d.contacts.map((c) => c.id));
    for (const ch of d.chains) for (const e of [...ch.cafSide, ...ch.partnerSide]) expect(ids.has(e.contactId)).toBe(true);
  });
});

describe('stress data set', () => {
  it('is generated in chunks, fast, with the announced counts and valid records (sampled)', () => {
    const t0 = performance.now();
    let partners = 0;
    let contacts = 0;
    let habilitations = 0;
    let chunks = 0;
    for (const chunk of generateChunks('stress', 7, 500)) {
      chunks++;
      partners += chunk.partners.length;
      contacts += chunk.contacts.filter((c) => c.partnerId).length;
      habilitations += chunk.habilitations.length;
      expect(validateDataset(chunk, 97)).toBeNull();
    }
    const ms = performance.now() - t0;
    expect(chunks).toBe(10);
    expect(partners).toBe(5_000);
    expect(contacts).toBe(30_000);
    expect(habilitations).toBe(150_000);
    // About one second on an idle machine; the bound leaves room for a shared, loaded one.
    expect(ms).toBeLessThan(30_000);
  });
});
