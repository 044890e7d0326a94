/**
 * `npm run convention:read -- FILE [--json]`: reads a convention under Node with the same extraction as the
 * application (shared/extraction) and prints it. With --json, exactly one JSON object (the issue's shape).
 * Exit codes: 0 read, 1 the file is not a readable convention (French message on stderr), 2 usage.
 */
import { basename } from 'node:path';
import { readConvention, NotAConventionError } from '../shared/extraction';
import { extractTextFromFile, InputError } from './conventionInput';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length !== 1) {
    process.stderr.write('Usage : npm run convention:read -- FICHIER [--json]\n');
    return 2;
  }
  const file = files[0]!;
  try {
    const { text, pages } = await extractTextFromFile(file, { onProgress: (p) => { if (p.phase === "ocr" && !json) process.stderr.write(`OCR : page ${p.done}/${p.total}${p.secondsLeft ? `, environ ${p.secondsLeft} s restantes` : ""}\n`); } });
    const started = performance.now();
    const result = readConvention(text, basename(file));
    const ms = performance.now() - started;
    if (json) {
      process.stdout.write(`${JSON.stringify(result.data, null, 2)}\n`);
      return 0;
    }
    const d = result.data;
    const out: string[] = [];
    out.push(`Document : ${d.document} (${pages} page(s), lu en ${ms.toFixed(0)} ms)`);
    out.push(`Parties du fichier : ${result.sections.map((s) => s.kind).join(', ')}`);
    out.push(`Partenaire : ${d.partner.name ?? '—'} (${d.partner.kind ?? '—'}), SIRET ${d.partner.siret ?? '—'}`);
    out.push(`Caf : ${d.caf.name ?? '—'}`);
    out.push(`Convention n° ${d.convention.number ?? '—'}, signée le ${d.convention.signedOn ?? '—'}, mode ${d.convention.mode ?? '—'}`);
    out.push(`Services : ${d.convention.services.map((s) => `${s.code} (${s.availableFrom ?? '—'})`).join(', ') || '—'}`);
    out.push(`Horaires : ${d.serviceHours.days ?? '—'} ${d.serviceHours.opens ?? ''}–${d.serviceHours.closes ?? ''}`);
    out.push(`Escalade : ${d.escalation.delay ? `${d.escalation.delay.amount} ${d.escalation.delay.unit}` : '—'} ; Caf : ${d.escalation.caf.join(' → ') || '—'} ; partenaire : ${d.escalation.partner.join(' → ') || '—'}`);
    out.push(`Interlocuteurs (${d.contacts.length}) :`);
    for (const c of d.contacts)
      out.push(`  [${c.side}] ${[c.civility, c.firstName, c.lastName].filter(Boolean).join(' ') || c.function} — ${c.roles.join(', ') || 'aucun rôle'}${c.email ? ` — ${c.email}` : ''}${c.phones.length ? ` — ${c.phones.join(', ')}` : ''}`);
    out.push(`Profils : ${d.allocations.map((a) => `${a.service}/${a.profile} ${a.max}`).join(', ') || '—'}`);
    process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof InputError || e instanceof NotAConventionError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

main().then((code) => process.exit(code));
