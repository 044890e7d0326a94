/**
 * Preview = print, for any printable document (a form, a report): the on-screen A4 sheets and the printed
 * pages are the same element. « Imprimer » opens the system dialog (default printer preselected); Ctrl+P does
 * the same (the shell sends the 'imprimer' menu command); « Enregistrer en PDF » goes through Chromium's print
 * pipeline (Electron's printToPDF).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { useServices } from '../../app/services';
import { PrintPortal, printFontsReady } from './PrintHost';

export type OutputKind = 'impression' | 'pdf';

export interface PrintMessages {
  printCancelled: string;
  pdfCancelled: string;
  browserPdf: string;
}

export function PrintPreview({
  document: doc,
  fileName,
  onOutput,
  active = true,
  label,
  testId,
  hostTestId,
  messages,
  actions,
}: {
  document: ReactNode;
  fileName: string;
  /** Called once the document was printed or saved (not when cancelled). */
  onOutput?: (kind: OutputKind, path?: string) => Promise<void> | void;
  /** Only the active preview owns the print host and Ctrl+P. */
  active?: boolean;
  label: string;
  testId: string;
  hostTestId: string;
  messages: PrintMessages;
  /** More buttons on the same line (exports). */
  actions?: ReactNode;
}) {
  const { platform } = useServices();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ severity: 'success' | 'info' | 'error'; text: string } | null>(null);

  const [asking, setAsking] = useState<((printed: boolean) => void) | null>(null);
  const askPrinted = () => new Promise<boolean>((resolve) => setAsking(() => resolve));
  const answer = (printed: boolean) => {
    asking?.(printed);
    setAsking(null);
  };

  const output = async (kind: OutputKind) => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      await printFontsReady();
      if (kind === 'impression') {
        const r = await platform.print();
        // Without a signal from the print dialog (browser build), the user says whether it printed.
        const printed = r.printed && (!r.unconfirmed || !onOutput || (await askPrinted()));
        if (!printed) {
          setMessage({ severity: 'info', text: messages.printCancelled });
          return;
        }
        await onOutput?.('impression');
      } else {
        const r = await platform.savePdf(fileName);
        if (!r.saved) {
          setMessage({ severity: 'info', text: platform.kind === 'browser' ? messages.browserPdf : messages.pdfCancelled });
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

  // Ctrl+P while this preview is shown prints this document.
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
      <Stack direction="row" spacing={1} useFlexGap sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button variant="contained" startIcon={<PrintIcon />} onClick={() => void output('impression')} disabled={busy}>
          Imprimer
        </Button>
        <Button variant="outlined" startIcon={<PictureAsPdfIcon />} onClick={() => void output('pdf')} disabled={busy}>
          Enregistrer en PDF
        </Button>
        {actions}
        <Box component="span" sx={{ color: 'text.secondary', fontSize: 13 }}>
          Fichier : {fileName} — Ctrl+P imprime aussi
        </Box>
      </Stack>
      {message && (
        <Alert severity={message.severity} sx={{ mb: 2 }} onClose={() => setMessage(null)}>
          {message.text}
        </Alert>
      )}
      <Box role="region" aria-label={label} data-testid={testId} sx={{ bgcolor: 'grey.300', p: 2, overflow: 'auto', maxHeight: '80vh', borderRadius: 1 }}>
        {doc}
      </Box>
      {active && <PrintPortal testId={hostTestId}>{doc}</PrintPortal>}
      <Dialog open={asking !== null} onClose={() => answer(false)} aria-labelledby="print-asked-title" maxWidth="xs" fullWidth>
        <DialogTitle id="print-asked-title">L'impression s'est-elle bien passée ?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Le navigateur ne dit pas si le document a été imprimé ou si l'impression a été annulée. Il n'est enregistré comme émis que si vous répondez oui.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => answer(false)} autoFocus>
            Non, pas imprimé
          </Button>
          <Button variant="contained" onClick={() => answer(true)}>
            Oui, il est imprimé
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
