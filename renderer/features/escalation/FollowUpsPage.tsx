import { useState } from 'react';
import { Box, Button, Chip, Link, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { formatDateTime } from '../../../shared/rules/dates';
import { contactName } from '../../../shared/rules/escalation';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { href, navigate, useRoute } from '../../app/router';
import { useFollowUpRows, useKnownContacts, useNow, type FollowUpRow } from './data';
import { channelLabels, directionLabels } from './labels';
import { NewFollowUpDialog } from './NewFollowUpDialog';
import { FollowUpDetail } from './FollowUpDetail';
import { PartnerEscalationTab } from './PartnerEscalationTab';
import { EscalationSheetPage } from './EscalationSheet';

/**
 * Relances. Routes: `#/relances` (« À relancer »), `#/relances/demande/<id>` (one request),
 * `#/relances/escalade/<partnerId>` (a partner's chain, also reachable from the partner page) and
 * `#/relances/fiche/<partnerId>` (printable « Fiche d'escalade »).
 */
export function FollowUpsPage() {
  const route = useRoute();
  const [sub, id] = route.params;
  if (sub === 'demande' && id) return <FollowUpDetail id={id} />;
  if (sub === 'fiche' && id) return <EscalationSheetPage partnerId={id} />;
  if (sub === 'escalade' && id)
    return (
      <>
        <PageHeader title="Procédure d'escalade" subtitle={<Link href={href('relances')}>Relances</Link>} />
        <PartnerEscalationTab partnerId={id} />
      </>
    );
  return <FollowUpsList />;
}

function FollowUpTable({ rows, closed }: { rows: FollowUpRow[]; closed?: boolean }) {
  const known = useKnownContacts();
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label={closed ? 'Relances closes' : 'À relancer'}>
        <TableHead>
          <TableRow>
            <TableCell>{closed ? 'Close le' : 'À relancer le'}</TableCell>
            <TableCell>Partenaire</TableCell>
            <TableCell>Objet</TableCell>
            <TableCell>Sens</TableCell>
            <TableCell>Envoyée le</TableCell>
            {!closed && <TableCell>Prochain interlocuteur</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => {
            const next = r.state.nextContactId ? known?.get(r.state.nextContactId) : undefined;
            const overdue = !closed && r.state.overdue;
            return (
              <TableRow
                key={r.fu.id}
                hover
                data-testid="followup-row"
                data-overdue={overdue ? 'oui' : 'non'}
                sx={overdue ? { bgcolor: 'rgba(211, 47, 47, 0.08)' } : undefined}
              >
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {closed ? formatDateTime(r.fu.closedAt) : formatDateTime(r.state.due.toISOString())}
                  {overdue && <Chip size="small" color="error" label="En retard" sx={{ ml: 1 }} />}
                  {!closed && r.fu.urgent && <Chip size="small" color="warning" label="Urgent" sx={{ ml: 1 }} />}
                </TableCell>
                <TableCell>{r.partner?.name ?? 'Partenaire inconnu'}</TableCell>
                <TableCell>
                  <Link href={href('relances', 'demande', r.fu.id)}>{r.fu.subject}</Link>
                </TableCell>
                <TableCell>
                  {directionLabels[r.fu.direction]} ({channelLabels[r.fu.channel].toLowerCase()})
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.fu.sentAt)}</TableCell>
                {!closed && (
                  <TableCell>
                    {next
                      ? `${contactName(next.contact)} (${r.state.nextPosition}${r.state.nextPosition === 1 ? 'er' : 'e'})`
                      : r.state.noChain
                        ? 'Aucune procédure'
                        : r.state.exhausted
                          ? 'Tous contactés'
                          : 'Personne dans la procédure'}
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function FollowUpsList() {
  const now = useNow(60_000);
  const { open, closed, loaded } = useFollowUpRows(now, true);
  const [creating, setCreating] = useState(false);
  const [showClosed, setShowClosed] = useState(false);
  const overdue = open.filter((r) => r.state.overdue).length;
  return (
    <>
      <PageHeader
        title="Relances"
        subtitle="Demandes envoyées au partenaire ou au centre de services de la Caf, et leur escalade si elles restent sans réponse."
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
            Nouvelle relance
          </Button>
        }
      />
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mb: 1 }}>
        <Typography variant="h6" component="h2">
          À relancer
        </Typography>
        {loaded && (
          <Typography variant="body2" color={overdue ? 'error' : 'text.secondary'} data-testid="overdue-summary">
            {open.length} ouverte{open.length > 1 ? 's' : ''}, dont {overdue} en retard
          </Typography>
        )}
      </Box>
      {!loaded ? (
        <Typography>Chargement…</Typography>
      ) : open.length === 0 ? (
        <EmptyState title="Aucune relance ouverte" action={<Button onClick={() => setCreating(true)}>Nouvelle relance</Button>}>
          Enregistrez ici une demande faite au partenaire ou au centre de services de la Caf (incident, demande d'accès, formulaire
          envoyé) : l'application calcule quand la relancer selon la procédure d'escalade du partenaire, et qui contacter ensuite.
        </EmptyState>
      ) : (
        <FollowUpTable rows={open} />
      )}
      {loaded && closed.length > 0 && (
        <Box sx={{ mt: 3 }}>
          <Button onClick={() => setShowClosed((v) => !v)} aria-expanded={showClosed}>
            {showClosed ? 'Masquer' : 'Afficher'} les relances closes ({closed.length})
          </Button>
          {showClosed && <FollowUpTable rows={closed} closed />}
        </Box>
      )}
      <NewFollowUpDialog
        open={creating}
        onClose={(created) => {
          setCreating(false);
          if (created) navigate('relances');
        }}
      />
    </>
  );
}
