import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../demo/generator';
import { csvCell } from '../csv/toCsv';
import { PHONE_MESSAGE } from '../rules/phone';
import { SIRET_MESSAGES } from '../rules/siret';
import { DATE_MESSAGE, excelSerialToIso, parseDateCell, type CellValue } from './cells';
import { proposeMapping, type RowKind } from './fields';
import { buildPlan, headerProblem, HEADER_MESSAGES, PLAN_MESSAGES, type ExistingData, type ImportMode } from './plan';
import { MAX_FILE_BYTES, readSpreadsheet, SPREADSHEET_MESSAGES, SpreadsheetError } from './read';
import { datasetExisting, emptyExisting, encodeWindows1252, legacyXls, protectedWorkbook, testIds } from './testing';
import { writeXlsx } from './xlsxWrite';

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(SpreadsheetError);
  return (e as SpreadsheetError).message;
};

async function xlsxWith(build: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Registre'));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function plan(kind: RowKind, rows: CellValue[][], existing: ExistingData = emptyExisting(), extra: { mode?: ImportMode; overrideReason?: string; isCancelled?: () => boolean } = {}) {
  const headers = rows[0]!.map((c) => String(c ?? ''));
  return buildPlan({ kind, rows, headerRow: 0, mapping: proposeMapping(kind, headers), mode: extra.mode ?? 'creer-et-mettre-a-jour', existing, cafId: 'caf', today: '2026-11-20', newId: testIds, ...extra });
}

const data = generateDataset('typical');
const base = datasetExisting(data);
const p0 = data.partners[0]!;

describe('reading files', () => {
  it('detects UTF-8 with BOM, UTF-8 and Windows-1252, and the separator ; , or tab', async () => {
    const text = 'Raison sociale;Commune\r\nCCAS de Sainte-Rose;Saint-André\r\n';
    expect((await readSpreadsheet(new TextEncoder().encode(`\uFEFF${text}`))).encoding).toBe('utf-8-bom');
    const utf8 = await readSpreadsheet(new TextEncoder().encode(text));
    expect(utf8.encoding).toBe('utf-8');
    const cp = await readSpreadsheet(encodeWindows1252(text));
    expect(cp.encoding).toBe('windows-1252');
    expect(cp.sheets[0]!.rows[1]).toEqual(['CCAS de Sainte-Rose', 'Saint-André']);
    expect((await readSpreadsheet(new TextEncoder().encode('a,b,c\n"1,5",2,3\n'))).separator).toBe(',');
    expect((await readSpreadsheet(new TextEncoder().encode('a\tb\n1\t2\n'))).separator).toBe('\t');
    const forced = await readSpreadsheet(new TextEncoder().encode('a;b\n1;2\n'), { separator: ',' });
    expect(forced.sheets[0]!.rows[0]).toEqual(['a;b']);
  });

  it('refuses what is not a spreadsheet, an .ods, a protected workbook, an .xls and a file over 100 MB, each with its own message', async () => {
    expect(await refusal(readSpreadsheet(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])))).toBe(SPREADSHEET_MESSAGES['pas-un-tableur']);
    expect(await refusal(readSpreadsheet(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5])))).toBe(SPREADSHEET_MESSAGES['pas-un-tableur']);
    const ods = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(26).fill(0), ...new TextEncoder().encode('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')]);
    expect(await refusal(readSpreadsheet(ods))).toBe(SPREADSHEET_MESSAGES.ods);
    expect(await refusal(readSpreadsheet(protectedWorkbook()))).toBe(SPREADSHEET_MESSAGES.protege);
    expect(await refusal(readSpreadsheet(legacyXls()))).toBe(SPREADSHEET_MESSAGES.xls);
    expect(await refusal(readSpreadsheet(new Uint8Array(MAX_FILE_BYTES + 1)))).toBe(SPREADSHEET_MESSAGES['trop-gros']);
  });

  it('reads formulas as their saved value, never evaluated; text starting with = + - @ stays text', async () => {
    const bytes = await xlsxWith((ws) => {
      ws.addRow(['Nom', 'Total', 'Note']);
      ws.addRow(['Dupont', { formula: 'SUM(1,1)', result: 2 }, '=HYPERLINK("http://x","clic")']);
      ws.addRow(['Martin', { formula: 'NOW()' }, '@SOMME(A1)']);
    });
    const sheet = (await readSpreadsheet(bytes)).sheets[0]!;
    expect(sheet.formulas).toBe(2);
    expect(sheet.rows[1]).toEqual(['Dupont', 2, '=HYPERLINK("http://x","clic")']);
    expect(sheet.rows[2]).toEqual(['Martin', null, '@SOMME(A1)']);
    // Exported back: a string cell in xlsx (never a formula), an apostrophe in CSV, removed again on import.
    const out = (await readSpreadsheet(await writeXlsx([{ name: 'x', columns: [{ header: 'Note' }], rows: [['=1+1']] }]))).sheets[0]!;
    expect(out.rows[1]).toEqual(['=1+1']);
    expect(csvCell('=1+1')).toBe("'=1+1");
    const csv = await readSpreadsheet(new TextEncoder().encode(`Note;N\r\n${csvCell('=1+1')};${csvCell(-3)}\r\n${csvCell('+33 1 23')};x\r\n`));
    expect(csv.sheets[0]!.rows.slice(1)).toEqual([['=1+1', '-3'], ['+33 1 23', 'x']]);
  });

  it('an empty sheet, a header row without titles and merged header cells are refused before mapping', async () => {
    expect(headerProblem({ name: 'Feuil1', rows: [], merges: [] }, 0)).toBe(HEADER_MESSAGES.empty('Feuil1'));
    expect(headerProblem({ name: 'Feuil1', rows: [[1, 2, null], ['a', 'b']], merges: [] }, 0)).toBe(HEADER_MESSAGES.noHeader);
    const bytes = await xlsxWith((ws) => {
      ws.addRow(['Identité', null, 'Courriel']);
      ws.addRow(['Dupont', 'Jean', 'j.dupont@mairie.fr']);
      ws.mergeCells('A1:B1');
    });
    const sheet = (await readSpreadsheet(bytes)).sheets[0]!;
    expect(headerProblem(sheet, 0)).toBe(HEADER_MESSAGES.merged('A1:B1'));
    expect(headerProblem(sheet, 1)).toBe(HEADER_MESSAGES.noData);
  });
});

describe('dates', () => {
  it('accepts dd/MM/yyyy, ISO, typed dates and Excel serial numbers; refuses unknown formats', () => {
    expect(parseDateCell('05/03/2024')).toBe('2024-03-05');
    expect(parseDateCell('5/3/24')).toBe('2024-03-05');
    expect(parseDateCell('2024-03-05')).toBe('2024-03-05');
    expect(parseDateCell(new Date(Date.UTC(2024, 2, 5)))).toBe('2024-03-05');
    expect(parseDateCell(45356)).toBe('2024-03-05');
    expect(excelSerialToIso(1)).toBe('1899-12-31');
    expect(parseDateCell('31/02/2024')).toBeNull();
    expect(parseDateCell('mars 2024')).toBeNull();
    const p = plan('habilitation', [
      ['Partenaire', 'SIRET du partenaire', 'Profil', 'NOM', 'Date de début'],
      [p0.name, p0.siret, 'T2', 'Dupont', 'mars 2024'],
      [p0.name, p0.siret, 'T2', 'Durand', 45356],
    ], base, { overrideReason: 'test' });
    expect(p.refused).toEqual([{ line: 2, column: 'Date de début', message: `${DATE_MESSAGE} (valeur « mars 2024 »)` }]);
    expect(p.creates[0]!.data.startOn).toBe('2024-03-05');
  });
});

describe('mapping and plan', () => {
  it('a cell holding a character no embedded print font draws is refused on its line and column, once (issue 12)', () => {
    const p = plan('partenaire', [
      ['Raison sociale', 'Type', 'Code postal', 'Commune'],
      ['Mairie de Bourg 中', 'mairie', '01000', 'Bourg-en-Bresse'],
      ['Mairie « Œuvre » l’île 🌴', 'mairie', '01000', 'Bourg'],
    ]);
    expect(p.refused).toEqual([{ line: 2, column: 'Raison sociale', message: 'Caractère impossible à imprimer : « 中 » (U+4E2D). Retirez-le ou remplacez-le.' }]);
    // Only line 3 is created (its partner and what goes with it).
    expect(p.creates.length).toBeGreaterThan(0);
    expect(JSON.stringify(p.creates)).not.toContain('中');
    expect(JSON.stringify(p.creates)).toContain('l’île 🌴');
  });

  it('the preview shows each row as it will be stored: parsed, normalised, labels and dd/MM/yyyy, stored values kept for blank cells', () => {
    const partners = plan('partenaire', [
      ['Raison sociale', 'Type', 'Code postal', 'Commune', "Date d'effet", 'Tacite reconduction', 'Mode de gestion'],
      ['Mairie de Bourg', 'mairie', 1000, 'Bourg-en-Bresse', 43862, 'x', 'centralisee'],
    ]);
    expect(partners.preview[0]).toEqual({
      line: 2,
      action: 'création',
      values: { 'Raison sociale': 'Mairie de Bourg', Type: 'Commune', 'Code postal': '01000', Commune: 'Bourg-en-Bresse', "Date d'effet": '01/02/2020', 'Tacite reconduction': 'oui', 'Mode de gestion': 'Centralisé' },
    });
    const contacts = plan('interlocuteur', [
      ['SIRET du partenaire', 'NOM', 'Prénom', 'Tél', 'Civilité'],
      [Number(p0.siret), 'Hoarau', 'Marie', '0692 12 34 56', 'mme'],
    ], base);
    expect(contacts.preview[0]!.values).toEqual({ 'SIRET du partenaire': p0.siret, NOM: 'Hoarau', 'Prénom': 'Marie', 'Tél': '+262692123456', 'Civilité': 'Madame' });
    // An update: a blank cell keeps the stored value, and the preview says so.
    const h = data.habilitations.find((x) => x.email && x.status === 'active')!;
    const owner = data.partners.find((x) => x.id === h.partnerId)!;
    const updates = plan('habilitation', [
      ['SIRET du partenaire', 'Service', 'Profil', 'Courriel', 'NOM', 'Fonction', 'Date de début'],
      [owner.siret, h.service, h.profile.toLowerCase(), h.email, h.lastName, '', `${h.startOn.slice(8, 10)}/${h.startOn.slice(5, 7)}/${h.startOn.slice(0, 4)}`],
    ], base, { overrideReason: 'test' });
    expect(updates.preview[0]!.values).toMatchObject({ Profil: h.profile, Fonction: h.function, Courriel: h.email });
  });

  it('proposes fields from French headers and their variants, ignores the others', () => {
    expect(proposeMapping('habilitation', ['NOM', 'Prénom', 'Mél', 'Profil', 'Date de début', 'Date de fin', 'Motif', 'Raison sociale', 'Colonne perso'])).toEqual([
      'lastName', 'firstName', 'email', 'profile', 'startOn', 'endOn', 'endReason', 'partnerName', null,
    ]);
    expect(proposeMapping('interlocuteur', ['E-mail'])).toEqual(['email']);
    expect(proposeMapping('interlocuteur', ['Courriel'])).toEqual(['email']);
    expect(proposeMapping('partenaire', ['Raison sociale', 'N° SIRET', 'CP', 'Ville'])).toEqual(['name', 'siret', 'postalCode', 'city']);
  });

  it('no usable column and a missing required column are refused with their message', () => {
    expect(() => buildPlan({ kind: 'partenaire', rows: [['x'], ['y']], headerRow: 0, mapping: [null], mode: 'creer', existing: base, cafId: 'c', today: '2026-11-20', newId: testIds })).toThrow(PLAN_MESSAGES.noColumn);
    expect(() => plan('partenaire', [['Commune'], ['Paris']])).toThrow(PLAN_MESSAGES.missingRequired('« Raison sociale »'));
  });

  it('partner rows: SIRET, postal code (leading zero restored), city checked with the screens\' rules; one row fills partner and convention', () => {
    const p = plan('partenaire', [
      ['Raison sociale', 'N° SIRET', 'Code postal', 'Commune', 'N° convention', "Date d'effet"],
      ['Mairie de Bourg', '', 1000, 'Bourg-en-Bresse', '12/2020', '01/02/2020'],
      ['Mairie fausse', '21310055500017', '75001', 'Paris', '', ''],
      ['CCAS sans code', '', '', 'Paris', '', ''],
      ['CCAS corse', '', '2A004', 'Ajaccio', '', ''],
    ]);
    expect(p.creates.filter((c) => c.table === 'partners').map((c) => (c.data.address as { postalCode: string }).postalCode)).toEqual(['01000']);
    expect(p.creates.find((c) => c.table === 'conventions')!.data).toMatchObject({ number: '12/2020', effectiveOn: '2020-02-01', managementMode: 'delegue' });
    expect(p.refused.map((r) => [r.line, r.column, r.message])).toEqual([
      [3, 'N° SIRET', SIRET_MESSAGES.checksum],
      [4, 'Code postal', '« Code postal » est obligatoire.'],
      [5, 'Code postal', 'Code postal invalide : 2A et 2B sont des codes de département ; les codes postaux de Corse commencent par 20.'],
    ]);
  });

  it('matches partners by SIRET then by name and postal code; modes; duplicates inside the file', () => {
    const rows: CellValue[][] = [
      ['Raison sociale', 'N° SIRET', 'Code postal', 'Commune', 'Notes'],
      ['Autre nom', p0.siret, p0.address.postalCode, p0.address.city, 'mise à jour'],
      [data.partners[1]!.name.toUpperCase(), '', data.partners[1]!.address.postalCode, data.partners[1]!.address.city, ''],
      ['Nouveau partenaire', '', '97400', 'Saint-Denis', ''],
      ['Nouveau partenaire', '', '97400', 'Saint-Denis', ''],
    ];
    const both = plan('partenaire', rows, base);
    // Row 3 is matched by its name in capitals + postal code: the name as typed in the file is the change.
    expect(both.updates.map((u) => [u.id, u.changes!.map((c) => c.field)])).toEqual([[p0.id, ['name', 'notes']], [data.partners[1]!.id, ['name']]]);
    expect(both.unchanged).toBe(0);
    expect(both.createdRows).toBe(1);
    expect(both.refused).toEqual([{ line: 5, column: '', message: PLAN_MESSAGES.duplicate(4) }]);
    const createOnly = plan('partenaire', rows, base, { mode: 'creer' });
    expect(createOnly.updates).toEqual([]);
    expect(createOnly.skipped.map((s) => s.line)).toEqual([2, 3]);
    const updateOnly = plan('partenaire', rows, base, { mode: 'mettre-a-jour' });
    expect(updateOnly.creates).toEqual([]);
    expect(updateOnly.skipped.map((s) => [s.line, s.message])).toEqual([[4, PLAN_MESSAGES.missing]]);
  });

  it('contacts: a row for a partner that does not exist is refused; phones with overseas prefixes; match by e-mail then name', () => {
    const c0 = data.contacts.find((c) => c.partnerId === p0.id && c.email)!;
    const p = plan('interlocuteur', [
      ['Partenaire', 'Civilité', 'Prénom', 'NOM', 'Courriel', 'Téléphone'],
      ['Mairie inconnue', 'Mme', 'Jeanne', 'Payet', 'j.payet@mairie.re', '0262 48 62 11'],
      [p0.name, 'Mme', 'Jeanne', 'Payet', 'j.payet@mairie.re', '0262 48 62 11'],
      [p0.name, '', 'Paul', 'Hoarau', 'pas-un-mail', '0262 00'],
      [p0.name, '', c0.firstName, c0.lastName, c0.email.toUpperCase(), ''],
    ], base);
    expect(p.refused).toEqual([
      { line: 2, column: 'Partenaire', message: PLAN_MESSAGES.partnerNotFound('« Mairie inconnue »') },
      { line: 4, column: 'Courriel', message: 'Adresse mél invalide (ex. prenom.nom@mairie.fr).' },
      { line: 4, column: 'Téléphone', message: PHONE_MESSAGE },
    ]);
    expect(p.creates[0]!.data).toMatchObject({ partnerId: p0.id, civility: 'Madame', landline: '+262262486211' });
    // Same person (e-mail in another case): matched, and only the e-mail's case would change.
    expect(p.updates.map((u) => u.id)).toEqual([c0.id]);
  });

  it('habilitations: known profiles, T4 instructor number, end reason; quota refused unless one reason is given for the import', () => {
    const alloc = data.allocations.find((a) => a.partnerId === p0.id)!;
    const header = ['SIRET du partenaire', 'Profil', 'NOM', 'Courriel', 'Date de début', 'Statut', 'Date de fin', 'Motif'];
    const over = Array.from({ length: alloc.maxUsers + 1 }, (_, i): CellValue[] => [p0.siret, alloc.profile, `Agent ${i}`, `agent${i}@x.fr`, '01/01/2026', '', '', '']);
    const rows: CellValue[][] = [header, [p0.siret, 'T3', 'Inconnu', '', '01/01/2026', '', '', ''], [p0.siret, 'T4', 'Sans numéro', '', '01/01/2026', '', '', ''], [p0.siret, alloc.profile, 'Partie', '', '01/01/2020', 'Supprimée', '01/06/2021', ''], ...over];
    const refused = plan('habilitation', rows, base);
    expect(refused.refused.slice(0, 3).map((r) => [r.line, r.column])).toEqual([[2, 'Profil'], [3, 'N° instructeur'], [4, 'Motif']]);
    expect(refused.refused[0]!.message).toBe(PLAN_MESSAGES.unknownProfile('T3'));
    expect(refused.refused.slice(1).some((r) => r.message.includes('Quota atteint') || r.message.includes("n'est pas accordé"))).toBe(true);
    const allowed = plan('habilitation', rows, base, { overrideReason: 'Renfort hivernal validé par la direction' });
    expect(allowed.overQuota.length).toBeGreaterThan(0);
    const kept = allowed.creates.filter((c) => c.data.quotaOverrideReason === 'Renfort hivernal validé par la direction');
    expect(kept.length).toBe(allowed.overQuota.length);
  });

  it('cancelled half-way: the plan stops with the French message', () => {
    const rows: CellValue[][] = [['Raison sociale', 'Code postal', 'Commune'], ...Array.from({ length: 5000 }, (_, i): CellValue[] => [`P ${i}`, '75001', 'Paris'])];
    let calls = 0;
    expect(() => plan('partenaire', rows, emptyExisting(), { isCancelled: () => ++calls > 1 })).toThrow(SPREADSHEET_MESSAGES.annule);
  });
});
