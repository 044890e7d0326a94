/**
 * The domain's enumerations, labels and table names as plain values, apart from the zod schemas that use them:
 * code that only needs a list or a label (the dashboard, the derived-state worker, the first screen) imports
 * them from here and so does not load zod. The schema modules re-export them, so both import paths name the
 * same objects; types are imported with `import type` (erased at build time) from the schema modules.
 */

export const territories = ['metropole', 'alsace-moselle', 'guadeloupe', 'martinique', 'guyane', 'reunion', 'mayotte'] as const;
export type Territory = (typeof territories)[number];
export const territoryLabels: Record<Territory, string> = {
  metropole: 'France métropolitaine',
  'alsace-moselle': 'Alsace-Moselle',
  guadeloupe: 'Guadeloupe',
  martinique: 'Martinique',
  guyane: 'Guyane',
  reunion: 'La Réunion',
  mayotte: 'Mayotte',
};

export const civilities = ['Madame', 'Monsieur'] as const;

export const partnerKinds = [
  'commune',
  'ccas-cias',
  'conseil-departemental',
  'epci',
  'bailleur-social',
  'etablissement-sante',
  'organisme-securite-sociale',
  'association',
  'autre',
] as const;
export type PartnerKind = (typeof partnerKinds)[number];
export const partnerKindLabels: Record<PartnerKind, string> = {
  commune: 'Commune',
  'ccas-cias': 'CCAS / CIAS',
  'conseil-departemental': 'Conseil départemental',
  epci: 'EPCI',
  'bailleur-social': 'Bailleur social',
  'etablissement-sante': 'Établissement de santé',
  'organisme-securite-sociale': 'Organisme de sécurité sociale',
  association: 'Association',
  autre: 'Autre',
};
export const partnerStatuses = ['actif', 'archive'] as const;

export const managementModes = ['delegue', 'centralise'] as const;
export type ManagementMode = (typeof managementModes)[number];
export const managementModeLabels: Record<ManagementMode, string> = {
  delegue: 'Délégué',
  centralise: 'Centralisé',
};

export const contactRoles = [
  'administrateur',
  'administrateur-suppleant',
  'responsable-securite',
  'referent-informatique-libertes',
  'interlocuteur-urgence',
  'responsable-mcp',
  'responsable-informatique',
  'gestionnaire-delegue',
  'signataire',
] as const;
export type ContactRole = (typeof contactRoles)[number];
export const contactRoleLabels: Record<ContactRole, string> = {
  administrateur: 'Administrateur principal',
  'administrateur-suppleant': 'Administrateur suppléant',
  'responsable-securite': 'Responsable sécurité',
  'referent-informatique-libertes': 'Référent informatique et libertés / DPO',
  'interlocuteur-urgence': "Interlocuteur en cas d'urgence",
  'responsable-mcp': 'Responsable « Mon Compte Partenaire »',
  'responsable-informatique': 'Responsable informatique',
  'gestionnaire-delegue': 'Gestionnaire délégué',
  signataire: 'Signataire',
};

export const delayUnits = ['hours', 'calendar-days', 'working-days'] as const;
export type DelayUnit = (typeof delayUnits)[number];
export const delayUnitLabels: Record<DelayUnit, string> = {
  hours: 'heures',
  'calendar-days': 'jours calendaires',
  'working-days': 'jours ouvrés',
};

export const habilitationStatuses = ['active', 'suppression-demandee', 'supprimee'] as const;
export type HabilitationStatus = (typeof habilitationStatuses)[number];
export const habilitationStatusLabels: Record<HabilitationStatus, string> = {
  active: 'Active',
  'suppression-demandee': 'Suppression demandée',
  supprimee: 'Supprimée',
};

export const endReasons = ['depart', 'changement-fonction', 'perte-vol'] as const;
export type EndReason = (typeof endReasons)[number];
export const endReasonLabels: Record<EndReason, string> = {
  depart: 'Départ',
  'changement-fonction': 'Changement de fonction',
  'perte-vol': 'Perte ou vol des identifiants',
};

export const followUpDirections = ['vers-partenaire', 'vers-caf'] as const;
export const followUpChannels = ['mel', 'telephone', 'courrier', 'portail'] as const;
export const followUpStatuses = ['ouverte', 'close'] as const;

export const formTypes = [
  'designation-administrateur',
  'suppression-cdap',
  'demande-habilitation',
  'annexe1-interlocuteurs',
  'bulletin-adhesion',
  'fiche-escalade',
] as const;

export const templateKinds = ['revue-inverse', 'relance'] as const;
export type TemplateKind = (typeof templateKinds)[number];
export const templateKindLabels: Record<TemplateKind, string> = {
  'revue-inverse': 'Campagne de revue inverse des habilitations',
  relance: 'Relance à un partenaire',
};

/**
 * The replicated tables, in the order every table loop uses (tables.ts holds each one's schema and checks, at
 * compile time, that both name the same tables). Local-only tables (history, meta, peers) are not listed.
 */
export type SyncedTableName =
  | 'cafs'
  | 'partners'
  | 'conventions'
  | 'contacts'
  | 'chains'
  | 'allocations'
  | 'habilitations'
  | 'followUps'
  | 'issuedForms'
  | 'conflicts'
  | 'templates'
  | 'reviewCampaigns'
  | 'reviewRequests'
  | 'attachments';
export const syncedTableNames: SyncedTableName[] = [
  'cafs',
  'partners',
  'conventions',
  'contacts',
  'chains',
  'allocations',
  'habilitations',
  'followUps',
  'issuedForms',
  'conflicts',
  'templates',
  'reviewCampaigns',
  'reviewRequests',
  'attachments',
];

export const tableLabels: Record<SyncedTableName, string> = {
  cafs: 'Caf',
  partners: 'Partenaires',
  conventions: 'Conventions',
  contacts: 'Interlocuteurs',
  chains: "Procédures d'escalade",
  allocations: 'Profils autorisés',
  habilitations: 'Habilitations',
  followUps: 'Relances',
  issuedForms: 'Formulaires émis',
  conflicts: 'Conflits',
  templates: 'Modèles de courrier',
  reviewCampaigns: 'Campagnes de revue inverse',
  reviewRequests: 'Demandes de revue inverse',
  attachments: 'Documents joints',
};
