/**
 * The Cafs as records the office edits: the list (#/cafs) and each Caf's screen (#/cafs/<id>) with its identity,
 * guichet unique, service hours and territory, and its own contacts (Caf side).
 */
import { useState } from 'react';
import { Box, Button, Chip, Link, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../../app/services';
import { href, navigate } from '../../app/router';
import { liveRows, liveRowsWhere } from '../../db/store';
import { territoryLabels } from '../../../shared/domain/common';
import type { Contact } from '../../../shared/domain/contact';
import { formatPhone } from '../../../shared/rules/phone';
import { todayIso } from '../../../shared/rules/dates';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { ContactDialog } from '../contacts/ContactDialog';
import { ContactsTable } from '../contacts/ContactsTable';
import { CafDialog } from './CafDialog';
import { useOfficeCaf } from './officeCaf';

export function CafsPage({ cafId }: { cafId?: string }) {
  return cafId ? <CafPage cafId={cafId} /> : <CafList />;
}

function CafList() {
  const { db } = useServices();
  const { cafs, caf: office } = useOfficeCaf();
  const counts = useLiveQuery(async () => {
    const m = new Map<string, number>();
    for (const c of await liveRows(db, 'contacts')) if (c.cafId && !c.partnerId) m.set(c.cafId, (m.get(c.cafId) ?? 0) + 1);
    return m;
  }, [db]);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="Caf"
        subtitle="Les fiches des Caf : ce que les formulaires, la fiche d'escalade et l'Annexe 1 impriment pour chacune."
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
            Nouvelle Caf
          </Button>
        }
      />
      {cafs && cafs.length === 0 ? (
        <EmptyState title="Aucune Caf">Créez la fiche de votre Caf : son adresse et son guichet unique figurent sur les formulaires.</EmptyState>
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Liste des Caf">
            <TableHead>
              <TableRow>
                <TableCell>Nom</TableCell>
                <TableCell>Territoire</TableCell>
                <TableCell>Guichet unique</TableCell>
                <TableCell align="right">Interlocuteurs</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(cafs ?? []).map((c) => (
                <TableRow key={c.id} hover>
                  <TableCell>
                    <Link href={href('cafs', c.id)}>{c.name}</Link>
                    {office?.id === c.id && <Chip size="small" label="Caf du service" sx={{ ml: 1 }} />}
                  </TableCell>
                  <TableCell>{territoryLabels[c.territory]}</TableCell>
                  <TableCell>{[c.helpdeskEmail, formatPhone(c.helpdeskPhone)].filter(Boolean).join(' · ')}</TableCell>
                  <TableCell align="right">{counts?.get(c.id) ?? 0}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {creating && <CafDialog open onClose={() => setCreating(false)} onSaved={(id) => navigate('cafs', id)} />}
    </>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }}>
        {children || '—'}
      </Typography>
    </>
  );
}

function CafPage({ cafId }: { cafId: string }) {
  const { db } = useServices();
  const { cafs, caf: office } = useOfficeCaf();
  const caf = cafs?.find((c) => c.id === cafId);
  const contacts = useLiveQuery(() => liveRowsWhere(db, 'contacts', 'cafId', cafId), [db, cafId]);
  const [editing, setEditing] = useState(false);
  const [contact, setContact] = useState<Contact | 'new' | null>(null);
  const today = todayIso();
  if (!cafs) return null;
  if (!caf) return <EmptyState title="Caf introuvable">Cette Caf n'existe plus. <Link href={href('cafs')}>Revenir à la liste des Caf</Link></EmptyState>;
  const own = (contacts ?? []).filter((c) => !c.partnerId).sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr'));
  const a = caf.address;
  return (
    <>
      <PageHeader
        title={caf.name}
        subtitle={office?.id === caf.id ? 'Caf du service (choisie dans Paramètres)' : territoryLabels[caf.territory]}
        actions={
          <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
            Modifier la fiche
          </Button>
        }
      />
      <Paper variant="outlined" sx={{ p: 2, mb: 3 }}>
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 1, m: 0 }}>
          <Fact label="Adresse">{[a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</Fact>
          <Fact label="Territoire">{territoryLabels[caf.territory]}</Fact>
          <Fact label="Directeur ou directrice">{caf.director}</Fact>
          <Fact label="Guichet unique (mél)">{caf.helpdeskEmail}</Fact>
          <Fact label="Guichet unique (téléphone)">{formatPhone(caf.helpdeskPhone)}</Fact>
          <Fact label="Horaires du service">{caf.serviceHours}</Fact>
        </Box>
      </Paper>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          Interlocuteurs de la Caf
        </Typography>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setContact('new')}>
          Nouvel interlocuteur de la Caf
        </Button>
      </Box>
      {own.length === 0 ? (
        <EmptyState title="Aucun interlocuteur">Ajoutez les administrateurs, le responsable sécurité et le référent informatique et libertés de la Caf.</EmptyState>
      ) : (
        <ContactsTable label={`Interlocuteurs de ${caf.name}`} contacts={own} today={today} onEdit={setContact} />
      )}
      {editing && <CafDialog open caf={caf} onClose={() => setEditing(false)} />}
      {contact && <ContactDialog open owner={{ cafId }} contact={contact === 'new' ? undefined : contact} onClose={() => setContact(null)} />}
    </>
  );
}
