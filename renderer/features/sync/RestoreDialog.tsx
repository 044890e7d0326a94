/**
 * « Restaurer » a backup (issue 10): read and check the file → passphrase → preview of what will be undone
 * (records created since, fields changed since, deletions since; per type, scrollable) → on confirmation a backup
 * of the current state, then the rollback as new stamped edits in one transaction (progress, « Annuler ») →
 * report naming the backup that undoes it. Nothing is written before the confirmation; a failure or « Annuler »
 * during the rollback leaves the base as it was.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { format, parseISO } from 'date-fns';
import { fr } from 'date-fns/locale';
import { useServices } from '../../app/services';
import { dataOf, type CrdtRecord } from '../../../shared/crdt/record';
import type { SyncedTableName } from '../../../shared/domain/tables';
import type { DecodedBundle, PassphraseInput } from '../../../shared/sync';
import { RollbackCancelled, rollbackTotals, type RollbackPlan } from '../../sync/rollback';
import { errorMessage, readBackupForRollback, rollbackToBackup } from './actions';
import { usePassphrase } from './PassphrasePrompt';
import { isWrongPassphrase, passphraseForFile } from './openBundle';
import { countsText, restorePreview, type PreviewGroup } from './restorePreview';
import type { ImportSource } from './ImportDialog';

type State =
  | { step: 'reading' }
  | { step: 'error'; message: string; wrongPassphrase?: boolean }
  | { step: 'preview'; backup: DecodedBundle; plan: RollbackPlan; groups: PreviewGroup[]; passphrase: PassphraseInput }
  | { step: 'applying'; label: string; fraction?: number }
  | { step: 'done'; safetyBackup: string; plan: RollbackPlan; at: string }
  | { step: 'cancelled' };

const when = (iso: string) => {
  const d = parseISO(iso);
  return Number.isNaN(d.getTime()) ? iso : format(d, "dd/MM/yyyy 'à' HH:mm", { locale: fr });
};
/** Text for screen readers only (the arrow is read « flèche droite »). */
const srOnly = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

function PreviewTable({ group }: { group: PreviewGroup }) {
  const headingId = `restore-group-${group.table}`;
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ mb: 2 }} data-testid={`restore-group-${group.table}`}>
      <Typography component="h3" variant="subtitle1" id={headingId} sx={{ fontWeight: 600 }}>
        {group.title} — {countsText(group.counts)}
      </Typography>
      <Table size="small" aria-labelledby={headingId}>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col" sx={{ width: '28%' }}>
              Enregistrement
            </TableCell>
            <TableCell component="th" scope="col" sx={{ width: '27%' }}>
              Ce qui sera fait
            </TableCell>
            <TableCell component="th" scope="col">
              Champs : valeur actuelle → valeur restaurée
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {group.records.map((r) => (
            <TableRow key={r.id} data-testid="restore-record">
              <TableCell component="th" scope="row">
                {r.label}
              </TableCell>
              <TableCell>{r.what}</TableCell>
              <TableCell>
                {r.changes.length === 0 ? (
                  '—'
                ) : (
                  <Box component="ul" sx={{ m: 0, pl: 2 }}>
                    {r.changes.map((c) => (
                      <li key={c.field}>
                        <strong>{c.label}</strong> : {c.now} <span aria-hidden="true">→</span>
                        <Box component="span" sx={srOnly}>
                          {' '}
                          redevient{' '}
                        </Box>{' '}
                        {c.then}
                      </li>
                    ))}
                  </Box>
                )}
              </TableCell>
            </TableRow>
          ))}
          {group.more > 0 && (
            <TableRow>
              <TableCell colSpan={3}>… et {group.more} autre(s), comptés ci-dessus.</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </Box>
  );
}

/** Live data of the plan's records in the base now, for their names in the preview. */
async function currentData(services: ReturnType<typeof useServices>, plan: RollbackPlan) {
  const ids = new Map<SyncedTableName, string[]>();
  for (const s of plan.steps) if (s.kind !== 'recreate') ids.set(s.table as SyncedTableName, [...(ids.get(s.table as SyncedTableName) ?? []), s.recordId]);
  const out = new Map<string, Record<string, unknown>>();
  for (const [t, list] of ids) {
    const rows = await services.db.syncedTable(t).bulkGet(list);
    for (const r of rows) if (r) out.set(`${t}/${r.id}`, dataOf<Record<string, unknown>>(r));
  }
  return out;
}

function indexBackup(tables: Record<string, CrdtRecord[]>) {
  const out = new Map<string, Record<string, unknown>>();
  for (const [t, rows] of Object.entries(tables)) for (const r of rows) out.set(`${t}/${r.id}`, dataOf<Record<string, unknown>>(r));
  return out;
}

export function RestoreDialog({ source, onClose, onFinished }: { source: ImportSource | null; onClose: () => void; onFinished?: () => void }) {
  const services = useServices();
  const { db } = services;
  const { prompt, ensure } = usePassphrase();
  const [state, setState] = useState<State>({ step: 'reading' });
  const [attempt, setAttempt] = useState(0);
  const askAgain = useRef(false);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    if (!source) return;
    let cancelled = false;
    setState({ step: 'reading' });
    void (async () => {
      try {
        const pass = await passphraseForFile(source.data, ensure, askAgain.current);
        askAgain.current = false;
        if (cancelled) return;
        if (!pass) return onClose();
        const { backup, plan } = await readBackupForRollback(db, source.data, pass);
        const now = await currentData(services, plan);
        const then = indexBackup(backup.tables);
        const groups = restorePreview(
          plan,
          (t, id) => now.get(`${t}/${id}`),
          (t, id) => then.get(`${t}/${id}`),
        );
        if (!cancelled) setState({ step: 'preview', backup, plan, groups, passphrase: pass });
      } catch (e) {
        const wrong = isWrongPassphrase(e);
        if (!cancelled) setState({ step: 'error', message: `Cette sauvegarde ne peut pas être restaurée, rien n'a été modifié : ${errorMessage(e)}`, wrongPassphrase: wrong });
      }
    })();
    return () => {
      cancelled = true;
    };
    // `ensure` changes identity with the platform only; re-running on it would re-read the file.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, db, attempt]);

  async function apply(preview: Extract<State, { step: 'preview' }>) {
    const controller = new AbortController();
    abort.current = controller;
    setState({ step: 'applying', label: 'Sauvegarde de l’état actuel' });
    try {
      const outcome = await rollbackToBackup(services, preview.passphrase, preview.backup, {
        ...(source ? { restoredFile: source.name } : {}),
        signal: controller.signal,
        onStep: (label, fraction) => setState({ step: 'applying', label, ...(fraction !== undefined ? { fraction } : {}) }),
      });
      setState({ step: 'done', safetyBackup: outcome.safetyBackup, plan: outcome.plan, at: preview.backup.header.createdAt });
    } catch (e) {
      if (e instanceof RollbackCancelled) setState({ step: 'cancelled' });
      else setState({ step: 'error', message: `La restauration a échoué, rien n'a été modifié : ${errorMessage(e)}` });
    } finally {
      abort.current = null;
      onFinished?.();
    }
  }

  const totals = useMemo(() => (state.step === 'preview' ? rollbackTotals(state.plan) : null), [state]);
  const nothing = state.step === 'preview' && state.plan.steps.length === 0;
  return (
    <>
      {prompt}
      <Dialog
        open={source !== null}
        onClose={state.step === 'applying' ? undefined : onClose}
        maxWidth="lg"
        fullWidth
        aria-labelledby="restore-title"
        aria-describedby="restore-summary"
      >
        <DialogTitle id="restore-title">Restaurer « {source?.name} »</DialogTitle>
        <DialogContent dividers>
          {state.step === 'reading' && (
            <>
              <Typography variant="body2" sx={{ mb: 1 }} id="restore-summary">
                Vérification et déchiffrement de la sauvegarde…
              </Typography>
              <LinearProgress aria-label="Lecture de la sauvegarde" />
            </>
          )}
          {state.step === 'error' && (
            <Alert severity="error" data-testid="restore-error" id="restore-summary">
              {state.message}
            </Alert>
          )}
          {state.step === 'cancelled' && (
            <Alert severity="info" data-testid="restore-cancelled" id="restore-summary">
              Restauration annulée : la base n'a pas été modifiée. (La sauvegarde de l'état actuel, faite avant, reste dans la liste.)
            </Alert>
          )}
          {state.step === 'preview' && totals && (
            <>
              <Box id="restore-summary" data-testid="restore-summary">
                <Typography variant="body2" sx={{ mb: 1 }}>
                  Sauvegarde de <strong>{state.backup.header.replicaLabel}</strong> du <strong>{when(state.backup.header.createdAt)}</strong>.
                  Restaurer ramène toute la base à son état de ce moment-là ; les autres postes le recevront à la
                  prochaine synchronisation.
                </Typography>
                {nothing ? (
                  <Alert severity="info">La base est déjà dans l'état de cette sauvegarde : il n'y a rien à défaire.</Alert>
                ) : (
                  <Alert severity="warning" sx={{ mb: 2 }}>
                    Aperçu : rien n'est encore modifié. Seront défaits : {totals.createdSince + totals.restoredSince} enregistrement(s) créé(s) ou
                    rétabli(s) depuis (supprimés), {totals.changedSince} enregistrement(s) modifié(s) depuis ({totals.fieldsChanged} champ(s)
                    remis à leur valeur), {totals.deletedSince} suppression(s) (enregistrements rétablis). Une sauvegarde de l'état actuel sera
                    faite juste avant : elle permettra d'annuler cette restauration.
                  </Alert>
                )}
              </Box>
              {!nothing && (
                <Box
                  role="region"
                  aria-label="Détail de ce qui sera défait"
                  tabIndex={0}
                  data-testid="restore-preview"
                  sx={{ maxHeight: '48vh', overflowY: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' } }}
                >
                  {state.groups.map((g) => (
                    <PreviewTable key={g.table} group={g} />
                  ))}
                </Box>
              )}
            </>
          )}
          {state.step === 'applying' && (
            <Box id="restore-summary" role="status">
              <Typography variant="body2" sx={{ mb: 1 }}>
                {state.label}
                {state.fraction !== undefined ? ` : ${Math.round(state.fraction * 100)} %` : '…'}
              </Typography>
              <LinearProgress
                aria-label={state.label}
                {...(state.fraction !== undefined ? { variant: 'determinate' as const, value: state.fraction * 100 } : {})}
              />
            </Box>
          )}
          {state.step === 'done' && (
            <Alert severity="success" data-testid="restore-report" id="restore-summary">
              Restauration terminée : la base est revenue à son état du {when(state.at)} ({state.plan.steps.length} enregistrement(s) concerné(s)).
              Une sauvegarde de l'état d'avant a été faite : « {state.safetyBackup} ». Pour annuler cette restauration,
              restaurez cette sauvegarde-là.
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          {state.step === 'preview' && (
            <>
              <Button onClick={onClose} autoFocus>
                Annuler
              </Button>
              {!nothing && (
                <Button variant="contained" color="warning" onClick={() => void apply(state)}>
                  Restaurer cette sauvegarde
                </Button>
              )}
            </>
          )}
          {state.step === 'applying' && <Button onClick={() => abort.current?.abort()}>Annuler</Button>}
          {state.step === 'error' && state.wrongPassphrase && (
            <Button
              onClick={() => {
                askAgain.current = true;
                setAttempt((n) => n + 1);
              }}
            >
              Essayer une autre phrase de passe
            </Button>
          )}
          {(state.step === 'error' || state.step === 'done' || state.step === 'cancelled' || state.step === 'reading') && (
            <Button variant={state.step === 'reading' ? 'text' : 'contained'} onClick={onClose} autoFocus={state.step !== 'reading'}>
              {state.step === 'reading' ? 'Annuler' : 'Fermer'}
            </Button>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
}
