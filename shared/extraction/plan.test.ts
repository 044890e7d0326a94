import { describe, expect, it } from 'vitest';
import { readConvention } from './extract';
import { syntheticConvention } from './fixtures/synthetic';
import { buildPlan, isoOf, planOperations, type BaseSnapshot } from './plan';

const read = readConvention(syntheticConvention(), 'synthetique.txt');
const empty: BaseSnapshot = { cafs: [], partners: [], conventions: [], contacts: [], chains: [], allocations: [], defaultCafId: 'caf-1' };

describe('review plan', () => {
  it('on an empty base: everything is « Créer », with an excerpt and a confidence', () => {
    const plan = buildPlan(read, empty);
    expect(plan.records.find((r) => r.key === 'partner')).toMatchObject({ existingId: undefined, match: 'absent de la base' });
    expect(plan.fields.every((f) => f.decision === 'create')).toBe(true);
    expect(plan.fields.find((f) => f.key === 'partner.siret')).toMatchObject({ value: '26470001200018', evidence: expect.any(Object) });
    const ops = planOperations(plan, empty);
    expect(ops[0]).toMatchObject({ op: 'create', table: 'partners', data: { name: read.data.partner.name, kind: 'ccas-cias', cafId: 'caf-1' } });
    expect(ops.filter((o) => o.table === 'contacts')).toHaveLength(read.data.contacts.filter((c) => c.lastName).length);
    expect(ops.find((o) => o.table === 'chains')).toMatchObject({ data: { delayValue: 10, delayUnit: 'calendar-days', serviceOpens: '08:30' } });
  });

  it('matches the partner by SIRET and its contacts by e-mail: « Mettre à jour » only what differs', () => {
    const partner = { id: 'p1', cafId: 'caf-1', name: 'CCAS de Villeneuve', kind: 'ccas-cias' as const, siret: '26470001200018', address: { line1: '', line2: '', postalCode: '47300', city: '' }, representative: { firstName: '', lastName: '', title: '' }, status: 'actif' as const, notes: '' };
    const contact = { id: 'c1', partnerId: 'p1', firstName: 'Paul', lastName: 'ROUX', function: 'Responsable informatique', email: 'p.roux@ccas-villeneuve.fr', landline: '', mobile: '+33612345678', roles: [], notes: '' };
    const base = { ...empty, partners: [partner], contacts: [contact] };
    const plan = buildPlan(read, base);
    expect(plan.records.find((r) => r.key === 'partner')).toMatchObject({ existingId: 'p1', match: 'même SIRET' });
    const roux = plan.records.find((r) => r.title === 'Paul ROUX')!;
    expect(roux).toMatchObject({ existingId: 'c1', match: 'même adresse mél' });
    expect(plan.fields.find((f) => f.key === `${roux.key}.email`)!.decision).toBe('ignore');
    expect(plan.fields.find((f) => f.key === 'partner.name')!.decision).toBe('update');
    const ops = planOperations(plan, base);
    expect(ops.find((o) => o.table === 'partners')).toMatchObject({ op: 'update', id: 'p1' });
    expect(ops.find((o) => o.op === 'update' && o.table === 'contacts')).toMatchObject({ id: 'c1' });
  });

  it('ignored values are not written; a bad date is refused in French', () => {
    const plan = buildPlan(read, empty);
    const ignored = { ...plan, fields: plan.fields.map((f) => (f.record === 'partner' ? { ...f, decision: 'ignore' as const } : f)) };
    // No partner: nothing that belongs to it is written; the Caf's own contacts still are.
    const ops = planOperations(ignored, empty);
    expect(ops.length).toBeGreaterThan(0);
    expect(ops.every((o) => o.op === 'create' && o.table === 'contacts' && o.data.cafId === 'caf-1' && !('partnerId' in o.data))).toBe(true);
    expect(() => isoOf('31-12-2024')).toThrow('Date « 31-12-2024 » : attendue au format jj/mm/aaaa.');
    expect(isoOf('05/2017')).toBe('2017-05-01');
  });
});
