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
import { codePointLabel, firstUnprintable } from '../../../shared/rules/printable';
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
  /** The drafts' Date header; one moment for the whole campaign (tests pass a fixed one). */
  now?: Date;
  makeLetter: LetterMaker;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

const personName = (c: { firstName: string; lastName: string } | undefined) => (c ? [c.firstName, c.lastName.toUpperCase()].filter(Boolean).join(' ') : '');

const nextTask = () => new Promise((r) => setTimeout(r, 0));

export async function prepareCampaign(input: PrepareInput): Promise<Prepared> {
  const out: Prepared = { zip: new Uint8Array(), files: [], skipped: [], letterOnly: [] };
  const { signal } = input;
  const enc = new TextEncoder();
  const draftDate = input.now ?? new Date();
  const total = input.contexts.length;
  const used = new Set<string>();
  const unique = (name: string) => {
    let n = name;
    for (let i = 2; used.has(n); i++) n = name.replace(/(\.\w+)$/, `-${i}$1`);
    used.add(n);
    return n;
  };
  // « Annuler » ends the run at once, whatever letters are still being drawn: their results are dropped.
  let onAbort = () => {};
  const cancelled = new Promise<never>((_, reject) => {
    onAbort = () => reject(new CancelledError());
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  cancelled.catch(() => {});
  // Two letters in flight per worker, so that no worker waits for the main thread between two letters.
  const window = 2 * Math.max(1, Math.floor(input.makeLetter.parallel ?? 1));
  const inFlight = new Set<Promise<void>>();
  const made: ({ file: PreparedFile; pdf: Uint8Array; eml?: Uint8Array } | undefined)[] = [];
  let done = 0;
  const progress = () => input.onProgress?.(++done, total);
  try {
    for (let i = 0; i < total; i++) {
      if (signal?.aborted) throw new CancelledError();
      const ctx = input.contexts[i]!;
      const name = ctx.partner.name;
      if (ctx.letterProblems.length) {
        out.skipped.push({ partnerId: ctx.partner.id, partnerName: name, problems: ctx.letterProblems });
        progress();
        continue;
      }
      const msg = renderMessage(ctx, input.template, input.today, { year: input.campaign.year, answerBy: input.campaign.answerBy, agent: input.agent });
      // The records are checked with the context (letterProblems); what is left to print comes from the template.
      const u = firstUnprintable([msg.subject, ...msg.letter.parts.map((part) => (part.kind === 'text' ? part.text : ''))].join('\n'), 'letter');
      if (u) {
        out.skipped.push({ partnerId: ctx.partner.id, partnerName: name, problems: [`Caractère impossible à imprimer sur le courrier dans le modèle « ${input.template.name} » : « ${u.char} » (${codePointLabel(u.codePoint)}). Corrigez-le dans Rapports › Modèles de courrier.`] });
        progress();
        continue;
      }
      // File names are given in the partners' order, whatever order the workers finish in.
      const file: PreparedFile = { partnerId: ctx.partner.id, partnerName: name, pdf: unique(campaignFileName(input.campaign.year, name, 'pdf')) };
      const admin = ctx.emailProblems.length === 0 ? ctx.administrator : undefined;
      if (admin) file.eml = unique(campaignFileName(input.campaign.year, name, 'eml'));
      else out.letterOnly.push({ partnerId: ctx.partner.id, partnerName: name, problems: ctx.emailProblems });
      const slot = made.push(undefined) - 1;
      const task = input.makeLetter(msg.letter, { title: msg.subject, author: input.sender.name }, signal).then((pdf) => {
        if (signal?.aborted) return;
        const eml = admin
          ? buildEml({
              from: input.sender,
              to: { name: personName(admin), email: admin.email },
              cc: ctx.deputy?.email ? { name: personName(ctx.deputy), email: ctx.deputy.email } : undefined,
              subject: msg.subject,
              text: msg.emailText,
              attachment: { fileName: file.pdf, contentType: 'application/pdf', data: pdf },
              date: draftDate,
            })
          : undefined;
        made[slot] = { file, pdf, ...(eml === undefined ? {} : { eml: enc.encode(eml) }) };
        progress();
      });
      task.catch(() => {});
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task)).catch(() => {});
      if (inFlight.size >= window) await Promise.race([cancelled, ...inFlight]);
      // Let the progress bar paint and « Annuler » be clicked.
      if (i % 10 === 9) await Promise.race([cancelled, nextTask()]);
    }
    await Promise.race([cancelled, Promise.all(inFlight)]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (signal?.aborted) throw new CancelledError();
  const files: Zippable = {};
  for (const m of made) {
    if (!m) continue;
    files[m.file.pdf] = [m.pdf, { level: 0 }]; // PDF streams are compressed already: store them.
    // Stored, not deflated: a draft is mostly the PDF in base64, which deflate shrinks by a quarter only, for
    // most of the campaign's time (300 drafts: 13 s at level 6 against 0.7 s stored, measured under load).
    if (m.file.eml && m.eml) files[m.file.eml] = [m.eml, { level: 0 }];
    out.files.push(m.file);
  }
  out.zip = zipSync(files);
  return out;
}
