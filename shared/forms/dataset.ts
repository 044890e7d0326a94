/**
 * Forms from a whole data set (a JSON export: arrays of domain objects per table, or the demo data set): used
 * by `npm run forms:pdf` and the tests to render every form of every partner without the app's database.
 */
import type { z } from 'zod';
import { syncedTables, type TableRow } from '../domain/tables';
import { buildAnnexe1, buildBulletin, buildDemandeHabilitation, buildDesignation, buildSuppression, currentConvention, holdsRole, type FormSources } from './build';
import type { FilledForm } from './model';

export interface FormsDataset {
  cafs: TableRow<'cafs'>[];
  partners: TableRow<'partners'>[];
  conventions: TableRow<'conventions'>[];
  contacts: TableRow<'contacts'>[];
  allocations: TableRow<'allocations'>[];
  habilitations: TableRow<'habilitations'>[];
}

const datasetTables = ['cafs', 'partners', 'conventions', 'contacts', 'allocations', 'habilitations'] as const;

/**
 * Validate a JSON export. Unknown tables are ignored; a missing table is empty; a bad record names its table
 * and position in French.
 */
export function parseDataset(raw: unknown): FormsDataset {
  if (typeof raw !== 'object' || raw === null) throw new Error("Le fichier n'est pas un export JSON (objet attendu).");
  const obj = raw as Record<string, unknown>;
  const out: Record<string, unknown[]> = {};
  for (const t of datasetTables) {
    const rows = obj[t] ?? [];
    if (!Array.isArray(rows)) throw new Error(`La table « ${t} » doit être une liste.`);
    out[t] = rows.map((r, i) => {
      const parsed = (syncedTables[t] as z.ZodType).safeParse(r);
      if (!parsed.success) throw new Error(`Enregistrement invalide dans « ${t} » (n° ${i + 1}) : ${parsed.error.issues[0]?.message ?? ''}`);
      return parsed.data;
    });
  }
  return out as unknown as FormsDataset;
}

export function sourcesFor(data: FormsDataset, partnerId: string): FormSources {
  const partner = data.partners.find((p) => p.id === partnerId);
  if (!partner) throw new Error(`Partenaire introuvable : ${partnerId}`);
  return {
    partner,
    caf: data.cafs.find((c) => c.id === partner.cafId),
    convention: currentConvention(data.conventions, partnerId),
    contacts: data.contacts.filter((c) => c.partnerId === partnerId || (c.cafId !== undefined && c.cafId === partner.cafId && !c.partnerId)),
    habilitations: data.habilitations.filter((h) => h.partnerId === partnerId),
    allocations: data.allocations.filter((a) => a.partnerId === partnerId),
  };
}

/**
 * Every form of one partner with the obvious choices: the administrator form designates the suppléant (or the
 * first other contact) replacing the current administrator; the suppression and habilitation requests list
 * the active CDAP accesses.
 */
export function allFormsFor(data: FormsDataset, partnerId: string, today: string): FilledForm[] {
  const src = sourcesFor(data, partnerId);
  const mine = src.contacts.filter((c) => c.partnerId === partnerId);
  const admin = mine.find((c) => holdsRole(c, 'administrateur', today));
  const successor = mine.find((c) => c !== admin && holdsRole(c, 'administrateur-suppleant', today)) ?? mine.find((c) => c !== admin);
  const active = src.habilitations.filter((h) => h.status === 'active' && h.service === 'CDAP');
  const forms: FilledForm[] = [];
  if (successor) forms.push(buildDesignation(src, { newAdminContactId: successor.id, replacedContactId: admin?.id ?? null }, today));
  if (active.length) {
    forms.push(buildSuppression(src, { habilitationIds: active.map((h) => h.id), perteVol: active.filter((_, i) => i % 3 === 0).map((h) => h.id), effectiveOn: today }, today));
    forms.push(buildDemandeHabilitation(src, active.map((h) => h.id), today));
  }
  forms.push(buildAnnexe1(src, today), buildBulletin(src, today));
  return forms;
}
