/** French labels for what the conflict screen and the preview show. */
import type { SyncedTableName } from '../../../shared/domain/tables';

export const fieldLabels: Record<string, string> = {
  name: 'Nom',
  kind: 'Type',
  siret: 'SIRET',
  address: 'Adresse',
  representative: 'Représentant légal',
  status: 'Statut',
  notes: 'Notes',
  cafId: 'Caf',
  partnerId: 'Partenaire',
  number: 'Numéro',
  signedOn: 'Date de signature',
  effectiveOn: "Date d'effet",
  tacitRenewal: 'Reconduction tacite',
  terminationRequestedOn: 'Résiliation demandée le',
  terminationEffectiveOn: 'Résiliation effective le',
  managementMode: 'Mode de gestion',
  missions: 'Missions',
  amendments: 'Avenants',
  services: 'Services souscrits',
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
  cafSide: 'Escalade côté Caf',
  partnerSide: 'Escalade côté partenaire',
  service: 'Service',
  profile: 'Profil',
  maxUsers: "Nombre maximal d'utilisateurs",
  instructorNumber: "Numéro d'instructeur",
  startOn: 'Date de début',
  endOn: 'Date de fin',
  endReason: 'Motif de fin',
  subject: 'Objet',
  direction: 'Sens',
  channel: 'Canal',
  urgent: 'Urgent',
  steps: 'Étapes',
  director: 'Directeur',
  helpdeskEmail: 'Mél du guichet unique',
  helpdeskPhone: 'Téléphone du guichet unique',
  _deleted: 'Suppression',
  '*': 'Enregistrement entier',
};

export function fieldLabel(field: string): string {
  return fieldLabels[field] ?? field;
}

/** A human name for a record (« Mairie de Colmar », « Jeanne MARTIN », « Convention 112/2017 »). */
export function recordLabel(table: SyncedTableName | string, data: Record<string, unknown> | undefined, id: string): string {
  if (!data) return `Enregistrement ${id.slice(0, 8)}`;
  const s = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : '');
  switch (table) {
    case 'partners':
    case 'cafs':
      return s('name') || id;
    case 'contacts':
    case 'habilitations':
      return [s('firstName'), s('lastName').toUpperCase()].filter(Boolean).join(' ') || id;
    case 'conventions':
      return s('number') ? `Convention ${s('number')}` : 'Convention sans numéro';
    case 'followUps':
      return s('subject') || id;
    case 'allocations':
      return `${s('service')} ${s('profile')}`.trim() || id;
    default:
      return id;
  }
}

/** Show a stored value in plain French. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(vide)';
  if (value === true) return 'oui';
  if (value === false) return 'non';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value.split('-').reverse().join('/') : value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
