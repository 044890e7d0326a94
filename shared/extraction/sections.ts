/**
 * One file often holds several documents: a council deliberation, the convention d'accès, the contrat de service,
 * its annexes (interlocuteurs, liste des services, formulaires), the bulletins d'adhésion, and sometimes another
 * convention altogether (a « convention de coordination »). Each value is read from the document that carries it,
 * so a name in the deliberation or in another convention never becomes a contact or a representative.
 *
 * Titles are found by their wording at the start of a line, never inside a table of contents (rows with a page
 * number, or table rows) nor inside a sentence or a list item.
 */
import { fold, isTableRow } from './normalize';

export type SectionKind =
  | 'preamble'
  | 'deliberation'
  | 'convention'
  | 'contrat'
  | 'interlocuteurs'
  | 'services'
  | 'formulaires'
  | 'bulletin'
  | 'annexe'
  | 'other';

export interface Line {
  index: number;
  /** Offset of the line in the normalised text. */
  start: number;
  text: string;
}

export interface Section {
  kind: SectionKind;
  heading: string;
  from: number; // first line index (heading)
  to: number; // exclusive
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  text.split('\n').forEach((t, index) => {
    lines.push({ index, start, text: t });
    start += t.length + 1;
  });
  return lines;
}

function isTocLine(t: string): boolean {
  return /(\.{3,}|…|\t)\s*\d{1,3}\s*$/.test(t) || isTableRow(t);
}

function nextNonEmpty(lines: Line[], i: number, n: number): string {
  const out: string[] = [];
  for (let j = i + 1; j < lines.length && out.length < n; j++) if (lines[j]!.text.trim()) out.push(lines[j]!.text);
  return out.join(' ');
}

function annexKind(rest: string): SectionKind {
  const f = fold(rest);
  if (/bulletin d adhesion/.test(f)) return 'bulletin';
  if (/interlocuteur|contacts?\b|correspondants/.test(f)) return 'interlocuteurs';
  if (/liste des services|services? (souscrits|ouverts)|^services\b/.test(f)) return 'services';
  if (/formulaire/.test(f)) return 'formulaires';
  return 'annexe';
}

/** The kind of section a line opens, or null. */
export function headingKind(lines: Line[], i: number): SectionKind | null {
  const raw = lines[i]!.text.trim();
  if (!raw || raw.length > 220 || isTocLine(raw) || /^[-–•o]\s/.test(raw)) return null;
  const t = raw.replace(/^[«"\s]+/, '');
  const f = fold(t);
  const annex = /^annexe\s*(\d+|[ivx]+)\b\s*(.*)$/.exec(f);
  if (annex) {
    // « ANNEXE 1 » alone: the title is on the next line(s).
    const rest = annex[2]!.trim() || fold(nextNonEmpty(lines, i, 2));
    return annexKind(rest);
  }
  if (/^bulletin d adhesion\b/.test(f)) return 'bulletin';
  if (/^contrats? de services?\b/.test(f) && !/[.;]$/.test(t)) return 'contrat';
  if (/^convention d acces\b/.test(f) && !/[.;]$/.test(t)) return 'convention';
  if (/^convention\b/.test(f) && !/^convention n\b|^convention n \d|^convention no\b/.test(f) && !/[.;:]$/.test(t) && raw === raw.toUpperCase() && f.split(' ').length <= 12)
    return 'other';
  if (/^convention (de|d) (coordination|gestion|partenariat|objectifs)\b/.test(f) && !/[.;]$/.test(t)) return 'other';
  if (/^(le|la) conseil (municipal|departemental|communautaire|d administration)\s*$/.test(f) || /^extrait du (registre|proces verbal) des deliberations/.test(f) || /^deliberation\b/.test(f))
    return 'deliberation';
  return null;
}

export function findSections(lines: Line[]): Section[] {
  const sections: Section[] = [];
  let current: Section = { kind: 'preamble', heading: '', from: 0, to: lines.length };
  for (let i = 0; i < lines.length; i++) {
    const kind = headingKind(lines, i);
    if (!kind) continue;
    // A deliberation inside the preamble only renames it.
    if (kind === 'deliberation') {
      if (current.kind === 'preamble') current.kind = 'deliberation';
      continue;
    }
    // Consecutive title lines of one document (« ANNEXE 1 » then « Les interlocuteurs… ») stay one section.
    if (kind === current.kind && i - current.from <= 3) continue;
    current.to = i;
    if (current.to > current.from || current.kind !== 'preamble') sections.push(current);
    current = { kind, heading: lines[i]!.text.trim(), from: i, to: lines.length };
  }
  sections.push(current);
  return sections.filter((s) => s.to > s.from);
}

/** Kinds that describe the MCP agreement itself (never the deliberation nor another convention). */
export const AGREEMENT_KINDS: readonly SectionKind[] = ['convention', 'contrat', 'interlocuteurs', 'services', 'formulaires', 'bulletin', 'annexe'];

export function linesOf(lines: Line[], sections: Section[], kinds: readonly SectionKind[]): Line[] {
  const out: Line[] = [];
  for (const s of sections) if (kinds.includes(s.kind)) for (let i = s.from; i < s.to; i++) out.push(lines[i]!);
  return out;
}
