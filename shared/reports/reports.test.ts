import { describe, expect, it } from 'vitest';
import { generateDataset, REFERENCE_DATE } from '../demo/generator';
import type { IssuedForm } from '../domain';
import { holdsSeat } from '../rules/quota';
import { activityReport, dueFollowUps, followUpsReport, habilitationsReport, monthsBetween, partnersReport, periodError, quotasReport, type ReportData } from './build';
import { reportCsv } from './csv';
import { reportSheets } from './xlsx';
import { writeXlsx } from '../spreadsheet/xlsxWrite';
import ExcelJS from 'exceljs';

const ds = generateDataset('typical');
const forms: IssuedForm[] = ds.partners.slice(0, 12).map((p, i) => ({
  id: `f${i}`,
  partnerId: p.id,
  type: i % 3 === 0 ? 'suppression-cdap' : 'bulletin-adhesion',
  issuedAt: `2026-${String((i % 11) + 1).padStart(2, '0')}-10T09:00:00.000Z`,
  issuedBy: 'test',
  people: [],
  snapshot: '{}',
}));
const data: ReportData = { ...ds, issuedForms: forms };
const clock = { today: REFERENCE_DATE, now: new Date(`${REFERENCE_DATE}T10:00:00`), territory: 'metropole' as const };
const active = ds.partners.filter((p) => p.status === 'actif');

describe('reports on the typical data set', () => {
  it('partners: one row per active partner, with the Caf column when the base holds several', () => {
    const r = partnersReport(data, {}, clock);
    expect(ds.cafs.length).toBeGreaterThan(1);
    expect(r.sections[0]!.rows).toHaveLength(active.length);
    expect(r.sections[0]!.columns[1]).toBe('Caf');
    expect(r.filters[0]).toBe('Caf : toutes');
    const caf = ds.cafs[0]!;
    const one = partnersReport(data, { cafId: caf.id }, clock);
    expect(one.sections[0]!.rows).toHaveLength(active.filter((p) => p.cafId === caf.id).length);
    expect(one.sections[0]!.columns).not.toContain('Caf');
    expect(one.filters[0]).toBe(`Caf : ${caf.name}`);
  });

  it('habilitations: totals equal the records (active, suppression requested, authorised)', () => {
    const r = habilitationsReport(data, {}, clock);
    const ids = new Set(active.map((p) => p.id));
    const hs = ds.habilitations.filter((h) => ids.has(h.partnerId));
    const total = r.sections[0]!.total!;
    expect(total.at(-2)).toBe(hs.filter((h) => h.status === 'active').length);
    expect(total.at(-1)).toBe(hs.filter((h) => h.status === 'suppression-demandee').length);
    expect(total.at(-3)).toBe(ds.allocations.filter((a) => ids.has(a.partnerId)).reduce((n, a) => n + a.maxUsers, 0));
  });

  it('quotas: a profile is full when its seats reach the allocation, barely used under 20 %', () => {
    const r = quotasReport(data, {}, clock);
    const full = r.sections[1]!.rows;
    const seats = (pid: string, profile: string) => ds.habilitations.filter((h) => h.partnerId === pid && h.profile === profile && holdsSeat(h)).length;
    let expectedFull = 0;
    let expectedLow = 0;
    for (const a of ds.allocations) {
      if (!active.some((p) => p.id === a.partnerId)) continue;
      const used = seats(a.partnerId, a.profile);
      if (a.maxUsers > 0 && used >= a.maxUsers) expectedFull++;
      if (a.maxUsers > 0 && used < a.maxUsers * 0.2) expectedLow++;
    }
    expect(full.filter((row) => row[5] !== 'Non accordé, utilisé')).toHaveLength(expectedFull);
    expect(r.sections[2]!.rows).toHaveLength(expectedLow);
  });

  it('relances: overdue and due this week, each open follow-up at most once', () => {
    const { overdue, thisWeek } = dueFollowUps(data, {}, clock);
    const r = followUpsReport(data, {}, clock);
    expect(r.sections[0]!.rows).toHaveLength(overdue.length);
    expect(r.sections[1]!.rows).toHaveLength(thisWeek.length);
    expect(overdue.length + thisWeek.length).toBeLessThanOrEqual(ds.followUps.filter((f) => f.status === 'ouverte').length);
    expect(overdue.length).toBeGreaterThan(0);
    const byPerson = r.sections[2]!.rows.reduce((n, row) => n + (row[1] as number) + (row[2] as number), 0);
    expect(byPerson).toBe(overdue.length + thisWeek.length);
  });

  it('activity: forms by type and habilitations created / ended per month of the period', () => {
    const r = activityReport(data, { from: '2026-01-01', to: '2026-12-31' }, clock);
    expect(r.sections[0]!.rows).toHaveLength(12);
    const ids = new Set(active.map((p) => p.id));
    expect(r.sections[0]!.total!.at(-1)).toBe(forms.filter((f) => ids.has(f.partnerId)).length);
    const created = ds.habilitations.filter((h) => ids.has(h.partnerId) && h.startOn.startsWith('2026')).length;
    expect(r.sections[1]!.total![1]).toBe(created);
    expect(r.chart!.series[1]!.data.reduce((a, b) => a + b, 0)).toBe(created);
    expect(r.filters).toContain('Période : du 01/01/2026 au 31/12/2026');
  });

  it('CSV: header block, every section with its columns; periods are checked', () => {
    const csv = reportCsv(habilitationsReport(data, { cafId: ds.cafs[0]!.id }, clock));
    expect(csv.startsWith('\uFEFFHabilitations par partenaire et par profil\r\nÉtabli le 20/11/2026\r\n')).toBe(true);
    expect(csv).toContain('Partenaire;Profil;Libellé;Autorisées;Actives;Suppression demandée');
    expect(periodError('2026-02-01', '2026-01-01')).toBe('Période : la date de début doit précéder la date de fin.');
    expect(periodError(null, '2026-01-01')).toBe('Période : dates attendues au format jj/mm/aaaa.');
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('xlsx: a header sheet, then one sheet per section with numbers as numbers (spreadsheet writer)', async () => {
    const r = habilitationsReport(data, { cafId: ds.cafs[0]!.id }, clock);
    const sheets = reportSheets(r);
    expect(sheets.map((s) => s.name)).toEqual(['Rapport', 'Habilitations par partenaire et']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeXlsx(sheets)).buffer as ArrayBuffer);
    const ws = wb.worksheets[1]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Partenaire');
    expect(ws.rowCount).toBe(r.sections[0]!.rows.length + 2);
    expect(ws.getRow(ws.rowCount).getCell(5).value).toBe(r.sections[0]!.total![4]);
    expect(typeof ws.getRow(2).getCell(5).value === 'number' || ws.getRow(2).getCell(5).value === 'non accordé').toBe(true);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe('Établi le 20/11/2026');
  });
});
