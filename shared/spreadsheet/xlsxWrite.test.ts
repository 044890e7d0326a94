import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsxSheets } from './xlsxRead';
import { writeXlsx, type XlsxSheet } from './xlsxWrite';

const sheets: XlsxSheet[] = [
  {
    name: 'Habilitations: 2026/11 [T1]',
    columns: [{ header: 'Nom' }, { header: 'Début', kind: 'date' }, { header: 'Quota', kind: 'number' }, { header: 'Actif', kind: 'boolean' }, { header: 'Fin' }],
    rows: [
      ['Dupont & <Fils> "Cie"', '2024-03-05', 3, true, '31/12/2025'],
      ['=SOMME(A1)', '05/03/2024', 2.5, false, null],
      ['  espaces  \nligne 2', null, null, null, '@cmd'],
      ['contrôle\u0001retiré', 'pas une date', undefined, undefined, '+33 6'],
    ],
  },
  { name: 'Habilitations: 2026/11 [T1]', columns: [{ header: 'Seule' }], rows: [] },
];

describe('the .xlsx writer (XML written directly)', () => {
  it('writes what exceljs reads back: values, typed dd/mm/yyyy dates, frozen bold header, autofilter, widths, unique sheet names', async () => {
    const bytes = await writeXlsx(sheets, { now: new Date(Date.UTC(2026, 11, 2)) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Habilitations  2026 11  T1', 'Habilitations  2026 11  T1 2']);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Nom', 'Début', 'Quota', 'Actif', 'Fin']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getRow(2).values).toEqual([undefined, 'Dupont & <Fils> "Cie"', new Date(Date.UTC(2024, 2, 5)), 3, true, '31/12/2025']);
    expect(ws.getCell('B2').numFmt).toBe('dd/mm/yyyy');
    // A column of mixed text is not a date column: its dd/MM/yyyy text stays as written.
    expect(ws.getCell('E2').type).toBe(ExcelJS.ValueType.String);
    // Text that looks like a formula stays a string cell: nothing is ever evaluated.
    expect(ws.getCell('A3').value).toBe('=SOMME(A1)');
    expect(ws.getCell('A3').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B3').value).toEqual(new Date(Date.UTC(2024, 2, 5)));
    expect(ws.getCell('A4').value).toBe('  espaces  \nligne 2');
    expect(ws.getCell('E4').value).toBe('@cmd');
    expect(ws.getCell('A5').value).toBe('contrôleretiré');
    expect(ws.getCell('B5').value).toBe('pas une date');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    expect(ws.autoFilter).toBe('A1:E1');
    expect(ws.getColumn(1).width).toBe(23);
    expect(ws.getColumn(2).width).toBe(14);
    expect(wb.creator).toBe('Partenaires MCP');
    expect(wb.worksheets[1]!.getRow(1).values).toEqual([undefined, 'Seule']);
  });

  it('reads back with the import reader as the same cells', async () => {
    const [first] = readXlsxSheets(await writeXlsx(sheets));
    expect(first!.rows[0]).toEqual(['Nom', 'Début', 'Quota', 'Actif', 'Fin']);
    expect(first!.rows[1]).toEqual(['Dupont & <Fils> "Cie"', new Date(Date.UTC(2024, 2, 5)), 3, true, '31/12/2025']);
    expect(first!.rows[3]).toEqual(['  espaces  \nligne 2', null, null, null, '@cmd']);
  });
});
