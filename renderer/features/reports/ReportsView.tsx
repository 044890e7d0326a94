/**
 * « Rapports »: choose a report, its Caf (when the base holds several) and, for the activity, its period; the
 * preview is the printed page (forms' print pipeline: Imprimer, Enregistrer en PDF), and the same model exports
 * as CSV for Excel.
 */
import { useMemo, useState } from 'react';
import { Alert, Box, Button, FormControl, InputLabel, MenuItem, Select, Stack } from '@mui/material';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import { reportBuilders, reportCsv, reportFileName, reportIds, reportTitles, periodError, type ReportId } from '../../../shared/reports';
import { todayIso } from '../../../shared/rules/dates';
import { useServices } from '../../app/services';
import { DateField } from '../../components/DateField';
import { EmptyState } from '../../components/EmptyState';
import { PrintPreview } from '../forms/PrintPreview';
import { ReportDocument } from './ReportDocument';
import { useReportData } from './data';
import { useOfficeCaf } from '../cafs/officeCaf';

const reportMessages = {
  printCancelled: 'Impression annulée.',
  pdfCancelled: 'Enregistrement annulé.',
  browserPdf: "Dans le navigateur, choisissez « Enregistrer au format PDF » dans la fenêtre d'impression.",
};

export function ReportsView({ initial }: { initial?: string | undefined }) {
  const { platform } = useServices();
  const data = useReportData();
  const office = useOfficeCaf();
  const [id, setId] = useState<ReportId>((reportIds as readonly string[]).includes(initial ?? '') ? (initial as ReportId) : 'partenaires');
  const [cafId, setCafId] = useState<string>('');
  const today = todayIso();
  const year = today.slice(0, 4);
  const [from, setFrom] = useState<string | undefined | null>(`${year}-01-01`);
  const [to, setTo] = useState<string | undefined | null>(`${year}-12-31`);
  const [exportMessage, setExportMessage] = useState<string | null>(null);
  const problem = id === 'activite' ? periodError(from ?? null, to ?? null) : null;

  const report = useMemo(() => {
    if (!data || problem) return null;
    const clock = { today, now: new Date(), territory: office.territory };
    return reportBuilders[id](data, { cafId: cafId || undefined, from: from ?? undefined, to: to ?? undefined }, clock);
  }, [data, id, cafId, from, to, problem, today, office.territory]);

  if (!data) return <Box aria-busy="true" />;
  if (data.partners.length === 0) {
    return (
      <EmptyState title="Aucun partenaire">
        Les rapports sont établis à partir des fiches des partenaires. Créez d'abord un partenaire (menu Partenaires) ou importez des données (menu
        Synchronisation).
      </EmptyState>
    );
  }
  const caf = data.cafs.find((c) => c.id === cafId);
  const cafName = caf?.name ?? office.caf?.name ?? '';
  return (
    <Box>
      <Stack direction="row" spacing={2} useFlexGap sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <FormControl size="small" sx={{ minWidth: 360 }}>
          <InputLabel id="rapport-choix">Rapport</InputLabel>
          <Select labelId="rapport-choix" label="Rapport" value={id} onChange={(e) => setId(e.target.value as ReportId)}>
            {reportIds.map((r) => (
              <MenuItem key={r} value={r}>
                {reportTitles[r]}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        {data.cafs.length > 1 && (
          <FormControl size="small" sx={{ minWidth: 280 }}>
            <InputLabel id="rapport-caf">Caf</InputLabel>
            <Select labelId="rapport-caf" label="Caf" value={cafId} onChange={(e) => setCafId(e.target.value)}>
              <MenuItem value="">Toutes les Caf</MenuItem>
              {data.cafs.map((c) => (
                <MenuItem key={c.id} value={c.id}>
                  {c.name}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
        )}
        {id === 'activite' && (
          <>
            <DateField id="rapport-du" label="Du" value={from ?? undefined} onChange={setFrom} required />
            <DateField id="rapport-au" label="Au" value={to ?? undefined} onChange={setTo} required />
          </>
        )}
      </Stack>
      {problem && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {problem}
        </Alert>
      )}
      {exportMessage && (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setExportMessage(null)}>
          {exportMessage}
        </Alert>
      )}
      {report && (
        <PrintPreview
          document={<ReportDocument report={report} cafName={cafName} />}
          fileName={reportFileName(report, 'pdf')}
          label="Aperçu du rapport"
          testId="report-preview"
          hostTestId="report-print-host"
          messages={reportMessages}
          actions={
            <>
            <Button
              variant="outlined"
              startIcon={<FileDownloadIcon />}
              onClick={async () => {
                const name = reportFileName(report, 'csv');
                const r = await platform.saveFile({ suggestedName: name, filters: [{ name: 'CSV (Excel)', extensions: ['csv'] }], data: new TextEncoder().encode(reportCsv(report)) });
                if (r.saved) setExportMessage(`Rapport exporté : ${r.path ?? name}`);
              }}
            >
              Exporter en CSV
            </Button>
            <Button
              variant="outlined"
              startIcon={<FileDownloadIcon />}
              onClick={async () => {
                const name = reportFileName(report, 'xlsx');
                // The spreadsheet writer (exceljs) is its own chunk, fetched on first export.
                const [{ writeXlsx }, { reportSheets }] = await Promise.all([import('../../../shared/spreadsheet/xlsxWrite'), import('../../../shared/reports/xlsx')]);
                const bytes = await writeXlsx(reportSheets(report));
                const r = await platform.saveFile({ suggestedName: name, filters: [{ name: 'Classeur Excel', extensions: ['xlsx'] }], data: bytes });
                if (r.saved) setExportMessage(`Rapport exporté : ${r.path ?? name}`);
              }}
            >
              Exporter en Excel
            </Button>
            </>
          }
        />
      )}
    </Box>
  );
}
