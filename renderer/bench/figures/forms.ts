/**
 * Forms figure (issue 5): `form.pdf_ms.suppression30`, time for Chromium to produce the PDF of a 30-person
 * suppression request (render + Page.printToPDF). page.pdf is driven from Node: the measurement is
 * `measureSuppression30Pdf` in bench/forms.ts, which bench/run.ts calls for this id. Target ≤ 1,000 ms.
 */
import { registerFigure } from '../registry';

// A variable, not an inline literal: type-checks whether or not the registry already declares `driver`.
const figure = {
  id: 'form.pdf_ms.suppression30',
  unit: 'ms',
  label: 'PDF de la demande de suppression CDAP pour 30 personnes (rendu + impression Chromium, médiane de 5, cible ≤ 1 000 ms)',
  driver: 'node' as const,
  run: () => Promise.reject(new Error('Mesure faite depuis Node (bench/forms.ts)')),
};
registerFigure(figure);
