/**
 * Puts the form to print beside #root (a portal into <body>): on screen it is hidden, and while it is mounted
 * the print CSS hides everything else, so « Imprimer », Ctrl+P and the PDF contain the form and nothing of the
 * app shell. The on-screen preview renders the same FormDocument with the same data.
 */
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { FilledForm } from '../../../shared/forms';
import { FormDocument } from './FormDocument';

export function PrintHost({ form }: { form: FilledForm }) {
  const [host] = useState(() => {
    const el = document.createElement('div');
    el.className = 'mcp-print-host';
    el.dataset.testid = 'form-print-host';
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
  return createPortal(<FormDocument form={form} />, host);
}

/** The print fonts load lazily; printing before they arrive would fall back to a system face. */
export async function printFontsReady(): Promise<void> {
  await Promise.all([
    document.fonts.load('400 10pt "MCP Print"'),
    document.fonts.load('700 10pt "MCP Print"'),
    document.fonts.load('italic 400 10pt "MCP Print"'),
  ]);
  await document.fonts.ready;
}
