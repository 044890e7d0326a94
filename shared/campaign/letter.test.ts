import { describe, expect, it } from 'vitest';
import { demoDataset, DEMO_IDS } from '../demo/seedData';
import { defaultTemplates, DEFAULT_FOLLOW_UP_TEMPLATE_ID, letterContext } from '../templates';
import { followUpFileName, followUpMessage } from './letter';

const today = '2026-11-20';
const ctxOf = (partnerId: string, patchContacts = (c: (typeof demoDataset.contacts)[number]) => c) => {
  const partner = demoDataset.partners.find((p) => p.id === partnerId)!;
  return letterContext(
    {
      partner,
      caf: demoDataset.cafs.find((c) => c.id === partner.cafId),
      conventions: demoDataset.conventions,
      contacts: demoDataset.contacts.map(patchContacts),
      habilitations: demoDataset.habilitations,
    },
    today,
  );
};
const relance = defaultTemplates.find((t) => t.id === DEFAULT_FOLLOW_UP_TEMPLATE_ID)!;
const fu = { subject: 'Formulaire de demande d’habilitation incomplet', sentAt: '2026-11-02T09:30:00.000Z', channel: 'mel' as const };

describe('relance letter and e-mail from a follow-up', () => {
  it('fills the relance template with the follow-up and the partner records', () => {
    const ctx = ctxOf(DEMO_IDS.partnerHautRhin);
    const out = followUpMessage(ctx, relance, today, fu, 'Agent Test');
    expect(out.letterProblems).toEqual([]);
    expect(out.emailProblems).toEqual([]);
    expect(out.message!.subject).toBe(`Relance : ${fu.subject}`);
    const letterText = out.message!.letter.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('\n');
    expect(letterText).toContain(`Le 02/11/2026, nous vous avons adressé une demande ayant pour objet « ${fu.subject} »`);
    expect(out.message!.emailText).toContain('Agent Test');
    expect(out.message!.letter.recipient[0]).toContain(ctx.administrator!.lastName.toUpperCase());
    expect(followUpFileName(today, ctx.partner.name, 'pdf')).toMatch(/^2026-11-20_Relance_.+\.pdf$/);
  });

  it('a template with an unknown placeholder is named, and nothing is produced', () => {
    const out = followUpMessage(ctxOf(DEMO_IDS.partnerHautRhin), { ...relance, name: 'Ma relance', letter: 'Bonjour {administrateur.prenom},\n{relance.numero}' }, today, fu);
    expect(out.message).toBeUndefined();
    expect(out.letterProblems).toEqual(['Le modèle « Ma relance » est à corriger (Rapports › Modèles de courrier) : Ligne 2 : champ inconnu « {relance.numero} ».']);
    // A campaign template is not a relance template (its placeholders differ).
    expect(followUpMessage(ctxOf(DEMO_IDS.partnerHautRhin), defaultTemplates[0], today, fu).letterProblems[0]).toMatch(/^Aucun modèle de relance/);
  });

  it('no administrator: no letter nor e-mail, with what to fix; no e-mail address: the letter only', () => {
    const noAdmin = followUpMessage(ctxOf(DEMO_IDS.partnerSaintDenis), relance, today, fu);
    expect(noAdmin.letterProblems).toEqual(["Aucun administrateur principal : désignez-le dans l'onglet Interlocuteurs du partenaire."]);
    const admin = ctxOf(DEMO_IDS.partnerHautRhin).administrator!;
    const noMail = followUpMessage(ctxOf(DEMO_IDS.partnerHautRhin, (c) => (c.id === admin.id ? { ...c, email: '' } : c)), relance, today, fu);
    expect(noMail.letterProblems).toEqual([]);
    expect(noMail.message).toBeDefined();
    expect(noMail.emailProblems).toEqual([expect.stringMatching(/n'a pas d'adresse mél : renseignez-la dans sa fiche\.$/)]);
  });
});
