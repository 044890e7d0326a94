/**
 * What a dialog says when a save fails, the same everywhere: a refused field goes on its field, a full disk says
 * so in French (renderer/db/storageErrors.ts), and anything else is named with the reassurance that the Store's
 * transaction was rolled back. The Store's `ValidationError` is recognised by its name, not by `instanceof`, so
 * this module (used by FormDialog) does not pull the Store into the chunks that only show a form.
 */
import { storageFailureMessage } from '../db/storageErrors';
import type { FieldError } from './useDialogForm';

/** The error the Store throws for a refused value (renderer/db/store.ts), seen structurally. */
function refusedField(e: unknown): FieldError | undefined {
  if (!(e instanceof Error) || e.name !== 'ValidationError') return undefined;
  const field = (e as Error & { field?: unknown }).field;
  return { field: typeof field === 'string' ? field : '', message: e.message };
}

/** The sentence to show for a failed save. `what` opens the sentence of an unexpected failure. */
export function saveFailureText(e: unknown, what = 'Enregistrement impossible'): string {
  const refused = refusedField(e);
  if (refused) return refused.message;
  const storage = storageFailureMessage(e);
  if (storage) return storage;
  const detail = e instanceof Error ? e.message : String(e);
  return `${what} : ${detail}. Rien n'a été enregistré ; réessayez, et si l'erreur revient, notez ce message pour le support.`;
}

/** A failed save as a dialog error: on its field when the Store named one, at the top otherwise. */
export function saveErrorOf(e: unknown, what?: string): FieldError {
  return refusedField(e) ?? { field: '', message: saveFailureText(e, what) };
}
