import { TextField, type SxProps, type Theme } from '@mui/material';
import { useEffect, useState } from 'react';
import { formatDate, parseFrenchDate } from '../../shared/rules/dates';

export const DATE_MESSAGE = 'Date invalide : utilisez le format jj/mm/aaaa.';

/**
 * A date typed as jj/mm/aaaa (what the office writes on paper), stored yyyy-MM-dd. A plain text field rather
 * than a picker: fastest with the keyboard, and it reads the same whatever the browser's locale.
 */
export function DateField({
  label,
  value,
  onChange,
  error,
  required,
  id,
  sx,
}: {
  label: string;
  value: string | undefined;
  /** undefined = empty; null = not a valid date (the parent refuses to save). */
  onChange: (iso: string | undefined | null) => void;
  error?: string | null;
  required?: boolean;
  id?: string;
  sx?: SxProps<Theme>;
}) {
  const [text, setText] = useState(formatDate(value));
  useEffect(() => {
    // Follow outside changes (record reloaded) without fighting the user's typing.
    if (value && parseFrenchDate(text) !== value) setText(formatDate(value));
    // Cleared by the parent (e.g. after « Ajouter »): empty the field, but keep a half-typed date.
    if (!value && parseFrenchDate(text) !== null) setText('');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const own = text.trim() !== '' && parseFrenchDate(text) === null ? DATE_MESSAGE : null;
  return (
    <TextField
      id={id}
      sx={sx}
      label={label}
      size="small"
      value={text}
      placeholder="jj/mm/aaaa"
      required={required}
      error={!!(own ?? error)}
      helperText={own ?? error ?? ' '}
      slotProps={{ htmlInput: { inputMode: 'numeric' } }}
      onChange={(e) => {
        const t = e.target.value;
        setText(t);
        if (t.trim() === '') onChange(undefined);
        else onChange(parseFrenchDate(t));
      }}
    />
  );
}
