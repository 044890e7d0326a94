/**
 * From rows and a column mapping to a plan: which records to create, which to update (and the fields that
 * change), which rows change nothing, and every refused row with its line, column and French message. The
 * same rules as the screens: SIRET key, postal code, phones (overseas prefixes), e-mail, dates, known profile
 * codes, T4 instructor number, end reasons, quotas. Pure: the renderer's worker runs it over a snapshot of
 * the base, and the renderer applies the plan in one Store transaction.
 */
import { profileByCode, services as serviceCatalogue } from '../catalog/cdapProfiles';
import type { Allocation, Contact, ContactRole, Convention, EndReason, Habilitation, HabilitationStatus, ManagementMode, Partner, PartnerKind } from '../domain';
import { contactRoleLabels, contactRoles } from '../domain/contact';
import { managementModeLabels, managementModes } from '../domain/convention';
import { endReasonLabels, endReasons, habilitationStatusLabels, habilitationStatuses } from '../domain/habilitation';
import { partnerKindLabels, partnerKinds } from '../domain/partner';
import { conventionDatesError } from '../rules/convention';
import { normaliseEmail, normaliseName } from '../rules/duplicates';
import { emailError } from '../rules/email';
import { firstUnprintable, unprintableMessage } from '../rules/printable';
import { normalisePhone } from '../rules/phone';
import { normalisePostalCode, postalCodeError } from '../rules/postalCode';
import { checkEndAccess, checkInstructorNumber, checkQuota, holdsSeat } from '../rules/quota';
import { normaliseSiret, siretError } from '../rules/siret';
import { cellText, DATE_MESSAGE, parseDateCell, unguardText, type CellValue } from './cells';
import { fieldCatalogue, type FieldDef, type RowKind } from './fields';
import { formatAmendments, formatRoles, formatServices } from './formats';
import { storedCells, type StoredRow } from './storedCells';

export { formatAmendments, formatRoles, formatServices };
import { SPREADSHEET_MESSAGES, SpreadsheetError } from './read';

export type ImportMode = 'creer' | 'mettre-a-jour' | 'creer-et-mettre-a-jour';
export const importModeLabels: Record<ImportMode, string> = {
  creer: 'Créer seulement',
  'mettre-a-jour': 'Mettre à jour seulement',
  'creer-et-mettre-a-jour': 'Créer et mettre à jour',
};

export type ImportTable = 'partners' | 'conventions' | 'contacts' | 'allocations' | 'habilitations';

/** The live records the plan compares against. */
export interface ExistingData {
  partners: readonly Partner[];
  conventions: readonly Convention[];
  contacts: readonly Contact[];
  allocations: readonly Allocation[];
  habilitations: readonly Habilitation[];
}

/**
 * The existing tables a plan of each row kind compares against (`buildPlan` reads no other): the worker reads
 * only these, so a habilitation import does not decode the 30,000 contacts, nor a partner import the 150,000
 * habilitations (plan.test.ts checks the plans are the same as with every table).
 */
export const planTables: Record<RowKind, readonly ImportTable[]> = {
  partenaire: ['partners', 'conventions'],
  interlocuteur: ['partners', 'contacts'],
  profil: ['partners', 'allocations'],
  habilitation: ['partners', 'allocations', 'habilitations'],
};

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

export interface PlanItem {
  line: number;
  table: ImportTable;
  id: string;
  /** Create: the whole record (with id). Update: only the fields that change. */
  data: Record<string, unknown>;
  /** Update: old → new per field (the undo keeps the old values). */
  changes?: FieldChange[];
}

export interface Refusal {
  line: number;
  /** Header of the column at fault ('' when the row as a whole is refused). */
  column: string;
  message: string;
}

export interface PreviewRow {
  line: number;
  action: 'création' | 'mise à jour' | 'inchangé';
  values: Record<string, string>;
}

export interface ImportPlan {
  kind: RowKind;
  mode: ImportMode;
  rows: number;
  creates: PlanItem[];
  updates: PlanItem[];
  unchanged: number;
  /** Rows left aside by the mode (exists already in « créer seulement », missing in « mettre à jour seulement »). */
  skipped: Refusal[];
  refused: Refusal[];
  /** Lines whose habilitation exceeds its quota and is kept with the import's override reason. */
  overQuota: number[];
  preview: PreviewRow[];
  /** Record counts for the summary: created / updated per row (a partner row may fill two records). */
  createdRows: number;
  updatedRows: number;
}

export interface PlanInput {
  kind: RowKind;
  rows: readonly (readonly CellValue[])[];
  /** 0-based index of the header row; data starts on the next one. */
  headerRow: number;
  /** Column index → field key, null: ignored. */
  mapping: readonly (string | null)[];
  mode: ImportMode;
  existing: ExistingData;
  /** The Caf new partners belong to. */
  cafId: string;
  today: string;
  /** The one reason recorded for every over-quota habilitation of this import (blank: they are refused). */
  overrideReason?: string;
  newId: () => string;
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
}

export const PLAN_MESSAGES = {
  noColumn: 'Aucune colonne reconnue : associez au moins une colonne à un champ (étape « Colonnes »).',
  missingRequired: (labels: string) => `Colonne obligatoire non associée : ${labels}.`,
  required: (label: string) => `« ${label} » est obligatoire.`,
  partnerNotFound: (who: string) => `Partenaire introuvable : ${who} n'existe pas dans la base. Importez d'abord les partenaires, ou corrigez le nom ou le SIRET.`,
  partnerAmbiguous: (who: string) => `Plusieurs partenaires s'appellent ${who} : ajoutez la colonne « SIRET du partenaire » ou « Code postal du partenaire ».`,
  partnerMissing: 'Le partenaire est obligatoire : renseignez son nom ou son SIRET.',
  duplicate: (line: number) => `Doublon dans le fichier : même enregistrement qu'à la ligne ${line}.`,
  exists: 'Existe déjà dans la base (mode « créer seulement ») : ligne ignorée.',
  missing: "N'existe pas dans la base (mode « mettre à jour seulement ») : ligne ignorée.",
  unknownValue: (label: string, value: string, allowed: readonly string[]) => `${label} inconnu(e) « ${value} » : attendu ${allowed.join(', ')}.`,
  unknownProfile: (code: string) => `Profil inconnu « ${code} » : les profils CDAP sont ${['T1', 'T2', 'T4', 'T5', '…', 'T22'].join(', ')}.`,
  unknownService: (code: string) => `Service inconnu « ${code} » : attendu ${serviceCatalogue.map((s) => s.code).join(' ou ')}.`,
  integer: (label: string) => `« ${label} » doit être un nombre entier positif ou nul.`,
  boolean: (label: string) => `« ${label} » doit valoir oui ou non.`,
  endDateNeeded: "La date de fin est obligatoire pour une habilitation supprimée ou dont la suppression est demandée.",
  activeUntil: 'La fin de la période active ne peut pas précéder son début.',
  roles: (value: string) => `Rôle non reconnu « ${value} » : attendu ${Object.values(contactRoleLabels).join(', ')}.`,
  amendment: (value: string) => `Avenant non reconnu « ${value} » : attendu « jj/mm/aaaa : objet », un par ligne.`,
} as const;

/** oui/non as offices type them. */
function parseBoolean(s: string): boolean | null {
  const k = normaliseName(s);
  if (['oui', 'o', 'x', 'vrai', 'true', '1', 'yes', 'y'].includes(k)) return true;
  if (['non', 'n', 'faux', 'false', '0', 'no'].includes(k)) return false;
  return null;
}

/** A label or a code of an enumeration, compared without accents or case. */
function enumValue<T extends string>(s: string, codes: readonly T[], labels: Record<T, string>, extra: Record<string, T> = {}): T | null {
  const k = normaliseName(s);
  for (const c of codes) if (normaliseName(c) === k || normaliseName(labels[c]) === k) return c;
  return extra[k] ?? null;
}

const civilityExtra: Record<string, 'Madame' | 'Monsieur'> = { mme: 'Madame', mlle: 'Madame', m: 'Monsieur', mr: 'Monsieur', mademoiselle: 'Madame' };
const statusExtra: Record<string, HabilitationStatus> = { supprime: 'supprimee', inactive: 'supprimee', fermee: 'supprimee', actif: 'active', ouverte: 'active', 'en cours': 'active' };
const reasonExtra: Record<string, EndReason> = { 'changement de fonctions': 'changement-fonction', mutation: 'changement-fonction', perte: 'perte-vol', vol: 'perte-vol', 'depart de l agent': 'depart', retraite: 'depart' };
const modeExtra: Record<string, ManagementMode> = { delegue: 'delegue', delegation: 'delegue', centralisee: 'centralise' };

export function parseRoles(s: string): Contact['roles'] | { error: string } {
  const out: Contact['roles'] = [];
  for (const part of s.split(/\s*[;\n]\s*/).filter(Boolean)) {
    const m = /^(.*?)\s*(?:\((?:depuis le\s+(\S+)|du\s+(\S+)\s+au\s+(\S+)|jusqu'au\s+(\S+))\))?$/.exec(part.trim());
    const role = m && enumValue<ContactRole>(m[1]!, contactRoles, contactRoleLabels, { administrateur: 'administrateur', suppleant: 'administrateur-suppleant', dpo: 'referent-informatique-libertes', rssi: 'responsable-securite' });
    if (!m || !role) return { error: PLAN_MESSAGES.roles(part) };
    const from = m[2] ?? m[3];
    const until = m[4] ?? m[5];
    const a: Contact['roles'][number] = { role };
    if (from) {
      const iso = parseDateCell(from);
      if (!iso) return { error: DATE_MESSAGE };
      a.from = iso;
    }
    if (until) {
      const iso = parseDateCell(until);
      if (!iso) return { error: DATE_MESSAGE };
      a.until = iso;
    }
    out.push(a);
  }
  return out;
}

export function parseAmendments(s: string): Convention['amendments'] | { error: string } {
  const out: Convention['amendments'] = [];
  for (const line of s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const m = /^(\S+)\s*:\s*(.+)$/.exec(line);
    const date = m ? parseDateCell(m[1]!) : null;
    if (!m || !date) return { error: PLAN_MESSAGES.amendment(line) };
    out.push({ date, object: m[2]!.trim() });
  }
  return out;
}

export function parseServices(s: string): Convention['services'] | { error: string } {
  const out: Convention['services'] = [];
  for (const part of s.split(/\s*[,;\n]\s*/).filter(Boolean)) {
    const m = /^([A-Za-z]+)\s*(?:\((\S+)\))?$/.exec(part.trim());
    const code = m?.[1]?.toUpperCase();
    if (!m || !code || !serviceCatalogue.some((x) => x.code === code)) return { error: PLAN_MESSAGES.unknownService(part) };
    if (m[2]) {
      const iso = parseDateCell(m[2]);
      if (!iso) return { error: DATE_MESSAGE };
      out.push({ code, availableOn: iso });
    } else out.push({ code });
  }
  return out;
}

/** Excel keeps 01000 as the number 1000, 0262… as 262…: restore the leading zeros a number lost. */
function digitsText(v: CellValue, length: number): string {
  if (typeof v === 'number' && Number.isInteger(v)) return String(v).padStart(length, '0');
  return v === null ? '' : unguardText(cellText(v)).trim();
}

class RowReader {
  errors: Refusal[] = [];
  constructor(
    private readonly cells: readonly CellValue[],
    private readonly columnOf: ReadonlyMap<string, number>,
    private readonly headers: readonly string[],
    private readonly defs: readonly FieldDef[],
    readonly line: number,
  ) {}
  has(key: string): boolean {
    return this.columnOf.has(key);
  }
  header(key: string): string {
    const i = this.columnOf.get(key);
    return i === undefined ? (this.defs.find((d) => d.key === key)?.header ?? key) : (this.headers[i] ?? key);
  }
  raw(key: string): CellValue {
    const i = this.columnOf.get(key);
    return i === undefined ? null : (this.cells[i] ?? null);
  }
  fail(key: string, message: string): void {
    this.errors.push({ line: this.line, column: key ? this.header(key) : '', message });
  }
  private readonly unprintableKeys = new Set<string>();
  /** Trimmed text; '' when blank or not mapped. A character no embedded print font draws is refused (once). */
  text(key: string): string {
    const v = this.raw(key);
    if (v === null) return '';
    const s = typeof v === 'string' ? unguardText(v).trim() : cellText(v).trim();
    const u = firstUnprintable(s);
    if (u && !this.unprintableKeys.has(key)) {
      this.unprintableKeys.add(key);
      this.fail(key, unprintableMessage(u));
    }
    return s;
  }
  required(key: string): string {
    const s = this.text(key);
    if (!s) this.fail(key, PLAN_MESSAGES.required(this.header(key)));
    return s;
  }
  /** ISO date, undefined when blank; a refusal when the format is unknown. */
  date(key: string): string | undefined {
    const v = this.raw(key);
    if (v === null || (typeof v === 'string' && !v.trim())) return undefined;
    const iso = parseDateCell(v);
    if (!iso) this.fail(key, `${DATE_MESSAGE} (valeur « ${cellText(v)} »)`);
    return iso ?? undefined;
  }
  boolean(key: string): boolean | undefined {
    const v = this.raw(key);
    if (v === null) return undefined;
    if (typeof v === 'boolean') return v;
    const s = cellText(v).trim();
    if (!s) return undefined;
    const b = parseBoolean(s);
    if (b === null) this.fail(key, PLAN_MESSAGES.boolean(this.header(key)));
    return b ?? undefined;
  }
  integer(key: string): number | undefined {
    const v = this.raw(key);
    if (v === null) return undefined;
    const n = typeof v === 'number' ? v : Number(cellText(v).trim().replace(/\s/g, '').replace(',', '.'));
    if (typeof v === 'string' && !v.trim()) return undefined;
    if (!Number.isInteger(n) || n < 0) {
      this.fail(key, PLAN_MESSAGES.integer(this.header(key)));
      return undefined;
    }
    return n;
  }
  digits(key: string, length: number): string {
    return digitsText(this.raw(key), length);
  }
}

// ------------------------------------------------------------------ matching indexes

const partnerNameKey = (name: string, postalCode: string) => `${normaliseName(name)}|${normalisePostalCode(postalCode)}`;

class PartnerIndex {
  bySiret = new Map<string, Partner>();
  byNameCp = new Map<string, Partner>();
  byName = new Map<string, Partner[]>();
  constructor(partners: readonly Partner[]) {
    for (const p of partners) this.add(p);
  }
  add(p: Partner): void {
    if (p.siret) this.bySiret.set(normaliseSiret(p.siret), p);
    this.byNameCp.set(partnerNameKey(p.name, p.address.postalCode), p);
    const k = normaliseName(p.name);
    this.byName.set(k, [...(this.byName.get(k) ?? []), p]);
  }
  /** SIRET first, then normalised name and postal code. */
  match(siret: string, name: string, postalCode: string): Partner | undefined {
    if (siret) {
      const p = this.bySiret.get(normaliseSiret(siret));
      if (p) return p;
    }
    return name ? this.byNameCp.get(partnerNameKey(name, postalCode)) : undefined;
  }
  /** For a reference from a contact or habilitation row: the postal code is optional. */
  resolve(siret: string, name: string, postalCode: string): Partner | 'ambiguous' | undefined {
    if (siret) return this.bySiret.get(normaliseSiret(siret));
    if (!name) return undefined;
    if (postalCode) return this.byNameCp.get(partnerNameKey(name, postalCode));
    const list = this.byName.get(normaliseName(name)) ?? [];
    return list.length > 1 ? 'ambiguous' : list[0];
  }
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

const personKey = (p: { email: string; firstName: string; lastName: string }) =>
  p.email.trim() ? `@${normaliseEmail(p.email)}` : `#${normaliseName(`${p.firstName} ${p.lastName}`)}`;

const isEqual = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of `next` that differ from `current` (undefined in `next` = keep). */
function diff(current: Record<string, unknown>, next: Record<string, unknown>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, value] of Object.entries(next)) {
    if (value === undefined) continue;
    if (!isEqual(current[field], value)) out.push({ field, old: current[field], new: value });
  }
  return out;
}

function patchOf(changes: readonly FieldChange[]): Record<string, unknown> {
  return Object.fromEntries(changes.map((c) => [c.field, c.new]));
}

// ------------------------------------------------------------------ the plan

export function buildPlan(input: PlanInput): ImportPlan {
  const defs = fieldCatalogue[input.kind];
  const headers = (input.rows[input.headerRow] ?? []).map((c) => cellText(c).trim());
  const columnOf = new Map<string, number>();
  input.mapping.forEach((key, i) => {
    if (key && !columnOf.has(key)) columnOf.set(key, i);
  });
  if (columnOf.size === 0) throw new SpreadsheetError('vide', PLAN_MESSAGES.noColumn);
  const missing = defs.filter((d) => d.required && !columnOf.has(d.key));
  if (missing.length) throw new SpreadsheetError('vide', PLAN_MESSAGES.missingRequired(missing.map((d) => `« ${d.header} »`).join(', ')));
  if (input.kind !== 'partenaire' && !columnOf.has('partnerName') && !columnOf.has('partnerSiret')) {
    throw new SpreadsheetError('vide', PLAN_MESSAGES.missingRequired('« Partenaire » ou « SIRET du partenaire »'));
  }

  const plan: ImportPlan = { kind: input.kind, mode: input.mode, rows: 0, creates: [], updates: [], unchanged: 0, skipped: [], refused: [], overQuota: [], preview: [], createdRows: 0, updatedRows: 0 };
  const ex = input.existing;
  const partners = new PartnerIndex(ex.partners);
  const conventionByPartner = new Map<string, Convention>();
  for (const c of ex.conventions) {
    const prev = conventionByPartner.get(c.partnerId);
    if (!prev || (c.effectiveOn ?? '') > (prev.effectiveOn ?? '')) conventionByPartner.set(c.partnerId, c);
  }
  const contactsByPartner = groupBy(ex.contacts.filter((c) => c.partnerId), (c) => c.partnerId!);
  const allocationByKey = new Map(ex.allocations.map((a) => [`${a.partnerId}|${a.service}|${a.profile}`, a]));
  const habsByKey = groupBy(ex.habilitations, (h) => `${h.partnerId}|${h.service}|${h.profile}|${personKey(h)}`);
  const seats = new Map<string, number>();
  for (const h of ex.habilitations) if (holdsSeat(h)) seats.set(`${h.partnerId}|${h.service}|${h.profile}`, (seats.get(`${h.partnerId}|${h.service}|${h.profile}`) ?? 0) + 1);
  const seenInFile = new Map<string, number>();
  const allowCreate = input.mode !== 'mettre-a-jour';
  const allowUpdate = input.mode !== 'creer';
  const total = Math.max(0, input.rows.length - input.headerRow - 1);
  const override = input.overrideReason?.trim() ?? '';

  const firstSeen = (key: string, line: number): number | null => {
    const prev = seenInFile.get(key);
    if (prev !== undefined) return prev;
    seenInFile.set(key, line);
    return null;
  };

  /** The mapped columns of a row as they will be stored (parsed, normalised; blank cells keep the stored value). */
  const previewValues = (r: RowReader, stored: StoredRow | undefined): Record<string, string> => {
    const cells = stored ? storedCells(input.kind, columnOf.keys(), stored) : new Map<string, string>();
    const out: Record<string, string> = {};
    for (const [key] of columnOf) out[r.header(key)] = cells.get(key) ?? r.text(key);
    return out;
  };

  /** Records one row's outcome: refused, skipped by the mode, or its planned records. */
  const settle = (r: RowReader, creates: PlanItem[], updates: PlanItem[], matched: boolean, stored?: () => StoredRow) => {
    if (r.errors.length) {
      plan.refused.push(...r.errors);
      return;
    }
    if (matched && !allowUpdate) {
      plan.skipped.push({ line: r.line, column: '', message: PLAN_MESSAGES.exists });
      return;
    }
    if (!matched && !allowCreate) {
      plan.skipped.push({ line: r.line, column: '', message: PLAN_MESSAGES.missing });
      return;
    }
    plan.creates.push(...creates);
    plan.updates.push(...updates);
    const action = creates.length && !matched ? 'création' : updates.length || creates.length ? 'mise à jour' : 'inchangé';
    if (action === 'création') plan.createdRows++;
    else if (action === 'mise à jour') plan.updatedRows++;
    else plan.unchanged++;
    if (plan.preview.length < 20) plan.preview.push({ line: r.line, action, values: previewValues(r, stored?.()) });
  };

  const resolvePartner = (r: RowReader): Partner | undefined => {
    const siret = r.digits('partnerSiret', 14);
    const name = r.text('partnerName');
    const cp = r.digits('partnerPostalCode', 5);
    if (!siret && !name) {
      r.fail(r.has('partnerName') ? 'partnerName' : 'partnerSiret', PLAN_MESSAGES.partnerMissing);
      return undefined;
    }
    const p = partners.resolve(siret, name, cp);
    const who = `« ${name || siret} »${siret && name ? ` (SIRET ${siret})` : ''}`;
    if (p === 'ambiguous') r.fail('partnerName', PLAN_MESSAGES.partnerAmbiguous(who));
    else if (!p) r.fail(siret ? 'partnerSiret' : 'partnerName', PLAN_MESSAGES.partnerNotFound(who));
    return p === 'ambiguous' ? undefined : p;
  };

  const serviceOf = (r: RowReader): string => {
    const s = r.text('service').toUpperCase() || 'CDAP';
    if (!serviceCatalogue.some((x) => x.code === s)) r.fail('service', PLAN_MESSAGES.unknownService(s));
    return s;
  };
  const profileOf = (r: RowReader): string => {
    const raw = r.required('profile');
    const code = raw.toUpperCase().replace(/\s+/g, '');
    if (raw && !profileByCode(code)) r.fail('profile', PLAN_MESSAGES.unknownProfile(raw));
    return code;
  };

  for (let i = input.headerRow + 1; i < input.rows.length; i++) {
    if ((i - input.headerRow) % 2000 === 0) {
      if (input.isCancelled?.()) throw new SpreadsheetError('annule', SPREADSHEET_MESSAGES.annule);
      input.onProgress?.(i - input.headerRow, total);
    }
    const cells = input.rows[i]!;
    if (cells.every((c) => c === null || (typeof c === 'string' && !c.trim()))) continue;
    plan.rows++;
    const r = new RowReader(cells, columnOf, headers, defs, i + 1);
    if (input.kind === 'partenaire') planPartner(r);
    else if (input.kind === 'interlocuteur') planContact(r);
    else if (input.kind === 'profil') planAllocation(r);
    else planHabilitation(r);
  }
  input.onProgress?.(total, total);
  return plan;

  function planPartner(r: RowReader) {
    const name = r.required('name');
    const kindText = r.text('kind');
    let kind: PartnerKind | undefined;
    if (kindText) {
      kind = enumValue(kindText, partnerKinds, partnerKindLabels, { ccas: 'ccas-cias', cias: 'ccas-cias', mairie: 'commune', ville: 'commune', departement: 'conseil-departemental', bailleur: 'bailleur-social', hopital: 'etablissement-sante' }) ?? undefined;
      if (!kind) r.fail('kind', PLAN_MESSAGES.unknownValue('Type', kindText, Object.values(partnerKindLabels)));
    }
    const siret = r.digits('siret', 14);
    if (siret) {
      const e = siretError(siret);
      if (e) r.fail('siret', e);
    }
    const postalCode = normalisePostalCode(r.digits('postalCode', 5));
    const matched = partners.match(siret, name, postalCode);
    // The screens require postal code and city for a new partner; an update may leave them as stored.
    if (!postalCode) {
      if (!matched) r.fail('postalCode', PLAN_MESSAGES.required(r.header('postalCode')));
    } else {
      const e = postalCodeError(postalCode);
      if (e) r.fail('postalCode', e);
    }
    const city = r.text('city');
    if (!city && !matched) r.fail('city', PLAN_MESSAGES.required(r.header('city')));
    const civText = r.text('repCivility');
    const civility = civText ? (enumValue(civText, ['Madame', 'Monsieur'] as const, { Madame: 'Madame', Monsieur: 'Monsieur' }, civilityExtra) ?? undefined) : undefined;
    if (civText && !civility) r.fail('repCivility', PLAN_MESSAGES.unknownValue('Civilité', civText, ['Madame', 'Monsieur']));
    const archived = r.boolean('archived');

    const modeText = r.text('managementMode');
    const managementMode = modeText ? enumValue(modeText, managementModes, managementModeLabels, modeExtra) : null;
    if (modeText && !managementMode) r.fail('managementMode', PLAN_MESSAGES.unknownValue('Mode de gestion', modeText, Object.values(managementModeLabels)));
    const conv: Partial<Convention> = {
      number: r.has('conventionNumber') ? r.text('conventionNumber') : undefined,
      managementMode: managementMode ?? undefined,
      signedOn: r.date('signedOn'),
      effectiveOn: r.date('effectiveOn'),
      tacitRenewal: r.boolean('tacitRenewal'),
      terminationRequestedOn: r.date('terminationRequestedOn'),
      terminationEffectiveOn: r.date('terminationEffectiveOn'),
      missions: r.has('missions') ? r.text('missions') || undefined : undefined,
      reverseReviewLastDone: r.date('reverseReviewLastDone'),
      reverseReviewNextDue: r.date('reverseReviewNextDue'),
    };
    const amendmentsText = r.text('amendments');
    if (amendmentsText) {
      const a = parseAmendments(amendmentsText);
      if ('error' in a) r.fail('amendments', a.error);
      else conv.amendments = a;
    }
    const servicesText = r.text('services');
    if (servicesText) {
      const s = parseServices(servicesText);
      if ('error' in s) r.fail('services', s.error);
      else conv.services = s;
    }
    const existingConv = matched ? conventionByPartner.get(matched.id) : undefined;
    const datesError = conventionDatesError({ ...(existingConv ?? {}), ...stripUndefined(conv) });
    if (datesError) r.fail('effectiveOn', datesError);

    const dupKey = siret ? `s:${normaliseSiret(siret)}` : `n:${partnerNameKey(name, postalCode)}`;
    const dup = name || siret ? firstSeen(dupKey, r.line) : null;
    if (dup !== null) r.fail('', PLAN_MESSAGES.duplicate(dup));

    const address = { line1: r.text('line1'), line2: r.text('line2'), postalCode, city };
    const representative = { ...(civility ? { civility } : {}), firstName: r.text('repFirstName'), lastName: r.text('repLastName'), title: r.text('repTitle') };
    const notes = r.text('notes');
    const creates: PlanItem[] = [];
    const updates: PlanItem[] = [];
    let stored: (() => StoredRow) | undefined;
    if (!matched) {
      const id = input.newId();
      const partner: Partner = { id, cafId: input.cafId, name, kind: kind ?? 'autre', siret: siret ? normaliseSiret(siret) : '', address, representative, status: archived ? 'archive' : 'actif', notes };
      creates.push({ line: r.line, table: 'partners', id, data: partner });
      const c: Convention = {
        id: input.newId(),
        partnerId: id,
        number: conv.number ?? '',
        tacitRenewal: conv.tacitRenewal ?? true,
        managementMode: conv.managementMode ?? 'delegue',
        missions: conv.missions ?? '',
        amendments: conv.amendments ?? [],
        services: conv.services ?? [{ code: 'CDAP' }],
        ...stripUndefined({ signedOn: conv.signedOn, effectiveOn: conv.effectiveOn, terminationRequestedOn: conv.terminationRequestedOn, terminationEffectiveOn: conv.terminationEffectiveOn, reverseReviewLastDone: conv.reverseReviewLastDone, reverseReviewNextDue: conv.reverseReviewNextDue }),
      };
      creates.push({ line: r.line, table: 'conventions', id: c.id, data: c });
      if (!r.errors.length) partners.add(partner);
      stored = () => ({ record: partner, convention: c });
    } else {
      // Only mapped, non-blank cells change a stored partner: a blank cell means « not in this register ».
      const next: Record<string, unknown> = {
        name: name || undefined,
        kind,
        siret: siret ? normaliseSiret(siret) : undefined,
        notes: notes || undefined,
        status: archived === undefined ? undefined : archived ? 'archive' : 'actif',
      };
      const mergedAddress = { ...matched.address };
      for (const k of ['line1', 'line2', 'postalCode', 'city'] as const) if (address[k]) mergedAddress[k] = address[k];
      next.address = mergedAddress;
      const mergedRep = { ...matched.representative };
      if (civility) mergedRep.civility = civility;
      for (const k of ['firstName', 'lastName', 'title'] as const) if (representative[k]) mergedRep[k] = representative[k];
      next.representative = mergedRep;
      const changes = diff(matched as unknown as Record<string, unknown>, next);
      if (changes.length) updates.push({ line: r.line, table: 'partners', id: matched.id, data: patchOf(changes), changes });
      let storedConvention = existingConv;
      const convNext = stripUndefined(conv);
      if (existingConv) {
        const cc = diff(existingConv as unknown as Record<string, unknown>, convNext);
        if (cc.length) updates.push({ line: r.line, table: 'conventions', id: existingConv.id, data: patchOf(cc), changes: cc });
        storedConvention = { ...existingConv, ...patchOf(cc) };
      } else if (Object.keys(convNext).length) {
        const c: Convention = { id: input.newId(), partnerId: matched.id, number: '', tacitRenewal: true, managementMode: 'delegue', missions: '', amendments: [], services: [{ code: 'CDAP' }], ...convNext };
        creates.push({ line: r.line, table: 'conventions', id: c.id, data: c });
        storedConvention = c;
      }
      stored = () => ({ record: { ...matched, ...patchOf(changes) }, convention: storedConvention });
    }
    settle(r, creates, updates, !!matched, stored);
  }

  function planContact(r: RowReader) {
    const partner = resolvePartner(r);
    const lastName = r.required('lastName');
    const firstName = r.text('firstName');
    const email = r.text('email');
    const e = emailError(email);
    if (e) r.fail('email', e);
    const phones: Record<'landline' | 'mobile', string> = { landline: '', mobile: '' };
    for (const k of ['landline', 'mobile'] as const) {
      const raw = r.raw(k);
      const text = typeof raw === 'number' && Number.isInteger(raw) && String(raw).length === 9 ? `0${raw}` : r.text(k);
      const p = normalisePhone(text);
      if (p.ok) phones[k] = p.value;
      else r.fail(k, p.message);
    }
    const civText = r.text('civility');
    const civility = civText ? (enumValue(civText, ['Madame', 'Monsieur'] as const, { Madame: 'Madame', Monsieur: 'Monsieur' }, civilityExtra) ?? undefined) : undefined;
    if (civText && !civility) r.fail('civility', PLAN_MESSAGES.unknownValue('Civilité', civText, ['Madame', 'Monsieur']));
    let roles: Contact['roles'] | undefined;
    const rolesText = r.text('roles');
    if (rolesText) {
      const parsed = parseRoles(rolesText);
      if ('error' in parsed) r.fail('roles', parsed.error);
      else roles = parsed;
    }
    const activeFrom = r.date('activeFrom');
    const activeUntil = r.date('activeUntil');
    if (activeFrom && activeUntil && activeUntil < activeFrom) r.fail('activeUntil', PLAN_MESSAGES.activeUntil);
    const fnText = r.text('function');
    const notes = r.text('notes');
    if (!partner) return settle(r, [], [], false);
    const key = personKey({ email, firstName, lastName });
    const dup = lastName || email ? firstSeen(`${partner.id}|${key}`, r.line) : null;
    if (dup !== null) r.fail('', PLAN_MESSAGES.duplicate(dup));
    const pool = contactsByPartner.get(partner.id) ?? [];
    const byName = normaliseName(`${firstName} ${lastName}`);
    const matched = (email && pool.find((c) => normaliseEmail(c.email) === normaliseEmail(email))) || pool.find((c) => normaliseName(`${c.firstName} ${c.lastName}`) === byName && (!email || !c.email));
    if (!matched) {
      const id = input.newId();
      const c: Contact = { id, partnerId: partner.id, firstName, lastName, function: fnText, email, landline: phones.landline, mobile: phones.mobile, roles: roles ?? [], notes, ...stripUndefined({ civility, activeFrom, activeUntil }) };
      return settle(r, [{ line: r.line, table: 'contacts', id, data: c }], [], false, () => ({ record: c, partner }));
    }
    const next = { civility, firstName: firstName || undefined, lastName: lastName || undefined, function: fnText || undefined, email: email || undefined, landline: phones.landline || undefined, mobile: phones.mobile || undefined, roles, activeFrom, activeUntil, notes: notes || undefined };
    const changes = diff(matched as unknown as Record<string, unknown>, next);
    settle(r, [], changes.length ? [{ line: r.line, table: 'contacts', id: matched.id, data: patchOf(changes), changes }] : [], true, () => ({ record: { ...matched, ...patchOf(changes) }, partner }));
  }

  function planAllocation(r: RowReader) {
    const partner = resolvePartner(r);
    const service = serviceOf(r);
    const profile = profileOf(r);
    const maxUsers = r.integer('maxUsers');
    if (maxUsers === undefined && !r.errors.some((e) => e.column === r.header('maxUsers'))) r.fail('maxUsers', PLAN_MESSAGES.required(r.header('maxUsers')));
    if (!partner) return settle(r, [], [], false);
    const key = `${partner.id}|${service}|${profile}`;
    const dup = firstSeen(key, r.line);
    if (dup !== null) r.fail('', PLAN_MESSAGES.duplicate(dup));
    const matched = allocationByKey.get(key);
    if (!matched) {
      const id = input.newId();
      const a: Allocation = { id, partnerId: partner.id, service, profile, maxUsers: maxUsers ?? 0 };
      return settle(r, [{ line: r.line, table: 'allocations', id, data: a }], [], false, () => ({ record: a, partner }));
    }
    const changes = diff(matched as unknown as Record<string, unknown>, { maxUsers });
    settle(r, [], changes.length ? [{ line: r.line, table: 'allocations', id: matched.id, data: patchOf(changes), changes }] : [], true, () => ({ record: { ...matched, ...patchOf(changes) }, partner }));
  }

  function planHabilitation(r: RowReader) {
    const partner = resolvePartner(r);
    const service = serviceOf(r);
    const profile = profileOf(r);
    const firstName = r.text('firstName');
    const lastName = r.required('lastName');
    const email = r.text('email');
    const e = emailError(email);
    if (e) r.fail('email', e);
    const instructorNumber = r.text('instructorNumber');
    if (profile && profileByCode(profile)) {
      const t4 = checkInstructorNumber(profile, instructorNumber);
      if (t4) r.fail('instructorNumber', t4);
    }
    const startOn = r.date('startOn');
    if (!startOn && !r.errors.some((x) => x.column === r.header('startOn'))) r.fail('startOn', PLAN_MESSAGES.required(r.header('startOn')));
    const endOn = r.date('endOn');
    const statusText = r.text('status');
    let status: HabilitationStatus | undefined;
    if (statusText) {
      status = enumValue(statusText, habilitationStatuses, habilitationStatusLabels, statusExtra) ?? undefined;
      if (!status) r.fail('status', PLAN_MESSAGES.unknownValue('Statut', statusText, Object.values(habilitationStatusLabels)));
    }
    status ??= endOn && endOn <= input.today ? 'supprimee' : 'active';
    const reasonText = r.text('endReason');
    let endReason: EndReason | undefined;
    if (reasonText) {
      endReason = enumValue(reasonText, endReasons, endReasonLabels, reasonExtra) ?? undefined;
      if (!endReason) r.fail('endReason', PLAN_MESSAGES.unknownValue('Motif', reasonText, Object.values(endReasonLabels)));
    }
    if (status !== 'active' && startOn) {
      if (!endOn) r.fail('endOn', PLAN_MESSAGES.endDateNeeded);
      else if (reasonText || !endReason) {
        const err = checkEndAccess({ startOn }, endReason, endOn);
        if (err) r.fail(err.includes('motif') ? 'endReason' : 'endOn', err);
      }
    } else if (endOn && startOn && endOn < startOn) r.fail('endOn', "La date de fin d'accès ne peut pas précéder la date de début.");
    const rowOverride = r.text('quotaOverrideReason');
    const fnText = r.text('function');
    if (!partner) return settle(r, [], [], false);
    const person = personKey({ email, firstName, lastName });
    const key = `${partner.id}|${service}|${profile}|${person}`;
    const dup = firstSeen(`${key}|${startOn ?? ''}`, r.line);
    if (dup !== null) r.fail('', PLAN_MESSAGES.duplicate(dup));
    const candidates = habsByKey.get(key) ?? [];
    const matched = candidates.find((h) => h.startOn === startOn) ?? (candidates.length === 1 && candidates[0]!.status !== 'supprimee' ? candidates[0] : undefined);
    const seatKey = `${partner.id}|${service}|${profile}`;
    if (!matched) {
      let quotaOverrideReason: string | undefined;
      if (status !== 'supprimee' && !r.errors.length && (allowCreate || !matched)) {
        const used = seats.get(seatKey) ?? 0;
        const allocation = allocationByKey.get(seatKey);
        const reason = rowOverride || override;
        const refusal = checkQuota({ service, profile, overrideReason: reason }, allocation?.maxUsers, used);
        if (refusal) r.fail('', refusal);
        else {
          const exceeds = allocation === undefined || used + 1 > allocation.maxUsers;
          if (exceeds) {
            quotaOverrideReason = reason;
            if (!rowOverride) plan.overQuota.push(r.line);
          }
          if (allowCreate) seats.set(seatKey, used + 1);
        }
      } else if (rowOverride) quotaOverrideReason = rowOverride;
      const id = input.newId();
      const h: Habilitation = {
        id,
        partnerId: partner.id,
        service,
        profile,
        firstName,
        lastName,
        email,
        function: fnText,
        startOn: startOn ?? input.today,
        status,
        ...stripUndefined({ instructorNumber: instructorNumber || undefined, endOn, endReason, quotaOverrideReason }),
      };
      return settle(r, [{ line: r.line, table: 'habilitations', id, data: h }], [], false, () => ({ record: h, partner }));
    }
    const next = { firstName: firstName || undefined, lastName: lastName || undefined, email: email || undefined, function: fnText || undefined, instructorNumber: instructorNumber || undefined, startOn, endOn, status: statusText ? status : undefined, endReason };
    const changes = diff(matched as unknown as Record<string, unknown>, next);
    settle(r, [], changes.length ? [{ line: r.line, table: 'habilitations', id: matched.id, data: patchOf(changes), changes }] : [], true, () => ({ record: { ...matched, ...patchOf(changes) }, partner }));
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** The row chosen by default as the header: the first with at least two text cells. */
export function guessHeaderRow(rows: readonly (readonly CellValue[])[]): number {
  for (let i = 0; i < Math.min(rows.length, 30); i++) {
    if ((rows[i] ?? []).filter((c) => typeof c === 'string' && c.trim()).length >= 2) return i;
  }
  return 0;
}

export const HEADER_MESSAGES = {
  empty: (sheet: string) => `La feuille « ${sheet} » est vide : choisissez une autre feuille ou un autre fichier.`,
  noHeader: "La ligne d'en-tête choisie ne contient aucun titre de colonne : choisissez la ligne qui porte les titres (« Nom », « Courriel »…).",
  merged: (range: string) => `Des cellules d'en-tête sont fusionnées (${range}) : défusionnez-les dans le tableur pour que chaque colonne ait son propre titre, puis importez à nouveau.`,
  noData: "Aucune ligne sous l'en-tête : rien à importer.",
} as const;

/** Problems of the sheet and header row before any mapping (French message, or null). */
export function headerProblem(sheet: { name: string; rows: readonly (readonly CellValue[])[]; merges: readonly { top: number; left: number; bottom: number; right: number }[] }, headerRow: number): string | null {
  if (sheet.rows.length === 0 || sheet.rows.every((r) => r.every((c) => c === null || c === ''))) return HEADER_MESSAGES.empty(sheet.name);
  const row = sheet.rows[headerRow] ?? [];
  const merged = sheet.merges.find((m) => m.top <= headerRow + 1 && m.bottom >= headerRow + 1 && m.right > m.left);
  if (merged) {
    const col = (n: number) => {
      let s = '';
      for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
      return s;
    };
    return HEADER_MESSAGES.merged(`${col(merged.left)}${merged.top}:${col(merged.right)}${merged.bottom}`);
  }
  if (!row.some((c) => typeof c === 'string' && c.trim())) return HEADER_MESSAGES.noHeader;
  if (headerRow + 1 >= sheet.rows.length) return HEADER_MESSAGES.noData;
  return null;
}
