/**
 * Import of one bundle: read and check → decrypt → validate → preview (new / modified / deleted / conflicts
 * per kind of record) → apply in one transaction → report. Used for files, backups and files opened from
 * the OS.
 */
import { useEffect, useRef, useState } from 'react';
import {
  Alert,
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
import { navigate } from '../../app/router';
import { tableLabels, type SyncedTableName } from '../../../shared/domain/tables';
import type { ApplyResult } from '../../../shared/sync';
import { applyImport, decode, previewImport, type Preview } from '../../sync/engine';
import { errorMessage, identityOf } from './actions';
import { usePassphrase } from './PassphrasePrompt';
import { isWrongPassphrase, passphraseForFile } from './openBundle';

export interface ImportSource {
  name: string;
  data: Uint8Array;
}

type State =
  | { step: 'reading' }
  | { step: 'error'; message: string; wrongPassphrase?: boolean }
  | { step: 'preview'; preview: Preview }
  | { step: 'applying'; done: number; total: number }
  | { step: 'done'; result: ApplyResult | null; already: boolean; identity?: string };

export function CountsTable({ result }: { result: ApplyResult }) {
  const tables = Object.keys(result.counts).filter((t) => t !== 'conflicts') as SyncedTableName[];
  if (tables.length === 0) return <Typography variant="body2">Aucun enregistrement.</Typography>;
  return (
    <Table size="small" aria-label="Détail par type d'enregistrement">
      <TableHead>
        <TableRow>
          <TableCell>Type</TableCell>
          <TableCell align="right">Nouveaux</TableCell>
          <TableCell align="right">Modifiés</TableCell>
          <TableCell align="right">Supprimés</TableCell>
          <TableCell align="right">Conflits</TableCell>
          <TableCell align="right">Inchangés</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {tables.map((t) => {
          const c = result.counts[t]!;
          return (
            <TableRow key={t}>
              <TableCell>{tableLabels[t] ?? t}</TableCell>
              <TableCell align="right">{c.created}</TableCell>
              <TableCell align="right">{c.modified}</TableCell>
              <TableCell align="right">{c.deleted}</TableCell>
              <TableCell align="right">{result.newConflicts[t] ?? 0}</TableCell>
              <TableCell align="right">{c.unchanged}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

export function ImportDialog({ source, onClose }: { source: ImportSource | null; onClose: () => void }) {
  const services = useServices();
  const { db, store, settings } = services;
  const { prompt, ensure } = usePassphrase();
  const [state, setState] = useState<State>({ step: 'reading' });
  // Bumped by « Essayer une autre phrase de passe » to read the file again with a new one.
  const [attempt, setAttempt] = useState(0);
  const askAgain = useRef(false);

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
        const decoded = await decode(source.data, pass);
        const preview = await previewImport(db, decoded, store.replicaId);
        if (!cancelled) setState({ step: 'preview', preview });
      } catch (e) {
        const wrong = isWrongPassphrase(e);
        if (!cancelled) setState({ step: 'error', message: errorMessage(e), wrongPassphrase: wrong });
      }
    })();
    return () => {
      cancelled = true;
    };
    // `ensure` changes identity with the platform only; re-running on it would re-read the file.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, db, store, attempt]);

  async function apply(preview: Preview) {
    setState({ step: 'applying', done: 0, total: preview.decoded.recordCount });
    try {
      const outcome = await applyImport(db, store, preview.decoded, identityOf(settings, store), (done, total) => setState({ step: 'applying', done, total }));
      setState({ step: 'done', result: outcome.result, already: outcome.alreadyImported, ...(outcome.identityChange ? { identity: outcome.identityChange.message } : {}) });
    } catch (e) {
      setState({ step: 'error', message: `L'import a échoué, rien n'a été modifié : ${errorMessage(e)}` });
    }
  }

  const header = state.step === 'preview' ? state.preview.decoded.header : null;
  return (
    <>
      {prompt}
      <Dialog open={source !== null} onClose={state.step === 'applying' ? undefined : onClose} maxWidth="md" fullWidth aria-labelledby="import-title">
        <DialogTitle id="import-title">Importer « {source?.name} »</DialogTitle>
        <DialogContent>
          {state.step === 'reading' && (
            <>
              <Typography variant="body2" sx={{ mb: 1 }}>
                Vérification et déchiffrement du fichier…
              </Typography>
              <LinearProgress />
            </>
          )}
          {state.step === 'error' && (
            <Alert severity="error" data-testid="import-error">
              {state.message}
            </Alert>
          )}
          {state.step === 'preview' && header && (
            <>
              <Typography variant="body2" sx={{ mb: 2 }}>
                {header.purpose === 'backup' ? 'Sauvegarde' : 'Fichier'} {header.kind === 'full' ? 'complet' : 'de modifications'} de{' '}
                <strong>{header.replicaLabel}</strong>, créé le {format(parseISO(header.createdAt), "dd/MM/yyyy 'à' HH:mm", { locale: fr })},{' '}
                {state.preview.decoded.recordCount} enregistrement(s).
              </Typography>
              {header.replicaId === store.replicaId && header.purpose !== 'backup' && (
                <Alert severity="warning" sx={{ mb: 2 }} data-testid="own-file">
                  Ce fichier a été exporté par ce poste-ci ({header.replicaLabel}) : l'importer ne lui apporte rien de nouveau.
                  Pour recevoir les modifications d'un autre poste, importez un fichier exporté par lui.
                </Alert>
              )}
              {state.preview.alreadyImported ? (
                <Alert severity="info" data-testid="already-imported">
                  Déjà importé — aucune modification.
                </Alert>
              ) : (
                <>
                  <Alert severity={state.preview.plan.newConflictCount ? 'warning' : 'info'} sx={{ mb: 2 }}>
                    Aperçu : rien n'est encore modifié. {state.preview.plan.newConflictCount ? `${state.preview.plan.newConflictCount} conflit(s) à examiner après l'import.` : 'Aucun conflit.'}
                    {header.purpose === 'backup' && " La fusion ajoute la sauvegarde aux données actuelles : ce qui a été supprimé depuis reste supprimé, ce qui a été modifié depuis garde sa valeur la plus récente. Pour revenir à l'état de la sauvegarde, utilisez plutôt « Restaurer… »."}
                  </Alert>
                  <CountsTable result={state.preview.plan} />
                </>
              )}
            </>
          )}
          {state.step === 'applying' && (
            <>
              <Typography variant="body2" sx={{ mb: 1 }}>
                Import en cours : {state.done} / {state.total}
              </Typography>
              <LinearProgress variant="determinate" value={state.total ? (state.done / state.total) * 100 : 0} />
            </>
          )}
          {state.step === 'done' && (
            <div data-testid="import-report">
              {state.identity && (
                <Alert severity="warning" sx={{ mb: 2 }} data-testid="identity-change">
                  {state.identity}
                </Alert>
              )}
              {state.already || !state.result ? (
                <Alert severity="info">Déjà importé — aucune modification.</Alert>
              ) : (
                <>
                  <Alert severity="success" sx={{ mb: 2 }}>
                    Import terminé. {state.result.newConflictCount ? `${state.result.newConflictCount} nouveau(x) conflit(s).` : 'Aucun conflit.'}
                  </Alert>
                  <CountsTable result={state.result} />
                </>
              )}
            </div>
          )}
        </DialogContent>
        <DialogActions>
          {state.step === 'preview' && !state.preview.alreadyImported && (
            <>
              <Button onClick={onClose}>Annuler</Button>
              <Button variant="contained" onClick={() => void apply(state.preview)}>
                Appliquer l'import
              </Button>
            </>
          )}
          {state.step === 'error' && state.wrongPassphrase && <Button
              onClick={() => {
                askAgain.current = true;
                setAttempt((n) => n + 1);
              }}
            >
Essayer une autre phrase de passe</Button>}
          {state.step === 'done' && state.result && state.result.newConflictCount > 0 && (
            <Button
              onClick={() => {
                onClose();
                navigate('synchronisation', 'conflits');
              }}
            >
              Voir les conflits
            </Button>
          )}
          {state.step !== 'applying' && !(state.step === 'preview' && !state.preview.alreadyImported) && (
            <Button variant="contained" onClick={onClose} autoFocus>
              Fermer
            </Button>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
}
