/**
 * Preparing a campaign: for each chosen partner, its letter PDF (worker) and, when its administrator has an
 * e-mail, the `.eml` draft with the PDF attached; everything goes into one `.zip` (one save, one folder per
 * campaign). Cancellable between two partners: a cancelled run returns nothing and nothing is saved or recorded.
 */
import { zipSync, type Zippable } from 'fflate';
import type { LetterTemplate } from '../../../shared/domain/template';
import type { ReviewCampaign } from '../../../shared/domain/campaign';
import { campaignFileName, renderMessage } from '../../../shared/campaign/letter';
import type { LetterContext } from '../../../shared/templates';
import { buildEml } from './eml';
import type { LetterMaker } from './letters';

export class CancelledError extends Error {
  constructor() {
    super('Préparation annulée : aucun fichier enregistré, rien de modifié.');
    this.name = 'CancelledError';
  }
}

export interface PreparedFile {
  partnerId: string;
  partnerName: string;
  pdf: string;
  eml?: string;
}

export interface Prepared {
  zip: Uint8Array;
  files: PreparedFile[];
  /** Partners with neither letter nor draft, and why (what to fix). */
  skipped: { partnerId: string; partnerName: string; problems: string[] }[];
  /** Partners with a letter but no draft (no administrator e-mail). */
  letterOnly: { partnerId: string; partnerName: string; problems: string[] }[];
}

export interface PrepareInput {
  contexts: LetterContext[];
  template: LetterTemplate;
  campaign: Pick<ReviewCampaign, 'year' | 'answerBy' | 'title'>;
  sender: { name: string; email: string };
  agent: string;
  today: string;
  makeLetter: LetterMaker;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

const personName = (c: { firstName: string; lastName: string } | undefined) => (c ? [c.firstName, c.lastName.toUpperCase()].filter(Boolean).join(' ') : '');

export async function prepareCampaign(input: PrepareInput): Promise<Prepared> {
  const files: Zippable = {};
  const out: Prepared = { zip: new Uint8Array(), files: [], skipped: [], letterOnly: [] };
  const enc = new TextEncoder();
  const total = input.contexts.length;
  const used = new Set<string>();
  const unique = (name: string) => {
    let n = name;
    for (let i = 2; used.has(n); i++) n = name.replace(/(\.\w+)$/, `-${i}$1`);
    used.add(n);
    return n;
  };
  for (let i = 0; i < total; i++) {
    if (input.signal?.aborted) throw new CancelledError();
    const ctx = input.contexts[i]!;
    const name = ctx.partner.name;
    if (ctx.letterProblems.length) {
      out.skipped.push({ partnerId: ctx.partner.id, partnerName: name, problems: ctx.letterProblems });
      input.onProgress?.(i + 1, total);
      continue;
    }
    const msg = renderMessage(ctx, input.template, input.today, { year: input.campaign.year, answerBy: input.campaign.answerBy, agent: input.agent });
    const pdf = await input.makeLetter(msg.letter, { title: msg.subject, author: input.sender.name });
    const pdfName = unique(campaignFileName(input.campaign.year, name, 'pdf'));
    files[pdfName] = [pdf, { level: 0 }]; // PDF streams are compressed already: store them.
    const file: PreparedFile = { partnerId: ctx.partner.id, partnerName: name, pdf: pdfName };
    if (ctx.emailProblems.length === 0 && ctx.administrator) {
      const eml = buildEml({
        from: input.sender,
        to: { name: personName(ctx.administrator), email: ctx.administrator.email },
        cc: ctx.deputy?.email ? { name: personName(ctx.deputy), email: ctx.deputy.email } : undefined,
        subject: msg.subject,
        text: msg.emailText,
        attachment: { fileName: pdfName, contentType: 'application/pdf', data: pdf },
      });
      file.eml = unique(campaignFileName(input.campaign.year, name, 'eml'));
      // Stored, not deflated: a draft is mostly the PDF in base64, which deflate shrinks by a quarter only, for
      // most of the campaign's time (300 drafts: 13 s at level 6 against 0.7 s stored, measured under load).
      files[file.eml] = [enc.encode(eml), { level: 0 }];
    } else out.letterOnly.push({ partnerId: ctx.partner.id, partnerName: name, problems: ctx.emailProblems });
    out.files.push(file);
    input.onProgress?.(i + 1, total);
    // Let the progress bar paint and « Annuler » be clicked between two partners.
    if (i % 10 === 9) await new Promise((r) => setTimeout(r, 0));
  }
  if (input.signal?.aborted) throw new CancelledError();
  out.zip = zipSync(files);
  return out;
}
