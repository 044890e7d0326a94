/**
 * From what was read to what the base will hold: every value as an editable field beside its excerpt, matched
 * with what the base already has (partner by SIRET, then name and postal code; contacts by e-mail, then name),
 * each with a decision (create / update / ignore). `planOperations` turns the reviewed plan into the record
 * writes of one transaction. Pure: the renderer runs the writes through its Store.
 */
import type { Caf } from '../domain/caf';
import type { Civility } from '../domain/common';
import type { Contact, ContactRole } from '../domain/contact';
import { contactRoleLabels } from '../domain/contact';
import type { Convention } from '../domain/convention';
import type { DelayUnit, EscalationChain } from '../domain/escalation';
import type { Allocation } from '../domain/habilitation';
import type { Partner } from '../domain/partner';
import { partnerKindLabels } from '../domain/partner';
import { fold } from './normalize';
import type { ContactRead, ContactRoleRead, ReadResult } from './types';
import { splitName } from './values';

export type Decision = 'create' | 'update' | 'ignore';

export interface BaseSnapshot {
  cafs: Caf[];
  partners: Partner[];
  conventions: Convention[];
  contacts: Contact[];
  chains: EscalationChain[];
  allocations: Allocation[];
  /** The Caf new partners belong to (the office's). */
  defaultCafId: string;
  /** When the review starts from a partner page: that partner, whatever matching says. */
  partnerId?: string;
}

export interface PlanField {
  key: string;
  record: string;
  label: string;
  /** Editable text (dates dd/MM/yyyy, numbers, codes shown as French labels where a list is offered). */
  value: string;
  /** What the base holds today, when the record is matched. */
  current?: string;
  options?: { value: string; label: string }[];
  evidence?: { start: number; end: number };
  confidence: number;
  decision: Decision;
}

export interface PlanRecord {
  key: string;
  table: 'partners' | 'conventions' | 'contacts' | 'chains' | 'allocations' | 'cafs';
  title: string;
  existingId?: string;
  /** How it was matched (« même SIRET », « même adresse mél »…), or why not. */
  match: string;
  side?: 'caf' | 'partner';
  roles?: ContactRole[];
}

export interface ReadPlan {
  document: string;
  records: PlanRecord[];
  fields: PlanField[];
  /** Escalation lists as read (names), resolved to contacts when applied. */
  escalation: { caf: string[]; partner: string[] };
}

const ROLE_MAP: Record<ContactRoleRead, ContactRole | null> = {
  administrateur: 'administrateur',
  administrateur_suppleant: 'administrateur-suppleant',
  responsable_securite: 'responsable-securite',
  dpo_cil: 'referent-informatique-libertes',
  urgence: 'interlocuteur-urgence',
  responsable_mcp: 'responsable-mcp',
  responsable_informatique: 'responsable-informatique',
  gestionnaire_delegue: 'gestionnaire-delegue',
  signataire: 'signataire',
  guichet_unique: null,
};

const CIVILITY: Record<string, Civility> = { 'M.': 'Monsieur', Mme: 'Madame' };
const UNIT: Record<string, DelayUnit> = { hours: 'hours', days: 'calendar-days', workingDays: 'working-days' };

export const dateFr = (iso: string | null | undefined) => {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return d ? `${d}/${m}/${y}` : `${m}/${y}`;
};
export function isoOf(fr: string): string | undefined {
  const t = fr.trim();
  if (!t) return undefined;
  const full = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (full) return `${full[3]}-${full[2]!.padStart(2, '0')}-${full[1]!.padStart(2, '0')}`;
  const month = /^(\d{1,2})\/(\d{4})$/.exec(t);
  // A month only (« Mai 2017 »): the first of the month, the stored form being a full date.
  if (month) return `${month[2]}-${month[1]!.padStart(2, '0')}-01`;
  throw new Error(`Date « ${t} » : attendue au format jj/mm/aaaa.`);
}

const digits = (s: string) => s.replace(/\D/g, '');
const isMobile = (e164: string) => /^\+33[67]/.test(e164) || /^\+(262|590|594|596)69/.test(e164);

function matchPartner(read: ReadResult['data'], base: BaseSnapshot): { partner?: Partner; how: string } {
  if (base.partnerId) {
    const p = base.partners.find((x) => x.id === base.partnerId);
    if (p) return { partner: p, how: 'partenaire ouvert' };
  }
  const siret = read.partner.siret;
  if (siret) {
    const p = base.partners.find((x) => digits(x.siret) === siret);
    if (p) return { partner: p, how: 'même SIRET' };
  }
  if (read.partner.name && read.partner.address?.postalCode) {
    const p = base.partners.find((x) => fold(x.name) === fold(read.partner.name!) && x.address.postalCode === read.partner.address!.postalCode);
    if (p) return { partner: p, how: 'même nom et même code postal' };
  }
  return { how: 'absent de la base' };
}

function matchContact(c: ContactRead, pool: Contact[]): { contact?: Contact; how: string } {
  if (c.email) {
    const hit = pool.find((x) => x.email.toLowerCase() === c.email);
    if (hit) return { contact: hit, how: 'même adresse mél' };
  }
  if (c.lastName) {
    const hit = pool.find((x) => fold(x.lastName) === fold(c.lastName!) && (!c.firstName || !x.firstName || fold(x.firstName) === fold(c.firstName)));
    if (hit) return { contact: hit, how: 'même nom' };
  }
  return { how: 'absent de la base' };
}

export function buildPlan(result: ReadResult, base: BaseSnapshot): ReadPlan {
  const read = result.data;
  const records: PlanRecord[] = [];
  const fields: PlanField[] = [];
  const ev = (path: string) => {
    const e = result.evidence.find((x) => x.path === path) ?? result.evidence.find((x) => x.path.startsWith(`${path}.`) || x.path.startsWith(`${path}[`));
    return e ? { evidence: { start: e.start, end: e.end }, confidence: e.confidence } : { confidence: 0.5 };
  };
  const add = (record: PlanRecord, list: Omit<PlanField, 'record' | 'decision' | 'confidence'>[], path: (k: string) => string) => {
    records.push(record);
    for (const f of list) {
      if (!f.value && !f.current) continue;
      const same = record.existingId && fold(f.value) === fold(f.current ?? '');
      fields.push({ ...ev(path(f.key)), ...f, key: `${record.key}.${f.key}`, record: record.key, decision: !f.value || same ? 'ignore' : record.existingId ? 'update' : 'create' });
    }
  };

  // Partner
  const pm = matchPartner(read, base);
  const p = pm.partner;
  const rep = read.partner.representative;
  const repName = rep?.name ? splitName(rep.name) : null;
  const a = read.partner.address;
  add(
    { key: 'partner', table: 'partners', title: read.partner.name ?? p?.name ?? 'Partenaire', existingId: p?.id, match: pm.how },
    [
      { key: 'name', label: 'Nom', value: read.partner.name ?? '', current: p?.name },
      { key: 'kind', label: 'Type', value: read.partner.kind?.replace(/_/g, '-') ?? '', current: p?.kind, options: Object.entries(partnerKindLabels).map(([value, label]) => ({ value, label })) },
      { key: 'siret', label: 'SIRET', value: read.partner.siret ?? '', current: p?.siret },
      { key: 'line1', label: 'Adresse', value: a?.lines[0] ?? '', current: p?.address.line1 },
      { key: 'line2', label: "Complément d'adresse", value: a?.lines.slice(1).join(', ') ?? '', current: p?.address.line2 },
      { key: 'postalCode', label: 'Code postal', value: a?.postalCode ?? '', current: p?.address.postalCode },
      { key: 'city', label: 'Commune', value: a?.city ?? '', current: p?.address.city },
      { key: 'repCivility', label: 'Représentant : civilité', value: rep?.civility ? CIVILITY[rep.civility]! : '', current: p?.representative.civility, options: [{ value: 'Madame', label: 'Madame' }, { value: 'Monsieur', label: 'Monsieur' }] },
      { key: 'repFirstName', label: 'Représentant : prénom', value: repName?.firstName ?? '', current: p?.representative.firstName },
      { key: 'repLastName', label: 'Représentant : nom', value: repName?.lastName ?? '', current: p?.representative.lastName },
      { key: 'repTitle', label: 'Représentant : qualité', value: rep?.title ?? '', current: p?.representative.title },
    ],
    (k) => (k.startsWith('rep') ? 'partner.representative' : ['line1', 'line2', 'postalCode', 'city'].includes(k) ? 'partner.address' : `partner.${k}`),
  );

  // Convention (the partner's current one when matched)
  const conv = p ? base.conventions.filter((c) => c.partnerId === p.id).sort((x, y) => (y.signedOn ?? '').localeCompare(x.signedOn ?? ''))[0] : undefined;
  const rc = read.convention;
  add(
    { key: 'convention', table: 'conventions', title: `Convention ${rc.number ?? ''}`.trim(), existingId: conv?.id, match: conv ? 'convention en cours du partenaire' : 'nouvelle convention' },
    [
      { key: 'number', label: 'Numéro', value: rc.number ?? '', current: conv?.number },
      { key: 'signedOn', label: 'Signée le', value: dateFr(rc.signedOn), current: dateFr(conv?.signedOn) },
      { key: 'effectiveOn', label: "Date d'effet", value: dateFr(rc.effectiveOn), current: dateFr(conv?.effectiveOn) },
      { key: 'tacitRenewal', label: 'Tacite reconduction', value: rc.tacitRenewal == null ? '' : rc.tacitRenewal ? 'oui' : 'non', current: conv ? (conv.tacitRenewal ? 'oui' : 'non') : undefined, options: [{ value: 'oui', label: 'Oui' }, { value: 'non', label: 'Non' }] },
      { key: 'managementMode', label: 'Mode de gestion', value: rc.mode ?? '', current: conv?.managementMode, options: [{ value: 'delegue', label: 'Délégué' }, { value: 'centralise', label: 'Centralisé' }] },
      ...rc.services.map((s) => ({ key: `service:${s.code}`, label: `Service ${s.code} : mis à disposition le`, value: dateFr(s.availableFrom) || ' ', current: conv?.services.find((x) => x.code === s.code) ? dateFr(conv.services.find((x) => x.code === s.code)!.availableOn) || ' ' : undefined })),
    ],
    (k) => (k.startsWith('service:') ? 'convention.services' : k === 'managementMode' ? 'convention.mode' : `convention.${k}`),
  );

  // Contacts (people); the unnamed service-centre mailbox goes to the Caf record.
  const cafRec = base.cafs.find((c) => read.caf.name && fold(c.name) === fold(read.caf.name)) ?? (p ? base.cafs.find((c) => c.id === p.cafId) : undefined) ?? base.cafs.find((c) => c.id === base.defaultCafId);
  read.contacts.forEach((c, i) => {
    if (!c.lastName) {
      if (!c.roles.includes('guichet_unique') || !cafRec) return;
      add(
        { key: 'caf', table: 'cafs', title: `${cafRec.name} : guichet unique`, existingId: cafRec.id, match: 'Caf de rattachement', side: 'caf' },
        [
          { key: 'helpdeskEmail', label: 'Guichet unique : adresse mél', value: c.email ?? '', current: cafRec.helpdeskEmail },
          { key: 'helpdeskPhone', label: 'Guichet unique : téléphone', value: c.phones[0] ?? '', current: cafRec.helpdeskPhone },
        ],
        () => `contacts[${i}]`,
      );
      return;
    }
    const pool = c.side === 'partner' ? (p ? base.contacts.filter((x) => x.partnerId === p.id) : []) : cafRec ? base.contacts.filter((x) => x.cafId === cafRec.id) : [];
    const m = matchContact(c, pool);
    const x = m.contact;
    const roles = c.roles.map((r) => ROLE_MAP[r]).filter((r): r is ContactRole => !!r);
    const landline = c.phones.find((ph) => !isMobile(ph)) ?? '';
    const mobile = c.phones.find((ph) => isMobile(ph)) ?? '';
    add(
      { key: `contact:${i}`, table: 'contacts', title: `${c.firstName ?? ''} ${c.lastName}`.trim(), existingId: x?.id, match: m.how, side: c.side, roles },
      [
        { key: 'civility', label: 'Civilité', value: c.civility ? CIVILITY[c.civility]! : '', current: x?.civility, options: [{ value: 'Madame', label: 'Madame' }, { value: 'Monsieur', label: 'Monsieur' }] },
        { key: 'firstName', label: 'Prénom', value: c.firstName ?? '', current: x?.firstName },
        { key: 'lastName', label: 'Nom', value: c.lastName, current: x?.lastName },
        { key: 'function', label: 'Fonction', value: c.function ?? '', current: x?.function },
        { key: 'email', label: 'Adresse mél', value: c.email ?? '', current: x?.email },
        { key: 'landline', label: 'Téléphone fixe', value: landline, current: x?.landline },
        { key: 'mobile', label: 'Téléphone mobile', value: mobile, current: x?.mobile },
        { key: 'roles', label: 'Rôles', value: roles.map((r) => contactRoleLabels[r]).join(', '), current: x ? x.roles.filter((r) => !r.until).map((r) => contactRoleLabels[r.role]).join(', ') : undefined },
      ],
      () => `contacts[${i}]`,
    );
  });

  // Escalation chain and service hours
  const chain = p ? base.chains.find((c) => c.partnerId === p.id) : undefined;
  const d = read.escalation.delay;
  if (d || read.serviceHours.opens || read.escalation.caf.length || read.escalation.partner.length) {
    add(
      { key: 'chain', table: 'chains', title: "Procédure d'escalade", existingId: chain?.id, match: chain ? 'procédure du partenaire' : 'nouvelle procédure' },
      [
        { key: 'delayValue', label: 'Délai avant escalade', value: d ? String(d.amount) : '', current: chain ? String(chain.delayValue) : undefined },
        { key: 'delayUnit', label: 'Unité du délai', value: d ? UNIT[d.unit]! : '', current: chain?.delayUnit, options: [{ value: 'hours', label: 'heures' }, { value: 'calendar-days', label: 'jours calendaires' }, { value: 'working-days', label: 'jours ouvrés' }] },
        { key: 'serviceOpens', label: 'Centre de services : ouverture', value: read.serviceHours.opens ?? '', current: chain?.serviceOpens },
        { key: 'serviceCloses', label: 'Centre de services : fermeture', value: read.serviceHours.closes ?? '', current: chain?.serviceCloses },
        { key: 'cafSide', label: 'À contacter à la Caf (dans l’ordre)', value: read.escalation.caf.join(' → ') },
        { key: 'partnerSide', label: 'À contacter chez le partenaire (dans l’ordre)', value: read.escalation.partner.join(' → ') },
      ],
      (k) => (k.startsWith('service') ? 'serviceHours' : k === 'cafSide' ? 'escalation.caf' : k === 'partnerSide' ? 'escalation.partner' : 'escalation.delay'),
    );
  }

  // Profile quotas
  read.allocations.forEach((al, i) => {
    const ex = p ? base.allocations.find((x) => x.partnerId === p.id && x.service === al.service && x.profile === al.profile) : undefined;
    add(
      { key: `allocation:${al.service}:${al.profile}`, table: 'allocations', title: `${al.service} ${al.profile}`, existingId: ex?.id, match: ex ? 'profil déjà attribué' : 'nouveau profil' },
      [{ key: 'maxUsers', label: `${al.service} ${al.profile} : nombre d'utilisateurs autorisés`, value: String(al.max), current: ex ? String(ex.maxUsers) : undefined }],
      () => `allocations[${i}]`,
    );
  });

  return { document: read.document, records, fields, escalation: { caf: read.escalation.caf, partner: read.escalation.partner } };
}

export type Operation =
  | { op: 'create'; table: PlanRecord['table']; ref: string; data: Record<string, unknown> }
  | { op: 'update'; table: PlanRecord['table']; id: string; ref: string; patch: Record<string, unknown> };

const partnerFieldPatch = (k: string, v: string): Record<string, unknown> => {
  switch (k) {
    case 'line1':
    case 'line2':
    case 'postalCode':
    case 'city':
      return { [`address.${k}`]: v };
    case 'repCivility':
      return { 'representative.civility': v || undefined };
    case 'repFirstName':
      return { 'representative.firstName': v };
    case 'repLastName':
      return { 'representative.lastName': v };
    case 'repTitle':
      return { 'representative.title': v };
    case 'siret':
      return { siret: digits(v) };
    default:
      return { [k]: v };
  }
};

/** Flat « a.b » keys → nested object merged over `base`. */
function nest(base: Record<string, unknown>, flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(base);
  for (const [k, v] of Object.entries(flat)) {
    const [head, tail] = k.split('.') as [string, string | undefined];
    if (tail) out[head] = { ...((out[head] as Record<string, unknown>) ?? {}), [tail]: v };
    else out[head] = v;
  }
  return out;
}

/**
 * The writes of the reviewed plan, in dependency order (partner before what belongs to it). Throws an Error
 * with a French message when a value cannot be stored (a date not in dd/MM/yyyy, a delay that is no number).
 */
export function planOperations(plan: ReadPlan, base: BaseSnapshot): Operation[] {
  const ops: Operation[] = [];
  const on = (rec: string) => plan.fields.filter((f) => f.record === rec && f.decision !== 'ignore');
  const rec = (key: string) => plan.records.find((r) => r.key === key);

  const pr = rec('partner')!;
  const pf = on('partner');
  let partnerRef: string | null = pr.existingId ?? null;
  const partnerPatch = Object.assign({}, ...pf.map((f) => partnerFieldPatch(f.key.split('.')[1]!, f.value.trim()))) as Record<string, unknown>;
  if (pr.existingId) {
    const cur = base.partners.find((x) => x.id === pr.existingId)!;
    if (pf.length) ops.push({ op: 'update', table: 'partners', id: pr.existingId, ref: 'partner', patch: nest(cur as unknown as Record<string, unknown>, partnerPatch) });
  } else if (pf.some((f) => f.key === 'partner.name')) {
    const empty = { name: '', kind: 'autre', siret: '', address: { line1: '', line2: '', postalCode: '', city: '' }, representative: { firstName: '', lastName: '', title: '' }, status: 'actif', notes: '', cafId: base.defaultCafId };
    ops.push({ op: 'create', table: 'partners', ref: 'partner', data: nest(empty, partnerPatch) });
    partnerRef = 'partner';
  }
  const contactOps = (key: string) => {
    const r = rec(key)!;
    const fs = on(key);
    if (!fs.length) return;
    const patch: Record<string, unknown> = {};
    for (const f of fs) {
      const k = f.key.split('.')[1]!;
      if (k === 'roles') patch.roles = (r.roles ?? []).map((role) => ({ role }));
      else if (k === 'civility') patch.civility = f.value || undefined;
      else patch[k] = f.value.trim();
    }
    if (r.existingId) {
      const cur = base.contacts.find((x) => x.id === r.existingId)!;
      if (patch.roles) {
        const have = new Set(cur.roles.filter((x) => !x.until).map((x) => x.role));
        patch.roles = [...cur.roles, ...(r.roles ?? []).filter((x) => !have.has(x)).map((role) => ({ role }))];
      }
      ops.push({ op: 'update', table: 'contacts', id: r.existingId, ref: key, patch });
    } else if (r.side === 'caf') {
      const cafId = base.defaultCafId || base.cafs[0]?.id;
      if (cafId) ops.push({ op: 'create', table: 'contacts', ref: key, data: { firstName: '', function: '', email: '', landline: '', mobile: '', roles: [], notes: '', ...patch, cafId } });
    } else if (partnerRef) {
      ops.push({ op: 'create', table: 'contacts', ref: key, data: { firstName: '', function: '', email: '', landline: '', mobile: '', roles: [], notes: '', ...patch, partnerId: partnerRef } });
    }
  };

  const cr = rec('convention')!;
  const cf = on('convention');
  if (cf.length && partnerRef) {
    const patch: Record<string, unknown> = {};
    const cur = cr.existingId ? base.conventions.find((x) => x.id === cr.existingId) : undefined;
    const services = [...(cur?.services ?? [])];
    for (const f of cf) {
      const k = f.key.split('.')[1]!;
      if (k === 'signedOn' || k === 'effectiveOn') patch[k] = isoOf(f.value);
      else if (k === 'tacitRenewal') patch.tacitRenewal = f.value === 'oui';
      else if (k.startsWith('service:')) {
        const code = k.slice(8);
        const i = services.findIndex((s) => s.code === code);
        const s = { code, availableOn: isoOf(f.value) };
        if (i >= 0) services[i] = s;
        else services.push(s);
        patch.services = services;
      } else patch[k] = f.value.trim();
    }
    if (cr.existingId) ops.push({ op: 'update', table: 'conventions', id: cr.existingId, ref: 'convention', patch });
    else ops.push({ op: 'create', table: 'conventions', ref: 'convention', data: { partnerId: partnerRef, number: '', tacitRenewal: true, managementMode: 'delegue', missions: '', amendments: [], services: [], ...patch } });
  }

  for (const r of plan.records) if (r.table === 'contacts') contactOps(r.key);

  const caf = rec('caf');
  if (caf?.existingId) {
    const fs = on('caf');
    if (fs.length) ops.push({ op: 'update', table: 'cafs', id: caf.existingId, ref: 'caf', patch: Object.fromEntries(fs.map((f) => [f.key.split('.')[1]!, f.value.trim()])) });
  }

  const ch = rec('chain');
  if (ch && partnerRef) {
    const fs = on('chain');
    if (fs.length) {
      const patch: Record<string, unknown> = {};
      for (const f of fs) {
        const k = f.key.split('.')[1]!;
        if (k === 'delayValue') {
          const n = Number(f.value.replace(',', '.'));
          if (!Number.isInteger(n) || n <= 0) throw new Error(`Délai avant escalade « ${f.value} » : un nombre entier est attendu.`);
          patch.delayValue = n;
        } else if (k === 'cafSide' || k === 'partnerSide') patch[k] = { names: f.value.split(/\s*→\s*/).filter(Boolean) };
        else patch[k] = f.value.trim();
      }
      if (ch.existingId) ops.push({ op: 'update', table: 'chains', id: ch.existingId, ref: 'chain', patch });
      else ops.push({ op: 'create', table: 'chains', ref: 'chain', data: { partnerId: partnerRef, delayValue: 48, delayUnit: 'hours', serviceOpens: '08:00', serviceCloses: '16:00', cafSide: [], partnerSide: [], ...patch } });
    }
  }

  for (const r of plan.records) {
    if (r.table !== 'allocations' || !partnerRef) continue;
    const f = on(r.key)[0];
    if (!f) continue;
    const n = Number(f.value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${f.label} « ${f.value} » : un nombre entier est attendu.`);
    const [, service, profile] = r.key.split(':');
    if (r.existingId) ops.push({ op: 'update', table: 'allocations', id: r.existingId, ref: r.key, patch: { maxUsers: n } });
    else ops.push({ op: 'create', table: 'allocations', ref: r.key, data: { partnerId: partnerRef, service, profile, maxUsers: n } });
  }
  return ops;
}

/** Escalation names → contact ids among the plan's contacts (by name tokens), once the contacts exist. */
export function resolveChainNames(names: string[], plan: ReadPlan, idOf: (ref: string) => string | undefined, side: 'caf' | 'partner'): { contactId: string }[] {
  const key = (s: string) => fold(s).split(' ').filter(Boolean).sort().join(' ');
  const out: { contactId: string }[] = [];
  for (const n of names) {
    const r = plan.records.find((x) => x.table === 'contacts' && x.side === side && key(x.title) === key(n));
    const id = r ? idOf(r.key) : undefined;
    if (id && !out.some((o) => o.contactId === id)) out.push({ contactId: id });
  }
  return out;
}
