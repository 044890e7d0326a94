/**
 * Preview = print: the on-screen A4 sheets and the printed pages are the same FormDocument fed the same data.
 * « Imprimer » opens the system dialog (default printer preselected); Ctrl+P does the same (the shell sends the
 * 'imprimer' menu command); « Enregistrer en PDF » goes through Chromium's print pipeline.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Stack } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import type { FilledForm } from '../../../shared/forms';
import { useServices } from '../../app/services';
import { FormDocument } from './FormDocument';
import { PrintHost, printFontsReady } from './PrintHost';

export type OutputKind = 'impression' | 'pdf';

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
  const { platform } = useServices();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ severity: 'success' | 'info' | 'error'; text: string } | null>(null);

  const output = async (kind: OutputKind) => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      await printFontsReady();
      if (kind === 'impression') {
        const r = await platform.print();
        if (!r.printed) {
          setMessage({ severity: 'info', text: "Impression annulée : le formulaire n'a pas été enregistré comme émis." });
          return;
        }
        await onOutput?.('impression');
      } else {
        const r = await platform.savePdf(fileName);
        if (!r.saved) {
          setMessage({
            severity: 'info',
            text:
              platform.kind === 'browser'
                ? "Dans le navigateur, choisissez « Enregistrer au format PDF » dans la fenêtre d'impression. Le formulaire n'a pas été enregistré comme émis."
                : "Enregistrement annulé : le formulaire n'a pas été enregistré comme émis.",
          });
          return;
        }
        setMessage({ severity: 'success', text: `PDF enregistré : ${r.path ?? fileName}` });
        await onOutput?.('pdf', r.path);
      }
    } catch (e) {
      setMessage({ severity: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };

  // Ctrl+P while this preview is shown prints this form.
  const outputRef = useRef(output);
  outputRef.current = output;
  useEffect(() => {
    if (!active) return;
    return platform.onMenuCommand((command) => {
      if (command === 'imprimer') void outputRef.current('impression');
    });
  }, [platform, active]);

  return (
    <Box>
      <Stack direction="row" spacing={1} sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => void output('impression')} disabled={busy}>
          Imprimer
        </Button>
        <Button variant="outlined" startIcon={<PictureAsPdfIcon />} onClick={() => void output('pdf')} disabled={busy}>
          Enregistrer en PDF
        </Button>
        <Box component="span" sx={{ color: 'text.secondary', fontSize: 13 }}>
          Fichier : {fileName} — Ctrl+P imprime aussi
        </Box>
      </Stack>
      {message && (
        <Alert severity={message.severity} sx={{ mb: 2 }} onClose={() => setMessage(null)}>
          {message.text}
        </Alert>
      )}
      <Box
        role="region"
        aria-label="Aperçu du formulaire"
        data-testid="form-preview"
        sx={{ bgcolor: 'grey.300', p: 2, overflow: 'auto', maxHeight: '80vh', borderRadius: 1 }}
      >
        <FormDocument form={form} />
      </Box>
      {active && <PrintHost form={form} />}
    </Box>
  );
}
