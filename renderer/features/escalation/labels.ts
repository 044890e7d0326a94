import type { FollowUp } from '../../../shared/domain/followup';

export const directionLabels: Record<FollowUp['direction'], string> = {
  'vers-partenaire': 'Vers le partenaire',
  'vers-caf': 'Vers le centre de services de la Caf',
};
export const channelLabels: Record<FollowUp['channel'], string> = {
  mel: 'Mél',
  telephone: 'Téléphone',
  courrier: 'Courrier',
  portail: 'Portail MCP',
};
export const sideLabels = { caf: 'Caf', partner: 'Partenaire' } as const;

export function overdueTitle(count: number): string {
  if (count <= 0) return 'Partenaires MCP';
  return `Partenaires MCP — ${count} relance${count > 1 ? 's' : ''} en retard`;
}
