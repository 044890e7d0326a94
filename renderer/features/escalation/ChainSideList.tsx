import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { Box, IconButton, MenuItem, Paper, TextField, Tooltip, Typography } from '@mui/material';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import DragIndicatorIcon from '@mui/icons-material/DragIndicator';
import type { Contact } from '../../../shared/domain/contact';
import { contactName, type KnownContact } from '../../../shared/rules/escalation';
import { ContactLine } from './ContactLine';

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/**
 * One ordered side of a chain (« dans l'ordre présenté »). Reorder by dragging an entry, by its « monter /
 * descendre » buttons, or with Alt+↑ / Alt+↓ on the focused entry (focus follows the entry).
 */
export function ChainSideList({
  title,
  testId,
  ids,
  onChange,
  known,
  candidates,
  today,
  emptyText,
}: {
  title: string;
  testId: string;
  ids: string[];
  onChange(ids: string[]): void;
  known: ReadonlyMap<string, KnownContact>;
  candidates: Contact[];
  today: string;
  emptyText: string;
}) {
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  /** Read out by screen readers after a move (the list itself re-renders silently). */
  const [announce, setAnnounce] = useState('');
  const items = useRef<(HTMLLIElement | null)[]>([]);

  useEffect(() => {
    if (focusIndex !== null) {
      items.current[focusIndex]?.focus();
      setFocusIndex(null);
    }
  }, [focusIndex, ids]);

  const nameOf = (id: string) => {
    const k = known.get(id);
    return k ? contactName(k.contact) : 'interlocuteur inconnu';
  };
  const move = (from: number, to: number, keepFocus = false) => {
    if (to < 0 || to >= ids.length) return;
    const moved = ids[from];
    onChange(moveItem(ids, from, to));
    if (moved !== undefined) setAnnounce(`${nameOf(moved)} : position ${to + 1} sur ${ids.length}.`);
    if (keepFocus) setFocusIndex(to);
  };
  const onKey = (e: KeyboardEvent<HTMLLIElement>, i: number) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    move(i, e.key === 'ArrowUp' ? i - 1 : i + 1, true);
  };
  const onDrop = (e: DragEvent, i: number) => {
    e.preventDefault();
    const from = dragFrom ?? Number(e.dataTransfer.getData('text/plain'));
    if (Number.isInteger(from)) move(from, i);
    setDragFrom(null);
    setDropAt(null);
  };
  const available = candidates.filter((c) => !ids.includes(c.id));

  return (
    <Paper variant="outlined" sx={{ p: 2, flex: 1, minWidth: 320 }} data-testid={testId}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        À contacter dans l'ordre présenté. Réordonnez en glissant une ligne, avec les flèches, ou avec Alt+↑ / Alt+↓.
      </Typography>
      {ids.length === 0 ? (
        <Typography variant="body2" sx={{ fontStyle: 'italic', my: 1 }}>
          {emptyText}
        </Typography>
      ) : (
        <Box component="ol" aria-label={title} sx={{ listStyle: 'none', p: 0, m: 0 }}>
          {ids.map((id, i) => {
            const name = nameOf(id);
            return (
              <Box
                component="li"
                key={id}
                ref={(el: HTMLLIElement | null) => {
                  items.current[i] = el;
                }}
                tabIndex={0}
                draggable
                aria-label={`${i + 1}. ${name}`}
                onKeyDown={(e: KeyboardEvent<HTMLLIElement>) => onKey(e, i)}
                onDragStart={(e: DragEvent) => {
                  setDragFrom(i);
                  e.dataTransfer.effectAllowed = 'move';
                  e.dataTransfer.setData('text/plain', String(i));
                }}
                onDragOver={(e: DragEvent) => {
                  e.preventDefault();
                  setDropAt(i);
                }}
                onDragLeave={() => setDropAt(null)}
                onDrop={(e: DragEvent) => onDrop(e, i)}
                onDragEnd={() => {
                  setDragFrom(null);
                  setDropAt(null);
                }}
                sx={{
                  display: 'flex',
                  alignItems: 'center',
                  gap: 1,
                  py: 1,
                  px: 1,
                  borderTop: '1px solid',
                  borderColor: dropAt === i ? 'primary.main' : 'divider',
                  bgcolor: dragFrom === i ? 'action.selected' : undefined,
                  '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 },
                }}
              >
                <DragIndicatorIcon fontSize="small" sx={{ cursor: 'grab', color: 'text.secondary' }} aria-hidden />
                <Typography sx={{ width: 24, fontWeight: 600 }} aria-hidden>
                  {i + 1}.
                </Typography>
                <Box sx={{ flex: 1, minWidth: 0 }}>
                  <ContactLine known={known.get(id)} today={today} />
                </Box>
                <Tooltip title="Monter">
                  <span>
                    <IconButton size="small" aria-label={`Monter ${name}`} disabled={i === 0} onClick={() => move(i, i - 1)}>
                      <ArrowUpwardIcon fontSize="small" />
                    </IconButton>
                  </span>
                </Tooltip>
                <Tooltip title="Descendre">
                  <span>
                    <IconButton size="small" aria-label={`Descendre ${name}`} disabled={i === ids.length - 1} onClick={() => move(i, i + 1)}>
                      <ArrowDownwardIcon fontSize="small" />
                    </IconButton>
                  </span>
                </Tooltip>
                <Tooltip title="Retirer de la liste">
                  <IconButton size="small" aria-label={`Retirer ${name}`} onClick={() => onChange(ids.filter((x) => x !== id))}>
                    <DeleteOutlinedIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              </Box>
            );
          })}
        </Box>
      )}
      <Box role="status" aria-live="polite" sx={{ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' }}>
        {announce}
      </Box>
      <TextField
        select
        fullWidth
        label="Ajouter un interlocuteur"
        value=""
        sx={{ mt: 1.5 }}
        disabled={available.length === 0}
        helperText={available.length === 0 ? (candidates.length === 0 ? 'Aucun interlocuteur en fonction à proposer : créez-le dans Interlocuteurs.' : 'Tous les interlocuteurs en fonction sont déjà dans la liste.') : ' '}
        onChange={(e) => {
          if (e.target.value) onChange([...ids, e.target.value]);
        }}
      >
        {available.map((c) => (
          <MenuItem key={c.id} value={c.id}>
            {contactName(c)}
            {c.function ? ` — ${c.function}` : ''}
          </MenuItem>
        ))}
      </TextField>
    </Paper>
  );
}
