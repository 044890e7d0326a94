/**
 * What a spreadsheet row can be and which columns fill which fields. One catalogue serves the import (header
 * proposals with their usual French variants) and « Exporter toute la base » (the first header of each field),
 * so an exported workbook imports back field for field.
 */
import { normaliseName } from '../rules/duplicates';

export const rowKinds = ['partenaire', 'interlocuteur', 'profil', 'habilitation'] as const;
export type RowKind = (typeof rowKinds)[number];
export const rowKindLabels: Record<RowKind, string> = {
  partenaire: 'Partenaire (avec sa convention)',
  interlocuteur: 'Interlocuteur',
  profil: "Profil autorisé (bulletin d'adhésion)",
  habilitation: 'Habilitation',
};
/** Sheet names of « Exporter toute la base », one per kind. */
export const rowKindSheets: Record<RowKind, string> = {
  partenaire: 'Partenaires',
  interlocuteur: 'Interlocuteurs',
  profil: 'Profils autorisés',
  habilitation: 'Habilitations',
};

export type FieldType = 'text' | 'date' | 'integer' | 'boolean';

export interface FieldDef {
  key: string;
  /** Header written on export, and the first one recognised on import. */
  header: string;
  /** Other headers offices use for it (compared without accents, case or punctuation). */
  variants: readonly string[];
  type: FieldType;
  /** Refused when mapped but blank, or when not mapped at all. */
  required?: boolean;
}

const f = (key: string, header: string, variants: readonly string[], type: FieldType = 'text', required = false): FieldDef => ({ key, header, variants, type, required });

/** The partner a contact, profile or habilitation row belongs to. */
const partnerRef: readonly FieldDef[] = [
  f('partnerName', 'Partenaire', ['Nom du partenaire', 'Raison sociale', 'Organisme', 'Structure', 'Partenaire concerné']),
  f('partnerSiret', 'SIRET du partenaire', ['N° SIRET', 'SIRET', 'Numéro SIRET', 'Siret partenaire']),
  f('partnerPostalCode', 'Code postal du partenaire', ['CP du partenaire', 'Code postal', 'CP']),
];

const email = f('email', 'Courriel', ['Mél', 'Mel', 'E-mail', 'Email', 'Mail', 'Adresse mél', 'Adresse mail', 'Adresse électronique', 'Courriel professionnel', 'Adresse e-mail']);
const firstName = f('firstName', 'Prénom', ['Prenom', 'Prénom usuel']);
const lastName = f('lastName', 'Nom', ['NOM', 'Nom de famille', "Nom d'usage", 'Nom usuel'], 'text', true);
const fn = f('function', 'Fonction', ['Poste', 'Qualité', 'Emploi', 'Intitulé du poste']);
const service = f('service', 'Service', ['Code service', 'Téléservice']);
const profile = f('profile', 'Profil', ['Code profil', 'Profil CDAP', 'Type de profil'], 'text', true);

export const fieldCatalogue: Record<RowKind, readonly FieldDef[]> = {
  partenaire: [
    f('name', 'Raison sociale', ['Nom', 'Nom du partenaire', 'Partenaire', 'Dénomination', 'Organisme', 'Structure', 'Nom de la structure'], 'text', true),
    f('kind', 'Type', ['Type de partenaire', 'Catégorie', 'Nature', 'Type de structure']),
    f('siret', 'N° SIRET', ['SIRET', 'Numéro SIRET', 'N SIRET', 'Siret']),
    f('line1', 'Adresse', ['Adresse postale', 'Adresse ligne 1', 'Rue', 'Voie']),
    f('line2', "Complément d'adresse", ['Adresse ligne 2', 'Complément', 'BP']),
    f('postalCode', 'Code postal', ['CP', 'Code Postal']),
    f('city', 'Commune', ['Ville', 'Localité']),
    f('repCivility', 'Civilité du représentant', ['Civilité']),
    f('repFirstName', 'Prénom du représentant', ['Prénom du signataire']),
    f('repLastName', 'Nom du représentant', ['Représentant', 'Représentant légal', 'Nom du signataire']),
    f('repTitle', 'Qualité du représentant', ['Qualité', 'Titre du représentant']),
    f('archived', 'Archivé', ['Archive', 'Archivée'], 'boolean'),
    f('notes', 'Notes', ['Observations', 'Remarques', 'Commentaire', 'Commentaires']),
    f('conventionNumber', 'N° convention', ['Numéro de convention', 'N° de convention', 'Convention', 'Référence convention']),
    f('managementMode', 'Mode de gestion', ['Gestion des habilitations', 'Mode']),
    f('signedOn', 'Date de signature', ['Signée le', 'Signature'], 'date'),
    f('effectiveOn', "Date d'effet", ['Date de prise d’effet', "Prise d'effet", "En vigueur depuis", 'Date de début de la convention'], 'date'),
    f('tacitRenewal', 'Tacite reconduction', ['Reconduction tacite', 'Reconduction'], 'boolean'),
    f('terminationRequestedOn', 'Résiliation demandée le', ['Date de demande de résiliation'], 'date'),
    f('terminationEffectiveOn', 'Résiliation effective le', ['Date de résiliation', "Date d'effet de la résiliation"], 'date'),
    f('missions', 'Missions', ['Missions du partenaire', 'Objet']),
    f('amendments', 'Avenants', ['Avenant']),
    f('services', 'Services', ['Services souscrits', 'Téléservices']),
    f('reverseReviewLastDone', 'Dernière revue inverse', ['Revue inverse faite le', 'Date de la dernière revue inverse'], 'date'),
    f('reverseReviewNextDue', 'Prochaine revue inverse', ['Revue inverse à faire le'], 'date'),
  ],
  interlocuteur: [
    ...partnerRef,
    f('civility', 'Civilité', ['Titre', 'M./Mme']),
    firstName,
    lastName,
    fn,
    email,
    f('landline', 'Téléphone', ['Tél', 'Tél.', 'Téléphone fixe', 'Tél. fixe', 'Ligne directe', 'Telephone']),
    f('mobile', 'Portable', ['Mobile', 'Tél. portable', 'Téléphone portable', 'Tél. mobile']),
    f('roles', 'Rôles', ['Rôle', 'Rôle(s)', 'Rôles MCP']),
    f('activeFrom', 'Actif depuis le', ['Date de début', 'Depuis le', "Date d'arrivée"], 'date'),
    f('activeUntil', "Actif jusqu'au", ['Date de fin', "Jusqu'au", 'Date de départ'], 'date'),
    f('notes', 'Notes', ['Observations', 'Remarques', 'Commentaire']),
  ],
  profil: [
    ...partnerRef,
    service,
    profile,
    f('maxUsers', 'Nombre autorisé', ['Nombre maximal', 'Nombre max', 'Nb autorisé', 'Quota', "Nombre d'utilisateurs", 'Nombre de comptes'], 'integer', true),
  ],
  habilitation: [
    ...partnerRef,
    service,
    profile,
    firstName,
    lastName,
    email,
    fn,
    f('instructorNumber', 'N° instructeur', ["Numéro d'instructeur", 'N° d’instructeur', 'Instructeur']),
    f('startOn', 'Date de début', ['Début', "Date d'habilitation", 'Date de création', 'Habilité depuis le', "Date d'ouverture"], 'date', true),
    f('endOn', 'Date de fin', ['Fin', 'Date de suppression', 'Date de fin d’accès', "Date de fin d'accès"], 'date'),
    f('status', 'Statut', ['État', 'Etat', 'Statut de l’habilitation']),
    f('endReason', 'Motif', ['Motif de fin', 'Motif de suppression', 'Motif de fin d’accès']),
    f('quotaOverrideReason', 'Motif du dépassement', ['Motif de dépassement du quota', 'Dépassement']),
  ],
};

export function fieldOf(kind: RowKind, key: string): FieldDef | undefined {
  return fieldCatalogue[kind].find((d) => d.key === key);
}

/** Header text as compared: no accents, case, punctuation, « N° »/« Numéro » alike. */
export function headerKey(header: string): string {
  return normaliseName(header.replace(/n°|n º|nº/gi, 'numero ').replace(/\bno\b/gi, 'numero'))
    .replace(/\bnumero\b/g, 'numero')
    .replace(/\b(de|du|des|d|la|le|l)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Column index → field key (null: ignored). Exact headers first, then the variants; a field is used once. */
export function proposeMapping(kind: RowKind, headers: readonly string[]): (string | null)[] {
  const defs = fieldCatalogue[kind];
  const out: (string | null)[] = headers.map(() => null);
  const used = new Set<string>();
  const keys = headers.map(headerKey);
  const pass = (names: (d: FieldDef) => readonly string[]) => {
    keys.forEach((k, i) => {
      if (out[i] || !k) return;
      const d = defs.find((def) => !used.has(def.key) && names(def).some((n) => headerKey(n) === k));
      if (d) {
        out[i] = d.key;
        used.add(d.key);
      }
    });
  };
  pass((d) => [d.header]);
  pass((d) => d.variants);
  return out;
}

/** The layout of a file: its kind and headers, so a mapping is remembered for the next file like it. */
export function layoutKey(kind: RowKind, headers: readonly string[]): string {
  return `${kind}|${headers.map(headerKey).join('|')}`;
}
