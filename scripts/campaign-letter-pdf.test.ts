import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../shared/campaign/letter';
import { demoDataset, DEMO_IDS } from '../shared/demo/seedData';
import { defaultTemplates, letterContext } from '../shared/templates';
import { letterPdf, prepareFonts } from '../renderer/features/campaign/letterPdf';

const fonts = prepareFonts({
  regular: readFileSync(join(process.cwd(), 'assets/fonts/LiberationSans-Regular.ttf')),
  bold: readFileSync(join(process.cwd(), 'assets/fonts/LiberationSans-Bold.ttf')),
});

function haut_rhin() {
  const partner = demoDataset.partners.find((p) => p.id === DEMO_IDS.partnerHautRhin)!;
  const ctx = letterContext(
    { partner, caf: demoDataset.cafs.find((c) => c.id === partner.cafId), conventions: demoDataset.conventions, contacts: demoDataset.contacts, habilitations: demoDataset.habilitations },
    '2026-11-20',
  );
  return { ctx, msg: renderMessage(ctx, defaultTemplates[0]!, '2026-11-20', { year: 2027, answerBy: '2027-01-31', agent: 'Agent Test' }) };
}

describe('campaign letter PDF', () => {
  it('is A4, embeds its fonts, and reads back with the partner, the administrator, the deadline and every active habilitation', () => {
    const { ctx, msg } = haut_rhin();
    const pdf = letterPdf(msg.letter, fonts, { title: msg.subject, author: 'Caf' });
    const dir = mkdtempSync(join(tmpdir(), 'lettre-'));
    const file = join(dir, 'lettre.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(`Objet : Revue inverse des habilitations 2027 — ${ctx.partner.name}`);
    expect(flat).toContain(`À l'attention de ${ctx.administrator!.civility} ${ctx.administrator!.firstName} ${ctx.administrator!.lastName.toUpperCase()}`);
    expect(flat).toContain('avant le 31/01/2027');
    expect(flat).toContain(`Convention d'accès n° ${ctx.convention!.number}`);
    for (const g of ctx.groups) for (const h of g.people) expect(flat).toContain(h.email);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const fontsOut = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fontsOut).toMatch(/MCPPrint|Liberation/);
    for (const line of fontsOut.split('\n').slice(2).filter(Boolean)) expect(line).toMatch(/Identity-H\s+yes\s/);
    expect(pdf.byteLength).toBeLessThan(200_000);
  });

  it('draws every letter from fonts parsed once: the second letter, and one with a glyph outside the common set, read back whole', () => {
    const { msg } = haut_rhin();
    const dir = mkdtempSync(join(tmpdir(), 'lettres-'));
    const read = (pdf: Uint8Array, name: string) => {
      const file = join(dir, name);
      writeFileSync(file, pdf);
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    };
    const first = read(letterPdf(msg.letter, fonts, { title: msg.subject, author: 'Caf' }), 'a.pdf');
    // Same fonts again, and a partner whose name has letters the common subset lacks (ñ, ł, ő) and « », ’.
    const other = { ...msg.letter, recipient: [...msg.letter.recipient.slice(0, 2), 'Asociación Łódź « Peña » d’Őrség'], subject: 'Objet d’essai — « accents » éàçù' };
    const second = read(letterPdf(other, fonts, { title: other.subject, author: 'Caf' }), 'b.pdf');
    const third = read(letterPdf(msg.letter, fonts, { title: msg.subject, author: 'Caf' }), 'c.pdf');
    expect(second).toContain('Asociación Łódź « Peña » d’Őrség');
    expect(second).toContain('Objet : Objet d’essai — « accents » éàçù');
    expect(third).toBe(first);
    expect(first).toContain('Administrateur « Mon Compte Partenaire »');
  });
});
