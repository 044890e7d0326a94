import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { syncedTables } from '../domain/tables';
import { datasetTables, validateDataset } from './dataset';
import { DEMO_IDS, demoDataset } from './seedData';
import { luhnValid } from './random';

describe('demo data set from the seeds', () => {
  it('every record passes its zod schema unchanged (no default needed)', () => {
    expect(validateDataset(demoDataset)).toBeNull();
    for (const t of datasetTables) {
      for (const row of demoDataset[t]) expect(syncedTables[t].parse(row)).toEqual(row);
    }
  });

  it('ids are unique, deterministic and prefixed demo-', () => {
    const ids = datasetTables.flatMap((t) => demoDataset[t].map((r) => `${t}/${r.id}`));
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of datasetTables) for (const r of demoDataset[t]) expect(r.id.startsWith('demo-')).toBe(true);
  });

  it('references point to existing records', () => {
    const partners = new Set(demoDataset.partners.map((p) => p.id));
    const cafs = new Set(demoDataset.cafs.map((c) => c.id));
    const contacts = new Set(demoDataset.contacts.map((c) => c.id));
    for (const p of demoDataset.partners) expect(cafs.has(p.cafId)).toBe(true);
    for (const c of demoDataset.contacts) expect(Boolean(c.partnerId && partners.has(c.partnerId)) !== Boolean(c.cafId && cafs.has(c.cafId))).toBe(true);
    for (const t of ['conventions', 'chains', 'allocations', 'habilitations', 'followUps'] as const) {
      for (const r of demoDataset[t]) expect(partners.has(r.partnerId)).toBe(true);
    }
    for (const ch of demoDataset.chains) for (const e of [...ch.cafSide, ...ch.partnerSide]) expect(contacts.has(e.contactId)).toBe(true);
  });

  it('keeps the seeds’ conventions, modes, delays and quotas', () => {
    const conv = (pid: string) => demoDataset.conventions.find((c) => c.partnerId === pid)!;
    expect(conv(DEMO_IDS.partnerSaintDenis)).toMatchObject({ number: '112/2017', managementMode: 'centralise' });
    expect(conv(DEMO_IDS.partnerHautRhin)).toMatchObject({ number: '1/2017', managementMode: 'delegue' });
    const chain = (pid: string) => demoDataset.chains.find((c) => c.partnerId === pid)!;
    expect(chain(DEMO_IDS.partnerSaintDenis)).toMatchObject({ delayValue: 7, delayUnit: 'working-days', serviceOpens: '08:00', serviceCloses: '16:00' });
    expect(chain(DEMO_IDS.partnerHautRhin)).toMatchObject({ delayValue: 48, delayUnit: 'hours' });
    expect(chain(DEMO_IDS.partnerModele76)).toMatchObject({ delayValue: 10, delayUnit: 'calendar-days' });
    const quotas = (pid: string) => Object.fromEntries(demoDataset.allocations.filter((a) => a.partnerId === pid).map((a) => [a.profile, a.maxUsers]));
    expect(quotas(DEMO_IDS.partnerHautRhin)).toEqual({ T1: 285, T5: 100, T19: 15 });
    expect(quotas(DEMO_IDS.partnerSaintDenis)).toEqual({ T1: 2, T2: 5 });
    const escalationNames = chain(DEMO_IDS.partnerHautRhin).partnerSide.map((e) => demoDataset.contacts.find((c) => c.id === e.contactId)!.lastName);
    expect(escalationNames).toEqual(['BAJARD', 'LATSAGUE']);
  });

  it('active habilitations never exceed their allocation', () => {
    for (const a of demoDataset.allocations) {
      const held = demoDataset.habilitations.filter((h) => h.partnerId === a.partnerId && h.profile === a.profile && h.status !== 'supprimee').length;
      expect(held).toBeLessThanOrEqual(a.maxUsers);
    }
  });

  it('SIRETs as written pass Luhn (Saint-Denis: SIREN mismatch noted on the partner)', () => {
    for (const p of demoDataset.partners.filter((x) => x.siret)) expect(luhnValid(p.siret)).toBe(true);
    expect(demoDataset.partners.find((p) => p.id === DEMO_IDS.partnerSaintDenis)!.notes).toMatch(/219740115/);
  });

  it('phones are valid E.164 numbers of the right territory', () => {
    const phones = [
      ...demoDataset.contacts.flatMap((c) => [c.landline, c.mobile]),
      ...demoDataset.cafs.map((c) => c.helpdeskPhone),
    ].filter(Boolean);
    expect(phones.length).toBeGreaterThan(10);
    for (const p of phones) {
      expect(p).toMatch(/^\+\d{11,12}$/);
      expect(parsePhoneNumberFromString(p)?.isValid(), p).toBe(true);
    }
    expect(demoDataset.contacts.find((c) => c.lastName === 'MOURET')!.landline).toBe('+262262486211');
    expect(parsePhoneNumberFromString('+262262486211')?.country).toBe('RE');
  });
});
