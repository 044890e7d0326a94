/** History lines: field labels and values come from the shared vocabulary; origin is history's own. */
import type { HistoryEntry } from '../../db/database';

export { fieldLabels, fieldLabel, formatFieldValue as formatHistoryValue } from '../../../shared/domain/fieldPresentation';

export function originText(h: Pick<HistoryEntry, 'origin' | 'source'>): string {
  return h.origin === 'bundle' ? `lot importé de ${h.source || 'un autre poste'}` : 'ce poste';
}
