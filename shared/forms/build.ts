/**
 * Build each form's filled data from the records. Pure: the caller passes the records (from Dexie in the app,
 * from a JSON export in `npm run forms:pdf`) and the choices made in the flow.
 */
import { isContactActive, isRoleActive } from '../rules/requiredRoles';
import { cdapProfiles } from '../catalog/cdapProfiles';
import type { Allocation, Caf, Contact, ContactRole, Convention, Habilitation, Partner } from '../domain';
import {
  SNAPSHOT_VERSION,
  displayName,
  type Annexe1Form,
  type AnnexeLine,
  type BulletinForm,
  type DemandeHabilitationForm,
  type DesignationForm,
  type FormHeader,
  type Signatory,
  type SuppressionForm,
} from './model';
import { formatPhone } from './format';

export interface FormSources {
  partner: Partner;
  /** The partner's Caf; when missing, the office's own Caf from Paramètres may be passed instead. */
  caf?: Pick<Caf, 'name' | 'address' | 'director' | 'helpdeskEmail' | 'helpdeskPhone'>;
  /** Its current convention (the latest one when there are several). */
  convention?: Convention;
  /** The partner's contacts and the Caf's contacts (both are needed for Annexe 1). */
  contacts: Contact[];
  habilitations: Habilitation[];
  allocations: Allocation[];
}

export class FormChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormChoiceError';
  }
}

/** The convention a form refers to: the one in effect, else the most recently signed. */
export function currentConvention(conventions: Convention[], partnerId: string): Convention | undefined {
  const mine = conventions.filter((c) => c.partnerId === partnerId);
  const live = mine.filter((c) => !c.terminationEffectiveOn);
  const pool = live.length ? live : mine;
  return [...pool].sort((a, b) => (b.effectiveOn ?? b.signedOn ?? '').localeCompare(a.effectiveOn ?? a.signedOn ?? ''))[0];
}

export function header(src: FormSources, today: string): FormHeader {
  const a = src.caf?.address;
  const cityLine = [a?.postalCode, a?.city].filter(Boolean).join(' ');
  return {
    partnerName: src.partner.name,
    conventionNumber: src.convention?.number ?? '',
    cafName: src.caf?.name ?? '',
    cafAddressLines: [a?.line1 ?? '', a?.line2 ?? '', cityLine].filter((l) => l.trim() !== ''),
    issuedOn: today,
  };
}

/** Does the contact hold this role today? The app's one rule (shared/rules/requiredRoles). */
export function holdsRole(c: Contact, role: ContactRole, today: string): boolean {
  return isContactActive(c, today) && c.roles.some((r) => r.role === role && isRoleActive(r, today));
}

function withRole(contacts: Contact[], role: ContactRole, today: string): Contact[] {
  return contacts.filter((c) => holdsRole(c, role, today)).sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr'));
}

function partnerContacts(src: FormSources): Contact[] {
  return src.contacts.filter((c) => c.partnerId === src.partner.id);
}

function partnerSignatory(src: FormSources): Signatory {
  const r = src.partner.representative;
  return { title: r.title, firstName: r.firstName, lastName: r.lastName };
}

/** The partner's principal administrator today (signs the suppression and habilitation requests). */
function administratorSignatory(src: FormSources, today: string): Signatory {
  const admin = withRole(partnerContacts(src), 'administrateur', today)[0];
  return { title: "L'administrateur", firstName: admin?.firstName ?? '', lastName: admin?.lastName ?? '' };
}

export interface DesignationChoice {
  newAdminContactId: string;
  /** Contact replaced, or null for « non ». */
  replacedContactId: string | null;
}

export function buildDesignation(src: FormSources, choice: DesignationChoice, today: string): DesignationForm {
  const contacts = partnerContacts(src);
  const person = contacts.find((c) => c.id === choice.newAdminContactId);
  if (!person) throw new FormChoiceError("Choisissez l'administrateur à désigner.");
  const replaced = choice.replacedContactId ? contacts.find((c) => c.id === choice.replacedContactId) : undefined;
  if (choice.replacedContactId && !replaced) throw new FormChoiceError("L'administrateur remplacé est introuvable.");
  if (replaced && replaced.id === person.id) throw new FormChoiceError("L'administrateur remplacé doit être une autre personne que le nouvel administrateur.");
  return {
    type: 'designation-administrateur',
    v: SNAPSHOT_VERSION,
    header: header(src, today),
    newAdmin: {
      firstName: person.firstName,
      lastName: person.lastName,
      function: person.function,
      email: person.email,
      landline: formatPhone(person.landline),
      mobile: formatPhone(person.mobile),
    },
    replaces: replaced ? true : false,
    replaced: { firstName: replaced?.firstName ?? '', lastName: replaced?.lastName ?? '', email: replaced?.email ?? '' },
    signatory: partnerSignatory(src),
  };
}

export interface SuppressionChoice {
  habilitationIds: string[];
  /** Ids whose credentials were lost or stolen (« Cocher si perte ou vol »). */
  perteVol: string[];
  /** « à compter du » yyyy-MM-dd, or '' to leave it blank. */
  effectiveOn: string;
}

export function buildSuppression(src: FormSources, choice: SuppressionChoice, today: string): SuppressionForm {
  if (choice.habilitationIds.length === 0) throw new FormChoiceError('Choisissez au moins un accès à supprimer.');
  const byId = new Map(src.habilitations.filter((h) => h.partnerId === src.partner.id).map((h) => [h.id, h]));
  const lost = new Set(choice.perteVol);
  const rows = choice.habilitationIds.map((id) => {
    const h = byId.get(id);
    if (!h) throw new FormChoiceError('Un des accès choisis est introuvable.');
    return { firstName: h.firstName, lastName: h.lastName, email: h.email, function: h.function, perteVol: lost.has(id), habilitationId: id };
  });
  return {
    type: 'suppression-cdap',
    v: SNAPSHOT_VERSION,
    header: header(src, today),
    effectiveOn: choice.effectiveOn,
    rows,
    administrator: administratorSignatory(src, today),
  };
}

export function buildDemandeHabilitation(src: FormSources, habilitationIds: string[], today: string): DemandeHabilitationForm {
  if (habilitationIds.length === 0) throw new FormChoiceError('Choisissez au moins une personne à habiliter.');
  const byId = new Map(src.habilitations.filter((h) => h.partnerId === src.partner.id).map((h) => [h.id, h]));
  const rows = habilitationIds.map((id) => {
    const h = byId.get(id);
    if (!h) throw new FormChoiceError('Une des personnes choisies est introuvable.');
    return {
      firstName: h.firstName,
      lastName: h.lastName,
      email: h.email,
      function: h.function,
      profile: h.profile,
      instructorNumber: h.instructorNumber ?? '',
      startOn: h.startOn,
      habilitationId: id,
    };
  });
  return { type: 'demande-habilitation', v: SNAPSHOT_VERSION, header: header(src, today), rows, administrator: administratorSignatory(src, today) };
}

/** Row labels of Annexe 1, as printed on the conventions (saint-denis-reunion-2017, haut-rhin-2017). */
export const annexeRoleLabels: Partial<Record<ContactRole, string>> = {
  administrateur: 'Administrateur',
  'administrateur-suppleant': 'Administrateur suppléant',
  'responsable-mcp': 'Responsable « Mon Compte Partenaire »',
  'responsable-securite': 'Responsable Sécurité',
  'responsable-informatique': 'Responsable Informatique',
  'referent-informatique-libertes': 'CIL ou référent Informatique et Libertés',
  'interlocuteur-urgence': "Interlocuteur en cas d'urgence",
  'gestionnaire-delegue': 'Gestionnaire délégué',
};

function lines(contacts: Contact[], role: ContactRole, today: string, keepBlank: boolean): AnnexeLine[] {
  const label = annexeRoleLabels[role] ?? role;
  const found = withRole(contacts, role, today).map((c) => ({
    role: label,
    name: displayName(c.firstName, c.lastName),
    email: c.email,
    phone: formatPhone(c.landline || c.mobile),
  }));
  return found.length || !keepBlank ? found : [{ role: label, name: '', email: '', phone: '' }];
}

export function buildAnnexe1(src: FormSources, today: string): Annexe1Form {
  const cafContacts = src.contacts.filter((c) => c.cafId !== undefined && !c.partnerId);
  const mine = partnerContacts(src);
  return {
    type: 'annexe1-interlocuteurs',
    v: SNAPSHOT_VERSION,
    header: header(src, today),
    cafSide: {
      administrators: lines(cafContacts, 'administrateur', today, true).concat(lines(cafContacts, 'administrateur-suppleant', today, false)),
      others: [
        ...lines(cafContacts, 'responsable-mcp', today, true),
        ...lines(cafContacts, 'responsable-securite', today, true),
        ...lines(cafContacts, 'responsable-informatique', today, true),
        ...lines(cafContacts, 'referent-informatique-libertes', today, true),
        { role: 'Guichet unique du Centre de services Caf', name: '', email: src.caf?.helpdeskEmail ?? '', phone: formatPhone(src.caf?.helpdeskPhone ?? '') },
      ],
    },
    partnerSide: {
      administrators: [...lines(mine, 'administrateur', today, true), ...lines(mine, 'administrateur-suppleant', today, true)],
      others: [
        ...lines(mine, 'responsable-securite', today, true),
        ...lines(mine, 'referent-informatique-libertes', today, true),
        ...lines(mine, 'responsable-mcp', today, false),
        ...lines(mine, 'responsable-informatique', today, false),
        ...lines(mine, 'interlocuteur-urgence', today, false),
      ],
    },
  };
}

export function buildBulletin(src: FormSources, today: string): BulletinForm {
  const granted = new Map<string, number>();
  for (const a of src.allocations) if (a.partnerId === src.partner.id && a.service === 'CDAP') granted.set(a.profile, a.maxUsers);
  // Profiles the records hold, in catalogue order (unknown codes last); none recorded: blank lines to fill in.
  const order = (code: string) => {
    const i = cdapProfiles.findIndex((p) => p.code === code);
    return i === -1 ? cdapProfiles.length : i;
  };
  const codes = [...granted.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const profiles = codes.length
    ? codes.map((code) => ({ code, label: cdapProfiles.find((p) => p.code === code)?.label ?? '', maxUsers: granted.get(code) ?? null }))
    : [1, 2, 3].map(() => ({ code: '', label: '', maxUsers: null }));
  return {
    type: 'bulletin-adhesion',
    v: SNAPSHOT_VERSION,
    header: header(src, today),
    profiles,
    partnerSignatoryTitle: src.partner.representative.title,
    cafSignatory: src.caf?.director ?? '',
  };
}
