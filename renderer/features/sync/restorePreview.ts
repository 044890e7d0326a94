/**
 * What the restore preview shows, from a rollback plan (renderer/sync/rollback.ts): per type of record, the
 * counts and the records in plain French — created since (deleted), changed since (each field: current →
 * restored value), deleted since (brought back). Pure: labels come from the shared vocabulary, record data from
 * the lookups the dialog passes (the base now, and the backup for records this base no longer holds).
 */
import { tableLabels, type SyncedTableName } from '../../../shared/domain/tables';
import type { RollbackCounts, RollbackStep } from '../../../shared/sync/rollback';
import type { RollbackPlan } from '../../sync/rollback';
import { fieldLabel, formatValue, recordLabel } from './labels';

export interface PreviewChange {
  field: string;
  label: string;
  /** Value now, in French. */
  now: string;
  /** Value once restored, in French. */
  then: string;
}

export interface PreviewRecord {
  id: string;
  label: string;
  kind: RollbackStep['kind'];
  /** What happens to it, in French (« créé depuis la sauvegarde : sera supprimé »). */
  what: string;
  changes: PreviewChange[];
}

export interface PreviewGroup {
  table: SyncedTableName;
  title: string;
  counts: RollbackCounts;
  records: PreviewRecord[];
  /** Records of this type left out of `records` (only the first `limit` are listed). */
  more: number;
}

export type RecordData = (table: SyncedTableName, id: string) => Record<string, unknown> | undefined;

const whatOf: Record<RollbackStep['kind'], (inBackup: boolean) => string> = {
  delete: (inBackup) => (inBackup ? 'rétabli depuis la sauvegarde : sera de nouveau supprimé' : 'créé depuis la sauvegarde : sera supprimé'),
  update: () => 'modifié depuis la sauvegarde : retrouvera ses valeurs',
  restore: () => 'supprimé depuis la sauvegarde : sera rétabli',
  recreate: () => 'absent de cette base : sera recréé',
};

/** Order in the list: what disappears first (the surprise), then changes, then what comes back. */
const kindOrder: Record<RollbackStep['kind'], number> = { delete: 0, update: 1, restore: 2, recreate: 3 };

/**
 * The preview's groups, in the order of the plan's tables, each listing at most `limit` records (a rollback onto
 * an empty base lists the whole backup: the counts say it all). A recreated record's fields are not listed one by
 * one (every field would be), only its name.
 */
export function restorePreview(plan: RollbackPlan, current: RecordData, backup: RecordData, limit = 200): PreviewGroup[] {
  const byTable = new Map<SyncedTableName, RollbackStep[]>();
  for (const s of plan.steps) {
    const t = s.table as SyncedTableName;
    const list = byTable.get(t) ?? [];
    list.push(s);
    byTable.set(t, list);
  }
  const groups: PreviewGroup[] = [];
  for (const [table, steps] of byTable) {
    const counts = plan.counts[table];
    if (!counts) continue;
    const shown = [...steps].sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind]).slice(0, limit);
    groups.push({
      table,
      title: tableLabels[table] ?? table,
      counts,
      more: steps.length - shown.length,
      records: shown.map((s) => ({
        id: s.recordId,
        // Named as the office knows it now (a record renamed since shows its current name, the field lists the old one).
        label: recordLabel(table, current(table, s.recordId) ?? backup(table, s.recordId), s.recordId),
        kind: s.kind,
        what: whatOf[s.kind](s.inBackup),
        changes:
          s.kind === 'recreate' || s.kind === 'delete'
            ? []
            : s.fields.map((f) => ({ field: f.field, label: fieldLabel(f.field), now: formatValue(f.field, f.now), then: formatValue(f.field, f.then) })),
      })),
    });
  }
  return groups;
}

/** « 2 créé(s) depuis (supprimés), 1 modifié(s) (3 champs), 1 supprimé(s) depuis (rétablis) ». */
export function countsText(c: RollbackCounts): string {
  const parts: string[] = [];
  if (c.createdSince) parts.push(`${c.createdSince} créé(s) depuis, à supprimer`);
  if (c.changedSince) parts.push(`${c.changedSince} modifié(s) depuis (${c.fieldsChanged} champ(s)), à remettre`);
  if (c.deletedSince) parts.push(`${c.deletedSince} supprimé(s) depuis, à rétablir`);
  if (c.restoredSince) parts.push(`${c.restoredSince} rétabli(s) depuis, à supprimer de nouveau`);
  return parts.join(' ; ') || 'aucun changement';
}
