/**
 * `#/rapports/rendu`: a print-only page driven from outside (the report PDF tests, bench/reports.ts). They call
 * `window.__reportsData(json)` once with the records (a data set as JSON: the report is pure, no database), then
 * `window.__reportsRender(id, filters, clock)` for each report, wait for the promise, and print with Chromium's
 * Page.printToPDF.
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { reportBuilders, type Report, type ReportData, type ReportFilters, type ReportId } from '../../../shared/reports';
import { PrintPortal, printFontsReady } from '../forms/PrintHost';
import { ReportDocument } from './ReportDocument';

declare global {
  interface Window {
    __reportsData?: (json: string) => void;
    __reportsRender?: (id: ReportId, filters: ReportFilters, clock: { today: string; now: string }, cafName?: string) => Promise<{ rows: number }>;
  }
}

export function ReportsRenderRoute() {
  const [shown, setShown] = useState<{ report: Report; cafName: string } | null>(null);
  useEffect(() => {
    let data: ReportData | null = null;
    window.__reportsData = (json) => {
      const d = JSON.parse(json) as Partial<ReportData>;
      data = { cafs: [], partners: [], conventions: [], contacts: [], allocations: [], habilitations: [], followUps: [], chains: [], issuedForms: [], ...d };
    };
    window.__reportsRender = async (id, filters, clock, cafName = '') => {
      if (!data) throw new Error('Données absentes : appelez __reportsData d’abord.');
      const report = reportBuilders[id](data, filters, { today: clock.today, now: new Date(clock.now), territory: 'metropole' });
      flushSync(() => setShown({ report, cafName }));
      await printFontsReady();
      return { rows: report.sections.reduce((n, s) => n + s.rows.length, 0) };
    };
    document.body.dataset.reportsRenderReady = '1';
    return () => {
      delete window.__reportsData;
      delete window.__reportsRender;
      delete document.body.dataset.reportsRenderReady;
    };
  }, []);
  return (
    <div>
      <h1 style={{ fontSize: 16 }}>Rendu des rapports</h1>
      <p>{shown ? `Rapport prêt : ${shown.report.id}` : 'En attente des données du rapport.'}</p>
      {shown ? (
        <PrintPortal testId="report-print-host">
          <ReportDocument report={shown.report} cafName={shown.cafName} />
        </PrintPortal>
      ) : null}
    </div>
  );
}
