import { useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Link, Paper, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { territoryLabels } from '../../../shared/domain/common';
import { formatDateTime, todayIso } from '../../../shared/rules/dates';
import { contactName, delayLabel } from '../../../shared/rules/escalation';
import { PageHeader } from '../../components/PageHeader';
import { saveFailureText } from '../../components/saveError';
import { useUnsavedChanges } from '../../components/unsaved';
import { EmptyState } from '../../components/EmptyState';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { href, navigate } from '../../app/router';
import { useServices } from '../../app/services';
import { closeFollowUp, deleteFollowUp, markNextContacted, reopenFollowUp, saveFollowUpNotes } from './actions';
import { NewFollowUpDialog } from './NewFollowUpDialog';
import { nowInput, parseFrenchDateTime } from './datetime';
import { ContactLine } from './ContactLine';
import { FollowUpLetter } from './FollowUpLetter';
import { useFollowUpRows, useKnownContacts, useNow } from './data';
import { channelLabels, directionLabels, sideLabels } from './labels';

/** One request: its escalation state, the people contacted so far, and the two actions. */
export function FollowUpDetail({ id }: { id: string }) {
  const { store } = useServices();
  const now = useNow(30_000);
  const { open, closed, loaded } = useFollowUpRows(now, true);
  const known = useKnownContacts();
  const [confirmClose, setConfirmClose] = useState(false);
  const [contacting, setContacting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const row = open.find((r) => r.fu.id === id) ?? closed.find((r) => r.fu.id === id);

  if (!loaded || !known) return <Typography>Chargement…</Typography>;
  if (!row)
    return (
      <EmptyState title="Relance introuvable" action={<Button href={href('relances')}>Retour aux relances</Button>}>
        Cette relance n'existe pas ou a été supprimée.
      </EmptyState>
    );

  const { fu, state, partner, chain, territory } = row;
  const next = state.nextContactId ? known.get(state.nextContactId) : undefined;
  const nextName = next ? contactName(next.contact) : '';
  const list = chain ? (state.side === 'caf' ? chain.cafSide : chain.partnerSide) : [];
  const isOpen = fu.status === 'ouverte';

  /** Runs a write; a refusal shows its French message. Returns whether it succeeded. */
  const run = async (body: () => Promise<void>): Promise<boolean> => {
    try {
      setError(null);
      await body();
      return true;
    } catch (e) {
      setError(saveFailureText(e));
      return false;
    }
  };
  const markContacted = (at: Date | null) => run(async () => void (await markNextContacted(store, fu.id, territory, at)));
  const closeAnswered = () => run(() => closeFollowUp(store, fu.id));
  const reopen = () => run(() => reopenFollowUp(store, fu.id));

  return (
    <>
      <PageHeader
        title={fu.subject}
        subtitle={
          <>
            <Link href={href('relances')}>Relances</Link> ·{' '}
            {partner ? <Link href={href('partenaires', partner.id)}>{partner.name}</Link> : 'Partenaire inconnu'}
          </>
        }
        actions={
          <>
            <Button variant="outlined" onClick={() => setEditing(true)}>
              Modifier
            </Button>
            <Button variant="outlined" color="error" onClick={() => setConfirmDelete(true)}>
              Supprimer
            </Button>
          {isOpen ? (
            <>
              <Button variant="contained" disabled={!next} onClick={() => setContacting(true)}>
                {next ? `Marquer ${nextName} comme contacté(e)` : 'Personne à contacter'}
              </Button>
              <Button variant="outlined" color="success" onClick={() => setConfirmClose(true)}>
                Clore (réponse reçue)
              </Button>
            </>
          ) : (
            <Button variant="outlined" onClick={() => void reopen()}>
              Rouvrir la relance
            </Button>
          )}
          </>
        }
      />
      {error && !contacting && (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <Paper variant="outlined" sx={{ p: 2, flex: 1, minWidth: 320 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            La demande
          </Typography>
          <Table size="small" aria-label="La demande">
            <TableBody>
              <TableRow>
                <TableCell component="th">Sens</TableCell>
                <TableCell>{directionLabels[fu.direction]}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell component="th">Canal</TableCell>
                <TableCell>{channelLabels[fu.channel]}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell component="th">Envoyée le</TableCell>
                <TableCell>{formatDateTime(fu.sentAt)}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell component="th">Urgence</TableCell>
                <TableCell>{fu.urgent ? <Chip size="small" color="error" label="Urgent" /> : 'Non'}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell component="th">Statut</TableCell>
                <TableCell>{isOpen ? 'Ouverte' : `Close le ${formatDateTime(fu.closedAt)} (réponse reçue)`}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell component="th">Délai d'escalade</TableCell>
                <TableCell>
                  {fu.urgent ? 'Immédiat (urgent)' : delayLabel(state.delay.value, state.delay.unit)}
                  {state.noChain && ' (par défaut : aucune procédure enregistrée)'} — calendrier {territoryLabels[territory]}
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
          <NotesEditor key={fu.id} initial={fu.notes} onSave={(notes) => run(() => saveFollowUpNotes(store, fu.id, notes))} />
        </Paper>
        <Paper variant="outlined" sx={{ p: 2, flex: 1, minWidth: 320 }} data-testid="followup-escalation">
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            Escalade (côté {state.side === 'caf' ? 'Caf' : 'partenaire'})
          </Typography>
          {isOpen && (
            <Alert severity={state.overdue ? 'error' : 'info'} role="status" sx={{ my: 1 }} data-testid="followup-due">
              {state.overdue ? 'En retard : à relancer depuis le ' : 'À relancer à partir du '}
              <strong>{formatDateTime(state.due.toISOString())}</strong>
              {fu.steps.length > 0 && ` (délai compté depuis le dernier contact, le ${formatDateTime(state.countsFrom.toISOString())})`}.
            </Alert>
          )}
          {!isOpen ? (
            <Typography variant="body2" sx={{ my: 1 }} data-testid="followup-next">
              Relance close : personne à relancer.
            </Typography>
          ) : state.noChain ? (
            <Alert severity="warning" sx={{ my: 1 }}>
              Aucune procédure d'escalade pour ce partenaire.{' '}
              {partner && <Link href={href('relances', 'escalade', partner.id)}>Définir la procédure</Link>}
            </Alert>
          ) : next ? (
            <Box sx={{ my: 1 }} data-testid="followup-next">
              <Typography variant="body2" color="text.secondary">
                Prochain interlocuteur ({state.nextPosition}
                {state.nextPosition === 1 ? 'er' : 'e'} sur {list.length}) :
              </Typography>
              <ContactLine known={next} today={todayIso()} />
            </Box>
          ) : (
            <Typography variant="body2" sx={{ my: 1 }} data-testid="followup-next">
              {state.exhausted
                ? "Tous les interlocuteurs de la procédure ont été contactés : il reste à clore la relance quand la réponse arrive."
                : `Personne n'est inscrit côté ${state.side === 'caf' ? 'Caf' : 'partenaire'} dans la procédure.`}{' '}
              {partner && <Link href={href('relances', 'escalade', partner.id)}>Voir la procédure</Link>}
            </Typography>
          )}
          <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
            Interlocuteurs contactés
          </Typography>
          {fu.steps.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              Personne pour l'instant.
            </Typography>
          ) : (
            <Table size="small" aria-label="Interlocuteurs contactés">
              <TableHead>
                <TableRow>
                  <TableCell>Étape</TableCell>
                  <TableCell>Côté</TableCell>
                  <TableCell>Interlocuteur</TableCell>
                  <TableCell>Contacté le</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {fu.steps.map((s, i) => {
                  const k = known.get(s.contactId);
                  return (
                    <TableRow key={`${s.contactId}-${i}`}>
                      <TableCell>{i + 1}</TableCell>
                      <TableCell>{sideLabels[s.side]}</TableCell>
                      <TableCell>{k ? contactName(k.contact) : 'Interlocuteur supprimé'}</TableCell>
                      <TableCell>{formatDateTime(s.contactedAt)}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </Paper>
      </Box>
      {isOpen && <FollowUpLetter fu={fu} />}
      {next && (
        <ContactedDialog
          open={contacting}
          name={nextName}
          error={contacting ? error : null}
          onClose={() => {
            setContacting(false);
            setError(null);
          }}
          onSave={async (at) => {
            const ok = await markContacted(at);
            if (ok) setContacting(false);
            return ok;
          }}
        />
      )}
      <NewFollowUpDialog open={editing} followUp={fu} onClose={() => setEditing(false)} />
      <ConfirmDialog
        open={confirmDelete}
        title="Supprimer la relance ?"
        confirmLabel="Supprimer la relance"
        onConfirm={async () => {
          if (await run(() => deleteFollowUp(store, fu.id))) navigate('relances');
        }}
        onClose={() => setConfirmDelete(false)}
      >
        « {fu.subject} » et ses {fu.steps.length} contact{fu.steps.length > 1 ? 's' : ''} noté{fu.steps.length > 1 ? 's' : ''} sortent des relances. La suppression reste dans l'historique.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmClose}
        title="Clore la relance ?"
        confirmLabel="Clore la relance"
        danger={false}
        onConfirm={async () => void (await closeAnswered())}
        onClose={() => setConfirmClose(false)}
      >
        La réponse a été reçue : la relance sort de la liste « À relancer ». Vous pourrez la rouvrir si besoin.
      </ConfirmDialog>
    </>
  );
}

/** Free notes on the request (what was said on the phone, reference of the letter…). */
function NotesEditor({ initial, onSave }: { initial: string; onSave(notes: string): Promise<boolean> }) {
  const [notes, setNotes] = useState(initial);
  const [savedValue, setSavedValue] = useState(initial);
  useUnsavedChanges(notes !== savedValue);
  return (
    <Box sx={{ mt: 2 }}>
      <TextField label="Notes" multiline minRows={3} fullWidth value={notes} onChange={(e) => setNotes(e.target.value)} slotProps={{ htmlInput: { maxLength: 5000 } }} />
      <Button
        sx={{ mt: 1 }}
        disabled={notes === savedValue}
        onClick={async () => {
          if (await onSave(notes)) setSavedValue(notes);
        }}
      >
        Enregistrer les notes
      </Button>
    </Box>
  );
}

/** When was the person reached (defaults to now; the next delay counts from it). */
function ContactedDialog({
  open,
  name,
  error,
  onClose,
  onSave,
}: {
  open: boolean;
  name: string;
  error: string | null;
  onClose(): void;
  onSave(at: Date | null): Promise<boolean>;
}) {
  const [text, setText] = useState(nowInput);
  useEffect(() => {
    if (open) setText(nowInput());
  }, [open]);
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="contacted-title" maxWidth="xs" fullWidth>
      <DialogTitle id="contacted-title">{name} contacté(e)</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          Le délai de la procédure repart de ce contact ; la personne suivante de la liste sera proposée ensuite.
        </Typography>
        <TextField label="Contacté le" value={text} onChange={(e) => setText(e.target.value)} helperText="jj/mm/aaaa hh:mm" fullWidth autoFocus />
        {error && (
          <Alert severity="error" role="alert" data-testid="contacted-error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Annuler</Button>
        <Button variant="contained" onClick={() => void onSave(parseFrenchDateTime(text))}>
          Enregistrer le contact
        </Button>
      </DialogActions>
    </Dialog>
  );
}
