/**
 * Reports and campaign figures (issue 15):
 * - `report.pdf_ms.habilitations_typical`: measured from Node (bench/reports.ts: render + Page.printToPDF).
 * - `campaign.prepare_ms.typical`: letters (PDF, in the worker) and e-mail drafts (.eml with the PDF attached)
 *   for the 300 partners of the typical set, zipped: the « Préparer » button's whole work. Goal ≤ 10 s.
 */
import { registerFigure } from '../registry';
import { benchDataset } from '../datasets';
import { REFERENCE_DATE } from '../../../shared/demo/generator';
import { defaultSettings } from '../../../shared/settings/schema';
import { defaultTemplates } from '../../../shared/templates/defaults';
import { letterContexts } from '../../features/campaign/data';
import { letterMaker, warmLetterWorkers } from '../../features/campaign/letters';
import { prepareCampaign } from '../../features/campaign/prepare';

const report = {
  id: 'report.pdf_ms.habilitations_typical',
  unit: 'ms',
  label: 'PDF du rapport des habilitations par partenaire et profil, jeu typique, toutes Caf (rendu + impression Chromium, médiane de 3)',
  driver: 'node' as const,
  run: () => Promise.reject(new Error('Mesure faite depuis Node (bench/reports.ts)')),
};
registerFigure(report);

registerFigure({
  id: 'campaign.prepare_ms.typical',
  unit: 'ms',
  label: 'Campagne de revue inverse : lettres PDF + brouillons .eml pour les 300 partenaires du jeu typique, en zip (cible ≤ 10 000 ms)',
  async run() {
    const ds = benchDataset('typical');
    const partners = ds.partners.filter((p) => p.status === 'actif');
    const make = letterMaker();
    // As the campaign screen does when it opens: the workers are started and their fonts loaded before « Préparer ».
    await warmLetterWorkers();
    const t0 = performance.now();
    const contexts = letterContexts(ds, partners, defaultSettings('b0000000000000a1'), REFERENCE_DATE);
    const out = await prepareCampaign({
      contexts: partners.map((p) => contexts.get(p.id)!),
      template: defaultTemplates[0]!,
      campaign: { year: 2027, answerBy: '2027-01-31', title: 'Revue inverse des habilitations 2027' },
      sender: { name: 'Caf', email: 'partenaires@caf.example' },
      agent: 'Banc de mesure',
      today: REFERENCE_DATE,
      makeLetter: make,
    });
    const ms = performance.now() - t0;
    if (out.files.length < partners.length / 2) throw new Error(`${out.files.length} courriers seulement`);
    return ms;
  },
});
