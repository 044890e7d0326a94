/**
 * Reading a convention « Mon Compte Partenaire » (convention d'accès + contrat de service + annexes + bulletins)
 * into records. Only general rules: the wording of the national model (parties block, articles, Annexe 1 tables,
 * bulletin profile table), never a rule for one particular document. Null wherever the document does not say.
 */
import { cdapProfiles, services as knownServices } from '../catalog/cdapProfiles';
import { cellsOf, fold, isTableRow, normalizeText } from './normalize';
import { AGREEMENT_KINDS, findSections, linesOf, splitLines, type Line, type Section, type SectionKind } from './sections';
import type {
  AddressRead,
  ContactRead,
  ContactRoleRead,
  ConventionRead,
  Evidence,
  PartnerKindRead,
  PartyRead,
  ReadResult,
  RepresentativeRead,
  ServiceRead,
} from './types';
import {
  CIVILITY_RE,
  NUMBER_WORD_RE,
  capitalise,
  cityCase,
  civilityOf,
  emailsIn,
  isPlaceholder,
  looksLikePerson,
  nameKey,
  numberOf,
  parseDate,
  phonesIn,
  splitName,
  EMAIL_RE,
  type Civility,
} from './values';

export class NotAConventionError extends Error {
  constructor() {
    super(
      "Ce document ne ressemble pas à une convention « Mon Compte Partenaire » : aucune convention d'accès, aucun contrat de service ni bulletin d'adhésion n'y a été trouvé.",
    );
    this.name = 'NotAConventionError';
  }
}

interface Ctx {
  text: string;
  lines: Line[];
  sections: Section[];
  evidence: Evidence[];
}

function note(ctx: Ctx, path: string, line: Line | undefined, needle: string | null, confidence: number): void {
  if (!line) return;
  let at = needle ? line.text.indexOf(needle) : -1;
  if (at < 0 && needle) at = line.text.toLowerCase().indexOf(needle.toLowerCase());
  const start = line.start + Math.max(0, at);
  const end = at >= 0 && needle ? start + needle.length : line.start + line.text.length;
  ctx.evidence.push({ path, start, end, confidence });
}

function scope(ctx: Ctx, kinds: readonly SectionKind[]): Line[] {
  const got = linesOf(ctx.lines, ctx.sections, kinds);
  if (got.length) return got;
  // A file with no recognisable title: read all of it except a deliberation or another convention.
  return linesOf(ctx.lines, ctx.sections, ['preamble', 'annexe']);
}

const agreement = (ctx: Ctx) => scope(ctx, AGREEMENT_KINDS);

// ---------------------------------------------------------------------------------------------------------------
// Parties

const TITLE_WORDS =
  /^(?:(?:vice[- ])?pr[ée]sidente?|directeur|directrice|maire|adjointe?|sous[- ]directeur|sous[- ]directrice|secr[ée]taire|d[ée]l[ée]gu[ée]e?|pr[ée]f[eè]te?|g[ée]rante?|chef|responsable)(?:\s+(?:g[ée]n[ée]rale?|adjointe?|d[ée]l[ée]gu[ée]e?|par int[ée]rim))?/i;

interface RepCandidate {
  civility: Civility | null;
  name: string | null;
  title: string | null;
  line: Line;
  confidence: number;
}

function cleanTitle(s: string): string | null {
  const t = s
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\.{2,}|_{2,}/g, ' ')
    .replace(/\bet signature\b/i, ' ')
    .replace(/^[\s,:;-]*(?:son|sa|leur|le|la|l')\s+/i, '')
    .replace(/^(?:son|sa|le|la|l')\s+/i, '')
    .replace(/[\s,;:.-]+$/, '')
    .trim();
  if (!t || isPlaceholder(t)) return null;
  return capitalise(t === t.toUpperCase() ? t.toLowerCase() : t);
}

/** « son Directeur M. Olivier COUTURE », « Monsieur le Directeur, Jean-Jacques PION », « le Maire, », « Madame X Y, Présidente ». */
export function parseRepresentative(raw: string, line: Line, confidence: number): RepCandidate | null {
  let s = raw
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\.{3,}|_{2,}/g, ' ')
    .replace(/\bet signature\b/i, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!s || isPlaceholder(s)) return null;
  let civility: Civility | null = null;
  let name: string | null = null;
  let title: string | null = null;
  const lead = /^(M\.|Mr\.?|MR\.?|Mme\.?|MME\.?|Madame|MADAME|Monsieur|MONSIEUR)\s+/.exec(s);
  if (lead) {
    civility = civilityOf(lead[1]!);
    s = s.slice(lead[0].length);
  }
  for (const part of s.split(/\s*,\s*/).filter(Boolean)) {
    const c = CIVILITY_RE.exec(part);
    if (c) {
      civility = civility ?? civilityOf(c[1]!);
      const before = part.slice(0, c.index);
      const after = part.slice(c.index + c[0].length).trim();
      if (before.trim() && !title) title = cleanTitle(before);
      if (after && !isPlaceholder(after) && splitName(after)) name = name ?? after;
      continue;
    }
    const bare = part.replace(/^(?:son|sa|leur|le|la|l')\s+/i, '');
    const tm = TITLE_WORDS.exec(bare);
    if (tm) {
      const rest = bare.slice(tm[0].length).trim();
      if (!title) title = cleanTitle(tm[0]);
      if (rest && looksLikePerson(rest)) name = name ?? rest;
      else if (rest && !name && /^(de|du|des|d')\b/i.test(rest) && title) title = cleanTitle(`${tm[0]} ${rest}`);
      continue;
    }
    if (!name && looksLikePerson(bare)) name = bare;
    else if (!title && !name && bare.split(' ').length <= 6 && !/\d/.test(bare)) title = cleanTitle(bare);
  }
  if (!name && !title && !civility) return null;
  return { civility, name, title, line, confidence };
}

interface Block {
  lines: Line[];
  label: string;
}

function partyBlocks(lines: Line[]): Block[] {
  const start = lines.findIndex((l) => /\b(signee?s?|conclue?s?|passee?s?)\s+entre\b|^entre\b/.test(fold(l.text)));
  if (start < 0) return [];
  const blocks: Block[] = [];
  let cur: Line[] = [];
  const first = lines[start]!.text.replace(/^.*?\bentre\b\s*:?/i, '').trim();
  if (first) cur.push({ ...lines[start]!, text: first, start: lines[start]!.start + lines[start]!.text.indexOf(first) });
  for (let i = start + 1; i < lines.length && i < start + 40; i++) {
    const l = lines[i]!;
    const f = fold(l.text);
    if (!f) continue;
    if (/^il est (convenu|arrete)|^preambule\b|^article\s+1\b|^vu\b/.test(f)) break;
    if (/^ci apres\b|^ci dessous\b|^designee? ci apres/.test(f)) {
      blocks.push({ lines: cur, label: f });
      cur = [];
      if (blocks.length === 2) break;
      continue;
    }
    if (/^(et|et d autre part|d autre part|d une part)$/.test(f)) {
      if (cur.length) blocks.push({ lines: cur, label: '' });
      cur = [];
      if (blocks.length === 2) break;
      continue;
    }
    cur.push(l);
  }
  if (cur.length && blocks.length < 2) blocks.push({ lines: cur, label: '' });
  return blocks.filter((b) => b.lines.length || b.label);
}

const POSTAL_RE = /^(.*?)(?:^|[\s,])(\d{2}\s?\d{3})\s+(\p{L}[\p{L}'’ -]*?)(?:\s+cedex(?:\s*\d+)?)?\s*$/iu;

interface PartyFound {
  name: string | null;
  nameLine?: Line;
  address: AddressRead | null;
  addressLine?: Line;
  rep: RepCandidate | null;
  siret: string | null;
  siretLine?: Line;
}

function readBlock(block: Block): PartyFound {
  const found: PartyFound = { name: null, address: null, rep: null, siret: null };
  const addr: { text: string; line: Line }[] = [];
  let inSiege = false;
  for (let i = 0; i < block.lines.length; i++) {
    const l = block.lines[i]!;
    const t = l.text.trim().replace(/^\|\s*|\s*\|$/g, '');
    const f = fold(t);
    if (/^organisme vise|^etablissement public|^regie par|^ci apres/.test(f)) continue;
    const rep = /^repr[ée]sent[ée]\s*(?:\(e\)|e)?s?\s+(?:par\s*)?(.*)$/i.exec(t);
    if (rep) {
      let rest = rep[1]!.trim();
      const next = block.lines[i + 1]?.text.trim() ?? '';
      if ((!rest || /,$/.test(rest) || TITLE_WORDS.test(rest.replace(/^(son|sa|le|la)\s+/i, ''))) && next && !/siret|^ci apres|^dont|^\d/i.test(fold(next)) && !isPlaceholder(next) && looksLikePerson(next)) {
        rest = `${rest} ${next}`;
        i++;
      }
      found.rep = parseRepresentative(rest, l, 0.9);
      inSiege = false;
      continue;
    }
    if (/siret/.test(f)) {
      const digits = t.replace(/^.*?siret[^:\d]*:?/i, '').replace(/[^\d]/g, '');
      if (digits.length === 14) {
        found.siret = digits;
        found.siretLine = l;
      }
      continue;
    }
    if (/^(n|numero) (siren|de tva|finess)/.test(f)) continue;
    const siege = /^(?:dont le si[eè]ge(?: social)? est (?:situ[ée]|fix[ée])|ayant son si[eè]ge|si[eè]ge social|sis[e]?|domicili[ée]e?)\s*(?:au|à|a)?\s*:?\s*(.*)$/i.exec(t);
    if (siege) {
      inSiege = true;
      if (siege[1]!.trim()) addr.push({ text: siege[1]!.trim(), line: l });
      continue;
    }
    if (!found.name && !inSiege && !/^\d/.test(t)) {
      const m = /^(.*?)(?:,?\s+(?:dont le si[eè]ge|sis|situ[ée]e?|domicili[ée]e?)\b\s*(?:est situ[ée]\s*)?:?\s*(.*))?$/i.exec(t)!;
      const name = m[1]!.replace(/[\s,;]+$/, '').replace(/^(?:la|le|les|l')\s+|^l'/i, '').trim();
      if (name && !isPlaceholder(name) && !/^repr/i.test(name)) {
        found.name = capitalise(name);
        found.nameLine = l;
      }
      if (m[2]) addr.push({ text: m[2], line: l });
      continue;
    }
    if (found.name || inSiege) addr.push({ text: t, line: l });
  }
  if (addr.length) {
    const lines: string[] = [];
    let postalCode: string | null = null;
    let city: string | null = null;
    for (const a of addr) {
      for (const piece of a.text.split(/\s+[-–]\s+/)) {
        const p = piece.trim().replace(/[,;]$/, '');
        if (!p || isPlaceholder(p)) continue;
        const m: RegExpExecArray | null = postalCode ? null : POSTAL_RE.exec(p);
        if (m) {
          if (m[1]!.trim()) lines.push(m[1]!.trim().replace(/,$/, ''));
          postalCode = m[2]!.replace(/\s/g, '');
          city = cityCase(m[3]!.trim());
        } else lines.push(p);
      }
    }
    if (lines.length || postalCode) {
      found.address = { lines, postalCode, city };
      found.addressLine = addr[0]!.line;
    }
  }
  return found;
}

function isCafBlock(b: Block, read: PartyFound): boolean {
  if (/\bcaf\b|caisse/.test(b.label)) return true;
  if (/partenaire/.test(b.label)) return false;
  return /caisse d allocations familiales|^caf\b/.test(fold(read.name ?? ''));
}

function kindOf(name: string): PartnerKindRead | null {
  const f = fold(name);
  if (/\b(ccas|cias)\b|centre (inter)?communal d action sociale/.test(f)) return 'ccas_cias';
  if (/conseil (departemental|general)|^departement (du|de|des|d)\b|collectivite (territoriale|europeenne) (de|d)/.test(f)) return 'conseil_departemental';
  if (/communaute (de communes|d agglomeration|urbaine)|\bmetropole\b|\bepci\b|agglomeration|syndicat (mixte|intercommunal)|\bsivom\b|\bsivu\b/.test(f)) return 'epci';
  if (/\bmairie\b|\bville (de|d)\b|\bcommune (de|d)\b/.test(f)) return 'commune';
  if (/\b(oph|hlm|sa hlm|esh)\b|habitat\b|\blogement|bailleur|office public/.test(f)) return 'bailleur_social';
  if (/hopital|\bchu\b|\bchr\b|\bch\b|centre hospitalier|clinique|\bgh\b|groupe hospitalier|ehpad|etablissement public de sante/.test(f)) return 'etablissement_sante';
  if (/\bcpam\b|\bmsa\b|\bcarsat\b|\bcnav\b|\burssaf\b|caisse (primaire|generale|commune|d assurance|de mutualite|nationale)|mutualite sociale agricole|\bcgss\b/.test(f)) return 'organisme_securite_sociale';
  if (/\bassociation\b|\bfederation\b|\bunion departementale\b|\budaf\b|\bcomite\b/.test(f)) return 'association';
  return null;
}

/** Signature blocks: « Pour la Caf | Pour … » then « Le Directeur, Jean-Jacques PION | Le Président ». */
function signatureCandidates(lines: Line[]): { caf: RepCandidate[]; partner: RepCandidate[] } {
  const out = { caf: [] as RepCandidate[], partner: [] as RepCandidate[] };
  for (let i = 0; i < lines.length; i++) {
    const cells = cellsOf(lines[i]!.text);
    if (cells.length < 2 || !cells.some((c) => /^pour\s+(la|le|l')/i.test(c))) continue;
    const sides = cells.map((c) => (/^pour\s+la\s+(caf|caisse)\b/i.test(c) ? 'caf' : /^pour\b/i.test(c) ? 'partner' : null));
    const cols: string[][] = cells.map(() => []);
    let lineOf: Line | undefined;
    for (let j = i + 1, n = 0; j < lines.length && n < 3; j++) {
      const t = lines[j]!.text;
      if (!t.trim()) continue;
      const cs = cellsOf(t);
      if (!cs.length) continue;
      if (cs.length < 2 && !isTableRow(t)) break;
      n++;
      lineOf = lineOf ?? lines[j];
      cs.forEach((c, k) => cols[k]?.push(c));
    }
    if (!lineOf) continue;
    cols.forEach((col, k) => {
      const side = sides[k];
      if (!side) return;
      const cand = parseRepresentative(col.join(', '), lineOf!, 0.7);
      if (cand) out[side].push(cand);
    });
  }
  return out;
}

/** « Signé électroniquement par : Le Maire 02/10/2017 Gilbert ANNETTE » (stamp of an e-signature). */
function eSignatures(lines: Line[]): RepCandidate[] {
  const out: RepCandidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/sign[ée]e? [ée]lectroniquement par/i.test(lines[i]!.text)) continue;
    let title: string | null = null;
    for (let j = i, n = 0; j < lines.length && n < 6; j++) {
      const t = (j === i ? lines[j]!.text.replace(/^.*?par\s*:?/i, '') : lines[j]!.text).trim();
      if (!t) continue;
      n++;
      if (parseDate(t) && t.length < 20) continue;
      const bare = t.replace(/^(le|la)\s+/i, '');
      if (!title && TITLE_WORDS.test(bare)) {
        title = cleanTitle(t);
        continue;
      }
      if (looksLikePerson(t)) {
        out.push({ civility: null, name: t, title, line: lines[j]!, confidence: 0.6 });
        break;
      }
    }
  }
  return out;
}

const surname = (name: string | null) => (name ? fold(splitName(name)?.lastName ?? name) : '');

function mergeReps(cands: RepCandidate[], ctx: Ctx, path: string): RepresentativeRead | null {
  if (!cands.length) return null;
  const withTitle = cands.find((c) => c.title);
  const withCiv = cands.find((c) => c.civility);
  const named = cands.filter((c) => c.name);
  let best: RepCandidate | undefined;
  if (named.length) {
    const base = surname(named[0]!.name);
    const same = named.filter((c) => surname(c.name) === base);
    // The fullest spelling wins: « Jean-Jacques PION » over « M. PION », « Jean-Charles SLAMA » over « J. Ch. SLAMA ».
    const score = (c: RepCandidate) => (c.name!.includes('.') ? 0 : 100) + c.name!.replace(/[^\p{L}]/gu, '').length;
    best = same.sort((a, b) => score(b) - score(a))[0];
  }
  const rep: RepresentativeRead = {
    civility: withCiv?.civility ?? null,
    name: best?.name ?? null,
    title: withTitle?.title ?? null,
  };
  if (!rep.name && !rep.title && !rep.civility) return null;
  if (withTitle) note(ctx, `${path}.title`, withTitle.line, null, withTitle.confidence);
  if (best) note(ctx, `${path}.name`, best.line, best.name, best.confidence);
  if (withCiv) note(ctx, `${path}.civility`, withCiv.line, null, withCiv.confidence);
  return rep;
}

interface Parties {
  partner: PartyRead & { kind: PartnerKindRead | null; siret: string | null };
  caf: PartyRead;
}

function readParties(ctx: Ctx): Parties {
  const order: SectionKind[][] = [['convention'], ['contrat'], ['bulletin', 'formulaires', 'annexe']];
  const got: { caf: PartyFound[]; partner: PartyFound[] } = { caf: [], partner: [] };
  for (const kinds of order) {
    const ls = linesOf(ctx.lines, ctx.sections, kinds);
    for (const b of partyBlocks(ls.length ? ls : kinds[0] === 'convention' ? scope(ctx, ['convention']) : [])) {
      const r = readBlock(b);
      (isCafBlock(b, r) ? got.caf : got.partner).push(r);
    }
  }
  const all = agreement(ctx);
  const sig = signatureCandidates(all);
  const esig = eSignatures(ctx.lines);

  const pick = <K extends keyof PartyFound>(xs: PartyFound[], k: K) => xs.find((x) => x[k] != null);
  const party = (xs: PartyFound[], path: string, extra: RepCandidate[]): PartyRead => {
    const n = pick(xs, 'name');
    const a = pick(xs, 'address');
    if (n) note(ctx, `${path}.name`, n.nameLine, n.name, 0.9);
    if (a) note(ctx, `${path}.address`, a.addressLine, null, 0.85);
    const reps = xs.map((x) => x.rep).filter((r): r is RepCandidate => !!r);
    return { name: n?.name ?? null, address: a?.address ?? null, representative: mergeReps([...reps, ...extra], ctx, `${path}.representative`) };
  };

  // Partner name printed in a header (« Partenaire : Mairie de Saint-Denis ») when the parties block has none.
  if (!pick(got.partner, 'name')) {
    for (let i = 0; i < all.length; i++) {
      const m = /^partenaires?\s*:\s*(.*)$/i.exec(all[i]!.text.trim());
      if (!m) continue;
      let v = m[1]!.trim();
      let line = all[i]!;
      if (!v) {
        const next = all.slice(i + 1, i + 4).find((l) => l.text.trim());
        if (next && !/:/.test(next.text) && !/^(sommaire|preambule|article|table des matieres|entre|la presente|le present|convention|contrat)\b/.test(fold(next.text))) {
          v = next.text.trim();
          line = next;
        }
      }
      if (v && !isPlaceholder(v)) {
        got.partner.push({ name: capitalise(v.replace(/^(?:la|le|l')\s+/i, '')), nameLine: line, address: null, rep: null, siret: null });
        break;
      }
    }
  }

  const cafSig = sig.caf;
  const partnerSig = sig.partner;
  const partnerReps = got.partner.map((x) => x.rep).filter((r): r is RepCandidate => !!r);
  const cafReps = got.caf.map((x) => x.rep).filter((r): r is RepCandidate => !!r);
  const titleOf = (rs: RepCandidate[]) => fold(rs.find((r) => r.title)?.title ?? '');
  const pTitle = titleOf([...partnerReps, ...partnerSig]);
  const cTitle = titleOf([...cafReps, ...cafSig]);
  const eP = esig.filter((e) => e.title && fold(e.title) === pTitle);
  const eC = esig.filter((e) => e.title && fold(e.title) === cTitle && fold(e.title) !== pTitle);
  const hasName = (rs: RepCandidate[]) => rs.some((r) => r.name);
  const partnerExtra = [...partnerSig, ...(hasName([...partnerReps, ...partnerSig]) ? [] : eP.slice(0, 1))];
  const cafExtra = [...cafSig, ...(hasName([...cafReps, ...cafSig]) ? [] : eC.slice(0, 1))];

  const p = party(got.partner, 'partner', partnerExtra);
  const s = pick(got.partner, 'siret');
  if (s) note(ctx, 'partner.siret', s.siretLine, null, 0.9);
  const kind = p.name ? kindOf(p.name) : null;
  if (kind && p.name) ctx.evidence.push({ ...ctx.evidence.find((e) => e.path === 'partner.name')!, path: 'partner.kind', confidence: 0.7 });
  return {
    partner: { ...p, kind, siret: s?.siret ?? null },
    caf: party(got.caf, 'caf', cafExtra),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Convention terms

function firstMatch(lines: Line[], re: RegExp): { m: RegExpExecArray; line: Line } | null {
  for (const line of lines) {
    const m = re.exec(line.text);
    if (m) return { m, line };
  }
  return null;
}

function readNumber(ctx: Ctx): string | null {
  for (const kinds of [['convention'], ['contrat'], AGREEMENT_KINDS] as SectionKind[][]) {
    const hit = firstMatch(scope(ctx, kinds), /^\s*(?:\|\s*)?convention\s+(?:n\s*[°o]|num[ée]ro|no\.?)\s*:?\s*([^|\t]*?)\s*(?:\||$)/i);
    const v = hit?.m[1]?.trim().replace(/[.,;]+$/, '');
    if (hit && v && /\d/.test(v) && !isPlaceholder(v)) {
      note(ctx, 'convention.number', hit.line, v, 0.9);
      return v;
    }
  }
  return null;
}

function readSignedOn(ctx: Ctx): string | null {
  const conv = scope(ctx, ['convention']);
  for (let i = 0; i < conv.length; i++) {
    if (!/^\s*fait\s+(?:[àa]|en)(?=\s|$)/i.test(conv[i]!.text)) continue;
    const chunk = conv.slice(i, i + 3);
    for (const l of chunk) {
      const after = /\ble\s*(.*)$/i.exec(l.text.replace(/^\s*fait\s+[àa]\s+[^,]*?(?=\s+en\s|,|$)/i, ''));
      const d = after ? parseDate(after[1]!) : null;
      if (d && d.value.length === 10) {
        note(ctx, 'convention.signedOn', l, null, 0.85);
        return d.value;
      }
    }
    break;
  }
  // The contrat de service often states it: « … convention d'accès … signée le 03/10/2017 ».
  const hit = firstMatch(scope(ctx, ['contrat']), /convention d'acc[eè]s[^.]*?sign[ée]e le\s*([^.]*?\d{4})/i);
  const d = hit ? parseDate(hit.m[1]!) : null;
  if (hit && d && d.value.length === 10) {
    note(ctx, 'convention.signedOn', hit.line, null, 0.6);
    return d.value;
  }
  return null;
}

function termsLines(ctx: Ctx): Line[] {
  const conv = linesOf(ctx.lines, ctx.sections, ['convention']);
  return conv.length ? conv : agreement(ctx);
}

function readTerms(ctx: Ctx) {
  const lines = termsLines(ctx);
  let durationMonths: number | null = null;
  let tacitRenewal: boolean | null = null;
  let noticeMonths: number | null = null;
  let effectiveOn: string | null = null;
  const dur = firstMatch(lines, new RegExp(`dur[ée]e\\s+(?:de\\s+|d')\\s*(${NUMBER_WORD_RE})\\s*(ans?|ann[ée]es?|mois)\\b`, 'i'));
  if (dur) {
    const n = numberOf(dur.m[1]!);
    if (n) {
      durationMonths = /mois/i.test(dur.m[2]!) ? n : n * 12;
      note(ctx, 'convention.durationMonths', dur.line, dur.m[0], 0.9);
    }
  }
  const noTacit = firstMatch(lines, /(sans|pas de|aucune)\s+(tacite\s+reconduction|reconduction\s+tacite)|n'est pas reconductible|non renouvelable/i);
  const tacit = firstMatch(lines, /tacite\s+reconduction|reconduction\s+tacite|reconduite?\s+tacitement|renouvel[ée]e?\s+tacitement/i);
  if (noTacit) {
    tacitRenewal = false;
    note(ctx, 'convention.tacitRenewal', noTacit.line, noTacit.m[0], 0.8);
  } else if (tacit) {
    tacitRenewal = true;
    note(ctx, 'convention.tacitRenewal', tacit.line, tacit.m[0], 0.9);
  }
  const noticeRe = new RegExp(
    `(?:pr[ée]avis|d[ée]lai)[^.;]{0,80}?(?:inf[ée]rieur\\s+[àa]|d'au moins|de|minimum de|au moins)\\s*(${NUMBER_WORD_RE})\\s*mois`,
    'i',
  );
  for (const l of lines) {
    if (!/r[ée]sili|pr[ée]avis|d[ée]non/i.test(l.text)) continue;
    const m = noticeRe.exec(l.text);
    if (m) {
      noticeMonths = numberOf(m[1]!);
      note(ctx, 'convention.noticeMonths', l, m[0], 0.85);
      break;
    }
  }
  const eff = firstMatch(lines, /(?:prend(?:ra)? effet|entre(?:ra)? en vigueur)\s+(?:le|au|à compter du|a compter du)\s+([^.;]*\d{4})/i);
  const d = eff ? parseDate(eff.m[1]!) : null;
  if (eff && d) {
    effectiveOn = d.value;
    note(ctx, 'convention.effectiveOn', eff.line, eff.m[0], 0.8);
  }
  return { durationMonths, tacitRenewal, noticeMonths, effectiveOn };
}

function readMode(ctx: Ctx): 'delegue' | 'centralise' | null {
  const lines = agreement(ctx);
  const opt = firstMatch(lines, /optent[^.]*?pour\s+(?:le\s+)?mode\s+(d[ée]l[ée]gu[ée]|centralis[ée])/i);
  if (opt) {
    note(ctx, 'convention.mode', opt.line, opt.m[0], 0.95);
    return /centr/i.test(opt.m[1]!) ? 'centralise' : 'delegue';
  }
  for (const s of ctx.sections.filter((x) => x.kind === 'contrat')) {
    for (let i = s.from; i < Math.min(s.to, s.from + 6); i++) {
      const m = /\(?\s*(?:mode\s+(?:de\s+)?)?gestion\s+(d[ée]l[ée]gu[ée]e|centralis[ée]e)\s*\)?/i.exec(ctx.lines[i]!.text);
      if (m) {
        note(ctx, 'convention.mode', ctx.lines[i], m[0], 0.85);
        return /centr/i.test(m[1]!) ? 'centralise' : 'delegue';
      }
    }
  }
  const chosen = firstMatch(scope(ctx, ['contrat']), /(?:choisi|retenu|opt[ée])[^.]{0,40}mode\s+(d[ée]l[ée]gu[ée]|centralis[ée])/i);
  if (chosen) {
    note(ctx, 'convention.mode', chosen.line, chosen.m[0], 0.7);
    return /centr/i.test(chosen.m[1]!) ? 'centralise' : 'delegue';
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Services and allocations

const SERVICE_CODES = knownServices.map((s) => s.code as string);

function serviceCodeIn(s: string): string | null {
  for (const c of SERVICE_CODES) if (new RegExp(`\\b${c}\\b`, 'i').test(s)) return c;
  const m = /\(\s*«?\s*([A-Z][A-Za-z]{2,6})\s*»?\s*\)/.exec(s);
  return m ? m[1]!.toUpperCase() : null;
}

function quotedLabel(s: string): string | null {
  const m = /«\s*([^»]*?)\s*(?:»|$)/.exec(s);
  if (!m) return null;
  const v = m[1]!
    .replace(/\(\s*«?\s*[A-Za-z]{2,6}\s*»?\s*\)?\s*\.?$/, '')
    .replace(/[\s.(«]+$/, '')
    .trim();
  return v || null;
}

function readServices(ctx: Ctx): ServiceRead[] {
  const out: ServiceRead[] = [];
  const bulletinLabels = new Map<string, string>();
  for (const s of ctx.sections.filter((x) => x.kind === 'bulletin')) {
    const code = serviceCodeIn(s.heading);
    const label = quotedLabel(s.heading);
    if (code && label && !bulletinLabels.has(code)) bulletinLabels.set(code, label);
  }
  const rows = linesOf(ctx.lines, ctx.sections, ['services']);
  for (const l of rows) {
    const cells = cellsOf(l.text);
    if (cells.length < 2) continue;
    const joined = cells.join(' ');
    const code = serviceCodeIn(joined);
    if (!code || out.some((s) => s.code === code)) continue;
    let availableFrom: string | null = null;
    for (const c of [...cells].reverse()) {
      const d = parseDate(c);
      if (d) {
        availableFrom = d.value;
        break;
      }
    }
    const label = quotedLabel(joined) ?? bulletinLabels.get(code) ?? knownServices.find((s) => s.code === code)?.label ?? null;
    const i = out.length;
    out.push({ code, label, availableFrom });
    note(ctx, `convention.services[${i}]`, l, null, 0.85);
  }
  for (const [code, label] of bulletinLabels) {
    if (out.some((s) => s.code === code)) continue;
    const sec = ctx.sections.find((x) => x.kind === 'bulletin' && serviceCodeIn(x.heading) === code)!;
    note(ctx, `convention.services[${out.length}]`, ctx.lines[sec.from], null, 0.7);
    out.push({ code, label, availableFrom: null });
  }
  return out;
}

const PROFILE_CODES = new Set(cdapProfiles.map((p) => p.code));

function readAllocations(ctx: Ctx, services: ServiceRead[]): ConventionRead['allocations'] {
  const out: ConventionRead['allocations'] = [];
  const secs = ctx.sections.filter((s) => s.kind === 'bulletin' || s.kind === 'annexe');
  const fallbackService = services.find((s) => s.code === 'CDAP')?.code ?? 'CDAP';
  const push = (profile: string, max: number, line: Line, service: string) => {
    const p = profile.replace(/\s/g, '').toUpperCase();
    if (!PROFILE_CODES.has(p) || out.some((a) => a.profile === p && a.service === service)) return;
    note(ctx, `allocations[${out.length}]`, line, null, 0.85);
    out.push({ service, profile: p, max });
  };
  for (const s of secs.length ? secs : [{ from: 0, to: ctx.lines.length, heading: '', kind: 'annexe' as const }]) {
    const service = serviceCodeIn(s.heading) ?? fallbackService;
    for (let i = s.from; i < s.to; i++) {
      const l = ctx.lines[i]!;
      const t = l.text.trim();
      if (!t) continue;
      const cells = cellsOf(t);
      if (cells.length >= 2) {
        const code = /^(?:profils?\s+)?(T\s?\d{1,2})\b/i.exec(cells[0]!);
        const last = cells[cells.length - 1]!.replace(/\s/g, '');
        if (code && /^\d+$/.test(last)) push(code[1]!, Number(last), l, service);
        continue;
      }
      // One line per row (« T1 285 ») or a column flattened into lines (« T1 » ⏎ « 285 »).
      const one = /^(?:profils?\s+)?(T\s?\d{1,2})\b(?:\s*[-–:]\s*[\p{L} ',()]{0,60}?)?\s+(\d[\d ]*)$/iu.exec(t);
      if (one && t.length < 90) {
        push(one[1]!, Number(one[2]!.replace(/\s/g, '')), l, service);
        continue;
      }
      if (/^T\s?\d{1,2}$/i.test(t)) {
        const next = ctx.lines.slice(i + 1, i + 4).find((x) => x.text.trim());
        if (next && /^\d[\d ]*$/.test(next.text.trim())) push(t, Number(next.text.trim().replace(/\s/g, '')), l, service);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Service hours and escalation

const DAYS: Readonly<Record<string, string>> = { lundi: 'lun', mardi: 'mar', mercredi: 'mer', jeudi: 'jeu', vendredi: 'ven', samedi: 'sam', dimanche: 'dim' };
const TIME = String.raw`(\d{1,2})\s*(?:h|H|:)\s*(\d{2})?`;

function readHours(ctx: Ctx): ConventionRead['serviceHours'] {
  const none = { days: null, opens: null, closes: null };
  const lines = scope(ctx, ['contrat']);
  const dayRe = /du\s+(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+au\s+(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)/i;
  const times = (s: string) => [...s.matchAll(new RegExp(`${TIME}\\s*(?:[àa]|-|–)\\s*${TIME}`, 'g'))];
  const hhmm = (h: string, m: string | undefined) => `${h.padStart(2, '0')}:${m ?? '00'}`;
  const candidates = lines.filter((l) => /ouvert|horaires?|joignable|accessible|plage/i.test(l.text) && times(l.text).length);
  const withDays = candidates.find((l) => dayRe.test(l.text)) ?? candidates[0];
  if (!withDays) return none;
  const ts = times(withDays.text);
  const d = dayRe.exec(withDays.text);
  note(ctx, 'serviceHours', withDays, null, d ? 0.9 : 0.6);
  return {
    days: d ? `${DAYS[d[1]!.toLowerCase()]}-${DAYS[d[2]!.toLowerCase()]}` : null,
    opens: hhmm(ts[0]![1]!, ts[0]![2]),
    closes: hhmm(ts[ts.length - 1]![3]!, ts[ts.length - 1]![4]),
  };
}

interface Mention {
  text: string;
  name: { civility: Civility | null; firstName: string | null; lastName: string } | null;
  function: string | null;
  email: string | null;
  phones: string[];
  line: Line;
}

const PHONE_TEXT = /(?:t[ée]l[ée]?(?:phone)?|t[ée]l\.|fixe|mobile|portable)\s*:?\s*/gi;

function parseMention(raw: string, line: Line): Mention | null {
  const text = raw.trim();
  if (!text || isPlaceholder(text)) return null;
  const email = emailsIn(text)[0] ?? null;
  const phones = phonesIn(text);
  const parts = text
    .replace(EMAIL_RE, ',')
    .split(/\s*[,;(]\s*|\s+[-–—]\s+|\)\s*/)
    .map((p) => p.replace(PHONE_TEXT, '').replace(/\+?[\d][\d\s./-]{7,}\d/g, '').trim())
    .filter((p) => p && !/^[\s:.-]*$/.test(p) && !isPlaceholder(p));
  if (!parts.length && !email) return null;
  const head = parts[0] ?? '';
  const person = head && looksLikePerson(head) ? splitName(head) : null;
  const fn = person ? parts.slice(1).find((p) => !/^[A-Z]{0,3}$/.test(p)) ?? null : head || null;
  return { text: person ? `${person.firstName ?? ''} ${person.lastName}`.trim() : head || email!, name: person, function: fn ? capitalise(fn) : null, email, phones, line };
}

const BULLET = /^\s*(?:[-–•·▪*✓>]\s*)*(?:o\s+)?(?:\d+[.)]\s+)?/;

function readEscalation(ctx: Ctx): {
  delay: ConventionRead['escalation']['delay'];
  caf: Mention[];
  partner: Mention[];
  cafSeeAnnex: boolean;
  partnerSeeAnnex: boolean;
} {
  const lines = scope(ctx, ['contrat']);
  const res = { delay: null as ConventionRead['escalation']['delay'], caf: [] as Mention[], partner: [] as Mention[], cafSeeAnnex: false, partnerSeeAnnex: false };
  const startIdx = lines.findIndex((l) => /proc[ée]dure d'escalade|escalade/i.test(l.text) && !/\t\d+\s*$|\|\s*\d+\s*\|?\s*$|\.{3,}/.test(l.text));
  if (startIdx < 0) return res;
  let end = lines.length;
  for (let i = startIdx + 1; i < lines.length; i++) {
    if (/^\s*article\s+\d/i.test(lines[i]!.text) || /^\s*annexe\s*\d/i.test(lines[i]!.text)) {
      end = i;
      break;
    }
  }
  const body = lines.slice(startIdx, end);
  const delayRe = new RegExp(
    `(?:d[ée]lai\\s+(?:de\\s+|d'|maximum\\s+de\\s+)?|sous\\s+|au[- ]del[àa]\\s+de\\s+|pass[ée]\\s+(?:un\\s+d[ée]lai\\s+de\\s+)?)(${NUMBER_WORD_RE})\\s*(heures?|h\\b|jours?\\s+ouvr[ée]s|jours?\\s+ouvrables|jours?\\s+calendaires|jours?)`,
    'i',
  );
  const dh = firstMatch(body, delayRe);
  if (dh) {
    const amount = numberOf(dh.m[1]!);
    const u = fold(dh.m[2]!);
    if (amount) {
      res.delay = { amount, unit: /^h/.test(u) ? 'hours' : /ouvr/.test(u) ? 'workingDays' : 'days' };
      note(ctx, 'escalation.delay', dh.line, dh.m[0], 0.9);
    }
  }
  let side: 'caf' | 'partner' | null = null;
  for (const l of body) {
    const t = l.text.replace(BULLET, '').trim();
    const head = /^pour\s+(la\s+caf|le\s+partenaire|l'organisme|le\s+\p{L}+)\b[^:]{0,40}:\s*(.*)$/iu.exec(t);
    if (head && !/interlocuteurs suivants/i.test(t)) {
      side = /caf/i.test(head[1]!) ? 'caf' : 'partner';
      const rest = head[2]!.trim();
      if (rest) {
        if (/voir\s+(l')?annexe|cf\.?\s+annexe|en annexe/i.test(rest)) res[side === 'caf' ? 'cafSeeAnnex' : 'partnerSeeAnnex'] = true;
        else for (const piece of rest.split(/\s*(?:;|\bpuis\b)\s*/)) {
          const m = parseMention(piece, l);
          if (m) res[side].push(m);
        }
      }
      continue;
    }
    if (!side || !t) continue;
    if (/voir\s+(l')?annexe|cf\.?\s+annexe|figurant en annexe/i.test(t) && t.length < 120) {
      res[side === 'caf' ? 'cafSeeAnnex' : 'partnerSeeAnnex'] = true;
      continue;
    }
    if (!BULLET.exec(l.text)?.[0].trim() && !/^[A-Z]/.test(t)) continue;
    if (/^(en absence|la procedure|les interlocuteurs)/i.test(fold(t))) continue;
    const m = parseMention(t, l);
    if (m && (m.name || m.email || m.phones.length || (m.function && m.function.split(' ').length >= 2))) res[side].push(m);
  }
  return res;
}

// ---------------------------------------------------------------------------------------------------------------
// Contacts (Annexe 1)

const ROLE_LABELS: [RegExp, ContactRoleRead][] = [
  [/^administrat(?:eur|rice)s?\s+suppleante?s?\b/, 'administrateur_suppleant'],
  [/^suppleante?s?\b/, 'administrateur_suppleant'],
  [/^administrat(?:eur|rice)s?(?:\s+(?:principale?|titulaire)s?)?\b/, 'administrateur'],
  [/^responsables?\s+(?:du\s+|de\s+)?(?:service\s+)?mon compte partenaire\b|^responsables?\s+mcp\b/, 'responsable_mcp'],
  [/^(?:responsables?|referents?)\s+(?:de\s+la\s+)?securite(?:\s+des\s+systemes\s+d\s+information)?\b|^rssi\b/, 'responsable_securite'],
  [/^responsables?\s+(?:de\s+l\s+|du\s+service\s+)?informatique\b|^responsables?\s+des\s+systemes\s+d\s+information\b|^dsi\b/, 'responsable_informatique'],
  [
    /^(?:cil\s+ou\s+)?(?:referent|correspondant)s?\s+informatique\s+et\s+libertes\b|^cil\b(?:\s+ou\s+dpo\b)?|^(?:dpo|delegue\s+a\s+la\s+protection\s+des\s+donnees)(?:\s+dpo)?\b/,
    'dpo_cil',
  ],
  [/^(?:interlocuteur|contact|correspondant)s?\s+(?:en\s+cas\s+)?d\s+urgence\b|^urgence\b/, 'urgence'],
  [/^gestionnaires?\s+delegues?\b/, 'gestionnaire_delegue'],
  [/^guichet\s+unique(?:\s+du\s+centre\s+de\s+services?(?:\s+caf)?)?\b|^centre\s+de\s+services?(?:\s+caf)?\b/, 'guichet_unique'],
  [/^signataire\b/, 'signataire'],
];

/** OCR slips inside label words only (never applied to names): « Adrninistrateur », « Resp0nsable ». */
const ocrFold = (s: string) => fold(s).replace(/rn/g, 'm').replace(/(?<=[a-z])0|0(?=[a-z])/g, 'o');

/** Role label at the start of a cell, and the printed text after it (the person's name). */
export function matchRoleLabel(cell: string): { role: ContactRoleRead; label: string; rest: string } | null {
  const words = cell.trim().split(/\s+/);
  const foldedWords = words.map((w) => ocrFold(w));
  const f = foldedWords.filter(Boolean).join(' ');
  for (const [re, role] of ROLE_LABELS) {
    const m = re.exec(f);
    if (!m) continue;
    const need = m[0].split(' ').length;
    let count = 0;
    let k = 0;
    while (k < words.length && count < need) {
      count += foldedWords[k] ? foldedWords[k]!.split(' ').length : 0;
      k++;
    }
    // Closing quote of « Responsable « Mon Compte Partenaire » » belongs to the label.
    while (k < words.length && !foldedWords[k]) k++;
    return { role, label: words.slice(0, k).join(' ').replace(/[\s:–-]+$/, ''), rest: words.slice(k).join(' ').replace(/^[\s:–-]+/, '') };
  }
  return null;
}

interface Draft extends ContactRead {
  emails: string[];
  line: Line;
  fromAnnex: boolean;
  functionFromMention: boolean;
}

function sideHeader(t: string): 'caf' | 'partner' | null {
  const f = fold(t);
  if (f.length > 90 || isTableRow(t)) return null;
  if (/interlocuteurs?\s+(a|de|pour|chez)\s+la\s+caf\b|^(cote|pour la) caf\s*$/.test(f)) return 'caf';
  if (/interlocuteurs?\s+(chez|du|de|pour)\s+(le|l)\s+(partenaire|organisme)|^(cote|pour le) partenaire\s*$/.test(f)) return 'partner';
  return null;
}

function annexRows(ctx: Ctx): Draft[] {
  const drafts: Draft[] = [];
  const inAnnex = new Set(linesOf(ctx.lines, ctx.sections, ['interlocuteurs']).map((l) => l.index));
  // Side headings also open a contacts table outside a titled annexe (until the next document title).
  let urgentGroup = false;
  for (const sec of ctx.sections) {
    if (sec.kind === 'deliberation' || sec.kind === 'other') continue;
    let active = sec.kind === 'interlocuteurs';
    let side: 'caf' | 'partner' | null = null;
    for (let i = sec.from; i < sec.to; i++) {
      const l = ctx.lines[i]!;
      const t = l.text.trim();
      if (!t) continue;
      const sh = sideHeader(t);
      if (sh && (sec.kind === 'interlocuteurs' || /interlocuteurs/i.test(t))) {
        side = sh;
        active = true;
        urgentGroup = false;
        continue;
      }
      if (!active || (!inAnnex.has(i) && (!side || !isTableRow(t)))) continue;
      const cells = cellsOf(t);
      if (!cells.length) continue;
      const ft = fold(t);
      if (/fonction et denomination|^fonction\b.*\b(mel|courriel|mail|telephone)\b|^(nom|role|qualite)\b.*\b(mel|courriel|mail)\b/.test(ft)) continue;
      const emails = cells.flatMap(emailsIn);
      const phones = cells.flatMap(phonesIn);
      const textCells = cells
        .map((c) => c.replace(EMAIL_RE, ' ').replace(/(?:\+|00)?\d[\d\s./-]{7,}\d/g, ' ').replace(/\s+/g, ' ').trim())
        .filter((c) => c && !isPlaceholder(c) && !/^[\s:.-]*$/.test(c));
      if (!textCells.length) continue;
      const match = matchRoleLabel(textCells[0]!);
      let rest = match?.rest ?? '';
      if (match && !rest && textCells[1] && looksLikePerson(textCells[1])) rest = textCells[1];
      if (!match) {
        // A group heading inside the table (« Administrateurs », « Autres interlocuteurs », « En cas d'urgence »).
        if (cells.filter(Boolean).length <= 1 && !emails.length) {
          urgentGroup = /urgence|escalade/.test(ft);
          continue;
        }
        if (!looksLikePerson(textCells[0]!) && !emails.length) continue;
      }
      const person = rest && !isPlaceholder(rest) ? splitName(rest.replace(/\([^)]*\)/g, '').trim()) : match ? null : splitName(textCells[0]!);
      if (!person && !emails.length && match?.role !== 'guichet_unique') continue;
      const rowSide = side ?? (emails.some((e) => /caf|cnaf/.test(e.split('@')[1] ?? '')) ? 'caf' : 'partner');
      const roles: ContactRoleRead[] = match ? [match.role] : [];
      if (urgentGroup && !roles.includes('urgence')) roles.push('urgence');
      drafts.push({
        side: rowSide,
        civility: person?.civility ?? null,
        firstName: person?.firstName ?? null,
        lastName: person?.lastName ?? null,
        function: match ? capitalise(match.label.replace(/[«»"]/g, '').replace(/\s+/g, ' ').trim()) : null,
        email: null,
        emails,
        phones,
        roles,
        line: l,
        fromAnnex: true,
        functionFromMention: false,
      });
    }
  }
  return drafts;
}

/** An accented spelling (« Joëlle ») is kept over a capitals-only one (« JOELLE »). */
const NON_ASCII = /[^\u0020-\u007e]/;

function mergeDrafts(drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const d of drafts) {
    const key = d.lastName ? nameKey(d.firstName, d.lastName) : null;
    const same = out.find(
      (o) =>
        o.side === d.side &&
        ((key && o.lastName && (nameKey(o.firstName, o.lastName) === key || (fold(o.lastName) === fold(d.lastName!) && (!o.firstName || !d.firstName || fold(o.firstName)[0] === fold(d.firstName)[0])))) ||
          (!key && !o.lastName && o.roles.join() === d.roles.join() && (o.emails[0] ?? '') === (d.emails[0] ?? ''))),
    );
    if (!same) {
      out.push({ ...d, roles: [...d.roles], phones: [...d.phones], emails: [...d.emails] });
      continue;
    }
    for (const r of d.roles) if (!same.roles.includes(r)) same.roles.push(r);
    for (const p of d.phones) if (!same.phones.includes(p)) same.phones.push(p);
    for (const e of d.emails) if (!same.emails.includes(e)) same.emails.push(e);
    same.civility = same.civility ?? d.civility;
    if (!same.firstName || (d.firstName && NON_ASCII.test(d.firstName) && fold(d.firstName) === fold(same.firstName))) same.firstName = d.firstName ?? same.firstName;
  }
  return out;
}

/** « Par téléphone : … », « Par messagerie : … » of the article on the Caf service centre. */
function serviceCentre(ctx: Ctx): { email: string | null; phones: string[]; line?: Line } {
  const lines = scope(ctx, ['contrat']);
  let email: string | null = null;
  let phones: string[] = [];
  let line: Line | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (!/centre de services?/i.test(lines[i]!.text) || !/ouvert|joindre|contact|fonctionnement/i.test(lines[i]!.text)) continue;
    for (const l of lines.slice(i, i + 10)) {
      const t = l.text.replace(BULLET, '');
      if (/^par\s+(messagerie|m[ée]l|courriel|e-?mail|mail)/i.test(t) || (/@/.test(t) && /centre de services|messagerie/i.test(t))) {
        email = email ?? emailsIn(t)[0] ?? null;
        line = line ?? l;
      }
      if (/^par\s+t[ée]l[ée]phone|^t[ée]l[ée]phone\s*:/i.test(t) && !phones.length) phones = phonesIn(t);
    }
    if (email || phones.length) break;
  }
  return { email, phones, line };
}

/** « Les interlocuteurs : » list of the security article (« Josette RENAHY, Responsable Sécurité de la Caf »). */
function securityMentions(ctx: Ctx): Mention[] {
  const lines = scope(ctx, ['contrat']);
  const out: Mention[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*les interlocuteurs\s*:?\s*$/i.test(lines[i]!.text)) continue;
    for (let j = i + 1; j < lines.length && j < i + 8; j++) {
      const t = lines[j]!.text;
      if (!t.trim()) continue;
      if (!BULLET.exec(t)?.[0].trim()) break;
      const m = parseMention(t.replace(BULLET, ''), lines[j]!);
      if (m?.name) out.push(m);
    }
  }
  return out;
}

function findDraft(drafts: Draft[], m: Mention, side: 'caf' | 'partner' | null): Draft | undefined {
  if (!m.name) return m.email ? drafts.find((d) => d.emails.includes(m.email!)) : undefined;
  const key = nameKey(m.name.firstName, m.name.lastName);
  const ok = (d: Draft) => !side || d.side === side;
  return (
    drafts.find((d) => ok(d) && d.lastName && nameKey(d.firstName, d.lastName) === key) ??
    drafts.find(
      (d) => ok(d) && d.lastName && fold(d.lastName) === fold(m.name!.lastName) && (!d.firstName || !m.name!.firstName || fold(d.firstName)[0] === fold(m.name!.firstName)[0]),
    ) ??
    (m.email ? drafts.find((d) => ok(d) && d.emails.includes(m.email!)) : undefined)
  );
}

function readContacts(ctx: Ctx, parties: Parties, esc: ReturnType<typeof readEscalation>): { contacts: ContactRead[]; cafList: string[]; partnerList: string[] } {
  let drafts = mergeDrafts(annexRows(ctx));
  const centre = serviceCentre(ctx);
  // Shared mailboxes: the service centre's, and any address given to several people, belong to no one person.
  const shared = new Set<string>();
  if (centre.email) shared.add(centre.email);
  for (const d of drafts) if (!d.lastName) for (const e of d.emails) shared.add(e);
  const owners = new Map<string, number>();
  for (const d of drafts) if (d.lastName) for (const e of d.emails) owners.set(e, (owners.get(e) ?? 0) + 1);
  for (const [e, n] of owners) if (n > 1) shared.add(e);

  let guichet = drafts.find((d) => d.roles.includes('guichet_unique'));
  if (!guichet && (centre.email || centre.phones.length) && centre.line) {
    guichet = { side: 'caf', civility: null, firstName: null, lastName: null, function: 'Centre de services Caf', email: null, emails: [], phones: [], roles: ['guichet_unique'], line: centre.line, fromAnnex: false, functionFromMention: false };
    drafts.push(guichet);
  }
  if (guichet) {
    if (!guichet.emails.length && centre.email) guichet.emails.push(centre.email);
    if (!guichet.phones.length) guichet.phones.push(...centre.phones);
  }

  const created: Draft[] = [];
  const absorb = (m: Mention, side: 'caf' | 'partner' | null, extraRole: ContactRoleRead | null) => {
    const d = findDraft([...drafts, ...created], m, side);
    if (d) {
      if (m.function && !d.functionFromMention && !matchRoleLabel(m.function)?.role?.startsWith('administrateur')) {
        d.function = m.function;
        d.functionFromMention = true;
      }
      d.civility = d.civility ?? m.name?.civility ?? null;
      if (!d.emails.length && m.email) d.emails.push(m.email);
      if (!d.phones.length) d.phones.push(...m.phones);
      if (d.firstName && m.name?.firstName && fold(d.firstName) === fold(m.name.firstName) && NON_ASCII.test(m.name.firstName)) d.firstName = m.name.firstName;
      if (extraRole && !d.roles.includes(extraRole)) d.roles.push(extraRole);
      return;
    }
    const s = side ?? (m.function && /\bcaf\b/i.test(m.function) ? 'caf' : 'partner');
    created.push({
      side: s,
      civility: m.name?.civility ?? null,
      firstName: m.name?.firstName ?? null,
      lastName: m.name?.lastName ?? null,
      function: m.function,
      email: null,
      emails: m.email ? [m.email] : [],
      phones: [...m.phones],
      roles: extraRole ? [extraRole] : [],
      line: m.line,
      fromAnnex: false,
      functionFromMention: true,
    });
  };
  for (const m of esc.caf) absorb(m, 'caf', null);
  for (const m of esc.partner) absorb(m, 'partner', null);
  for (const m of securityMentions(ctx)) {
    const side = m.function && /\bcaf\b/i.test(m.function) ? 'caf' : m.function && /partenaire/i.test(m.function) ? 'partner' : null;
    absorb(m, side, 'responsable_securite');
  }
  drafts = [...drafts, ...created];

  // Representatives sign: they are contacts with the « signataire » role.
  const sign = (rep: RepresentativeRead | null, side: 'caf' | 'partner') => {
    if (!rep?.name) return;
    const n = splitName(rep.name);
    if (!n) return;
    const line = ctx.evidence.find((e) => e.path === `${side}.representative.name`);
    const m: Mention = { text: rep.name, name: { ...n, civility: rep.civility ?? n.civility }, function: rep.title, email: null, phones: [], line: ctx.lines.find((l) => line && l.start <= line.start && line.start <= l.start + l.text.length) ?? ctx.lines[0]! };
    const d = findDraft(drafts, m, side);
    if (d) {
      if (!d.roles.includes('signataire')) d.roles.push('signataire');
      d.civility = d.civility ?? rep.civility;
      return;
    }
    drafts.push({ side, civility: rep.civility ?? n.civility, firstName: n.firstName, lastName: n.lastName, function: rep.title, email: null, emails: [], phones: [], roles: ['signataire'], line: m.line, fromAnnex: false, functionFromMention: true });
  };
  sign(parties.caf.representative, 'caf');
  sign(parties.partner.representative, 'partner');

  // One e-mail per contact: the address that carries the person's name, never a shared mailbox.
  for (const d of drafts) {
    if (!d.lastName) {
      d.email = d.emails[0] ?? null;
      continue;
    }
    const own = d.emails.filter((e) => !shared.has(e) || d.emails.length === 1 && !shared.has(e));
    const tokens = fold(`${d.firstName ?? ''} ${d.lastName}`).split(' ').filter((x) => x.length >= 3);
    const named = own.find((e) => tokens.some((tk) => fold(e.split('@')[0]!).replace(/ /g, '').includes(tk.replace(/ /g, ''))));
    d.email = named ?? own[0] ?? null;
  }

  const contacts: ContactRead[] = drafts.map((d, i) => {
    note(ctx, `contacts[${i}]`, d.line, null, d.fromAnnex ? 0.85 : 0.65);
    return { side: d.side, civility: d.civility, firstName: d.firstName, lastName: d.lastName, function: d.function, email: d.email, phones: d.phones, roles: d.roles };
  });

  const list = (ms: Mention[], seeAnnex: boolean, side: 'caf' | 'partner') => {
    if (ms.length) return ms.map((m) => m.text);
    if (!seeAnnex) return [];
    // « voir annexe 1 »: the annex's own emergency contacts, in the order printed.
    return drafts.filter((d) => d.side === side && d.fromAnnex && d.roles.includes('urgence')).map((d) => (d.lastName ? `${d.firstName ?? ''} ${d.lastName}`.trim() : d.email ?? d.function ?? '')).filter(Boolean);
  };
  const cafList = list(esc.caf, esc.cafSeeAnnex, 'caf');
  const partnerList = list(esc.partner, esc.partnerSeeAnnex, 'partner');
  esc.caf.forEach((m, i) => note(ctx, `escalation.caf[${i}]`, m.line, null, 0.85));
  esc.partner.forEach((m, i) => note(ctx, `escalation.partner[${i}]`, m.line, null, 0.85));
  return { contacts, cafList, partnerList };
}

// ---------------------------------------------------------------------------------------------------------------

export function looksLikeConvention(text: string, sections: Section[]): boolean {
  if (sections.some((s) => ['convention', 'contrat', 'bulletin', 'interlocuteurs'].includes(s.kind))) return true;
  const f = fold(text);
  return /mon compte partenaire/.test(f) && /(convention|contrat de service|bulletin d adhesion)/.test(f);
}

/** Reads a convention from its text (any source). Throws NotAConventionError for anything else. */
export function readConvention(rawText: string, documentName: string): ReadResult {
  const text = normalizeText(rawText);
  const lines = splitLines(text);
  const sections = findSections(lines);
  if (!looksLikeConvention(text, sections)) throw new NotAConventionError();
  const ctx: Ctx = { text, lines, sections, evidence: [] };

  const parties = readParties(ctx);
  const terms = readTerms(ctx);
  const services = readServices(ctx);
  const esc = readEscalation(ctx);
  const { contacts, cafList, partnerList } = readContacts(ctx, parties, esc);

  const data: ConventionRead = {
    document: documentName,
    partner: {
      name: parties.partner.name,
      kind: parties.partner.kind,
      siret: parties.partner.siret,
      address: parties.partner.address,
      representative: parties.partner.representative,
    },
    caf: parties.caf,
    convention: {
      number: readNumber(ctx),
      signedOn: readSignedOn(ctx),
      effectiveOn: terms.effectiveOn,
      durationMonths: terms.durationMonths,
      tacitRenewal: terms.tacitRenewal,
      noticeMonths: terms.noticeMonths,
      mode: readMode(ctx),
      services,
    },
    serviceHours: readHours(ctx),
    escalation: { delay: esc.delay, caf: cafList, partner: partnerList },
    contacts,
    allocations: readAllocations(ctx, services),
  };
  return {
    text,
    data,
    evidence: ctx.evidence,
    sections: sections.map((s) => ({ kind: s.kind, heading: s.heading, start: lines[s.from]!.start })),
  };
}
