/**
 * Review of conflicts: the record, the field, both values, who wrote the losing one and when (from its
 * stamp). « Garder cette valeur » re-applies the losing value as a new edit; « Garder la valeur actuelle »
 * closes the conflict; a delete/edit conflict offers « Restaurer » or « Confirmer la suppression ».
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, Box, Button, Card, CardActions, CardContent, FormControlLabel, Stack, Switch, Typography } from '@mui/material';
import { format } from 'date-fns';
import { fr } from 'date-fns/locale';
import { useServices } from '../../app/services';
import { EmptyState } from '../../components/EmptyState';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { millisOf, replicaOf } from '../../../shared/crdt/hlc';
import { dataOf } from '../../../shared/crdt/record';
import type { Conflict } from '../../../shared/domain/conflict';
import { tableLabels, type SyncedTableName } from '../../../shared/domain/tables';
import { confirmDeletion, resolveKeep, resolveKeepCurrent } from '../../sync/conflicts';
import { fieldLabel, formatValue, recordLabel } from './labels';
import { TOO_LARGE_MARKER } from '../../../shared/sync/conflicts';
import { errorMessage } from './actions';

interface Row {
  conflict: Conflict;
  record: Record<string, unknown> | undefined;
  deleted: boolean;
}

export function ConflictsPanel() {
  const { db, store } = useServices();
  const [showResolved, setShowResolved] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<Conflict | null>(null);
  const peers = useLiveQuery(() => db.peers.toArray(), [db]);
  const rows = useLiveQuery(async () => {
    const all = (await db.conflicts.where('_deleted').equals(0).toArray()).map((r) => dataOf<Conflict>(r));
    const list = all.filter((c) => showResolved || c.status === 'ouvert').sort((a, b) => b.loserStamp.localeCompare(a.loserStamp));
    const out: Row[] = [];
    for (const c of list) {
      const rec = c.table in tableLabels ? await db.syncedTable(c.table as SyncedTableName).get(c.recordId) : undefined;
      out.push({ conflict: c, record: rec ? dataOf<Record<string, unknown>>(rec) : undefined, deleted: rec?._deleted === 1 });
    }
    return out;
  }, [db, showResolved]);

  const who = (stamp: string) => {
    const replica = replicaOf(stamp);
    if (replica === store.replicaId) return 'ce poste';
    return peers?.find((p) => p.id === replica)?.label ?? `poste ${replica.slice(0, 6)}`;
  };
  const when = (stamp: string) => format(new Date(millisOf(stamp)), "dd/MM/yyyy 'à' HH:mm", { locale: fr });

  async function act(label: string, fn: () => Promise<void>) {
    try {
      await fn();
      setMessage({ ok: true, text: label });
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    }
  }

  if (!rows) return null;
  return (
    <Box>
      <Stack direction="row" sx={{ mb: 2, alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          Quand deux postes ont modifié la même donnée sans s'être synchronisés, la modification la plus récente
          est retenue partout et l'autre est conservée ici pour que vous puissiez la reprendre.
        </Typography>
        <FormControlLabel control={<Switch checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} />} label="Afficher les conflits résolus" />
      </Stack>
      {message && (
        <Alert severity={message.ok ? 'success' : 'error'} sx={{ mb: 2 }} onClose={() => setMessage(null)}>
          {message.text}
        </Alert>
      )}
      {rows.length === 0 ? (
        <EmptyState title="Aucun conflit à examiner">
          Les conflits apparaissent après un import quand deux postes ont modifié la même donnée en même temps.
        </EmptyState>
      ) : (
        <Stack spacing={2}>
          {rows.map(({ conflict: c, record, deleted }) => {
            const table = c.table as SyncedTableName;
            const title = `${tableLabels[table] ?? c.table} — ${recordLabel(table, record, c.recordId)}`;
            const open = c.status === 'ouvert';
            return (
              <Card variant="outlined" key={c.id} data-testid="conflict-card">
                <CardContent>
                  <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
                    {title} {open ? '' : '(résolu)'}
                  </Typography>
                  {c.disagreement && open && (
                    <Alert severity="warning" sx={{ my: 1 }} data-testid="conflict-disagreement">
                      {c.disagreement}
                    </Alert>
                  )}
                  {c.kind === 'field' ? (
                    <>
                      <Typography variant="body2">
                        Champ : <strong>{fieldLabel(c.field)}</strong>
                      </Typography>
                      <Typography variant="body2">
                        Valeur actuelle : <strong data-testid="current-value">{formatValue(c.field, record?.[c.field])}</strong>
                        {deleted ? ' (enregistrement supprimé)' : ''}
                      </Typography>
                      <Typography variant="body2">
                        Valeur écartée : <strong data-testid="loser-value">{c.loserValue === TOO_LARGE_MARKER ? '(valeur trop volumineuse pour être conservée)' : formatValue(c.field, c.loserValue === undefined ? undefined : JSON.parse(c.loserValue))}</strong>,
                        saisie par {who(c.loserStamp)} le {when(c.loserStamp)}
                      </Typography>
                    </>
                  ) : (
                    <Typography variant="body2">
                      Supprimé par {who(c.loserStamp)} le {when(c.loserStamp)}, alors qu'un autre poste le modifiait.
                      {deleted ? " L'enregistrement est actuellement supprimé." : " L'enregistrement a été restauré depuis."}
                    </Typography>
                  )}
                </CardContent>
                {open && (
                  <CardActions>
                    {c.kind === 'field' ? (
                      <>
                        <Button variant="contained" disabled={c.loserValue === TOO_LARGE_MARKER} onClick={() => void act('Valeur reprise.', () => resolveKeep(store, c.id))}>
                          Garder cette valeur
                        </Button>
                        <Button onClick={() => void act('Valeur actuelle conservée.', () => resolveKeepCurrent(store, c.id))}>Garder la valeur actuelle</Button>
                      </>
                    ) : (
                      <>
                        {deleted && (
                          <Button variant="contained" onClick={() => void act('Enregistrement restauré.', () => resolveKeep(store, c.id))}>
                            Restaurer
                          </Button>
                        )}
                        <Button color="error" onClick={() => setConfirmDelete(c)}>
                          Confirmer la suppression
                        </Button>
                      </>
                    )}
                  </CardActions>
                )}
              </Card>
            );
          })}
        </Stack>
      )}
      <ConfirmDialog
        open={confirmDelete !== null}
        title="Confirmer la suppression ?"
        confirmLabel="Supprimer"
        onClose={() => setConfirmDelete(null)}
        onConfirm={() => (confirmDelete ? act('Suppression confirmée.', () => confirmDeletion(store, confirmDelete.id)) : undefined)}
      >
        L'enregistrement sera supprimé sur tous les postes, y compris les modifications faites ailleurs.
      </ConfirmDialog>
    </Box>
  );
}
