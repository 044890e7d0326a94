import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../db/database';
import { liveRows, Store } from '../../db/store';
import { followUpState } from '../../../shared/rules/escalation';
import { isoOf } from '../../../shared/rules/dates';
import { defaultTemplates, letterContext } from '../../../shared/templates';
import type { Contact, Partner } from '../../../shared/domain';
import { saveChain } from '../escalation/actions';
import { readChain } from '../escalation/data';
import { createCampaign, markReminded, markSent, requestId } from './actions';
import { CancelledError, prepareCampaign } from './prepare';

let db: AppDatabase;
let store: Store;
let n = 0;
const caf = { id: 'caf-re', name: 'Caf de La Réunion', address: { line1: '', line2: '', postalCode: '97400', city: 'Saint-Denis' }, territory: 'reunion' as const, director: '', helpdeskEmail: 'partenaires@caf.example', helpdeskPhone: '' };
const partner = (id: string, name: string): Partner => ({ id, cafId: 'caf-re', name, kind: 'commune', siret: '', address: { line1: '', line2: '', postalCode: '', city: '' }, representative: { firstName: '', lastName: '', title: '' }, status: 'actif', notes: '' }) as Partner;
const contact = (id: string, partnerId: string, lastName: string, email: string, admin: boolean): Contact =>
  ({ id, partnerId, firstName: 'Zoé', lastName, function: '', email, landline: '', mobile: '', roles: admin ? [{ role: 'administrateur', since: '2020-01-01' }] : [], notes: '' }) as unknown as Contact;
const partners = [partner('A', 'Commune A'), partner('B', 'Commune B (sans mél)'), partner('C', 'Commune C (sans administrateur)')];
const contacts = [contact('a1', 'A', 'PAYET', 'zoe.payet@a.example', true), contact('a2', 'A', 'HOARAU', 'h@a.example', false), contact('b1', 'B', 'RIVIERE', '', true), contact('c1', 'C', 'GRONDIN', 'g@c.example', false)];

beforeEach(async () => {
  db = new AppDatabase(`campaign-test-${n++}`);
  store = new Store(db, '00000000000000cc', () => 'Testeur');
  await store.open();
  await store.write('setup', async (ctx) => {
    await ctx.create('cafs', caf);
    for (const p of partners) await ctx.create('partners', p);
    for (const c of contacts) await ctx.create('contacts', c);
  });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const contexts = (today = '2026-11-20') => partners.map((p) => letterContext({ partner: p, caf, conventions: [], contacts, habilitations: [] }, today));
const fakeLetter = async () => new TextEncoder().encode('%PDF-1.7 lettre');

describe('campaign: partners that cannot get a letter or a draft are listed apart', () => {
  it('no administrator → no letter, with what to fix; administrator without e-mail → letter only, with what to fix', async () => {
    const out = await prepareCampaign({ contexts: contexts(), template: defaultTemplates[0]!, campaign: { year: 2027, answerBy: '2027-01-31', title: 'Revue 2027' }, sender: { name: caf.name, email: caf.helpdeskEmail }, agent: '', today: '2026-11-20', makeLetter: fakeLetter });
    expect(out.files.map((f) => [f.partnerId, !!f.eml])).toEqual([
      ['A', true],
      ['B', false],
    ]);
    expect(out.skipped).toEqual([{ partnerId: 'C', partnerName: 'Commune C (sans administrateur)', problems: ["Aucun administrateur principal : désignez-le dans l'onglet Interlocuteurs du partenaire."] }]);
    expect(out.letterOnly).toEqual([{ partnerId: 'B', partnerName: 'Commune B (sans mél)', problems: ["L'administrateur principal (Zoé RIVIERE) n'a pas d'adresse mél : renseignez-la dans sa fiche."] }]);
  });

  it('a partner whose records hold a character the letter font cannot draw gets no letter, listed with the field and the character (issue 12)', async () => {
    // Stored before input refused it: an emoji in the partner's name, which Liberation Sans (jsPDF) lacks.
    const palm = partner('D', 'Commune D 🌴');
    const list = [...contexts(), letterContext({ partner: palm, caf, conventions: [], contacts: [contact('d1', 'D', 'ÉLÉONORE', 'd@d.example', true)], habilitations: [] }, '2026-11-20')];
    const made: string[] = [];
    const out = await prepareCampaign({ contexts: list, template: defaultTemplates[0]!, campaign: { year: 2027, answerBy: '2027-01-31', title: 'Revue 2027' }, sender: { name: caf.name, email: caf.helpdeskEmail }, agent: '', today: '2026-11-20', makeLetter: async (doc) => (made.push(doc.recipient.join(' ')), fakeLetter()) });
    const problem = 'Caractère impossible à imprimer sur le courrier dans le nom du partenaire : « 🌴 » (U+1F334). Corrigez la fiche.';
    expect(out.skipped).toContainEqual({ partnerId: 'D', partnerName: 'Commune D 🌴', problems: [problem] });
    expect(out.files.map((f) => f.partnerId)).not.toContain('D');
    expect(made.some((r) => r.includes('Commune D'))).toBe(false);
    // Accents, œ, « », ’ and € print: partner A (and its Zoé) are not flagged.
    expect(list[0]!.letterProblems).toEqual([]);
    // A template holding one: every letter refused, naming the template.
    const palmTemplate = { ...defaultTemplates[0]!, subject: `${defaultTemplates[0]!.subject} 🌴` };
    const byTemplate = await prepareCampaign({ contexts: contexts().slice(0, 1), template: palmTemplate, campaign: { year: 2027, answerBy: '2027-01-31', title: 'Revue 2027' }, sender: { name: caf.name, email: caf.helpdeskEmail }, agent: '', today: '2026-11-20', makeLetter: fakeLetter });
    expect(byTemplate.files).toEqual([]);
    expect(byTemplate.skipped[0]!.problems).toEqual([`Caractère impossible à imprimer sur le courrier dans le modèle « ${palmTemplate.name} » : « 🌴 » (U+1F334). Corrigez-le dans Rapports › Modèles de courrier.`]);
    expect(letterContext({ partner: partner('E', 'Cœur d’Île « Saint-André » 5 €'), caf, conventions: [], contacts: [contact('e1', 'E', 'HOARAU', 'e@e.example', true)], habilitations: [] }, '2026-11-20').letterProblems).toEqual([]);
  });

  it('a campaign cancelled half-way gives nothing back (no zip, nothing to record)', async () => {
    const ctl = new AbortController();
    let made = 0;
    const run = prepareCampaign({
      contexts: contexts(),
      template: defaultTemplates[0]!,
      campaign: { year: 2027, answerBy: '2027-01-31', title: 'Revue 2027' },
      sender: { name: caf.name, email: caf.helpdeskEmail },
      agent: '',
      today: '2026-11-20',
      makeLetter: async () => {
        if (++made === 1) ctl.abort();
        return fakeLetter();
      },
      signal: ctl.signal,
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(made).toBe(1);
  });

  const campaignInput = { template: defaultTemplates[0]!, campaign: { year: 2027, answerBy: '2027-01-31', title: 'Revue 2027' }, sender: { name: caf.name, email: caf.helpdeskEmail }, agent: '', today: '2026-11-20', now: new Date('2026-11-20T09:00:00Z') };
  const many = () => {
    const ps = Array.from({ length: 12 }, (_, i) => partner(`P${i}`, i % 4 === 3 ? 'Commune A' : `Commune ${i}`));
    const cs = ps.map((p, i) => contact(`c${i}`, p.id, `NOM${i}`, i % 5 === 4 ? '' : `n${i}@x.example`, true));
    return ps.map((p) => letterContext({ partner: p, caf, conventions: [], contacts: cs, habilitations: [] }, '2026-11-20'));
  };

  it('letters drawn in parallel, finishing in any order, come out in the partners’ order, with the same names and exact progress', async () => {
    const ctxs = many();
    const order = async (parallel?: number) => {
      const steps: number[] = [];
      let i = 0;
      const slow = Object.assign(
        async (doc: { recipient: string[] }) => {
          // Later letters finish first.
          await new Promise((r) => setTimeout(r, 30 - 2 * i++));
          return new TextEncoder().encode(`%PDF ${doc.recipient[2]}`);
        },
        parallel ? { parallel } : {},
      );
      const out = await prepareCampaign({ ...campaignInput, contexts: ctxs, makeLetter: slow, onProgress: (done, total) => steps.push(done, total) });
      return { out, steps };
    };
    const one = await order();
    const three = await order(3);
    expect(three.out.files).toEqual(one.out.files);
    expect(three.out.letterOnly).toEqual(one.out.letterOnly);
    expect(three.out.files.map((f) => f.partnerId)).toEqual(ctxs.map((c) => c.partner.id));
    const names = three.out.files.flatMap((f) => (f.eml ? [f.pdf, f.eml] : [f.pdf]));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('2027_Revue-inverse_Commune-A-2.pdf');
    expect(three.out.letterOnly.length).toBeGreaterThan(0);
    expect(three.steps).toEqual(ctxs.flatMap((_, i) => [i + 1, ctxs.length]));
    const { unzipSync } = await import('fflate');
    const entries = (z: Uint8Array) => Object.entries(unzipSync(z)).map(([n, b]) => [n, new TextDecoder().decode(b).slice(0, 120)]);
    expect(entries(three.out.zip)).toEqual(entries(one.out.zip));
  });

  it('« Annuler » with letters still being drawn ends the run at once: nothing given back, no letter started after', async () => {
    const ctl = new AbortController();
    let started = 0;
    const never = Object.assign(
      (_doc: unknown, _meta: unknown, signal?: AbortSignal) => {
        signal?.throwIfAborted();
        if (++started === 4) setTimeout(() => ctl.abort(), 5);
        return new Promise<Uint8Array>(() => {});
      },
      { parallel: 2 },
    );
    const run = prepareCampaign({ ...campaignInput, contexts: many(), makeLetter: never, signal: ctl.signal });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(started).toBe(4);
  });
});

describe('campaign reminder goes through the relance and the chain delays', () => {
  it('« Relancer » records the chain’s next person on the follow-up and the delay restarts from then', async () => {
    await saveChain(store, 'A', { delayValue: 5, delayUnit: 'working-days', serviceOpens: '08:00', serviceCloses: '16:00', cafSide: [], partnerSide: ['a1', 'a2'] });
    const now = new Date();
    const id = await createCampaign(store, { title: 'Revue 2027', year: 2027, answerBy: '2099-01-31', templateId: defaultTemplates[0]!.id }, now);
    const sentAt = new Date(now.getTime() - 10 * 86_400_000);
    await markSent(store, { id, title: 'Revue 2027', answerBy: '2099-01-31' }, ['A'], sentAt);
    const req = (await liveRows(db, 'reviewRequests')).find((r) => r.id === requestId(id, 'A'))!;
    const fu0 = (await liveRows(db, 'followUps')).find((f) => f.id === req.followUpId)!;
    const chain = (await readChain(db, 'A'))!;
    // Ten days after sending, five working days have passed: overdue, a1 first.
    expect(followUpState(fu0, chain, 'reunion', now)).toMatchObject({ overdue: true, nextContactId: 'a1', delay: { value: 5, unit: 'working-days' } });
    await markReminded(store, req.id, 'reunion', now);
    const fu1 = (await liveRows(db, 'followUps')).find((f) => f.id === req.followUpId)!;
    expect(fu1.steps).toEqual([{ side: 'partner', contactId: 'a1', contactedAt: now.toISOString() }]);
    const state = followUpState(fu1, chain, 'reunion', now);
    expect(state).toMatchObject({ overdue: false, nextContactId: 'a2', countsFrom: now });
    expect(state.due.getTime()).toBeGreaterThan(now.getTime() + 5 * 86_400_000 - 1); // five working days ≥ five calendar days
    expect((await liveRows(db, 'reviewRequests')).find((r) => r.id === req.id)!.remindedOn).toBe(isoOf(now));
  });
});
