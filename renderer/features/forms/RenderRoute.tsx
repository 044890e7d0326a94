/**
 * `#/formulaires/rendu`: a print-only page driven from outside (scripts/forms-pdf.ts, bench/forms.ts, the
 * end-to-end tests). They call `window.__formsRender(json)` with a filled form (the same JSON an issued form
 * stores), wait for the promise, then print the page with Chromium's Page.printToPDF.
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { parseSnapshot, type FilledForm } from '../../../shared/forms';
import { PrintHost, printFontsReady } from './PrintHost';

declare global {
  interface Window {
    __formsRender?: (json: string) => Promise<{ type: string }>;
  }
}

export function RenderRoute() {
  const [form, setForm] = useState<FilledForm | null>(null);
  useEffect(() => {
    window.__formsRender = async (json: string) => {
      const parsed = parseSnapshot(json);
      flushSync(() => setForm(parsed));
      await printFontsReady();
      return { type: parsed.type };
    };
    document.body.dataset.formsRenderReady = '1';
    return () => {
      delete window.__formsRender;
      delete document.body.dataset.formsRenderReady;
    };
  }, []);
  return (
    <div>
      <h1 style={{ fontSize: 16 }}>Rendu des formulaires</h1>
      <p>{form ? `Formulaire prêt : ${form.type}` : 'En attente des données du formulaire.'}</p>
      {form ? <PrintHost form={form} /> : null}
    </div>
  );
}
