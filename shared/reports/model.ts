/**
 * A report as data: what the printed page, the CSV and the spreadsheet are all drawn from, so the three say the
 * same thing. Cells are already in French (dates dd/MM/yyyy); numbers stay numbers for the spreadsheet.
 */
export const reportIds = ['partenaires', 'habilitations', 'quotas', 'relances', 'activite'] as const;
export type ReportId = (typeof reportIds)[number];

export const reportTitles: Record<ReportId, string> = {
  partenaires: 'Partenaires et conventions',
  habilitations: 'Habilitations par partenaire et par profil',
  quotas: 'Utilisation des quotas',
  relances: 'Relances à échéance cette semaine et en retard',
  activite: "Activité de l'année",
};

export type Cell = string | number;

export interface ReportSection {
  heading: string;
  columns: string[];
  /** Columns holding numbers (right-aligned). */
  numeric?: boolean[];
  rows: Cell[][];
  /** Shown when there is no row. */
  empty: string;
  /** A last row in bold (totals). */
  total?: Cell[];
}

export interface ReportChart {
  title: string;
  /** x axis labels (months). */
  labels: string[];
  series: { label: string; data: number[] }[];
}

export interface Report {
  id: ReportId;
  title: string;
  /** ISO date the report was made. */
  madeOn: string;
  /** The filters, in French (« Caf : toutes », « Période : du … au … »). */
  filters: string[];
  /** Key figures in one line each (« 300 partenaires »). */
  summary: string[];
  sections: ReportSection[];
  chart?: ReportChart;
}
