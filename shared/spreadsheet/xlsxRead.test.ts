import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../demo/generator';
import type { CellValue } from './cells';
import { baseSheets } from './exportBase';
import { datasetExisting } from './testing';
import { isDateFormat, NotAWorkbookError, readXlsxSheets } from './xlsxRead';
import { writeXlsx } from './xlsxWrite';

/** The reader this one replaced (exceljs's object model), kept here as the reference. */
async function exceljsSheets(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    let formulas = 0;
    const rows: CellValue[][] = [];
    const value = (v: ExcelJS.CellValue): CellValue => {
      if (v === null || v === undefined) return null;
      if (typeof v === 'string') return v === '' ? null : v;
      if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
      if ('formula' in v || 'sharedFormula' in v) {
        formulas++;
        const r = (v as { result?: unknown }).result;
        return r === undefined || r === null || (typeof r === 'object' && !(r instanceof Date)) ? null : (r as CellValue);
      }
      if ('richText' in v) return v.richText.map((t) => t.text).join('') || null;
      if ('text' in v) return typeof v.text === 'string' ? v.text : null;
      return null;
    };
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const values = row.values as ExcelJS.CellValue[];
      const out: CellValue[] = [];
      for (let c = 1; c < values.length; c++) out.push(value(values[c]));
      while (rows.length < n - 1) rows.push([]);
      rows[n - 1] = out;
    });
    const merges = ((ws.model as { merges?: string[] }).merges ?? []).length;
    return { name: ws.name, rows, merges, formulas };
  });
}

async function bytesOf(wb: ExcelJS.Workbook, options?: Partial<ExcelJS.XlsxWriteOptions>): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer(options)) as ArrayBuffer);
}

function awkwardWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Registre « 2026 »');
  ws.addRow(['Nom', 'Début', 'Nombre', 'Actif', 'Formule', 'Texte']);
  ws.addRow(['Dupont & <Fils> "quotes" \'apos\'', new Date(Date.UTC(2024, 2, 5)), 12.5, true, { formula: 'C2*2', result: 25 }, '=SOMME(A1)']);
  ws.addRow([{ richText: [{ text: 'Gras ', font: { bold: true } }, { text: 'et normal' }] }, new Date(Date.UTC(1999, 11, 31, 13, 45)), -3, false, { formula: 'A2', result: 'texte calculé' }, '+33 6 12']);
  ws.getCell('B2').numFmt = 'dd/mm/yyyy';
  ws.getCell('B3').numFmt = '[$-40C]d mmmm yyyy;@';
  ws.getCell('C3').numFmt = '0.00 "jours"';
  ws.getRow(5).getCell(3).value = 'après une ligne vide';
  ws.getRow(6).getCell(1).value = '';
  ws.getRow(6).getCell(2).style = { font: { bold: true } };
  ws.getRow(7).getCell(8).value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
  ws.getRow(7).getCell(2).value = { formula: 'B2+1', result: new Date(Date.UTC(2024, 2, 6)) };
  ws.getCell('B7').numFmt = 'dd/mm/yyyy';
  ws.getRow(8).getCell(1).value = { text: 'lien', hyperlink: 'https://example.org' };
  ws.getRow(8).getCell(2).value = '  espaces gardés  ';
  ws.getRow(8).getCell(3).value = 'ligne 1\nligne 2';
  ws.mergeCells('D9:E9');
  ws.getCell('D9').value = 'fusion';
  const second = wb.addWorksheet('Deuxième');
  second.addRow(['seule', 45000]);
  wb.addWorksheet('Vide');
  return wb;
}

describe('the fast .xlsx reader gives what exceljs gave', () => {
  it('on an awkward workbook: entities, rich text, typed and formula dates, booleans, errors, gaps, merges, several sheets', async () => {
    const wb = awkwardWorkbook();
    for (const options of [{}, { useSharedStrings: false }]) {
      const bytes = await bytesOf(wb, options);
      const ours = readXlsxSheets(bytes);
      const ref = await exceljsSheets(bytes);
      expect(ours.map((s) => ({ name: s.name, rows: s.rows, merges: s.merges.length, formulas: s.formulas }))).toEqual(ref);
    }
    const ours = readXlsxSheets(await bytesOf(wb));
    expect(ours[0]!.merges).toEqual([{ top: 9, left: 4, bottom: 9, right: 5 }]);
    expect(ours[0]!.rows[1]![1]).toEqual(new Date(Date.UTC(2024, 2, 5)));
    expect(ours[0]!.rows[1]![5]).toBe('=SOMME(A1)');
    expect(ours[0]!.formulas).toBe(3);
  });

  it('on our own export of the typical set (every sheet of « Exporter toute la base »)', async () => {
    const bytes = await writeXlsx(baseSheets(datasetExisting(generateDataset('typical'))));
    const ours = readXlsxSheets(bytes);
    expect(ours.map((s) => ({ name: s.name, rows: s.rows, merges: s.merges.length, formulas: s.formulas }))).toEqual(await exceljsSheets(bytes));
    expect(ours[0]!.rows.length).toBeGreaterThan(10);
  });

  it('reads inline strings, rows and cells without references, prefixed tags and 1904 dates, as other writers produce them', () => {
    const files = {
      '[Content_Types].xml': strToU8('<Types/>'),
      '_rels/.rels': strToU8('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
      'xl/workbook.xml': strToU8('<x:workbook xmlns:x="x" xmlns:r="r"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="Feuil1" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/feuille.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'),
      'xl/styles.xml': strToU8('<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;le &quot;dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>'),
      'xl/worksheets/feuille.xml': strToU8(
        '<x:worksheet><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t xml:space="preserve">Nom </x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:r><x:t>Da</x:t></x:r><x:r><x:t>te</x:t></x:r><x:rPh><x:t>ignoré</x:t></x:rPh></x:is></x:c></x:row>' +
          '<x:row><x:c t="inlineStr"><x:is><x:t>&#233;t&#xE9;</x:t></x:is></x:c><x:c s="1"><x:v>0</x:v></x:c><x:c s="2"><x:v>1</x:v></x:c><x:c t="d"><x:v>2024-03-05T00:00:00Z</x:v></x:c></x:row></x:sheetData></x:worksheet>',
      ),
    };
    const [sheet] = readXlsxSheets(zipSync(files));
    expect(sheet!.name).toBe('Feuil1');
    expect(sheet!.rows).toEqual([
      ['Nom ', 'Date'],
      ['été', new Date(Date.UTC(1904, 0, 1)), new Date(Date.UTC(1904, 0, 2)), new Date(Date.UTC(2024, 2, 5))],
    ]);
  });

  it('says « not a workbook » for a zip that is not one', () => {
    expect(() => readXlsxSheets(zipSync({ 'word/document.xml': strToU8('<w:document/>') }))).toThrow(NotAWorkbookError);
    expect(() => readXlsxSheets(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2]))).toThrow(NotAWorkbookError);
  });

  it('date formats as exceljs sees them', () => {
    expect(isDateFormat('dd/mm/yyyy')).toBe(true);
    expect(isDateFormat('[$-40C]d mmmm yyyy;@')).toBe(true);
    expect(isDateFormat('0.00 "jours"')).toBe(false);
    expect(isDateFormat('[Red]0.00')).toBe(false);
  });
});
