/**
 * The escalation feature's writes, one `store.write` each (one transaction, validated, history lines).
 * Every check is made again inside the transaction, on the stored data: a sync may have changed it since the
 * screen was drawn. A refused action throws a ValidationError with the French message and stores nothing.
 */
import type { Territory } from '../../../shared/domain/common';
import type { EscalationChain } from '../../../shared/domain/escalation';
import type { FollowUp } from '../../../shared/domain/followup';
import { FOLLOW_UP_MESSAGES, nextStep, validateChain, type ChainDraft } from '../../../shared/rules/escalation';
import { ValidationError, type Store } from '../../db/store';
import { readChain, readKnownContacts } from './data';

export async function saveChain(store: Store, partnerId: string, draft: ChainDraft): Promise<string> {
  const db = store.db;
  return store.write("Procédure d'escalade enregistrée", async (ctx) => {
    const problem = validateChain(draft, partnerId, await readKnownContacts(db));
    if (problem) throw new ValidationError(problem);
    if (!(await ctx.get('partners', partnerId))) throw new ValidationError("Ce partenaire n'existe plus.");
    const data = {
      partnerId,
      delayValue: draft.delayValue,
      delayUnit: draft.delayUnit,
      serviceOpens: draft.serviceOpens,
      serviceCloses: draft.serviceCloses,
      cafSide: draft.cafSide.map((contactId) => ({ contactId })),
      partnerSide: draft.partnerSide.map((contactId) => ({ contactId })),
    };
    const existing = await readChain(db, partnerId);
    if (existing) {
      await ctx.update('chains', existing.id, data);
      return existing.id;
    }
    // One chain per partner: its id is the partner's, so two offices creating it offline merge into one record.
    return ctx.create('chains', { id: partnerId, ...data });
  });
}

export interface NewFollowUp {
  partnerId: string | null;
  subject: string;
  direction: FollowUp['direction'];
  channel: FollowUp['channel'];
  /** null when what was typed is not a date and time. */
  sentAt: Date | null;
  urgent: boolean;
}

/** The same checks for a new request and an edited one; returns the partner and the sending time. */
function checkFollowUp(input: NewFollowUp, now: Date): { partnerId: string; sentAt: Date } {
  const { partnerId, sentAt } = input;
  if (!partnerId) throw new ValidationError(FOLLOW_UP_MESSAGES.partner, 'partnerId');
  if (!input.subject.trim()) throw new ValidationError(FOLLOW_UP_MESSAGES.subject, 'subject');
  if (!sentAt || Number.isNaN(sentAt.getTime())) throw new ValidationError(FOLLOW_UP_MESSAGES.sentAt, 'sentAt');
  // One minute of tolerance: the field defaults to « now » when the dialog opens.
  if (sentAt.getTime() > now.getTime() + 60_000) throw new ValidationError(FOLLOW_UP_MESSAGES.future, 'sentAt');
  return { partnerId, sentAt };
}

export async function createFollowUp(store: Store, input: NewFollowUp, now = new Date()): Promise<string> {
  const { partnerId, sentAt } = checkFollowUp(input, now);
  return store.write('Nouvelle relance', async (ctx) => {
    if (!(await ctx.get('partners', partnerId))) throw new ValidationError(FOLLOW_UP_MESSAGES.partner, 'partnerId');
    return ctx.create('followUps', {
      partnerId,
      subject: input.subject.trim(),
      direction: input.direction,
      channel: input.channel,
      sentAt: sentAt.toISOString(),
      urgent: input.urgent,
      steps: [],
      status: 'ouverte',
      notes: '',
    });
  });
}

/**
 * Correct a request (wrong partner, subject, channel, time typed). Its contacts so far stay; the sending time
 * cannot move after the first contact, or the steps would precede the request.
 */
export async function updateFollowUp(store: Store, id: string, input: NewFollowUp, now = new Date()): Promise<void> {
  const { partnerId, sentAt } = checkFollowUp(input, now);
  await store.write('Modification d’une relance', async (ctx) => {
    const current = await ctx.get('followUps', id);
    if (!current) throw new ValidationError("Cette relance n'existe plus.");
    if (!(await ctx.get('partners', partnerId))) throw new ValidationError(FOLLOW_UP_MESSAGES.partner, 'partnerId');
    const first = current.steps[0];
    if (first && sentAt.getTime() > new Date(first.contactedAt).getTime()) throw new ValidationError(FOLLOW_UP_MESSAGES.sentAfterContact, 'sentAt');
    await ctx.update('followUps', id, { partnerId, subject: input.subject.trim(), direction: input.direction, channel: input.channel, sentAt: sentAt.toISOString(), urgent: input.urgent });
  });
}

/** Delete a request recorded by mistake (kept in the history like every removal). */
export async function deleteFollowUp(store: Store, id: string): Promise<void> {
  await store.write('Suppression d’une relance', async (ctx) => {
    if (!(await ctx.get('followUps', id))) throw new ValidationError("Cette relance n'existe plus.");
    await ctx.remove('followUps', id);
  });
}

/** The next person in the chain has been contacted: one more step, and the delay restarts from `at`. */
export async function markNextContacted(
  store: Store,
  followUpId: string,
  territory: Territory,
  at: Date | null = new Date(),
  now = new Date(),
): Promise<FollowUp['steps'][number]> {
  if (!at || Number.isNaN(at.getTime())) throw new ValidationError(FOLLOW_UP_MESSAGES.contactedAt);
  if (at.getTime() > now.getTime() + 60_000) throw new ValidationError(FOLLOW_UP_MESSAGES.contactedFuture);
  const db = store.db;
  return store.write('Relance : interlocuteur contacté', async (ctx) => {
    const current = await ctx.get('followUps', followUpId);
    if (!current) throw new ValidationError("Cette relance n'existe plus.");
    const chain: EscalationChain | undefined = (await readChain(db, current.partnerId)) ?? undefined;
    let step: FollowUp['steps'][number];
    try {
      step = nextStep(current, chain, territory, at);
    } catch (e) {
      throw new ValidationError(e instanceof Error ? e.message : String(e));
    }
    await ctx.update('followUps', followUpId, { steps: [...current.steps, step] });
    return step;
  });
}

export async function closeFollowUp(store: Store, followUpId: string, at = new Date()): Promise<void> {
  await store.write('Relance close (réponse reçue)', async (ctx) => {
    const current = await ctx.get('followUps', followUpId);
    if (!current) throw new ValidationError("Cette relance n'existe plus.");
    if (current.status === 'close') throw new ValidationError(FOLLOW_UP_MESSAGES.closed);
    await ctx.update('followUps', followUpId, { status: 'close', closedAt: at.toISOString() });
  });
}

export async function reopenFollowUp(store: Store, followUpId: string): Promise<void> {
  await store.write('Relance rouverte', async (ctx) => {
    await ctx.update('followUps', followUpId, { status: 'ouverte', closedAt: undefined });
  });
}

export async function saveFollowUpNotes(store: Store, followUpId: string, notes: string): Promise<void> {
  if (notes.length > 5000) throw new ValidationError('Les notes ne peuvent pas dépasser 5 000 caractères.');
  await store.write('Notes de la relance', async (ctx) => {
    if (!(await ctx.get('followUps', followUpId))) throw new ValidationError("Cette relance n'existe plus.");
    await ctx.update('followUps', followUpId, { notes });
  });
}
