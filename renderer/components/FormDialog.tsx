/**
 * The frame of every form dialog: a <form> whose actions stay visible (the content scrolls between a fixed title
 * and a fixed footer, so « Enregistrer » is on screen at 1366×768), Entrée saves (native form submission), the
 * first error is summarised at the top, and unsaved typing is never discarded without asking — Escape, a click
 * outside and « Annuler » all go through the same guard.
 */
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, type DialogProps } from '@mui/material';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { ConfirmDialog } from './ConfirmDialog';
import { saveFailureText } from './saveError';
import { DISCARD_TEXT, DISCARD_TITLE, useUnsavedChanges } from './unsaved';

export { DISCARD_TEXT, DISCARD_TITLE };

export interface FormDialogProps {
  open: boolean;
  /** Accessible name of the dialog (also its visible title). */
  title: ReactNode;
  /** Unique id for aria-labelledby. */
  titleId: string;
  /** True when something was typed: closing then asks first. */
  dirty: boolean;
  /** Really closes (after the guard when dirty; straight away after a successful save). */
  onClose: () => void;
  onSubmit: () => void | Promise<void>;
  /** Summary of the first error, shown at the top (the field shows its own message too). */
  error?: string | null | undefined;
  submitLabel?: string;
  submitDisabled?: boolean;
  /** « error » / « warning » when the main action removes or merges records (e.g. « Accès supprimé »). */
  submitColor?: 'primary' | 'error' | 'warning';
  /** Extra buttons between « Annuler » and the main one (e.g. « Enregistrer malgré le quota »). */
  extraActions?: ReactNode;
  maxWidth?: DialogProps['maxWidth'];
  children: ReactNode;
}

export function FormDialog({ open, title, titleId, dirty, onClose, onSubmit, error, submitLabel = 'Enregistrer', submitDisabled, submitColor = 'primary', extraActions, maxWidth = 'sm', children }: FormDialogProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  // A save that threw past its dialog's own handling (a full disk, a bug): said here rather than lost in the console.
  const [failure, setFailure] = useState<string | null>(null);
  // While saving, the edits are no longer « unsaved »: a save that then navigates (new partner → its page) must
  // not be stopped by the app-wide guard.
  // Once the user chose « Abandonner les modifications » here, the app-wide guard must not ask again when the
  // closing dialog navigates (new partner → back to the list): released until the dialog opens again.
  const [released, setReleased] = useState(false);
  useEffect(() => {
    if (open) {
      setReleased(false);
      setFailure(null);
    }
  }, [open]);
  useUnsavedChanges(open && dirty && !busy && !released);
  const requestClose = () => (dirty ? setAsking(true) : onClose());
  const discard = () => {
    flushSync(() => {
      setAsking(false);
      setReleased(true);
    }); // commits (and releases the guard) before onClose navigates
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return; // a second Entrée while saving must not save twice
    flushSync(() => setBusy(true)); // commits (and releases the guard) before onSubmit runs
    setFailure(null);
    try {
      await onSubmit();
    } catch (err) {
      setFailure(saveFailureText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Dialog
        open={open}
        onClose={requestClose}
        maxWidth={maxWidth}
        fullWidth
        scroll="paper"
        aria-labelledby={titleId}
        slotProps={{ paper: { component: 'form', noValidate: true, onSubmit: (e: FormEvent) => void submit(e) } as object }}
      >
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent dividers>
          {(error || failure) && (
            <Alert severity="error" sx={{ mb: 2 }} role="alert">
              {error || failure}
            </Alert>
          )}
          {children}
        </DialogContent>
        <DialogActions>
          <Button onClick={requestClose}>Annuler</Button>
          {extraActions}
          <Button type="submit" variant="contained" color={submitColor} disabled={submitDisabled || busy}>
            {submitLabel}
          </Button>
        </DialogActions>
      </Dialog>
      <ConfirmDialog
        open={asking}
        title={DISCARD_TITLE}
        cancelLabel="Continuer la saisie"
        confirmLabel="Abandonner les modifications"
        onClose={() => setAsking(false)}
        onConfirm={discard}
      >
        {DISCARD_TEXT}
      </ConfirmDialog>
    </>
  );
}
