/** What the campaign screen and its letters are made from (live), and each partner's letter context. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Caf, Contact, Convention, Habilitation, LetterTemplate, Partner, ReviewCampaign, ReviewRequest } from '../../../shared/domain';
import { letterContext, type LetterContext } from '../../../shared/templates';
import type { Settings } from '../../../shared/settings/schema';
import type { AppDatabase } from '../../db/database';
import { liveRows } from '../../db/store';
import { useServices } from '../../app/services';
import { readReportData } from '../reports/data';
import { readTemplates } from '../reports/templateActions';
import type { ReportData } from '../../../shared/reports';

export interface CampaignData extends ReportData {
  campaigns: ReviewCampaign[];
  requests: ReviewRequest[];
  templates: LetterTemplate[];
}

export async function readCampaignData(db: AppDatabase): Promise<CampaignData> {
  const [base, campaigns, requests, templates] = await Promise.all([readReportData(db), liveRows(db, 'reviewCampaigns'), liveRows(db, 'reviewRequests'), readTemplates(db)]);
  return { ...base, campaigns: campaigns.sort((a, b) => b.year - a.year || b.createdAt.localeCompare(a.createdAt)), requests, templates };
}

export function useCampaignData(): CampaignData | undefined {
  const { db } = useServices();
  return useLiveQuery(() => readCampaignData(db), [db]);
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === undefined) continue;
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** The Caf a letter comes from: the partner's, else the office's own (chosen in Paramètres). */
export function cafOf(partner: Partner, cafs: ReadonlyMap<string, Caf>, settings: Pick<Settings, 'officeCafId'>): LetterContext['caf'] {
  return cafs.get(partner.cafId) ?? cafs.get(settings.officeCafId);
}

/** One letter context per partner (records grouped once: 300 partners × 9,000 habilitations stay linear). */
export function letterContexts(
  data: Pick<ReportData, 'cafs' | 'conventions' | 'contacts' | 'habilitations'>,
  partners: readonly Partner[],
  settings: Pick<Settings, 'officeCafId'>,
  today: string,
): Map<string, LetterContext> {
  const cafs = new Map(data.cafs.map((c) => [c.id, c]));
  const conventions = groupBy<Convention>(data.conventions, (c) => c.partnerId);
  const contacts = groupBy<Contact>(data.contacts, (c) => c.partnerId);
  const habilitations = groupBy<Habilitation>(data.habilitations, (h) => h.partnerId);
  return new Map(
    partners.map((p) => [
      p.id,
      letterContext({ partner: p, caf: cafOf(p, cafs, settings), conventions: conventions.get(p.id) ?? [], contacts: contacts.get(p.id) ?? [], habilitations: habilitations.get(p.id) ?? [] }, today),
    ]),
  );
}
