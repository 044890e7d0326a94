/**
 * « Exporter toute la base »: one workbook, a sheet per kind of record the import knows (partners with their
 * convention, contacts, allocations, habilitations), with the import's own headers so the workbook imports back
 * into an empty base unchanged. Caf-side contacts, escalation procedures and follow-ups travel in bundles.
 */
import type { Convention } from '../domain';
import type { CellValue } from './cells';
import { fieldCatalogue, rowKindSheets, type RowKind } from './fields';
import type { ExistingData } from './plan';
import { cellGetters } from './storedCells';
import type { XlsxColumn, XlsxSheet } from './xlsxWrite';

function sheetOf<R>(kind: RowKind, rows: readonly R[], getters: Partial<Record<string, (row: R) => CellValue | undefined>>): XlsxSheet {
  const defs = fieldCatalogue[kind].filter((d) => getters[d.key]);
  const columns: XlsxColumn[] = defs.map((d) => ({ header: d.header, kind: d.type === 'date' ? 'date' : d.type === 'integer' ? 'number' : 'text' }));
  return { name: rowKindSheets[kind], columns, rows: rows.map((r) => defs.map((d) => getters[d.key]!(r))) };
}

export function baseSheets(data: ExistingData): XlsxSheet[] {
  const partnerById = new Map(data.partners.map((p) => [p.id, p]));
  const conventionOf = new Map<string, Convention>();
  for (const c of data.conventions) {
    const prev = conventionOf.get(c.partnerId);
    if (!prev || (c.effectiveOn ?? '') > (prev.effectiveOn ?? '')) conventionOf.set(c.partnerId, c);
  }
  const getters = cellGetters({ partner: (id) => partnerById.get(id ?? ''), convention: (p) => conventionOf.get(p.id) });
  return [
    sheetOf('partenaire', data.partners, getters.partenaire),
    sheetOf('interlocuteur', data.contacts.filter((c) => c.partnerId && partnerById.has(c.partnerId)), getters.interlocuteur),
    sheetOf('profil', data.allocations.filter((a) => partnerById.has(a.partnerId)), getters.profil),
    sheetOf('habilitation', data.habilitations.filter((h) => partnerById.has(h.partnerId)), getters.habilitation),
  ];
}
