import { Button, ButtonGroup } from '@mui/material';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import { useState } from 'react';
import { toCsvBytes, type CsvColumn } from '../../shared/csv/toCsv';
import { useServices } from '../app/services';

/**
 * Exports exactly the rows the user sees (after filters and sort), as a CSV French Excel opens (`;`, UTF-8 BOM)
 * or as a real Excel workbook (typed dates, frozen header, autofilter, widths, sheet named after the list).
 * `rows` is a function so a 5,000-row list is only serialised on click (a paged list reads its rows then, through
 * its indexes: it may return a promise); exceljs is loaded on the first click.
 */
export function CsvExportButton<R>({
  fileName,
  columns,
  rows,
  label = 'Exporter en CSV',
  sheet,
}: {
  fileName: string;
  columns: readonly CsvColumn<R>[];
  rows: () => readonly R[] | Promise<readonly R[]>;
  label?: string;
  /** Sheet name of the workbook; by default the file name's first word (« partenaires » → « Partenaires »). */
  sheet?: string;
}) {
  const { platform } = useServices();
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  const xlsxLabel = label.includes('CSV') ? label.replace('CSV', 'Excel') : 'Excel';
  return (
    <ButtonGroup variant="outlined" disabled={busy} aria-label={label.replace(/ en CSV$|^CSV$/, '') || 'Exporter'}>
      <Button
        startIcon={<FileDownloadIcon />}
        onClick={() =>
          run(async () => {
            await platform.saveFile({ suggestedName: fileName, filters: [{ name: 'CSV (Excel)', extensions: ['csv'] }], data: toCsvBytes(columns, await rows()) });
          })
        }
      >
        {label}
      </Button>
      <Button
        onClick={() =>
          run(async () => {
            const { writeXlsx } = await import('../../shared/spreadsheet/xlsxWrite');
            const list = await rows();
            const data = await writeXlsx([{ name: sheet ?? sheetFromFileName(fileName), columns: columns.map((c) => ({ header: c.header })), rows: list.map((r) => columns.map((c) => c.value(r))) }]);
            await platform.saveFile({ suggestedName: fileName.replace(/\.csv$/, '.xlsx'), filters: [{ name: 'Classeur Excel', extensions: ['xlsx'] }], data });
          })
        }
      >
        {xlsxLabel}
      </Button>
    </ButtonGroup>
  );
}

/** `partenaires-2026-11-23.csv` → `Partenaires` */
export function sheetFromFileName(fileName: string): string {
  const base = fileName.replace(/\.[a-z]+$/, '').replace(/-\d{4}-\d{2}-\d{2}$/, '').replace(/-/g, ' ');
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/** `partenaires-2026-11-23.csv` */
export function csvFileName(base: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${base}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}
