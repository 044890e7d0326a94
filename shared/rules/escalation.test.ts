import { describe, expect, it } from 'vitest';
import type { Contact } from '../domain/contact';
import type { EscalationChain } from '../domain/escalation';
import type { FollowUp } from '../domain/followup';
import { byDue, contactStatus, delayLabel, ESCALATION_MESSAGES, followUpState, nextStep, validateChain, type ChainDraft, type KnownContact } from './escalation';

const contact = (id: string, extra: Partial<Contact>): Contact => ({ id, firstName: 'Prénom', lastName: id.toUpperCase(), function: '', email: '', landline: '', mobile: '', roles: [], notes: '', ...extra });
const known = new Map<string, KnownContact>([
  ['caf1', { contact: contact('caf1', { cafId: 'caf-re' }), deleted: false }],
  ['caf2', { contact: contact('caf2', { cafId: 'caf-re' }), deleted: false }],
  ['p1', { contact: contact('p1', { partnerId: 'P' }), deleted: false }],
  ['p2', { contact: contact('p2', { partnerId: 'P' }), deleted: false }],
  ['gone', { contact: contact('gone', { partnerId: 'P', firstName: 'Ancien', lastName: 'DÉPART' }), deleted: true }],
  ['other', { contact: contact('other', { partnerId: 'Q' }), deleted: false }],
]);
const draft = (patch: Partial<ChainDraft> = {}): ChainDraft => ({ delayValue: 7, delayUnit: 'working-days', serviceOpens: '08:00', serviceCloses: '16:00', cafSide: ['caf1', 'caf2'], partnerSide: ['p1', 'p2'], ...patch });

describe('validateChain', () => {
  it('accepts a good chain', () => expect(validateChain(draft(), 'P', known)).toBeNull());
  it('rejects a delay of 0, negative or not whole', () => {
    expect(validateChain(draft({ delayValue: 0 }), 'P', known)).toBe('Le délai doit être un nombre entier supérieur à zéro.');
    expect(validateChain(draft({ delayValue: -2 }), 'P', known)).toBe(ESCALATION_MESSAGES.delay);
    expect(validateChain(draft({ delayValue: Number.NaN }), 'P', known)).toBe(ESCALATION_MESSAGES.delay);
    expect(validateChain(draft({ delayValue: 1.5 }), 'P', known)).toBe(ESCALATION_MESSAGES.delay);
  });
  it('rejects service hours that end before they start', () => {
    expect(validateChain(draft({ serviceOpens: '16:00', serviceCloses: '08:00' }), 'P', known)).toBe("L'heure de fermeture doit être postérieure à l'heure d'ouverture.");
    expect(validateChain(draft({ serviceOpens: '8h' }), 'P', known)).toBe(ESCALATION_MESSAGES.time);
  });
  it('rejects a deleted contact, naming them, and wrong sides and duplicates', () => {
    expect(validateChain(draft({ partnerSide: ['p1', 'gone'] }), 'P', known)).toBe("L'interlocuteur « Ancien DÉPART » a été supprimé : retirez-le de la procédure avant d'enregistrer.");
    expect(validateChain(draft({ partnerSide: ['nobody'] }), 'P', known)).toBe(ESCALATION_MESSAGES.missing);
    expect(validateChain(draft({ cafSide: ['p1'] }), 'P', known)).toBe('« Prénom P1 » n\'est pas un interlocuteur de la Caf : il ne peut pas figurer côté Caf.');
    expect(validateChain(draft({ partnerSide: ['other'] }), 'P', known)).toBe(ESCALATION_MESSAGES.wrongSidePartner('Prénom OTHER'));
    expect(validateChain(draft({ partnerSide: ['p1', 'p1'] }), 'P', known)).toBe(ESCALATION_MESSAGES.duplicate('Prénom P1'));
  });
});

describe('contactStatus', () => {
  it('tells active, no longer active, not yet active and deleted apart', () => {
    expect(contactStatus(known.get('p1'), '2026-11-23')).toEqual({ kind: 'active' });
    expect(contactStatus({ contact: contact('x', { activeUntil: '2026-11-22' }), deleted: false }, '2026-11-23')).toEqual({ kind: 'inactive', since: '2026-11-22' });
    expect(contactStatus({ contact: contact('x', { activeUntil: '2026-11-23' }), deleted: false }, '2026-11-23')).toEqual({ kind: 'active' });
    expect(contactStatus({ contact: contact('x', { activeFrom: '2026-12-01' }), deleted: false }, '2026-11-23')).toEqual({ kind: 'not-yet', from: '2026-12-01' });
    expect(contactStatus(known.get('gone'), '2026-11-23')).toEqual({ kind: 'deleted' });
    expect(contactStatus(undefined, '2026-11-23')).toEqual({ kind: 'deleted' });
  });
});

const chain: EscalationChain = { id: 'P', partnerId: 'P', delayValue: 7, delayUnit: 'working-days', serviceOpens: '08:00', serviceCloses: '16:00', cafSide: [{ contactId: 'caf1' }, { contactId: 'caf2' }], partnerSide: [{ contactId: 'p1' }, { contactId: 'p2' }] };
const local = (y: number, m: number, d: number, h = 0, mi = 0) => new Date(y, m - 1, d, h, mi);
const fu = (patch: Partial<FollowUp> = {}): FollowUp => ({ id: 'f', partnerId: 'P', subject: 'Compte bloqué', direction: 'vers-caf', channel: 'mel', sentAt: local(2024, 12, 18, 9).toISOString(), urgent: false, steps: [], status: 'ouverte', notes: '', ...patch });

describe('followUpState', () => {
  it('a closed request has no next person and is not « exhausted »', () => {
    const s = followUpState(fu({ status: 'close', closedAt: local(2024, 12, 19, 9).toISOString() }), chain, 'reunion', local(2024, 12, 30, 12));
    expect(s.nextContactId).toBeUndefined();
    expect(s.nextPosition).toBeUndefined();
    expect(s.exhausted).toBe(false);
    expect(s.overdue).toBe(false);
  });

  it('a request to the Caf escalates on the Caf side, with the Réunion calendar', () => {
    const s = followUpState(fu(), chain, 'reunion', local(2024, 12, 30, 12));
    expect(s.side).toBe('caf');
    expect(s.due).toEqual(local(2024, 12, 31, 9));
    expect(s.overdue).toBe(false);
    expect(s.nextContactId).toBe('caf1');
    expect(s.nextPosition).toBe(1);
    expect(followUpState(fu(), chain, 'metropole', local(2024, 12, 30, 12)).overdue).toBe(true);
  });

  it('each contact restarts the delay from the contact and moves to the next person, until the chain is exhausted', () => {
    let f = fu({ direction: 'vers-partenaire' });
    const step1 = nextStep(f, chain, 'metropole', local(2025, 1, 6, 10));
    expect(step1).toEqual({ side: 'partner', contactId: 'p1', contactedAt: local(2025, 1, 6, 10).toISOString() });
    f = { ...f, steps: [step1] };
    let s = followUpState(f, chain, 'metropole', local(2025, 1, 6, 11));
    expect(s.countsFrom).toEqual(local(2025, 1, 6, 10));
    expect(s.due).toEqual(local(2025, 1, 15, 10));
    expect(s.nextContactId).toBe('p2');
    f = { ...f, steps: [step1, nextStep(f, chain, 'metropole', local(2025, 1, 16, 9))] };
    s = followUpState(f, chain, 'metropole', local(2025, 1, 16, 9));
    expect(s.nextContactId).toBeUndefined();
    expect(s.exhausted).toBe(true);
    expect(() => nextStep(f, chain, 'metropole', local(2025, 1, 16, 9))).toThrow("Personne d'autre à contacter");
    expect(() => nextStep({ ...f, status: 'close' }, chain, 'metropole', local(2025, 1, 16, 9))).toThrow('Cette relance est déjà close.');
  });

  it('reordering the chain never repeats a person already contacted', () => {
    const f = fu({ steps: [{ side: 'caf', contactId: 'caf2', contactedAt: local(2025, 1, 6, 10).toISOString() }] });
    expect(followUpState(f, chain, 'metropole', local(2025, 1, 6, 10)).nextContactId).toBe('caf1');
  });

  it('urgent requests are due at once; no chain means 48 heures with nobody next', () => {
    const s = followUpState(fu({ urgent: true }), chain, 'metropole', local(2024, 12, 18, 9));
    expect(s.due).toEqual(local(2024, 12, 18, 9));
    expect(s.overdue).toBe(true);
    const n = followUpState(fu(), undefined, 'metropole', local(2024, 12, 18, 10));
    expect(n.noChain).toBe(true);
    expect(n.nextContactId).toBeUndefined();
    expect(n.delay).toEqual({ value: 48, unit: 'hours' });
    // 48 h of service: Wed 18 (7 h), Thu 19, Fri 20, Mon 23, Tue 24 (8 h each), Noël skipped, Thu 26 (8 h), Fri 27 1 h.
    expect(n.due).toEqual(local(2024, 12, 27, 9));
  });

  it('closed requests are never overdue; byDue sorts soonest first', () => {
    expect(followUpState(fu({ status: 'close' }), chain, 'metropole', local(2030, 1, 1)).overdue).toBe(false);
    const a = { fu: fu({ id: 'a' }), state: followUpState(fu({ id: 'a' }), chain, 'metropole', local(2025, 1, 1)) };
    const b = { fu: fu({ id: 'b', urgent: true }), state: followUpState(fu({ id: 'b', urgent: true }), chain, 'metropole', local(2025, 1, 1)) };
    expect(byDue([a, b]).map((r) => r.fu.id)).toEqual(['b', 'a']);
    expect(delayLabel(48, 'hours')).toBe('48 heures');
    expect(delayLabel(1, 'working-days')).toBe('1 jour ouvré');
    expect(delayLabel(10, 'calendar-days')).toBe('10 jours calendaires');
  });
});
