/**
 * What a letter to a partner is made from, read from the records: its convention, its principal administrator
 * (addressee) and suppléant (copy), its active habilitations by profile, and what stops a letter or an e-mail
 * from being produced (« à corriger »). Pure: the renderer passes the records.
 */
import { profileByCode } from '../catalog/cdapProfiles';
import type { Caf, Contact, Convention, FollowUp, Habilitation, Partner } from '../domain';
import { managementModeLabels } from '../domain/convention';
import { currentConvention, holdsRole } from '../forms/build';
import { formatDay, formatPhone } from '../forms/format';
import { codePointLabel, firstUnprintable } from '../rules/printable';
import { placeholdersByKind } from './placeholders';
import type { TemplateValues } from './engine';

export interface LetterSources {
  partner: Partner;
  caf?: Pick<Caf, 'name' | 'address' | 'director' | 'helpdeskEmail' | 'helpdeskPhone'> | undefined;
  conventions: readonly Convention[];
  /** The partner's contacts (others are ignored). */
  contacts: readonly Contact[];
  /** The partner's habilitations (any status: only active ones are listed). */
  habilitations: readonly Habilitation[];
}

export interface ProfileGroup {
  profile: string;
  label: string;
  people: Pick<Habilitation, 'firstName' | 'lastName' | 'email' | 'function' | 'startOn' | 'instructorNumber'>[];
}

export interface LetterContext {
  partner: Partner;
  caf: LetterSources['caf'];
  convention: Convention | undefined;
  administrator: Contact | undefined;
  deputy: Contact | undefined;
  groups: ProfileGroup[];
  activeCount: number;
  /** Why no e-mail draft can be made (French, what to fix); empty when it can. */
  emailProblems: string[];
  /** Why no letter can be addressed (French, what to fix); empty when it can. */
  letterProblems: string[];
}

const byName = (a: Contact, b: Contact) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr');

/** A plausible address: one « @ », a dot in the domain, no spaces. */
export function looksLikeEmail(s: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());
}

export function letterContext(src: LetterSources, today: string): LetterContext {
  const mine = src.contacts.filter((c) => c.partnerId === src.partner.id);
  const administrator = mine.filter((c) => holdsRole(c, 'administrateur', today)).sort(byName)[0];
  const deputy = mine.filter((c) => c.id !== administrator?.id && holdsRole(c, 'administrateur-suppleant', today)).sort(byName)[0];
  const active = src.habilitations.filter((h) => h.partnerId === src.partner.id && h.status === 'active');
  const map = new Map<string, ProfileGroup>();
  for (const h of active) {
    let g = map.get(h.profile);
    if (!g) map.set(h.profile, (g = { profile: h.profile, label: profileByCode(h.profile)?.label ?? '', people: [] }));
    g.people.push(h);
  }
  const num = (p: string) => Number(p.replace(/\D/g, '')) || 0;
  const groups = [...map.values()].sort((a, b) => num(a.profile) - num(b.profile) || a.profile.localeCompare(b.profile));
  for (const g of groups) g.people.sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'));
  const letterProblems: string[] = [];
  const emailProblems: string[] = [];
  if (!administrator) {
    letterProblems.push("Aucun administrateur principal : désignez-le dans l'onglet Interlocuteurs du partenaire.");
    emailProblems.push("Aucun administrateur principal : désignez-le dans l'onglet Interlocuteurs du partenaire.");
  } else if (!administrator.email.trim()) {
    emailProblems.push(`L'administrateur principal (${[administrator.firstName, administrator.lastName].filter(Boolean).join(' ')}) n'a pas d'adresse mél : renseignez-la dans sa fiche.`);
  } else if (!looksLikeEmail(administrator.email)) {
    emailProblems.push(`L'adresse mél de l'administrateur principal « ${administrator.email} » n'est pas valide : corrigez-la dans sa fiche.`);
  }
  const unprintable = letterUnprintable(src.partner, administrator, deputy, groups, src.caf);
  letterProblems.push(...unprintable);
  emailProblems.push(...unprintable);
  if (!src.caf?.helpdeskEmail?.trim()) emailProblems.push("La Caf n'a pas de mél de guichet unique (expéditeur des brouillons) : renseignez-le dans la fiche de la Caf.");
  return {
    partner: src.partner,
    caf: src.caf,
    convention: currentConvention([...src.conventions], src.partner.id),
    administrator,
    deputy,
    groups,
    activeCount: active.length,
    letterProblems,
    emailProblems,
  };
}

const who = (c: { firstName: string; lastName: string }) => [c.firstName, c.lastName.toUpperCase()].filter(Boolean).join(' ');

/**
 * The letters are drawn by jsPDF with Liberation Sans alone (no fallback font there): a character it lacks — an
 * emoji or a CJK character stored before input refused them — would print as □ or vanish. Such a partner gets no
 * letter and is listed « à corriger » with the field and the character, one line per field.
 */
function letterUnprintable(partner: Partner, admin: Contact | undefined, deputy: Contact | undefined, groups: readonly ProfileGroup[], caf: LetterSources['caf']): string[] {
  const fields: [string, string | undefined][] = [
    ['le nom du partenaire', partner.name],
    ["l'adresse du partenaire", partner.address.line1],
    ["le complément d'adresse du partenaire", partner.address.line2],
    ['la commune du partenaire', partner.address.city],
    ['le représentant du partenaire', [partner.representative.firstName, partner.representative.lastName, partner.representative.title].join(' ')],
  ];
  for (const [role, c] of [["l'administrateur principal", admin], ['le suppléant', deputy]] as const) {
    if (c) fields.push([`le nom de ${role} (${who(c)})`, `${c.firstName} ${c.lastName}`], [`la fonction de ${role} (${who(c)})`, c.function]);
  }
  for (const g of groups) {
    for (const h of g.people) fields.push([`l'habilitation ${g.profile} de ${who(h)}`, [h.firstName, h.lastName, h.email, h.function].join(' ')]);
  }
  if (caf) fields.push(['la fiche de la Caf', [caf.name, caf.address.line1, caf.address.line2, caf.address.city, caf.director, caf.helpdeskEmail, caf.helpdeskPhone].join(' ')]);
  const out: string[] = [];
  for (const [label, text] of fields) {
    const u = text ? firstUnprintable(text, 'letter') : undefined;
    if (u) out.push(`Caractère impossible à imprimer sur le courrier dans ${label} : « ${u.char} » (${codePointLabel(u.codePoint)}). Corrigez la fiche.`);
  }
  return out;
}

function oneLine(a: { line1: string; line2: string; postalCode: string; city: string } | undefined): string {
  if (!a) return '';
  return [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' ')].filter((s) => s.trim()).join(', ');
}

export function civilityOf(c: Contact | undefined): string {
  return c?.civility ?? 'Madame, Monsieur';
}

export const channelWords: Record<FollowUp['channel'], string> = { mel: 'mél', telephone: 'téléphone', courrier: 'courrier', portail: 'portail' };

export interface ValueExtras {
  agent?: string;
  /** Campaign: year and date to answer by (ISO). */
  year?: number;
  answerBy?: string;
  followUp?: Pick<FollowUp, 'subject' | 'sentAt' | 'channel'>;
}

/** Every placeholder's value for this letter (the text list stands for the table in an e-mail). */
export function templateValues(ctx: LetterContext, today: string, extras: ValueExtras = {}): TemplateValues {
  const rep = ctx.partner.representative;
  const byProfile = ctx.groups.map((g) => `${g.profile}${g.label ? ` ${g.label}` : ''} : ${g.people.length}`).join('\n');
  const values: Record<string, string> = {
    'partenaire.nom': ctx.partner.name,
    'partenaire.adresse': oneLine(ctx.partner.address),
    'partenaire.representant': [rep.title, rep.firstName, rep.lastName].filter(Boolean).join(' '),
    'convention.numero': ctx.convention?.number ?? '',
    'convention.date_effet': formatDay(ctx.convention?.effectiveOn ?? ''),
    'convention.mode': ctx.convention ? managementModeLabels[ctx.convention.managementMode].toLowerCase() : '',
    'administrateur.civilite': civilityOf(ctx.administrator),
    'administrateur.prenom': ctx.administrator?.firstName ?? '',
    'administrateur.nom': (ctx.administrator?.lastName ?? '').toUpperCase(),
    'administrateur.email': ctx.administrator?.email ?? '',
    'suppleant.prenom': ctx.deputy?.firstName ?? '',
    'suppleant.nom': (ctx.deputy?.lastName ?? '').toUpperCase(),
    'suppleant.email': ctx.deputy?.email ?? '',
    'caf.nom': ctx.caf?.name ?? '',
    'caf.adresse': oneLine(ctx.caf?.address),
    'caf.directeur': ctx.caf?.director ?? '',
    'caf.mel': ctx.caf?.helpdeskEmail ?? '',
    'caf.telephone': formatPhone(ctx.caf?.helpdeskPhone ?? ''),
    date_du_jour: formatDay(today),
    agent: extras.agent ?? '',
    annee: String(extras.year ?? Number(today.slice(0, 4))),
    date_limite: formatDay(extras.answerBy ?? ''),
    'revue.derniere': formatDay(ctx.convention?.reverseReviewLastDone ?? '') || 'aucune enregistrée',
    'habilitations.total': String(ctx.activeCount),
    'habilitations.par_profil': byProfile || 'aucune habilitation active enregistrée',
    'habilitations.tableau': byProfile || 'aucune habilitation active enregistrée',
    'relance.objet': extras.followUp?.subject ?? '',
    'relance.date': extras.followUp ? formatDay(extras.followUp.sentAt.slice(0, 10)) : '',
    'relance.canal': extras.followUp ? channelWords[extras.followUp.channel] : '',
  };
  return values;
}

/** Names of every placeholder (any kind): the values above cover them all (checked by a test). */
export const allPlaceholderNames = [...new Set(Object.values(placeholdersByKind).flatMap((l) => l.map((p) => p.name)))];
