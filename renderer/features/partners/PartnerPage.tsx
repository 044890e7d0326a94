/**
 * A partner's page (`#/partenaires/<id>/<tab>`). It reads only this partner's rows, through the partnerId
 * indexes (never whole tables), so it opens fast even with hundreds of habilitations elsewhere.
 */
import { Alert, Box, Button, Chip, Paper, Tab, Tabs, Typography } from '@mui/material';
import EditIcon from '@mui/icons-material/Edit';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import ArchiveIcon from '@mui/icons-material/Archive';
import UnarchiveIcon from '@mui/icons-material/Unarchive';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useServices } from '../../app/services';
import { href, navigate } from '../../app/router';
import { liveRowsWhere } from '../../db/store';
import { dataOf } from '../../../shared/crdt/record';
import type { Partner } from '../../../shared/domain/partner';
import { partnerKindLabels } from '../../../shared/domain/partner';
import { conventionStatus, conventionStatusLabels } from '../../../shared/rules/convention';
import { todayIso } from '../../../shared/rules/dates';
import { formatSiret } from '../../../shared/rules/siret';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PartnerEscalationTab } from '../escalation/PartnerEscalationTab';
import { PartnerHabilitationsTab } from '../habilitations/PartnerHabilitationsTab';
import { PartnerFormsTab } from '../forms/PartnerFormsTab';
import { PartnerContactsTab, MissingRolesAlert } from '../contacts/PartnerContactsTab';
import { contactName } from '../contacts/ContactDialog';
import { HistoryTab, type HistoryRecordRef } from '../history/HistoryTab';
import { PartnersPage } from './PartnersPage';
import { PartnerFormDialog } from './PartnerFormDialog';
import { ReadConventionDialog } from '../conventionReading/ReadConventionDialog';
import { ConventionTab } from './ConventionTab';
import { conventionOf, setPartnerArchived } from './actions';
import { partnerTabs, statusChipColor } from './labels';

export function PartnerPage({ partnerId, tab }: { partnerId: string; tab?: string }) {
  if (partnerId === 'nouveau') return <PartnersPage creating />;
  return <PartnerView key={partnerId} partnerId={partnerId} tab={tab} />;
}

function PartnerView({ partnerId, tab }: { partnerId: string; tab?: string }) {
  const { db, store } = useServices();
  const today = todayIso();
  const partner = useLiveQuery(async () => {
    const rec = await db.partners.get(partnerId);
    return rec && rec._deleted === 0 ? dataOf<Partner>(rec) : null;
  }, [db, partnerId]);
  // null = no convention; undefined = still loading.
  const convention = useLiveQuery(async () => (await conventionOf(db, partnerId)) ?? null, [db, partnerId]);
  const contacts = useLiveQuery(() => liveRowsWhere(db, 'contacts', 'partnerId', partnerId), [db, partnerId]);
  const [editing, setEditing] = useState(false);
  const [readingConvention, setReadingConvention] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const current = partnerTabs.find((t) => t.slug === tab)?.slug ?? 'convention';

  if (partner === undefined) return <Typography color="text.secondary">Chargement…</Typography>;
  if (partner === null) {
    return (
      <EmptyState title="Partenaire introuvable" action={<Button href={href('partenaires')}>Retour à la liste</Button>}>
        Ce partenaire n'existe pas ou a été supprimé sur un autre poste.
      </EmptyState>
    );
  }

  const status = conventionStatus(convention ?? undefined, today);
  const archived = partner.status === 'archive';
  const historyRecords: HistoryRecordRef[] = [
    { table: 'partners', recordId: partner.id, label: 'Partenaire' },
    ...(convention ? [{ table: 'conventions' as const, recordId: convention.id, label: 'Convention' }] : []),
    { table: 'chains', recordId: partner.id, label: "Procédure d'escalade" },
    ...(contacts ?? []).map((c) => ({ table: 'contacts' as const, recordId: c.id, label: contactName(c) })),
  ];

  return (
    <>
      <PageHeader
        title={partner.name}
        subtitle={
          <Box component="span" sx={{ display: 'inline-flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <span>
              {partnerKindLabels[partner.kind]} · {[partner.address.postalCode, partner.address.city].filter(Boolean).join(' ')}
              {partner.siret ? ` · SIRET ${formatSiret(partner.siret)}` : ''}
              {convention?.number ? ` · Convention n° ${convention.number}` : ''}
            </span>
            <Chip size="small" label={conventionStatusLabels[status]} color={statusChipColor[status]} />
            {archived && <Chip size="small" label="Archivé" />}
          </Box>
        }
        actions={
          <>
            <Button href={href('partenaires')}>Liste</Button>
            <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => setReadingConvention(true)}>
              Lire une convention…
            </Button>
            <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
              Modifier
            </Button>
            {archived ? (
              <Button variant="outlined" startIcon={<UnarchiveIcon />} onClick={() => void setPartnerArchived(store, partner.id, false)}>
                Réactiver
              </Button>
            ) : (
              <Button variant="outlined" color="warning" startIcon={<ArchiveIcon />} onClick={() => setArchiving(true)}>
                Archiver
              </Button>
            )}
          </>
        }
      />
      {contacts && (
        <Box sx={{ mb: 2 }}>
          <MissingRolesAlert contacts={contacts} today={today} />
        </Box>
      )}
      {archived && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Ce partenaire est archivé : il n'apparaît plus dans la liste par défaut. Ses données restent consultables.
        </Alert>
      )}
      <Paper variant="outlined" sx={{ mb: 2 }}>
        <Tabs value={current} variant="scrollable" aria-label="Rubriques du partenaire" onChange={(_, v: string) => navigate('partenaires', partner.id, v)}>
          {partnerTabs.map((t) => (
            <Tab key={t.slug} value={t.slug} label={t.label} id={`tab-${t.slug}`} aria-controls={`panel-${t.slug}`} />
          ))}
        </Tabs>
      </Paper>
      <Box role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`}>
        {current === 'convention' &&
          (convention === undefined ? null : (
            <ConventionTab
              key={convention?.id ?? 'none'}
              convention={convention ?? undefined}
              onCreate={async () => {
                await store.write('Création de la convention', (ctx) =>
                  ctx.create('conventions', { partnerId: partner.id, number: '', tacitRenewal: true, managementMode: 'delegue', missions: '', amendments: [], services: [{ code: 'CDAP' }] }).then(() => undefined),
                );
              }}
            />
          ))}
        {current === 'interlocuteurs' && contacts && <PartnerContactsTab partnerId={partner.id} contacts={contacts} />}
        {current === 'escalade' && <PartnerEscalationTab partnerId={partner.id} />}
        {current === 'habilitations' && <PartnerHabilitationsTab partnerId={partner.id} />}
        {current === 'formulaires' && <PartnerFormsTab partnerId={partner.id} />}
        {current === 'historique' && contacts && <HistoryTab records={historyRecords} />}
      </Box>
      {editing && <PartnerFormDialog open partner={partner} onClose={() => setEditing(false)} />}
      {readingConvention && <ReadConventionDialog open partnerId={partner.id} onClose={() => setReadingConvention(false)} />}
      <ConfirmDialog
        open={archiving}
        title={`Archiver ${partner.name} ?`}
        confirmLabel="Archiver"
        onClose={() => setArchiving(false)}
        onConfirm={() => setPartnerArchived(store, partner.id, true)}
      >
        Le partenaire disparaîtra de la liste par défaut (filtre « Inclure les archivés » pour le retrouver). Rien n'est supprimé : convention,
        interlocuteurs, habilitations et historique restent conservés, et vous pourrez le réactiver.
      </ConfirmDialog>
    </>
  );
}
