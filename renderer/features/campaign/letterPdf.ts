/**
 * The campaign letter as PDF bytes, drawn with jsPDF (+ jspdf-autotable for the habilitations table) rather
 * than Chromium's print pipeline: the e-mail drafts need the bytes of 300 letters, which Chromium's printToPDF
 * gives only one document at a time through the main process (about 60 ms each, and not in a browser at all).
 * Same A4 page, margins and embedded Liberation Sans as the printed forms. Runs in a Web Worker
 * (letters.worker.ts) and, for tests, under Node.
 */
import { jsPDF } from 'jspdf';
import { autoTable } from 'jspdf-autotable';
import type { LetterDoc } from '../../../shared/campaign/letter';

export interface LetterFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

const FONT = 'MCPPrint';
const MARGIN = 20;
const WIDTH = 210 - 2 * MARGIN;
const PAGE_BOTTOM = 297 - 18;
const LINE = 5; // mm per line at 10.5 pt, leading 1.35

function base64(bytes: Uint8Array): string {
  let s = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(s);
}

/** Fonts are turned to base64 once per worker, not once per letter. */
export function prepareFonts(fonts: LetterFonts): { regular: string; bold: string } {
  return { regular: base64(fonts.regular), bold: base64(fonts.bold) };
}

export function letterPdf(letter: LetterDoc, fonts: { regular: string; bold: string }, meta: { title: string; author: string }): Uint8Array {
  const doc = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait', compress: true, putOnlyUsedFonts: true });
  doc.addFileToVFS('MCPPrint-Regular.ttf', fonts.regular);
  doc.addFont('MCPPrint-Regular.ttf', FONT, 'normal');
  doc.addFileToVFS('MCPPrint-Bold.ttf', fonts.bold);
  doc.addFont('MCPPrint-Bold.ttf', FONT, 'bold');
  doc.setProperties({ title: meta.title, author: meta.author, subject: letter.subject, creator: 'Partenaires MCP' });
  doc.setFont(FONT, 'normal');
  doc.setFontSize(10.5);
  doc.setLineHeightFactor(1.35);

  let y = MARGIN;
  const ensure = (h: number) => {
    if (y + h > PAGE_BOTTOM) {
      doc.addPage();
      y = MARGIN;
    }
  };
  const lines = (text: string, x: number, width: number, style: 'normal' | 'bold' = 'normal') => {
    doc.setFont(FONT, style);
    for (const l of doc.splitTextToSize(text, width) as string[]) {
      ensure(LINE);
      doc.text(l, x, y, { baseline: 'top' });
      y += LINE;
    }
  };

  // Sender (Caf) top left, recipient block on the right, as a window envelope expects.
  doc.setFontSize(9.5);
  letter.sender.forEach((l, i) => lines(l, MARGIN, 80, i === 0 ? 'bold' : 'normal'));
  const afterSender = y;
  y = MARGIN + 30;
  doc.setFontSize(10.5);
  letter.recipient.forEach((l, i) => lines(l, 110, 80, i === 2 ? 'bold' : 'normal'));
  y = Math.max(y, afterSender) + 8;
  doc.setFont(FONT, 'normal');
  doc.text(letter.placeAndDate, 210 - MARGIN, y, { align: 'right', baseline: 'top' });
  y += LINE * 2;
  if (letter.reference) lines(`Réf. : ${letter.reference}`, MARGIN, WIDTH);
  lines(`Objet : ${letter.subject}`, MARGIN, WIDTH, 'bold');
  y += LINE;

  for (const part of letter.parts) {
    if (part.kind === 'text') {
      for (const para of part.text.split('\n')) {
        if (!para.trim()) {
          y += LINE * 0.6;
          continue;
        }
        lines(para, MARGIN, WIDTH);
      }
    } else if (letter.groups.length === 0) {
      lines('Aucune habilitation active enregistrée par la Caf.', MARGIN, WIDTH, 'bold');
    } else {
      y += 1;
      const body: (string | { content: string; colSpan: number; styles: { fontStyle: 'bold'; fillColor: number } })[][] = [];
      for (const g of letter.groups) {
        body.push([{ content: g.heading, colSpan: 4, styles: { fontStyle: 'bold', fillColor: 243 } }]);
        for (const r of g.rows) body.push([r.name, r.email, r.fn, r.since]);
      }
      autoTable(doc, {
        startY: y,
        margin: { left: MARGIN, right: MARGIN, top: MARGIN, bottom: 297 - PAGE_BOTTOM },
        head: [['Prénom NOM', 'Adresse mél', 'Fonction', 'Depuis le']],
        body,
        theme: 'grid',
        showHead: 'everyPage',
        rowPageBreak: 'avoid',
        styles: { font: FONT, fontSize: 8.5, cellPadding: 1.2, lineColor: 0, lineWidth: 0.2, textColor: 0, overflow: 'linebreak' },
        headStyles: { font: FONT, fontStyle: 'bold', fillColor: 232, textColor: 0 },
        columnStyles: { 0: { cellWidth: 42 }, 1: { cellWidth: 62 }, 2: { cellWidth: 44 }, 3: { cellWidth: 22 } },
      });
      // jspdf-autotable records where the table ended on the document (not in its typings).
      y = (doc as unknown as { lastAutoTable: { finalY: number } }).lastAutoTable.finalY + 4;
    }
  }
  y += LINE;
  ensure(LINE * 4);
  y += LINE;
  letter.signature.forEach((l, i) => {
    doc.setFont(FONT, i === 0 ? 'bold' : 'normal');
    doc.text(l, 110, y, { baseline: 'top' });
    y += LINE;
  });
  const pages = doc.getNumberOfPages();
  doc.setFontSize(8);
  doc.setFont(FONT, 'normal');
  for (let i = 1; i <= pages; i++) {
    doc.setPage(i);
    doc.text(`Page ${i} / ${pages}`, 210 - MARGIN, 297 - 10, { align: 'right' });
  }
  return new Uint8Array(doc.output('arraybuffer'));
}
