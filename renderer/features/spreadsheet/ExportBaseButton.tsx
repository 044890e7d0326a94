import { Alert, Box, Button, LinearProgress, Stack } from '@mui/material';
import TableViewIcon from '@mui/icons-material/TableView';
import { useRef, useState } from 'react';
import { useServices } from '../../app/services';
import { csvFileName } from '../../components/CsvExportButton';
import { startSpreadsheetWorker, type SpreadsheetWorker } from './client';

/** « Exporter toute la base »: a workbook with one sheet per kind of record, written in the worker. */
export function ExportBaseButton() {
  const { db, platform } = useServices();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const worker = useRef<SpreadsheetWorker | null>(null);

  async function run() {
    setBusy(true);
    setMessage(null);
    const w = startSpreadsheetWorker();
    worker.current = w;
    try {
      const data = await w.api.exportBase(db.name);
      const saved = await platform.saveFile({ suggestedName: csvFileName('base-partenaires').replace(/\.csv$/, '.xlsx'), filters: [{ name: 'Classeur Excel', extensions: ['xlsx'] }], data });
      setMessage(saved.saved ? { ok: true, text: `Base exportée dans « ${saved.path ?? 'le classeur'} » (une feuille par type d'enregistrement).` } : { ok: false, text: 'Export annulé : aucun fichier enregistré.' });
    } catch (e) {
      if (worker.current) setMessage({ ok: false, text: `L'export a échoué : ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      w.terminate();
      worker.current = null;
      setBusy(false);
    }
  }

  function cancel() {
    worker.current?.terminate();
    worker.current = null;
    setBusy(false);
    setMessage({ ok: false, text: 'Export annulé : aucun fichier enregistré.' });
  }

  return (
    <Stack spacing={1}>
      <Box>
        <Button variant="outlined" startIcon={<TableViewIcon />} onClick={() => void run()} disabled={busy}>
          Exporter toute la base (Excel)
        </Button>
      </Box>
      {busy && (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }} data-testid="export-base-progress">
          <LinearProgress sx={{ flex: 1 }} aria-label="Export de la base en cours" />
          <Button onClick={cancel}>Annuler</Button>
        </Stack>
      )}
      {message && (
        <Alert severity={message.ok ? 'success' : 'error'} onClose={() => setMessage(null)} data-testid="export-base-message">
          {message.text}
        </Alert>
      )}
    </Stack>
  );
}
