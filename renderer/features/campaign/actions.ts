/**
 * The campaign's writes, one `store.write` each (one transaction). A request's id is campaign + partner, so two
 * workstations preparing the same partner offline merge into one record.
 */
import { addYears } from 'date-fns';
import type { EscalationChain } from '../../../shared/domain/escalation';
import type { ReviewCampaign } from '../../../shared/domain/campaign';
import type { Territory } from '../../../shared/domain/common';
import { reviewCampaignSchema } from '../../../shared/domain/campaign';
import { dateOf, formatDate, isoOf } from '../../../shared/rules/dates';
import { defaultTemplates } from '../../../shared/templates/defaults';
import { nextStep } from '../../../shared/rules/escalation';
import { ValidationError, type Store } from '../../db/store';
import { readChain } from '../escalation/data';

export const requestId = (campaignId: string, partnerId: string) => `${campaignId}~${partnerId}`;

export async function createCampaign(store: Store, input: Omit<ReviewCampaign, 'id' | 'createdAt'>, now = new Date()): Promise<string> {
  const parsed = reviewCampaignSchema.omit({ id: true }).safeParse({ ...input, createdAt: now.toISOString() });
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? 'Campagne invalide.');
  if (input.answerBy < isoOf(now)) throw new ValidationError('La date limite de réponse ne peut pas être passée.');
  return store.write('Campagne de revue inverse créée', async (ctx) => {
    if (!(await ctx.get('templates', input.templateId)) && !defaultTemplates.some((t) => t.id === input.templateId)) throw new ValidationError("Ce modèle de courrier n'existe plus.");
    return ctx.create('reviewCampaigns', parsed.data);
  });
}

/** The letters and drafts of these partners were produced (after the file was saved, never before). */
export async function recordPrepared(store: Store, campaignId: string, partnerIds: readonly string[], at = new Date()): Promise<void> {
  await store.write('Courriers de revue inverse préparés', async (ctx) => {
    if (!(await ctx.get('reviewCampaigns', campaignId))) throw new ValidationError("Cette campagne n'existe plus.");
    for (const partnerId of partnerIds) {
      const id = requestId(campaignId, partnerId);
      if (await ctx.get('reviewRequests', id)) await ctx.update('reviewRequests', id, { preparedAt: at.toISOString() });
      else await ctx.create('reviewRequests', { id, campaignId, partnerId, preparedAt: at.toISOString() });
    }
  });
}

/**
 * Sent: each request gets its date and a follow-up (relance) towards the partner, which then escalates with the
 * partner's chain delays like any other (Relances, dashboard, window title).
 */
export async function markSent(store: Store, campaign: Pick<ReviewCampaign, 'id' | 'title' | 'answerBy'>, partnerIds: readonly string[], at = new Date()): Promise<void> {
  if (partnerIds.length === 0) throw new ValidationError('Choisissez au moins un partenaire.');
  await store.write('Demandes de revue inverse envoyées', async (ctx) => {
    for (const partnerId of partnerIds) {
      if (!(await ctx.get('partners', partnerId))) throw new ValidationError("Un des partenaires choisis n'existe plus : rien n'a été enregistré.");
      const id = requestId(campaign.id, partnerId);
      const existing = await ctx.get('reviewRequests', id);
      if (existing?.sentOn) continue;
      const followUpId = await ctx.create('followUps', {
        partnerId,
        subject: `${campaign.title} : résultat à retourner avant le ${formatDate(campaign.answerBy)}`,
        direction: 'vers-partenaire',
        channel: 'mel',
        sentAt: at.toISOString(),
        urgent: false,
        steps: [],
        status: 'ouverte',
        notes: '',
      });
      if (existing) await ctx.update('reviewRequests', id, { sentOn: isoOf(at), followUpId });
      else await ctx.create('reviewRequests', { id, campaignId: campaign.id, partnerId, sentOn: isoOf(at), followUpId });
    }
  });
}

/**
 * Reminded: the next person of the partner's chain is recorded as contacted on the follow-up (the delay restarts
 * from now), and the request keeps the date. Without anyone left in the chain, the date is still kept and a note
 * says so on the follow-up.
 */
export async function markReminded(store: Store, id: string, territory: Territory, at = new Date()): Promise<void> {
  const db = store.db;
  await store.write('Demande de revue inverse relancée', async (ctx) => {
    const req = await ctx.get('reviewRequests', id);
    if (!req) throw new ValidationError("Cette demande n'existe plus.");
    if (!req.sentOn || !req.followUpId) throw new ValidationError("Marquez d'abord la demande comme envoyée.");
    if (req.receivedOn) throw new ValidationError('Le résultat de la revue a déjà été reçu.');
    const fu = await ctx.get('followUps', req.followUpId);
    if (fu && fu.status === 'ouverte') {
      const chain: EscalationChain | undefined = (await readChain(db, req.partnerId)) ?? undefined;
      try {
        const step = nextStep(fu, chain, territory, at);
        await ctx.update('followUps', fu.id, { steps: [...fu.steps, step] });
      } catch {
        await ctx.update('followUps', fu.id, { notes: `${fu.notes ? `${fu.notes}\n` : ''}Relancé le ${formatDate(isoOf(at))} (personne d'autre dans la procédure d'escalade).` });
      }
    }
    await ctx.update('reviewRequests', id, { remindedOn: isoOf(at) });
  });
}

/** Received: the review is done on that day (convention), the follow-up is closed. */
export async function markReceived(store: Store, id: string, receivedOn: string | null, today = isoOf(new Date())): Promise<void> {
  if (!receivedOn) throw new ValidationError('Date de réception attendue au format jj/mm/aaaa.');
  if (receivedOn > today) throw new ValidationError('La date de réception ne peut pas être dans le futur.');
  const db = store.db;
  await store.write('Revue inverse reçue', async (ctx) => {
    const req = await ctx.get('reviewRequests', id);
    if (!req) throw new ValidationError("Cette demande n'existe plus.");
    if (req.sentOn && receivedOn < req.sentOn) throw new ValidationError(`La date de réception ne peut pas précéder l'envoi (${formatDate(req.sentOn)}).`);
    const conventions = (await db.conventions.where('partnerId').equals(req.partnerId).toArray()).filter((c) => c._deleted === 0);
    for (const c of conventions) {
      const data = await ctx.get('conventions', c.id);
      if (!data || data.terminationEffectiveOn) continue;
      if (!data.reverseReviewLastDone || data.reverseReviewLastDone < receivedOn) {
        await ctx.update('conventions', c.id, { reverseReviewLastDone: receivedOn, reverseReviewNextDue: isoOf(addYears(dateOf(receivedOn), 1)) });
      }
    }
    if (req.followUpId) {
      const fu = await ctx.get('followUps', req.followUpId);
      if (fu && fu.status === 'ouverte') await ctx.update('followUps', fu.id, { status: 'close', closedAt: new Date(`${receivedOn}T12:00:00`).toISOString() });
    }
    await ctx.update('reviewRequests', id, { receivedOn });
  });
}

/** Undo a reception typed by mistake (the convention keeps its date: the office corrects it in the Convention tab). */
export async function clearReceived(store: Store, id: string): Promise<void> {
  await store.write('Réception de la revue inverse annulée', async (ctx) => {
    if (!(await ctx.get('reviewRequests', id))) throw new ValidationError("Cette demande n'existe plus.");
    await ctx.update('reviewRequests', id, { receivedOn: undefined });
  });
}
