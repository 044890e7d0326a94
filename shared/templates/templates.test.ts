import { describe, expect, it } from 'vitest';
import { checkTemplate, placeholdersOf, renderTemplate, renderTemplateParts, TemplateError } from './engine';
import { allPlaceholderNames, blockPlaceholders, defaultTemplates, knownPlaceholders, letterContext, templateValues } from './index';
import { demoDataset, DEMO_IDS } from '../demo/seedData';
import type { TemplateKind } from '../domain/template';

const known = ['partenaire.nom', 'administrateur.prenom', 'date_limite', 'habilitations.tableau'];

describe('template engine', () => {
  it('replaces placeholders, keeps the rest of the text, and writes {{ }} as literal braces', () => {
    const text = 'Bonjour {administrateur.prenom},\n{partenaire.nom} doit répondre avant le {date_limite}. {{pas un champ}}';
    expect(renderTemplate(text, { 'partenaire.nom': "Ville de L'Étang-Salé", 'administrateur.prenom': 'Zoé', date_limite: '31/01/2027' }, known)).toBe(
      "Bonjour Zoé,\nVille de L'Étang-Salé doit répondre avant le 31/01/2027. {pas un champ}",
    );
  });

  it('a known placeholder without a value prints nothing; placeholders are case-insensitive and trimmed', () => {
    expect(renderTemplate('[{ Partenaire.Nom }][{date_limite}]', { 'partenaire.nom': 'CCAS' }, known)).toBe('[CCAS][]');
  });

  it('names every unknown placeholder with its line, and renders nothing', () => {
    const text = 'Bonjour {administrateur.prenon},\n\nAvant le {date_limite} — {partenaire.raison_sociale}';
    const problems = checkTemplate(text, known);
    expect(problems.map((p) => p.message)).toEqual(['Ligne 1 : champ inconnu « {administrateur.prenon} ».', 'Ligne 3 : champ inconnu « {partenaire.raison_sociale} ».']);
    expect(problems.map((p) => p.placeholder)).toEqual(['administrateur.prenon', 'partenaire.raison_sociale']);
    expect(() => renderTemplate(text, {}, known)).toThrow(TemplateError);
    try {
      renderTemplate(text, {}, known);
    } catch (e) {
      expect((e as Error).message).toContain('{administrateur.prenon}');
    }
  });

  it('reports an unclosed or stray brace and a malformed name in French', () => {
    expect(checkTemplate('Avant le {date_limite\nsuite', known)[0]!.message).toBe('Ligne 1 : accolade « { » non fermée. Écrivez « {{ » pour une accolade seule.');
    expect(checkTemplate('a } b', known)[0]!.message).toBe('Ligne 1 : accolade « } » sans « { ». Écrivez « }} » pour une accolade seule.');
    expect(checkTemplate('{nom du partenaire}', known)[0]!.message).toBe("Ligne 1 : « {nom du partenaire} » n'est pas un champ valide (lettres, chiffres, « _ » et « . » seulement).");
  });

  it('lists the placeholders a text uses, once each', () => {
    expect(placeholdersOf('{a.b} {c} {a.b} {{x}}')).toEqual(['a.b', 'c']);
  });

  it('cuts a letter around its block placeholders, which must be alone on their line', () => {
    const parts = renderTemplateParts('Avant\n{habilitations.tableau}\nAprès {partenaire.nom}', { 'partenaire.nom': 'CCAS' }, known, ['habilitations.tableau']);
    expect(parts).toEqual([
      { kind: 'text', text: 'Avant' },
      { kind: 'block', name: 'habilitations.tableau' },
      { kind: 'text', text: 'Après CCAS' },
    ]);
    expect(checkTemplate('Liste : {habilitations.tableau}', known, ['habilitations.tableau'])[0]!.message).toBe(
      'Ligne 1 : « {habilitations.tableau} » doit être seul sur sa ligne (il est remplacé par un tableau).',
    );
  });
});

describe('letter values from the records', () => {
  const today = '2026-11-20';
  const src = (partnerId: string) => {
    const partner = demoDataset.partners.find((p) => p.id === partnerId)!;
    return {
      partner,
      caf: demoDataset.cafs.find((c) => c.id === partner.cafId),
      conventions: demoDataset.conventions,
      contacts: demoDataset.contacts,
      habilitations: demoDataset.habilitations,
    };
  };

  it('every placeholder of every kind has a value, and the default templates are valid', () => {
    const values = templateValues(letterContext(src(DEMO_IDS.partnerSaintDenis), today), today, { answerBy: '2027-01-31', year: 2027 });
    for (const name of allPlaceholderNames) expect(values, name).toHaveProperty([name]);
    for (const t of defaultTemplates) {
      const k = knownPlaceholders(t.kind as TemplateKind);
      expect(checkTemplate(t.subject, k), t.id).toEqual([]);
      expect(checkTemplate(t.letter, k, blockPlaceholders), t.id).toEqual([]);
      expect(checkTemplate(t.email, k), t.id).toEqual([]);
    }
  });

  it('fills the review letter from the partner, its convention, administrator and active habilitations', () => {
    const ctx = letterContext(src(DEMO_IDS.partnerHautRhin), today);
    const active = demoDataset.habilitations.filter((h) => h.partnerId === DEMO_IDS.partnerHautRhin && h.status === 'active');
    expect(ctx.activeCount).toBe(active.length);
    expect(ctx.groups.reduce((n, g) => n + g.people.length, 0)).toBe(active.length);
    expect(ctx.administrator).toBeDefined();
    const v = templateValues(ctx, today, { answerBy: '2027-01-31', year: 2027, agent: 'Agent Test' });
    const t = defaultTemplates[0]!;
    expect(renderTemplate(t.subject, v, knownPlaceholders('revue-inverse'))).toBe(`Revue inverse des habilitations 2027 — ${ctx.partner.name}`);
    const mail = renderTemplate(t.email, v, knownPlaceholders('revue-inverse'));
    expect(mail).toContain('avant le 31/01/2027');
    expect(mail).toContain(`convention n° ${ctx.convention!.number}`);
    expect(mail.startsWith(`${ctx.administrator!.civility ?? 'Madame, Monsieur'},`)).toBe(true);
  });

  it('a partner without administrator, or whose administrator has no e-mail, says what to fix', () => {
    const base = src(DEMO_IDS.partnerHautRhin);
    const noAdmin = letterContext({ ...base, contacts: base.contacts.map((c) => ({ ...c, roles: c.roles.filter((r) => r.role !== 'administrateur') })) }, today);
    expect(noAdmin.letterProblems).toEqual(["Aucun administrateur principal : désignez-le dans l'onglet Interlocuteurs du partenaire."]);
    const admin = letterContext(base, today).administrator!;
    const noMail = letterContext({ ...base, contacts: base.contacts.map((c) => (c.id === admin.id ? { ...c, email: '' } : c)) }, today);
    expect(noMail.letterProblems).toEqual([]);
    expect(noMail.emailProblems[0]).toMatch(/n'a pas d'adresse mél : renseignez-la dans sa fiche\.$/);
  });
});
