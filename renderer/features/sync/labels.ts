/** French labels for what the conflict screen and the preview show. */
import type { SyncedTableName } from '../../../shared/domain/tables';
import { formatFieldValue } from '../../../shared/domain/fieldPresentation';
import { personName } from '../../../shared/rules/names';

export { fieldLabel } from '../../../shared/domain/fieldPresentation';

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
      return personName({ firstName: s('firstName'), lastName: s('lastName') }) || id;
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

/** Show a stored value of `field` in plain French (same wording as the history). */
export function formatValue(field: string, value: unknown): string {
  return formatFieldValue(field, value);
}
