import { describe, expect, it } from 'vitest';
import { activeRoles, missingRequiredRoles } from './requiredRoles';
import type { Contact } from '../domain/contact';

const contact = (roles: Contact['roles'], period: Partial<Contact> = {}) => ({ roles, ...period });

describe('required roles', () => {
  it('lists every missing role when nobody holds any', () => {
    expect(missingRequiredRoles([], '2026-11-23')).toEqual([
      'administrateur',
      'administrateur-suppleant',
      'responsable-securite',
      'referent-informatique-libertes',
    ]);
  });
  it('one person may hold several roles', () => {
    const a = contact([{ role: 'administrateur' }, { role: 'responsable-securite' }]);
    const b = contact([{ role: 'administrateur-suppleant' }, { role: 'referent-informatique-libertes' }, { role: 'signataire' }]);
    expect(missingRequiredRoles([a, b], '2026-11-23')).toEqual([]);
  });
  it('ended roles and inactive contacts do not count; until is the last day held (inclusive)', () => {
    const ended = contact([{ role: 'administrateur', from: '2020-01-01', until: '2026-11-22' }]);
    expect(missingRequiredRoles([ended], '2026-11-22')).not.toContain('administrateur');
    expect(missingRequiredRoles([ended], '2026-11-23')).toContain('administrateur');
    const future = contact([{ role: 'administrateur', from: '2027-01-01' }]);
    expect(missingRequiredRoles([future], '2026-11-23')).toContain('administrateur');
    const gone = contact([{ role: 'administrateur' }], { activeUntil: '2026-01-01' });
    expect(activeRoles(gone, '2026-11-23')).toEqual([]);
    expect(missingRequiredRoles([gone], new Date(2026, 10, 23))).toContain('administrateur');
  });
});
