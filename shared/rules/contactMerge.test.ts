import { describe, expect, it } from 'vitest';
import { mergedContactPatch, mergeRoles, repointChain, repointFollowUpSteps } from './contactMerge';
import type { Contact } from '../domain/contact';

const c = (p: Partial<Contact>): Contact => ({ id: 'x', firstName: '', lastName: 'N', function: '', email: '', landline: '', mobile: '', roles: [], notes: '', ...p });

describe('contact merge', () => {
  it('fills blanks and unions roles', () => {
    const kept = c({ id: 'a', email: 'a@b.fr', roles: [{ role: 'administrateur' }] });
    const dropped = c({ id: 'b', email: 'autre@b.fr', mobile: '+262692123456', roles: [{ role: 'administrateur' }, { role: 'signataire', until: '2025-01-01' }] });
    expect(mergedContactPatch(kept, dropped)).toEqual({ mobile: '+262692123456', roles: [{ role: 'administrateur' }, { role: 'signataire', until: '2025-01-01' }] });
    expect(mergeRoles([], [])).toEqual([]);
  });
  it('repoints chains without listing a person twice', () => {
    const chain = { id: 'p', partnerId: 'p', delayValue: 48, delayUnit: 'hours' as const, serviceOpens: '08:00', serviceCloses: '16:00', cafSide: [{ contactId: 'k' }], partnerSide: [{ contactId: 'b' }, { contactId: 'a' }, { contactId: 'z' }] };
    expect(repointChain(chain, 'b', 'a')).toEqual({ cafSide: [{ contactId: 'k' }], partnerSide: [{ contactId: 'a' }, { contactId: 'z' }] });
    expect(repointChain(chain, 'nobody', 'a')).toBeNull();
  });
  it('repoints follow-up steps', () => {
    const f = { id: 'f', partnerId: 'p', subject: 's', direction: 'vers-caf' as const, channel: 'mel' as const, sentAt: '2026-01-01T00:00:00Z', urgent: false, status: 'ouverte' as const, notes: '', steps: [{ side: 'partner' as const, contactId: 'b', contactedAt: '2026-01-02T00:00:00Z' }] };
    expect(repointFollowUpSteps(f, 'b', 'a')?.[0]?.contactId).toBe('a');
    expect(repointFollowUpSteps(f, 'q', 'a')).toBeNull();
  });
});
