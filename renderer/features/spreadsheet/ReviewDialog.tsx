/**
 * « Rapprocher la revue inverse » : the list returned by the partner's administrator (any spreadsheet of users
 * with e-mail, function, profile) against the records, in three lists; the chosen lines are applied in one
 * action and the review is recorded as done on the date received (the next due date follows).
 */
import { Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, LinearProgress, List, ListItem, ListItemIcon, ListItemText, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useServices } from '../../app/services';
import { DateField } from '../../components/DateField';
import { liveRowsWhere } from '../../db/store';
import { endReasonLabels, endReasons, type EndReason } from '../../../shared/domain/habilitation';
import { formatDate, todayIso } from '../../../shared/rules/dates';
import { cellText } from '../../../shared/spreadsheet/cells';
import { proposeMapping } from '../../../shared/spreadsheet/fields';
import { guessHeaderRow } from '../../../shared/spreadsheet/plan';
import { reconcileReview, returnedUsers, type ReviewResult } from '../../../shared/spreadsheet/review';
import { errorMessage } from '../sync/actions';
import { startSpreadsheetWorker } from './client';
import { applyReview } from './reviewActions';

const FILTERS = [{ name: 'Tableurs (Excel, CSV)', extensions: ['xlsx', 'csv', 'txt', 'ods'] }];

export function ReviewDialog({ open, onClose, partnerId, conventionId }: { open: boolean; onClose: () => void; partnerId: string; conventionId: string | undefined }) {
  const { db, store, platform } = useServices();
  const [result, setResult] = useState<ReviewResult | null>(null);
  const [fileName, setFileName] = useState('');
  const [receivedOn, setReceivedOn] = useState<string | undefined | null>(todayIso());
  const [ends, setEnds] = useState<Record<string, EndReason | null>>({});
  const [adds, setAdds] = useState<Record<number, boolean>>({});
  const [override, setOverride] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const worker = useRef<ReturnType<typeof startSpreadsheetWorker> | null>(null);
  useEffect(() => () => worker.current?.terminate(), []);

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
      // Lists of users are short: the whole sheet comes back to the page.
      const rows = await w.api.rows(0);
      const headerRow = guessHeaderRow(rows);
      const mapping = proposeMapping('habilitation', (rows[headerRow] ?? []).map((c) => cellText(c)));
      const { users, refused } = returnedUsers(rows, headerRow, mapping);
      const [habilitations, allocations] = await Promise.all([liveRowsWhere(db, 'habilitations', 'partnerId', partnerId), liveRowsWhere(db, 'allocations', 'partnerId', partnerId)]);
      const r = reconcileReview(habilitations, allocations, users, refused);
      setResult(r);
      setFileName(picked.name);
      setEnds(Object.fromEntries(r.toEnd.map((h) => [h.id, 'depart' as EndReason])));
      setAdds(Object.fromEntries(r.toAdd.map((a) => [a.line, a.quota === null])));
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
    setResult(null);
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
                      <ListItemText primary={who(a)} secondary={`${a.service} ${a.profile} — ligne ${a.line}${a.quota ? ` — ${a.quota}` : ''}`} />
                    </ListItem>
                  ))}
                </List>
                {result.toAdd.some((a) => a.quota && adds[a.line]) && (
                  <TextField size="small" fullWidth label="Motif du dépassement de quota" value={override} onChange={(e) => setOverride(e.target.value)} helperText="Le quota est recompté après les suppressions choisies ; sans motif, un ajout au-delà est refusé." />
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
