/** History lines: field labels and values come from the shared vocabulary; origin is history's own. */
import type { HistoryEntry } from '../../db/database';
import { formatDateTime } from '../../../shared/rules/dates';

export { fieldLabels, fieldLabel, formatFieldValue as formatHistoryValue } from '../../../shared/domain/fieldPresentation';

/**
 * « ce poste »; a line received with its author: « reçu de Portable visite le 02/12/2026 10:15 » (preceded by
 * the workstation where the change was made when another one relayed it); a line rebuilt on import from an
 * older file (no author carried): « lot importé de … », said to be rebuilt.
 */
export function originText(h: Pick<HistoryEntry, 'origin' | 'source' | 'receivedAt' | 'workstation' | 'derived'>): string {
  if (h.origin !== 'bundle') return 'ce poste';
  const from = h.source || 'un autre poste';
  const when = h.receivedAt ? ` le ${formatDateTime(h.receivedAt)}` : '';
  if (h.derived || !h.receivedAt) return `lot importé de ${from}${when}${h.derived ? ' (ligne reconstituée, auteur non transmis)' : ''}`;
  const made = h.workstation && h.workstation !== h.source ? `modifié sur ${h.workstation}, ` : '';
  return `${made}reçu de ${from}${when}`;
}

/** Newest first by the time of the change (a received line keeps its author's time), then by arrival. */
export function compareHistoryLines(a: Pick<HistoryEntry, 'at' | 'seq'>, b: Pick<HistoryEntry, 'at' | 'seq'>): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return (b.seq ?? 0) - (a.seq ?? 0);
}
