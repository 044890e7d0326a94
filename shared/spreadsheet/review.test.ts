import { describe, expect, it } from 'vitest';
import type { Allocation, Habilitation } from '../domain/habilitation';
import { proposeMapping } from './fields';
import { quotaAfterChoices, reconcileReview, returnedUsers, REVIEW_MESSAGES } from './review';

const hab = (id: string, email: string, lastName: string, profile = 'T2', status: Habilitation['status'] = 'active'): Habilitation => ({
  id, partnerId: 'p', service: 'CDAP', profile, firstName: 'A', lastName, email, function: '', startOn: '2024-01-01', status,
});
const allocations: Allocation[] = [{ id: 'a', partnerId: 'p', service: 'CDAP', profile: 'T2', maxUsers: 3 }];

describe('reverse review reconciliation', () => {
  it('three lists: in both, in the records only (to end), in the list only (to add, quota checked)', () => {
    const records = [hab('h1', 'a.un@mairie.fr', 'Un'), hab('h2', 'a.deux@mairie.fr', 'Deux'), hab('h3', '', 'Trois'), hab('old', 'a.quatre@mairie.fr', 'Quatre', 'T2', 'supprimee')];
    const rows = [
      ['NOM', 'Prénom', 'Mél', 'Fonction', 'Profil'],
      ['Un', 'A', 'A.UN@mairie.fr', 'Instructeur', 'T2'],
      ['Trois', 'A', '', '', 'T2'],
      ['Cinq', 'B', 'b.cinq@mairie.fr', '', 'T2'],
      ['Six', 'C', 'c.six@mairie.fr', '', 'T2'],
      ['Sept', 'D', '', '', 'T3'],
      ['', '', '', 'vide', ''],
    ];
    const { users, refused } = returnedUsers(rows, 0, proposeMapping('habilitation', rows[0]!));
    const r = reconcileReview(records, allocations, users, refused);
    expect(r.confirmed.map((c) => [c.habilitation.id, c.line])).toEqual([['h1', 2], ['h3', 3]]);
    expect(r.toEnd.map((h) => h.id)).toEqual(['h2']);
    // 3 seats: h1, h2, h3 hold them, so both additions exceed the quota until h2 is ended.
    expect(r.toAdd.map((a) => [a.lastName, a.quota !== null])).toEqual([['Cinq', true], ['Six', true]]);
    expect(r.refused).toEqual([{ line: 6, message: REVIEW_MESSAGES.unknownProfile('T3') }, { line: 7, message: REVIEW_MESSAGES.noName }]);
  });

  it('the quota of an addition counts the seats freed by the ends chosen, and the additions chosen before it', () => {
    const records = [hab('h1', 'a@x.fr', 'Un'), hab('h2', 'b@x.fr', 'Deux'), hab('h3', 'c@x.fr', 'Trois')];
    const user = (line: number) => ({ line, firstName: 'N', lastName: `N${line}`, email: '', function: '', profile: 'T2', service: 'CDAP' });
    const adds = [user(5), user(6)];
    const none = quotaAfterChoices(records, allocations, new Set(), adds);
    expect(none.map((q) => q.refusal !== null)).toEqual([true, true]);
    const oneEnded = quotaAfterChoices(records, allocations, new Set(['h2']), adds);
    expect(oneEnded.map((q) => [q.refusal !== null, q.exceeds])).toEqual([[false, false], [true, true]]);
    // An addition left unticked takes no seat: the next one gets it.
    const skipFirst = quotaAfterChoices(records, allocations, new Set(['h2']), adds, { chosen: (u) => u.line !== 5 });
    expect(skipFirst.map((q) => q.refusal !== null)).toEqual([false, false]);
    // With the override reason, an addition beyond the quota passes and is flagged as exceeding.
    const forced = quotaAfterChoices(records, allocations, new Set(['h2']), adds, { overrideReason: 'Renfort' });
    expect(forced.map((q) => [q.refusal, q.exceeds])).toEqual([[null, false], [null, true]]);
  });
});
