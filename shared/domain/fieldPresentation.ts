/** French labels and readable values of stored fields: one vocabulary for history, previews and conflicts. */
import { contactRoleLabels, type ContactRole } from './contact';
import { partnerKindLabels, type PartnerKind } from './partner';
import { managementModeLabels, type ManagementMode } from './convention';
import { habilitationStatusLabels, endReasonLabels, type HabilitationStatus, type EndReason } from './habilitation';
import { delayUnitLabels, type DelayUnit } from './escalation';
import { formatDate } from '../rules/dates';
import { formatPhone } from '../rules/phone';
import { formatSiret } from '../rules/siret';

export const fieldLabels: Record<string, string> = {
  '*': 'Fiche',
  _deleted: 'Suppression',
  name: 'Nom',
  kind: 'Type',
  siret: 'SIRET',
  address: 'Adresse',
  representative: 'Représentant légal',
  status: 'Statut',
  notes: 'Notes',
  cafId: 'Caf',
  partnerId: 'Partenaire',
  number: 'N° de convention',
  signedOn: 'Date de signature',
  effectiveOn: "Date d'effet",
  tacitRenewal: 'Renouvellement tacite',
  terminationRequestedOn: 'Résiliation demandée le',
  terminationEffectiveOn: 'Résiliation effective le',
  managementMode: 'Mode de gestion',
  missions: 'Missions',
  amendments: 'Avenants',
  services: 'Services souscrits',
  reverseReviewLastDone: 'Dernière revue inverse',
  reverseReviewNextDue: 'Prochaine revue inverse',
  civility: 'Civilité',
  firstName: 'Prénom',
  lastName: 'Nom',
  function: 'Fonction',
  email: 'Adresse mél',
  landline: 'Téléphone fixe',
  mobile: 'Téléphone mobile',
  roles: 'Rôles',
  activeFrom: 'Actif depuis',
  activeUntil: "Actif jusqu'au",
  delayValue: 'Délai',
  delayUnit: 'Unité du délai',
  serviceOpens: 'Ouverture du service',
  serviceCloses: 'Fermeture du service',
  cafSide: 'Escalade côté Caf',
  partnerSide: 'Escalade côté partenaire',
  service: 'Service',
  profile: 'Profil',
  maxUsers: "Nombre maximal d'utilisateurs",
  contactId: 'Interlocuteur',
  instructorNumber: "N° d'instructeur",
  startOn: 'Début',
  endOn: 'Fin',
  endReason: 'Motif de fin',
  quotaOverrideReason: 'Motif du dépassement de quota',
  subject: 'Objet',
  direction: 'Sens',
  channel: 'Canal',
  sentAt: 'Envoyée le',
  urgent: 'Urgent',
  steps: 'Personnes relancées',
  closedAt: 'Close le',
  director: 'Directeur',
  helpdeskEmail: 'Mél du guichet unique',
  helpdeskPhone: 'Téléphone du guichet unique',
  letter: 'Texte de la lettre',
  title: 'Intitulé',
  year: 'Année',
  answerBy: 'Date limite de réponse',
  templateId: 'Modèle',
  createdAt: 'Créée le',
  campaignId: 'Campagne',
  preparedAt: 'Courrier préparé le',
  sentOn: 'Envoyée le',
  followUpId: 'Relance',
  remindedOn: 'Relancée le',
  receivedOn: 'Reçue le',
};

export function fieldLabel(field: string): string {
  return fieldLabels[field] ?? field;
}

const dateFields = new Set(['signedOn', 'effectiveOn', 'terminationRequestedOn', 'terminationEffectiveOn', 'reverseReviewLastDone', 'reverseReviewNextDue', 'activeFrom', 'activeUntil', 'startOn', 'endOn', 'answerBy', 'sentOn', 'remindedOn', 'receivedOn']);

function roleText(r: { role: ContactRole; from?: string; until?: string }): string {
  const period = [r.from ? `depuis le ${formatDate(r.from)}` : '', r.until ? `jusqu'au ${formatDate(r.until)}` : ''].filter(Boolean).join(', ');
  return `${contactRoleLabels[r.role] ?? r.role}${period ? ` (${period})` : ''}`;
}

/** A stored field value in plain French (dates dd/MM/yyyy, phones grouped, labels for codes); ∅ when empty. */
export function formatFieldValue(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '∅';
  if (field === '*') return String(value);
  if (field === '_deleted') return value === 1 ? 'supprimé' : 'présent';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'string') {
    if (dateFields.has(field)) return formatDate(value);
    if (field === 'landline' || field === 'mobile') return formatPhone(value);
    if (field === 'siret') return formatSiret(value);
    if (field === 'kind') return partnerKindLabels[value as PartnerKind] ?? value;
    if (field === 'managementMode') return managementModeLabels[value as ManagementMode] ?? value;
    if (field === 'status') return habilitationStatusLabels[value as HabilitationStatus] ?? ({ actif: 'actif', archive: 'archivé', ouverte: 'ouverte', close: 'close' } as Record<string, string>)[value] ?? value;
    if (field === 'endReason') return endReasonLabels[value as EndReason] ?? value;
    if (field === 'delayUnit') return delayUnitLabels[value as DelayUnit] ?? value;
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return 'aucun';
    if (field === 'roles') return value.map((r) => roleText(r as { role: ContactRole })).join(' ; ');
    if (field === 'amendments') return value.map((a: { date: string; object: string }) => `${formatDate(a.date)} : ${a.object}`).join(' ; ');
    if (field === 'services') return value.map((s: { code: string; availableOn?: string }) => (s.availableOn ? `${s.code} (mis à disposition le ${formatDate(s.availableOn)})` : s.code)).join(' ; ');
    return `${value.length} élément${value.length > 1 ? 's' : ''}`;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (field === 'address') return [o.line1, o.line2, [o.postalCode, o.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '∅';
    if (field === 'representative') return [o.civility, o.firstName, o.lastName, o.title ? `(${String(o.title)})` : ''].filter(Boolean).join(' ') || '∅';
    return Object.values(o).filter((v) => typeof v === 'string' && v).join(', ') || '∅';
  }
  return String(value);
}
