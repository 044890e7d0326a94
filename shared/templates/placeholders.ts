/** The placeholders each kind of template may use, with what they print (shown beside the editor). */
import type { TemplateKind } from '../domain/template';

export interface PlaceholderDef {
  name: string;
  label: string;
}

const common: PlaceholderDef[] = [
  { name: 'partenaire.nom', label: 'Nom du partenaire' },
  { name: 'partenaire.adresse', label: 'Adresse postale du partenaire (sur une ligne)' },
  { name: 'partenaire.representant', label: 'Représentant légal (titre, prénom, nom)' },
  { name: 'convention.numero', label: 'N° de la convention en vigueur' },
  { name: 'convention.date_effet', label: "Date d'effet de la convention" },
  { name: 'convention.mode', label: 'Mode de gestion des habilitations (délégué, centralisé)' },
  { name: 'administrateur.civilite', label: "Civilité de l'administrateur principal (« Madame, Monsieur » si inconnue)" },
  { name: 'administrateur.prenom', label: "Prénom de l'administrateur principal" },
  { name: 'administrateur.nom', label: "NOM de l'administrateur principal" },
  { name: 'administrateur.email', label: "Adresse mél de l'administrateur principal" },
  { name: 'suppleant.prenom', label: "Prénom de l'administrateur suppléant" },
  { name: 'suppleant.nom', label: "NOM de l'administrateur suppléant" },
  { name: 'suppleant.email', label: "Adresse mél de l'administrateur suppléant" },
  { name: 'caf.nom', label: 'Nom de la Caf' },
  { name: 'caf.adresse', label: 'Adresse de la Caf (sur une ligne)' },
  { name: 'caf.directeur', label: 'Directeur ou directrice de la Caf' },
  { name: 'caf.mel', label: 'Mél du guichet unique de la Caf' },
  { name: 'caf.telephone', label: 'Téléphone du guichet unique de la Caf' },
  { name: 'date_du_jour', label: "Date du jour (jj/mm/aaaa)" },
  { name: 'agent', label: "Nom de l'agent (Paramètres)" },
];

const review: PlaceholderDef[] = [
  { name: 'annee', label: 'Année de la campagne' },
  { name: 'date_limite', label: 'Date limite de réponse (jj/mm/aaaa)' },
  { name: 'revue.derniere', label: 'Date de la dernière revue inverse reçue' },
  { name: 'habilitations.total', label: "Nombre d'habilitations actives" },
  { name: 'habilitations.par_profil', label: 'Habilitations actives par profil, une ligne par profil (« T1 Action sociale : 12 »)' },
  { name: 'habilitations.tableau', label: 'Lettre : tableau des habilitations actives par profil (seul sur sa ligne) ; mél : la liste par profil' },
];

const followUp: PlaceholderDef[] = [
  { name: 'relance.objet', label: 'Objet de la relance' },
  { name: 'relance.date', label: "Date d'envoi de la première demande" },
  { name: 'relance.canal', label: 'Canal de la première demande (mél, téléphone…)' },
];

export const placeholdersByKind: Record<TemplateKind, PlaceholderDef[]> = {
  'revue-inverse': [...common, ...review],
  relance: [...common, ...followUp],
};

/** Placeholders replaced by a block (a table) in a letter; alone on their line. */
export const blockPlaceholders = ['habilitations.tableau'] as const;

export function knownPlaceholders(kind: TemplateKind): Set<string> {
  return new Set(placeholdersByKind[kind].map((p) => p.name));
}
