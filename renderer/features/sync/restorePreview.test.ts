import { describe, expect, it } from 'vitest';
import { applyLocalDelete, applyLocalEdit, dataOf, type CrdtRecord } from '../../../shared/crdt/record';
import { countStep, emptyRollbackCounts, planTableRollback } from '../../../shared/sync/rollback';
import type { RollbackPlan } from '../../sync/rollback';
import { countsText, restorePreview } from './restorePreview';

const S = (n: number) => `00000000${n}-0000-aaaaaaaaaaaaaaaa`;
const rec = (id: string, fields: Record<string, unknown>, n = 1) => applyLocalEdit(undefined, id, fields, S(n)).record;

function planOf(tables: Record<string, [CrdtRecord[], CrdtRecord[]]>): RollbackPlan {
  const plan: RollbackPlan = { steps: [], counts: {} };
  for (const [t, [now, then]] of Object.entries(tables)) {
    const steps = planTableRollback(t, now, then);
    const c = (plan.counts[t as 'partners'] = emptyRollbackCounts());
    for (const s of steps) countStep(c, s);
    plan.steps.push(...steps);
  }
  return plan;
}
const lookup = (rows: CrdtRecord[]) => (_t: string, id: string) => {
  const r = rows.find((x) => x.id === id);
  return r ? dataOf<Record<string, unknown>>(r) : undefined;
};

describe('restore preview', () => {
  it('groups by type with French labels: created since, changed since (current → restored), deleted since', () => {
    const thenP = rec('p1', { name: 'Mairie de Colmar', signedOn: '2024-01-15', status: 'actif' });
    const gone = rec('p2', { name: 'CCAS de Brest' });
    const nowP = applyLocalEdit(thenP, 'p1', { name: 'Mairie de Colmar (erreur)', status: 'archive' }, S(2)).record;
    const created = rec('p3', { name: 'Nouveau partenaire' }, 3);
    const deleted = applyLocalDelete(gone, S(4));
    const contact = rec('c1', { firstName: 'Jeanne', lastName: 'Martin', email: 'j@x.fr' });
    const plan = planOf({ partners: [[nowP, created, deleted], [thenP, gone]], contacts: [[], [contact]] });
    const groups = restorePreview(plan, lookup([nowP, created, deleted]), lookup([thenP, gone, contact]));
    expect(groups.map((g) => g.title)).toEqual(['Partenaires', 'Interlocuteurs']);
    const [partners, contacts] = groups;
    // Deletions first (the surprise), then changes, then what comes back.
    expect(partners!.records.map((r) => [r.label, r.kind])).toEqual([
      ['Nouveau partenaire', 'delete'],
      ['Mairie de Colmar (erreur)', 'update'],
      ['CCAS de Brest', 'restore'],
    ]);
    expect(partners!.records[0]!.what).toBe('créé depuis la sauvegarde : sera supprimé');
    expect(partners!.records[1]!.changes).toEqual([
      { field: 'name', label: 'Nom', now: 'Mairie de Colmar (erreur)', then: 'Mairie de Colmar' },
      { field: 'status', label: 'Statut', now: 'archivé', then: 'actif' },
    ]);
    expect(partners!.records[2]!.what).toBe('supprimé depuis la sauvegarde : sera rétabli');
    expect(contacts!.records).toEqual([expect.objectContaining({ label: 'Jeanne MARTIN', kind: 'recreate', changes: [] })]);
    expect(countsText(partners!.counts)).toBe('1 créé(s) depuis, à supprimer ; 1 modifié(s) depuis (2 champ(s)), à remettre ; 1 supprimé(s) depuis, à rétablir');
    expect(countsText(emptyRollbackCounts())).toBe('aucun changement');
  });

  it('lists at most `limit` records per type and says how many more', () => {
    const many = Array.from({ length: 7 }, (_, i) => rec(`n${i}`, { name: `P${i}` }));
    const [g] = restorePreview(planOf({ partners: [many, []] }), lookup(many), () => undefined, 5);
    expect(g!.records).toHaveLength(5);
    expect(g!.more).toBe(2);
    expect(g!.counts.createdSince).toBe(7);
  });
});
