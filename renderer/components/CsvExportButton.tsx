import { Button } from '@mui/material';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import { useState } from 'react';
import { toCsvBytes, type CsvColumn } from '../../shared/csv/toCsv';
import { useServices } from '../app/services';

/**
 * Exports exactly the rows the user sees (after filters and sort) as a CSV French Excel opens: `;`, UTF-8 BOM.
 * `rows` is a function so a 5,000-row list is only serialised on click.
 */
export function CsvExportButton<R>({
  fileName,
  columns,
  rows,
  label = 'Exporter en CSV',
}: {
  fileName: string;
  columns: readonly CsvColumn<R>[];
  rows: () => readonly R[];
  label?: string;
}) {
  const { platform } = useServices();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="outlined"
      startIcon={<FileDownloadIcon />}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await platform.saveFile({ suggestedName: fileName, filters: [{ name: 'CSV (Excel)', extensions: ['csv'] }], data: toCsvBytes(columns, rows()) });
        } finally {
          setBusy(false);
        }
      }}
    >
      {label}
    </Button>
  );
}

/** `partenaires-2026-11-23.csv` */
export function csvFileName(base: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${base}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}
