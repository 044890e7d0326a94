/**
 * Puts the form to print beside #root (a portal into <body>): on screen it is hidden, and while it is mounted
 * the print CSS hides everything else, so « Imprimer », Ctrl+P and the PDF contain the form and nothing of the
 * app shell. The on-screen preview renders the same FormDocument with the same data.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { FilledForm } from '../../../shared/forms';
import { FormDocument } from './FormDocument';
import '@fontsource/noto-emoji/400.css';
import './forms.css';

export function PrintHost({ form }: { form: FilledForm }) {
  return (
    <PrintPortal testId="form-print-host">
      <FormDocument form={form} />
    </PrintPortal>
  );
}

/** Any printable document (forms, reports) in the print host: while mounted, it is all that prints. */
export function PrintPortal({ children, testId }: { children: ReactNode; testId: string }) {
  const [host] = useState(() => {
    const el = document.createElement('div');
    el.className = 'mcp-print-host';
    el.dataset.testid = testId;
    return el;
  });
  useEffect(() => {
    document.body.appendChild(host);
    document.body.classList.add('mcp-print-active');
    return () => {
      host.remove();
      if (!document.querySelector('.mcp-print-host')) document.body.classList.remove('mcp-print-active');
    };
  }, [host]);
  return createPortal(children, host);
}

/** The print fonts load lazily; printing before they arrive would fall back to a system face. */
export async function printFontsReady(): Promise<void> {
  await Promise.all([
    document.fonts.load('400 10pt "MCP Print"'),
    document.fonts.load('700 10pt "MCP Print"'),
    document.fonts.load('italic 400 10pt "MCP Print"'),
    // The emoji fallback's parts (by unicode range) that the documents being printed need.
    document.fonts.load('400 10pt "Noto Emoji"', [...document.querySelectorAll('.mcp-print-host')].map((e) => e.textContent ?? '').join('') || ' '),
  ]);
  await document.fonts.ready;
}
