/**
 * Synthetic documents for the reading tests: a text rendered to PDF through Chromium's print pipeline (the
 * project's, scripts/forms-pdf.ts), the same PDF « scanned » (pages rasterised by pdftoppm, printed back as images,
 * so no text layer), a Word .docx built from the text, and bad inputs (password-protected PDF, fake .docx, blank
 * image, very long PDF).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Browser } from 'playwright-core';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Lines → paragraphs; runs of table rows (pipes or tabs) → one HTML table. */
export function textToHtml(text: string): string {
  const out: string[] = [];
  let table: string[][] = [];
  const flush = () => {
    if (!table.length) return;
    out.push(`<table>${table.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table>`);
    table = [];
  };
  for (const raw of text.split('\n')) {
    const l = raw.trim();
    if (/^\|?[\s|:-]+\|?$/.test(l) && l.includes('-')) continue;
    if (l.startsWith('|') || l.includes('\t')) {
      table.push(l.startsWith('|') ? l.replace(/^\||\|$/g, '').split('|').map((c) => c.trim()) : l.split('\t'));
      continue;
    }
    flush();
    if (l === '\f') out.push('<div style="break-after: page"></div>');
    else if (l) out.push(`<p>${esc(l)}</p>`);
  }
  flush();
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>
    @page { size: A4; margin: 18mm; }
    body { font: 10pt "DejaVu Sans", Arial, sans-serif; }
    p { margin: 0 0 6pt; }
    table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
    td { border: 1px solid #444; padding: 3pt 6pt; vertical-align: top; white-space: nowrap; }
  </style></head><body>${out.join('\n')}</body></html>`;
}

export async function htmlToPdf(browser: Browser, html: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true });
  } finally {
    await page.close();
  }
}

export const textToPdf = (browser: Browser, text: string) => htmlToPdf(browser, textToHtml(text));

/** The PDF as a scanner would give it: every page an image, no text layer. */
export async function scanPdf(browser: Browser, pdf: Buffer, dpi = 150): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'scan-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', join(dir, 'in.pdf'), join(dir, 'p')]);
    const pages = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
    const imgs = pages.map((f) => `<img src="data:image/png;base64,${readFileSync(join(dir, f)).toString('base64')}">`).join('');
    return await htmlToPdf(browser, `<!doctype html><html><head><style>@page { size: A4; margin: 0 } body { margin: 0 } img { width: 210mm; height: 297mm; display: block; break-after: page }</style></head><body>${imgs}</body></html>`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function pageImage(browser: Browser, html: string): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
  try {
    await page.setContent(html);
    return await page.screenshot({ type: 'png' });
  } finally {
    await page.close();
  }
}

/** A minimal .docx (WordprocessingML) with the text's paragraphs and tables. */
export function textToDocx(text: string): Uint8Array {
  const x = (s: string) => esc(s).replace(/"/g, '&quot;');
  const para = (s: string) => `<w:p><w:r><w:t xml:space="preserve">${x(s)}</w:t></w:r></w:p>`;
  const body: string[] = [];
  let rows: string[][] = [];
  const flush = () => {
    if (!rows.length) return;
    body.push(`<w:tbl>${rows.map((r) => `<w:tr>${r.map((c) => `<w:tc>${para(c)}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`);
    rows = [];
  };
  for (const raw of text.split('\n')) {
    const l = raw.trim();
    if (/^\|?[\s|:-]+\|?$/.test(l) && l.includes('-')) continue;
    if (l.startsWith('|') || l.includes('\t')) {
      rows.push(l.startsWith('|') ? l.replace(/^\||\|$/g, '').split('|').map((c) => c.trim()) : l.split('\t'));
      continue;
    }
    flush();
    if (l) body.push(para(l));
  }
  flush();
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join('')}</w:body></w:document>`,
    ),
  });
}

/** A zip named .docx that holds something else. */
export function fakeDocx(): Uint8Array {
  return zipSync({ 'photos/vacances.txt': strToU8('pas un document Word') });
}

/** A PDF with the standard security handler and a user password (contents irrelevant: it cannot be opened). */
export function passwordPdf(): Buffer {
  const hex = (n: number) => Array.from({ length: 32 }, (_, i) => ((i * 37 + n) % 256).toString(16).padStart(2, '0')).join('');
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(1)}> /U <${hex(7)}> /P -44 >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** `pages` short pages, through the print pipeline. */
export const longPdf = (browser: Browser, pages: number) =>
  htmlToPdf(browser, `<!doctype html><html><head><style>@page{size:A4;margin:20mm} p{break-after:page}</style></head><body>${Array.from({ length: pages }, (_, i) => `<p>Page ${i + 1} du rapport annuel.</p>`).join('')}</body></html>`);
