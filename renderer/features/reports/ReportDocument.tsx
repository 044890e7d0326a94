/**
 * A report on A4 sheets, drawn from the report model only (the CSV and the spreadsheet come from the same
 * model): header with the Caf, title, date and filters; key figures; the chart; one table per section, whose
 * column titles repeat on every printed page.
 */
import { BarChart } from '@mui/x-charts/BarChart';
import type { Report, ReportChart } from '../../../shared/reports';
import { formatDate } from '../../../shared/rules/dates';
import '../forms/forms.css';
import './reports.css';
import { reportPageRules } from './pageRules';

/** Reports with many columns print on landscape pages. */
export const wideReports = new Set<Report['id']>(['partenaires', 'relances']);

const chartColors = ['#1f4e79', '#4caf50', '#e07b00'];

function Chart({ chart, wide }: { chart: ReportChart; wide: boolean }) {
  return (
    <figure className="mcp-report-chart" aria-label={chart.title}>
      <BarChart
        width={wide ? 1000 : 680}
        height={260}
        skipAnimation
        xAxis={[{ scaleType: 'band', data: chart.labels }]}
        series={chart.series.map((s, i) => ({ data: s.data, label: s.label, color: chartColors[i % chartColors.length] }))}
        margin={{ left: 10, right: 10, top: 10, bottom: 10 }}
      />
    </figure>
  );
}

export function ReportDocument({ report, cafName }: { report: Report; cafName: string }) {
  const wide = wideReports.has(report.id);
  return (
    <div className="mcp-form mcp-report" data-report={report.id}>
      <style>{reportPageRules(report.title)}</style>
      <section className={`mcp-sheet mcp-report-sheet${wide ? ' wide' : ''}`}>
        <header className="mcp-report-head">
          {cafName && <p className="caf">{cafName} — relations partenaires « Mon Compte Partenaire »</p>}
          <h1>{report.title}</h1>
          <p className="filters">
            Établi le {formatDate(report.madeOn)} — {report.filters.join(' — ')}
          </p>
        </header>
        <ul className="mcp-report-summary">
          {report.summary.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
        {report.chart && <Chart chart={report.chart} wide={wide} />}
        {report.sections.map((s) => (
          <div key={s.heading}>
            <h2>{s.heading}</h2>
            {s.rows.length === 0 ? (
              <p className="empty">{s.empty}</p>
            ) : (
              <table className="mcp-table">
                <thead>
                  <tr>
                    {s.columns.map((c, i) => (
                      <th key={c} scope="col" className={s.numeric?.[i] ? 'num' : undefined}>
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {s.rows.map((r, ri) => (
                    <tr key={ri}>
                      {r.map((cell, i) => (
                        <td key={i} className={s.numeric?.[i] ? 'num' : undefined}>
                          {typeof cell === 'number' ? cell.toLocaleString('fr-FR') : cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                  {s.total && (
                    <tr className="total">
                      {s.total.map((cell, i) => (
                        <td key={i} className={s.numeric?.[i] ? 'num' : undefined}>
                          {typeof cell === 'number' ? cell.toLocaleString('fr-FR') : cell}
                        </td>
                      ))}
                    </tr>
                  )}
                </tbody>
              </table>
            )}
          </div>
        ))}
      </section>
    </div>
  );
}
