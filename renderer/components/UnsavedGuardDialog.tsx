import { ConfirmDialog } from './ConfirmDialog';
import { DISCARD_TEXT, DISCARD_TITLE, resolvePendingNavigation, usePendingNavigation } from './unsaved';

/** Mounted once in the shell: asks before a navigation leaves unsaved edits behind. */
export function UnsavedGuardDialog() {
  const pending = usePendingNavigation();
  return (
    <ConfirmDialog
      open={pending !== null}
      title={DISCARD_TITLE}
      cancelLabel="Continuer la saisie"
      confirmLabel="Abandonner les modifications"
      onClose={() => resolvePendingNavigation(false)}
      onConfirm={() => resolvePendingNavigation(true)}
    >
      {DISCARD_TEXT}
    </ConfirmDialog>
  );
}
