/** What reading a convention produces: exactly the JSON shape of `npm run convention:read -- FILE --json`. */

export const partnerKindsRead = [
  'commune',
  'ccas_cias',
  'conseil_departemental',
  'epci',
  'bailleur_social',
  'etablissement_sante',
  'organisme_securite_sociale',
  'association',
  'autre',
] as const;
export type PartnerKindRead = (typeof partnerKindsRead)[number];

export const contactRolesRead = [
  'administrateur',
  'administrateur_suppleant',
  'responsable_securite',
  'dpo_cil',
  'urgence',
  'responsable_mcp',
  'responsable_informatique',
  'gestionnaire_delegue',
  'signataire',
  'guichet_unique',
] as const;
export type ContactRoleRead = (typeof contactRolesRead)[number];

export interface AddressRead {
  lines: string[];
  postalCode: string | null;
  city: string | null;
}
export interface RepresentativeRead {
  civility: 'M.' | 'Mme' | null;
  name: string | null;
  title: string | null;
}
export interface PartyRead {
  name: string | null;
  address: AddressRead | null;
  representative: RepresentativeRead | null;
}
export interface PartnerRead extends PartyRead {
  kind: PartnerKindRead | null;
  siret: string | null;
}
export interface ServiceRead {
  code: string;
  label: string | null;
  /** `yyyy-MM` or `yyyy-MM-dd`. */
  availableFrom: string | null;
}
export interface ContactRead {
  side: 'caf' | 'partner';
  civility: 'M.' | 'Mme' | null;
  firstName: string | null;
  lastName: string | null;
  function: string | null;
  email: string | null;
  /** E.164. */
  phones: string[];
  roles: ContactRoleRead[];
}
export interface ConventionRead {
  document: string;
  partner: PartnerRead;
  caf: PartyRead;
  convention: {
    number: string | null;
    signedOn: string | null;
    effectiveOn: string | null;
    durationMonths: number | null;
    tacitRenewal: boolean | null;
    noticeMonths: number | null;
    mode: 'delegue' | 'centralise' | null;
    services: ServiceRead[];
  };
  serviceHours: { days: string | null; opens: string | null; closes: string | null };
  escalation: {
    delay: { amount: number; unit: 'hours' | 'days' | 'workingDays' } | null;
    caf: string[];
    partner: string[];
  };
  contacts: ContactRead[];
  allocations: { service: string; profile: string; max: number }[];
}

/** Where a value was read: an offset range in the normalised text, and how sure the rule is (0–1). */
export interface Evidence {
  /** JSON path of the value: `partner.name`, `contacts[2].email`, `allocations[0]`. */
  path: string;
  start: number;
  end: number;
  confidence: number;
}

export interface ReadResult {
  /** The normalised text every excerpt points into. */
  text: string;
  data: ConventionRead;
  evidence: Evidence[];
  /** Kinds of document found in the file, in order (« convention », « contrat », …). */
  sections: { kind: string; heading: string; start: number }[];
}
