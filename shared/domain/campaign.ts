import { z } from '../validation/zod';
import { isoDate, isoDateTime, recordId } from './common';

/** One annual reverse-review campaign (« revue inverse des habilitations »): the letters share a template and a date to answer by. */
export const reviewCampaignSchema = z.object({
  id: recordId,
  title: z.string().trim().min(1, "L'intitulé de la campagne est obligatoire.").max(200),
  year: z.number().int().min(2000).max(2100),
  /** « date_limite »: the date the partners must answer by. */
  answerBy: isoDate,
  templateId: recordId,
  createdAt: isoDateTime,
});
export type ReviewCampaign = z.infer<typeof reviewCampaignSchema>;

/**
 * One partner in a campaign. A record per partner (not a list inside the campaign) so two workstations marking
 * different partners offline never conflict: each field merges on its own.
 */
export const reviewRequestSchema = z.object({
  id: recordId,
  campaignId: recordId,
  partnerId: recordId,
  /** When the letter and the e-mail draft were produced. */
  preparedAt: isoDateTime.optional(),
  sentOn: isoDate.optional(),
  /** The follow-up (relance) opened when the request was sent: it escalates with the partner's chain delays. */
  followUpId: recordId.optional(),
  remindedOn: isoDate.optional(),
  receivedOn: isoDate.optional(),
});
export type ReviewRequest = z.infer<typeof reviewRequestSchema>;
