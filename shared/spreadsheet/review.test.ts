import { describe, expect, it } from 'vitest';
import type { Allocation, Habilitation } from '../domain/habilitation';
import { proposeMapping } from './fields';
import { reconcileReview, returnedUsers, REVIEW_MESSAGES } from './review';

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
});
