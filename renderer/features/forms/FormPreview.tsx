/** The form's preview: the generic print preview fed the FormDocument (see PrintPreview.tsx). */
import type { FilledForm } from '../../../shared/forms';
import { FormDocument } from './FormDocument';
import { PrintPreview, type OutputKind } from './PrintPreview';

export type { OutputKind };

const formMessages = {
  printCancelled: "Impression annulée : le formulaire n'a pas été enregistré comme émis.",
  pdfCancelled: "Enregistrement annulé : le formulaire n'a pas été enregistré comme émis.",
  browserPdf:
    "Dans le navigateur, choisissez « Enregistrer au format PDF » dans la fenêtre d'impression. Le formulaire n'a pas été enregistré comme émis.",
};

export function FormPreview({
  form,
  fileName,
  onOutput,
  active = true,
}: {
  form: FilledForm;
  fileName: string;
  /** Called once the form was printed or saved (not when cancelled). */
  onOutput?: (kind: OutputKind, path?: string) => Promise<void> | void;
  /** Only the active preview owns the print host and Ctrl+P. */
  active?: boolean;
}) {
  return (
    <PrintPreview
      document={<FormDocument form={form} />}
      fileName={fileName}
      onOutput={onOutput}
      active={active}
      label="Aperçu du formulaire"
      testId="form-preview"
      hostTestId="form-print-host"
      messages={formMessages}
    />
  );
}
