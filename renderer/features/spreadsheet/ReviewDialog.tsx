/**
 * « Rapprocher la revue inverse » : the list returned by the partner's administrator (any spreadsheet of users
 * with e-mail, function, profile) against the records, in three lists; the chosen lines are applied in one
 * action and the review is recorded as done on the date received (the next due date follows).
 */
import { Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, LinearProgress, List, ListItem, ListItemIcon, ListItemText, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useServices } from '../../app/services';
import { DateField } from '../../components/DateField';
import { liveRowsWhere } from '../../db/store';
import { endReasonLabels, endReasons, type EndReason } from '../../../shared/domain/habilitation';
import { formatDate, todayIso } from '../../../shared/rules/dates';
import type { Allocation, Habilitation } from '../../../shared/domain/habilitation';
import { cellText, type CellValue } from '../../../shared/spreadsheet/cells';
import { fieldOf, proposeMapping } from '../../../shared/spreadsheet/fields';
import { guessHeaderRow } from '../../../shared/spreadsheet/plan';
import { quotaAfterChoices, reconcileReview, returnedUsers } from '../../../shared/spreadsheet/review';
import { errorMessage } from '../sync/actions';
import { startSpreadsheetWorker } from './client';
import { applyReview } from './reviewActions';

const FILTERS = [{ name: 'Tableurs (Excel, CSV)', extensions: ['xlsx', 'csv', 'txt', 'ods'] }];
/** The columns a returned list is read by (the import's habilitation fields). */
const REVIEW_FIELDS = ['lastName', 'firstName', 'email', 'function', 'profile', 'service'] as const;
type ReviewField = (typeof REVIEW_FIELDS)[number];
type Columns = Record<ReviewField, number>;

function columnsOf(headers: readonly CellValue[]): Columns {
  const mapping = proposeMapping('habilitation', headers.map((c) => cellText(c)));
  return Object.fromEntries(REVIEW_FIELDS.map((f) => [f, mapping.indexOf(f)])) as Columns;
}
const columnLetter = (i: number) => {
  let s = '';
  for (let x = i + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

export function ReviewDialog({ open, onClose, partnerId, conventionId }: { open: boolean; onClose: () => void; partnerId: string; conventionId: string | undefined }) {
  const { db, store, platform } = useServices();
  const [fileName, setFileName] = useState('');
  /** The list as read: its sheets, the rows of the chosen sheet, header row and columns (all changeable). */
  const [sheets, setSheets] = useState<string[]>([]);
  const [sheet, setSheet] = useState(0);
  const [rows, setRows] = useState<CellValue[][] | null>(null);
  const [headerRow, setHeaderRow] = useState(0);
  const [columns, setColumns] = useState<Columns | null>(null);
  const [records, setRecords] = useState<{ habilitations: Habilitation[]; allocations: Allocation[] } | null>(null);
  const [receivedOn, setReceivedOn] = useState<string | undefined | null>(todayIso());
  const [ends, setEnds] = useState<Record<string, EndReason | null>>({});
  const [adds, setAdds] = useState<Record<number, boolean>>({});
  const [override, setOverride] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const worker = useRef<ReturnType<typeof startSpreadsheetWorker> | null>(null);
  useEffect(() => () => worker.current?.terminate(), []);

  const result = useMemo(() => {
    if (!rows || !columns || !records) return null;
    const mapping = rows[headerRow]?.map((_, i) => REVIEW_FIELDS.find((f) => columns[f] === i) ?? null) ?? [];
    const { users, refused } = returnedUsers(rows, headerRow, mapping);
    return reconcileReview(records.habilitations, records.allocations, users, refused);
  }, [rows, headerRow, columns, records]);
  // A new reading of the list (file, sheet, header row or columns): the choices start again from the defaults.
  useEffect(() => {
    if (!result) return;
    setEnds(Object.fromEntries(result.toEnd.map((h) => [h.id, 'depart' as EndReason])));
    // Ticked by default: every addition a seat is free for once the preselected ends are applied.
    const free = records ? quotaAfterChoices(records.habilitations, records.allocations, new Set(result.toEnd.map((h) => h.id)), result.toAdd) : [];
    setAdds(Object.fromEntries(free.map((q) => [q.user.line, q.refusal === null])));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `records` changes only with `result` (same file)
  }, [result]);
  /** Each addition's quota with the ticked ends' seats freed and the ticked additions above it counted (as applied). */
  const quotas = useMemo(() => {
    if (!result || !records) return new Map<number, string | null>();
    const ended = new Set(result.toEnd.filter((h) => ends[h.id]).map((h) => h.id));
    const out = quotaAfterChoices(records.habilitations, records.allocations, ended, result.toAdd, { chosen: (u) => !!adds[u.line] });
    return new Map(out.map((q) => [q.user.line, q.refusal]));
  }, [result, records, ends, adds]);

  async function loadSheet(index: number) {
    const w = worker.current;
    if (!w) return;
    // Lists of users are short: the whole sheet comes back to the page.
    const r = await w.api.rows(index);
    const h = guessHeaderRow(r);
    setSheet(index);
    setRows(r);
    setHeaderRow(h);
    setColumns(columnsOf(r[h] ?? []));
  }

  async function choose() {
    const picked = await platform.openFile({ filters: FILTERS });
    if (!picked) return;
    setError(null);
    setDone(null);
    setBusy(true);
    const w = (worker.current ??= startSpreadsheetWorker());
    try {
      const summary = await w.api.read(picked.data);
      if (!summary.sheets[0]) throw new Error('Le fichier ne contient aucune feuille.');
      const [habilitations, allocations] = await Promise.all([liveRowsWhere(db, 'habilitations', 'partnerId', partnerId), liveRowsWhere(db, 'allocations', 'partnerId', partnerId)]);
      setRecords({ habilitations, allocations });
      setSheets(summary.sheets.map((s) => s.name));
      setFileName(picked.name);
      await loadSheet(0);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (!result || !receivedOn) return;
    setBusy(true);
    setError(null);
    try {
      const out = await applyReview(store, {
        partnerId,
        conventionId,
        receivedOn,
        toEnd: result.toEnd.filter((h) => ends[h.id]).map((h) => ({ id: h.id, reason: ends[h.id]! })),
        toAdd: result.toAdd.filter((a) => adds[a.line]),
        overrideReason: override,
      });
      setDone(`Revue inverse enregistrée au ${formatDate(receivedOn)} : ${out.ended} suppression(s) demandée(s), ${out.added} habilitation(s) ajoutée(s).${out.nextDue ? ` Prochaine revue : ${formatDate(out.nextDue)}.` : ''}`);
    } catch (e) {
      setError(`Rien n'a été enregistré : ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  }

  const close = () => {
    if (busy) return;
    setRows(null);
    setFileName('');
    setDone(null);
    setError(null);
    onClose();
  };
  const who = (p: { firstName: string; lastName: string; email: string }) => `${p.firstName} ${p.lastName}`.trim() + (p.email ? ` — ${p.email}` : '');

  return (
    <Dialog open={open} onClose={close} maxWidth="md" fullWidth aria-labelledby="review-title">
      <DialogTitle id="review-title">Rapprocher la revue inverse</DialogTitle>
      <DialogContent dividers>
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            Choisissez la liste renvoyée par l'administrateur du partenaire (classeur ou CSV avec nom, mél, fonction, profil).
          </Typography>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Button variant="outlined" onClick={() => void choose()} disabled={busy}>
              Choisir la liste…
            </Button>
            {fileName && <Typography>{fileName}</Typography>}
            <DateField label="Liste reçue le" value={receivedOn ?? undefined} onChange={setReceivedOn} required />
          </Stack>
          {rows && columns && !done && (
            <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="review-reading">
              {sheets.length > 1 && (
                <TextField select size="small" label="Feuille" value={sheet} onChange={(e) => void loadSheet(Number(e.target.value))} sx={{ minWidth: 160 }}>
                  {sheets.map((n, i) => (
                    <MenuItem key={i} value={i}>
                      {n}
                    </MenuItem>
                  ))}
                </TextField>
              )}
              <TextField
                select
                size="small"
                label="Ligne d'en-tête"
                value={headerRow}
                onChange={(e) => {
                  const h = Number(e.target.value);
                  setHeaderRow(h);
                  setColumns(columnsOf(rows[h] ?? []));
                }}
                sx={{ minWidth: 220 }}
              >
                {rows.slice(0, 30).map((r, i) => (
                  <MenuItem key={i} value={i}>
                    {`Ligne ${i + 1} : ${r.map((c) => cellText(c)).filter(Boolean).join(', ').slice(0, 40)}`}
                  </MenuItem>
                ))}
              </TextField>
              {REVIEW_FIELDS.map((f) => (
                <TextField
                  key={f}
                  select
                  size="small"
                  label={`Colonne « ${fieldOf('habilitation', f)!.header} »`}
                  value={columns[f]}
                  onChange={(e) => setColumns({ ...columns, [f]: Number(e.target.value) })}
                  sx={{ minWidth: 170 }}
                >
                  <MenuItem value={-1}>(aucune)</MenuItem>
                  {(rows[headerRow] ?? []).map((c, i) => (
                    <MenuItem key={i} value={i}>
                      {`${columnLetter(i)} : ${cellText(c) || '(sans titre)'}`}
                    </MenuItem>
                  ))}
                </TextField>
              ))}
            </Stack>
          )}
          {busy && <LinearProgress aria-label="Traitement en cours" />}
          {error && <Alert severity="error">{error}</Alert>}
          {done && (
            <Alert severity="success" data-testid="review-done">
              {done}
            </Alert>
          )}
          {result && !done && (
            <>
              <Box>
                <Typography variant="subtitle1">Confirmées : dans la liste et dans la base ({result.confirmed.length})</Typography>
                <List dense aria-label="Habilitations confirmées">
                  {result.confirmed.map((c) => (
                    <ListItem key={c.habilitation.id}>
                      <ListItemText primary={who(c.habilitation)} secondary={`${c.habilitation.service} ${c.habilitation.profile} — ligne ${c.line}`} />
                    </ListItem>
                  ))}
                </List>
              </Box>
              <Box>
                <Typography variant="subtitle1">À terminer : dans la base mais absentes de la liste ({result.toEnd.length})</Typography>
                <List dense aria-label="Habilitations à terminer">
                  {result.toEnd.map((h) => (
                    <ListItem key={h.id} secondaryAction={
                      <TextField select size="small" label="Motif" value={ends[h.id] ?? ''} disabled={!ends[h.id]} onChange={(e) => setEnds({ ...ends, [h.id]: e.target.value as EndReason })} sx={{ minWidth: 220 }}>
                        {endReasons.map((r) => (
                          <MenuItem key={r} value={r}>
                            {endReasonLabels[r]}
                          </MenuItem>
                        ))}
                      </TextField>
                    }>
                      <ListItemIcon>
                        <Checkbox edge="start" checked={!!ends[h.id]} onChange={(e) => setEnds({ ...ends, [h.id]: e.target.checked ? 'depart' : null })} slotProps={{ input: { 'aria-label': `Demander la suppression pour ${h.firstName} ${h.lastName}` } }} />
                      </ListItemIcon>
                      <ListItemText primary={who(h)} secondary={`${h.service} ${h.profile} — suppression demandée au ${receivedOn ? formatDate(receivedOn) : '…'}`} />
                    </ListItem>
                  ))}
                </List>
              </Box>
              <Box>
                <Typography variant="subtitle1">À ajouter : dans la liste mais pas dans la base ({result.toAdd.length})</Typography>
                <List dense aria-label="Habilitations à ajouter">
                  {result.toAdd.map((a) => (
                    <ListItem key={a.line}>
                      <ListItemIcon>
                        <Checkbox edge="start" checked={!!adds[a.line]} onChange={(e) => setAdds({ ...adds, [a.line]: e.target.checked })} slotProps={{ input: { 'aria-label': `Ajouter ${a.firstName} ${a.lastName}` } }} />
                      </ListItemIcon>
                      <ListItemText primary={who(a)} secondary={`${a.service} ${a.profile} — ligne ${a.line}${quotas.get(a.line) ? ` — ${quotas.get(a.line)}` : ''}`} />
                    </ListItem>
                  ))}
                </List>
                {result.toAdd.some((a) => quotas.get(a.line) && adds[a.line]) && (
                  <TextField size="small" fullWidth label="Motif du dépassement de quota" value={override} onChange={(e) => setOverride(e.target.value)} helperText="Le quota compte les places libérées par les suppressions cochées ; sans motif, un ajout au-delà est refusé." />
                )}
              </Box>
              {result.refused.length > 0 && (
                <Alert severity="warning">
                  {result.refused.map((r) => `Ligne ${r.line} : ${r.message}`).join(' ')}
                </Alert>
              )}
            </>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        {result && !done && (
          <Button variant="contained" onClick={() => void apply()} disabled={busy || !receivedOn}>
            Appliquer et enregistrer la revue
          </Button>
        )}
        <Button onClick={close} disabled={busy}>
          Fermer
        </Button>
      </DialogActions>
    </Dialog>
  );
}
