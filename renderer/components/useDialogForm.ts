/**
 * State of a form dialog, shared by every one of them: the value being typed, whether it differs from what was
 * opened (FormDialog's guard), the errors by field (a field's error goes away as soon as it is edited), and the
 * validity of each date field on its own — a bad signature date can no longer be hidden by a good date d'effet.
 */
import { useCallback, useMemo, useState } from 'react';
import { DATE_MESSAGE } from './DateField';

export interface FieldError {
  field: string;
  message: string;
}

/** Deep equality of plain form values ('' and undefined count as the same empty field). */
export function sameFormValue(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === undefined || v === '' || v === null;
  if (empty(a) && empty(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!sameFormValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

export function useDialogForm<T>(initial: () => T) {
  const [start] = useState(initial);
  const [value, setValue] = useState<T>(start);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [badDates, setBadDates] = useState<ReadonlySet<string>>(() => new Set());

  /** Change the value; the errors of `fields` (by default the patch's own keys) are cleared. */
  const update = useCallback((patch: Partial<T> | ((v: T) => T), fields?: string[]) => {
    setValue((v) => (typeof patch === 'function' ? patch(v) : { ...v, ...patch }));
    const cleared = fields ?? (typeof patch === 'function' ? [] : Object.keys(patch));
    if (cleared.length) setErrors((es) => (es.some((e) => cleared.includes(e.field)) ? es.filter((e) => !cleared.includes(e.field)) : es));
  }, []);

  /** DateField's onChange for the date at `field`: records its own validity, then applies the ISO value. */
  const dateChange = useCallback(
    (field: string, apply: (iso: string | undefined) => void) => (v: string | undefined | null) => {
      setBadDates((s) => {
        if ((v === null) === s.has(field)) return s;
        const n = new Set(s);
        if (v === null) n.add(field);
        else n.delete(field);
        return n;
      });
      setErrors((es) => es.filter((e) => e.field !== field));
      apply(v ?? undefined);
    },
    [],
  );

  /** One error per invalid date field, in the order they were typed. */
  const dateErrors = useCallback((): FieldError[] => [...badDates].map((field) => ({ field, message: DATE_MESSAGE })), [badDates]);

  /** Forget the date validity of fields that no longer exist (a role row removed). */
  const dropDates = useCallback((match: (field: string) => boolean) => setBadDates((s) => new Set([...s].filter((f) => !match(f)))), []);

  const dirty = badDates.size > 0 || !sameFormValue(value, start);
  const errorOf = useCallback((field: string) => errors.find((e) => e.field === field)?.message, [errors]);

  return useMemo(
    () => ({
      value,
      start,
      update,
      setValue,
      dirty,
      errors,
      setErrors,
      errorOf,
      /** error + helperText props for a TextField (helper kept when there is no error, ' ' keeps the height). */
      fieldProps: (field: string, helper: string = ' ') => ({ error: !!errorOf(field), helperText: errorOf(field) ?? helper }),
      dateChange,
      dateErrors,
      dropDates,
      hasBadDates: badDates.size > 0,
    }),
    [value, start, update, dirty, errors, errorOf, dateChange, dateErrors, dropDates, badDates],
  );
}
