/**
 * Who changed what, when, from where: the store writes one history line per changed field (stored grouped by
 * write); this shows them, one per line, for
 * a set of records (one record, or a partner with its convention and contacts), newest first.
 */
import { Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography, Paper } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../../app/services';
import type { HistoryEntry } from '../../db/database';
import type { SyncedTableName } from '../../../shared/domain/tables';
import { formatDateTime } from '../../../shared/rules/dates';
import { EmptyState } from '../../components/EmptyState';
import { CsvExportButton, csvFileName } from '../../components/CsvExportButton';
import type { CsvColumn } from '../../../shared/csv/toCsv';
import { compareHistoryLines, fieldLabels, formatHistoryValue, originText } from './format';
import { linesOfWrites } from '../../../shared/sync/history';

export interface HistoryRecordRef {
  table: SyncedTableName;
  recordId: string;
  /** How the record is named in the « Fiche » column (« Convention », « Hélène Payet »). */
  label: string;
}

/** Internal links (ids) and fields created empty say nothing to the office: not shown. */
function meaningful(h: HistoryEntry): boolean {
  if (h.field === 'partnerId' || h.field === 'cafId') return false;
  return h.field === '*' || formatHistoryValue(h.field, h.old) !== formatHistoryValue(h.field, h.new);
}

/** Lines shown at most; older ones stay in the database (the export of history is not a list of this issue). */
const LIMIT = 1000;

export function HistoryTab({ records }: { records: readonly HistoryRecordRef[] }) {
  const { db } = useServices();
  const key = records.map((r) => `${r.table}:${r.recordId}`).join('|');
  const lines = useLiveQuery(
    async () => {
      if (!records.length) return [];
      const writes = await db.history
        .where('[table+recordId]')
        .anyOf(records.map((r) => [r.table, r.recordId]))
        .toArray();
      return linesOfWrites(writes)
        .filter(meaningful)
        .sort(compareHistoryLines)
        .slice(0, LIMIT);
    },
     
    [db, key],
  );
  const labelOf = new Map(records.map((r) => [`${r.table}:${r.recordId}`, r.label]));
  if (!lines) return <Typography color="text.secondary">Chargement…</Typography>;
  if (lines.length === 0) return <EmptyState title="Aucune modification enregistrée">Chaque modification faite sur ce poste ou importée d'un autre poste apparaîtra ici.</EmptyState>;
  const csvColumns: CsvColumn<HistoryEntry>[] = [
    { header: 'Date', value: (h) => formatDateTime(h.at) },
    { header: 'Par', value: (h) => h.user },
    { header: 'Fiche', value: (h) => labelOf.get(`${h.table}:${h.recordId}`) ?? h.table },
    { header: 'Action', value: (h) => h.action },
    { header: 'Champ', value: (h) => fieldLabels[h.field] ?? h.field },
    { header: 'Ancienne valeur', value: (h) => (h.field === '*' ? '' : formatHistoryValue(h.field, h.old)) },
    { header: 'Nouvelle valeur', value: (h) => (h.field === '*' ? '' : formatHistoryValue(h.field, h.new)) },
    { header: 'Origine', value: (h) => originText(h) },
  ];
  return (
    <Box>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', mb: 1 }}>
        <CsvExportButton fileName={csvFileName('historique')} columns={csvColumns} rows={() => lines} label="Exporter l'historique en CSV" />
      </Box>
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="Historique des modifications">
          <TableHead>
            <TableRow>
              <TableCell>Date</TableCell>
              <TableCell>Par</TableCell>
              <TableCell>Fiche</TableCell>
              <TableCell>Champ</TableCell>
              <TableCell>Ancienne valeur → nouvelle valeur</TableCell>
              <TableCell>Origine</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {lines.map((h) => (
              <TableRow key={`${h.seq}:${h.field}`}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(h.at)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{h.user}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{labelOf.get(`${h.table}:${h.recordId}`) ?? h.table}</TableCell>
                <TableCell title={h.action}>{fieldLabels[h.field] ?? h.field}</TableCell>
                <TableCell>
                  {h.field === '*' ? (
                    `${h.action ?? 'Création'}`
                  ) : (
                    <>
                      <Box component="span" sx={{ color: 'text.secondary' }}>
                        {formatHistoryValue(h.field, h.old)}
                      </Box>
                      {' → '}
                      <strong>{formatHistoryValue(h.field, h.new)}</strong>
                    </>
                  )}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{originText(h)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {lines.length === LIMIT && (
        <Typography variant="caption" color="text.secondary">
          Seules les {LIMIT} dernières modifications sont affichées.
        </Typography>
      )}
    </Box>
  );
}
