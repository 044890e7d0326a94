/**
 * Every habilitation of every partner (virtualised, paged through indexes: 150,000 in the stress set, see
 * habilitationList.ts), filtered by partner, profile and status, exported as filtered; and the purge list of
 * accesses ended more than six years ago.
 */
import { useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, Autocomplete, Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { cdapProfiles } from '../../../shared/catalog/cdapProfiles';
import type { CsvColumn } from '../../../shared/csv/toCsv';
import { endReasonLabels, habilitationStatuses, habilitationStatusLabels, type HabilitationStatus } from '../../../shared/domain/habilitation';
import { formatDate, todayIso } from '../../../shared/rules/dates';
import { purgeThreshold } from '../../../shared/rules/purge';
import { href, navigate } from '../../app/router';
import { useServices } from '../../app/services';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CsvExportButton, csvFileName } from '../../components/CsvExportButton';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { compareValues, VirtualTable, type SortState, type VirtualColumn } from '../../components/VirtualTable';
import { usePagedRows } from '../../components/usePagedRows';
import { useDerivedCounts } from '../../derived/client';
import { purgeHabilitations } from './actions';
import { habilitationCounts, habilitationPages, partnerOptions, PURGE_SHOWN, purgeableHabilitations, type HabilitationQuery, type HabilitationRow } from './habilitationList';
import { personName } from '../../../shared/rules/names';
// Pickers find « saint paul » for Saint-Paul: the lists' one text rule.
import { filterByName } from '../../../shared/search/match';

type Row = HabilitationRow;

const csvColumns: CsvColumn<Row>[] = [
  { header: 'Partenaire', value: (r) => r.partnerName },
  { header: 'Service', value: (r) => r.service },
  { header: 'Profil', value: (r) => r.profile },
  { header: 'Prénom', value: (r) => r.firstName },
  { header: 'Nom', value: (r) => r.lastName },
  { header: 'Adresse mél', value: (r) => r.email },
  { header: 'Fonction', value: (r) => r.function },
  { header: "N° d'instructeur", value: (r) => r.instructorNumber },
  { header: 'Début', value: (r) => formatDate(r.startOn) },
  { header: 'Statut', value: (r) => habilitationStatusLabels[r.status] },
  { header: 'Fin', value: (r) => formatDate(r.endOn) },
  { header: 'Motif de fin', value: (r) => (r.endReason ? endReasonLabels[r.endReason] : '') },
  { header: 'Motif de dépassement de quota', value: (r) => r.quotaOverrideReason },
];

const FILTERS_KEY = 'habilitations.filtres';
interface Filters {
  partner: { id: string; name: string } | null;
  profile: string;
  status: HabilitationStatus | '';
  sort: SortState;
}

function readFilters(): Filters {
  const fallback: Filters = { partner: null, profile: '', status: '', sort: { column: 'partner', direction: 'asc' } };
  try {
    const raw = sessionStorage.getItem(FILTERS_KEY);
    return raw ? { ...fallback, ...(JSON.parse(raw) as Partial<Filters>) } : fallback;
  } catch {
    return fallback;
  }
}

export function HabilitationsPage() {
  const { db, store, dbName, replicaId } = useServices();
  const saved = useMemo(readFilters, []);
  const [partner, setPartner] = useState<{ id: string; name: string } | null>(saved.partner);
  const [profile, setProfile] = useState(saved.profile);
  const [status, setStatus] = useState<HabilitationStatus | ''>(saved.status);
  const [sort, setSort] = useState<SortState>(saved.sort);
  // Filters are kept for the session: coming back from a partner page finds the list as it was left.
  useEffect(() => {
    sessionStorage.setItem(FILTERS_KEY, JSON.stringify({ partner, profile, status, sort }));
  }, [partner, profile, status, sort]);
  const [purgeOpen, setPurgeOpen] = useState(false);
  const [purgeMessage, setPurgeMessage] = useState<string | null>(null);
  const today = todayIso();

  // Rows page through indexes (habilitationList.ts). Counts come after the first page: IndexedDB counts a range
  // key by key (≈ 1.2 s over 150,000 habilitations) and every read of the origin waits behind it. The total is the
  // derived state's (kept with every write) once its index is current; only filters count an index range. The
  // counts query is live: it re-runs on every change to habilitations or partners, and its fresh result re-reads
  // the loaded rows.
  const query: HabilitationQuery = useMemo(() => ({ partner, profile, status, sort }), [partner, profile, status, sort]);
  const queryKey = JSON.stringify([partner?.id ?? '', profile, status, sort.column, sort.direction]);
  const derivedCounts = useDerivedCounts(dbName, replicaId);
  const knownTotal = derivedCounts?.habilitation;
  const [firstPageIn, setFirstPageIn] = useState<string | null>(null);
  const counts = useLiveQuery(async () => {
    if (firstPageIn !== queryKey) return undefined;
    const c = await habilitationCounts(db, query, knownTotal);
    await db.partners.where('_deleted').equals(0).count();
    // The newest stamp (one key): every write stamps its record, so the query re-runs on any edit of a
    // habilitation — also when the total is the derived state's and no habilitation range was counted.
    await db.habilitations.orderBy('_ts').reverse().limit(1).primaryKeys();
    return { ...c, key: queryKey };
  }, [db, queryKey, firstPageIn, knownTotal]);
  const current = counts?.key === queryKey ? counts : undefined;
  const paged = usePagedRows(() => habilitationPages(db, query), queryKey, current);
  useEffect(() => {
    if (paged.ready) setFirstPageIn(queryKey);
  }, [paged.ready, queryKey]);
  const rowCount = paged.done ? paged.rows.length : Math.max(paged.rows.length, current?.shown ?? 0);
  const purge = useLiveQuery(() => purgeableHabilitations(db, today), [db, today]);
  const purgeCount = purge?.count ?? 0;
  const [partnerList, setPartnerList] = useState<{ id: string; name: string }[] | null>(null);
  const loadPartners = () => {
    if (!partnerList) void partnerOptions(db).then((list) => setPartnerList(list.sort((a, b) => compareValues(a.name, b.name))));
  };

  const columns: VirtualColumn<Row>[] = [
    { id: 'partner', header: 'Partenaire', width: '2fr', sortable: true, render: (r) => r.partnerName },
    { id: 'name', header: 'Nom', width: '1.5fr', sortable: true, render: (r) => personName(r) },
    { id: 'email', header: 'Adresse mél', width: '2fr', sortable: true, render: (r) => r.email },
    { id: 'profile', header: 'Profil', width: '70px', sortable: true, render: (r) => r.profile },
    { id: 'start', header: 'Début', width: '100px', sortable: true, render: (r) => formatDate(r.startOn) },
    { id: 'status', header: 'Statut', width: '170px', sortable: true, render: (r) => habilitationStatusLabels[r.status] },
    { id: 'end', header: 'Fin', width: '100px', sortable: true, render: (r) => formatDate(r.endOn) },
  ];

  if (!paged.ready) {
    return (
      <>
        <PageHeader title="Habilitations" />
        <Typography>Chargement des habilitations…</Typography>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Habilitations"
        subtitle={
          !current && !paged.done
            ? 'Comptage des habilitations…'
            : `${rowCount.toLocaleString('fr-FR')} habilitation${rowCount > 1 ? 's' : ''} affichée${rowCount > 1 ? 's' : ''}${counts ? ` sur ${counts.total.toLocaleString('fr-FR')}` : ''}`
        }
        actions={<CsvExportButton fileName={csvFileName('habilitations')} columns={csvColumns} rows={paged.all} />}
      />
      {counts?.total === 0 ? (
        <EmptyState title="Aucune habilitation enregistrée">
          Les habilitations se saisissent depuis la fiche d'un partenaire, onglet « Profils et habilitations », après avoir renseigné les nombres autorisés du bulletin d'adhésion.
        </EmptyState>
      ) : (
        <>
          <Stack direction="row" spacing={2} sx={{ mb: 2, flexWrap: 'wrap' }} useFlexGap>
            <Autocomplete
              sx={{ width: 320 }}
              size="small"
              options={partnerList ?? (partner ? [partner] : [])}
              loading={!partnerList}
              loadingText="Chargement des partenaires…"
              onOpen={loadPartners}
              value={partner}
              onChange={(_e, v) => setPartner(v)}
              getOptionLabel={(o) => o.name}
              filterOptions={filterByName}
              isOptionEqualToValue={(a, b) => a.id === b.id}
              renderInput={(params) => <TextField {...params} label="Partenaire" />}
              noOptionsText="Aucun partenaire"
            />
            <TextField select size="small" label="Profil" value={profile} onChange={(e) => setProfile(e.target.value)} sx={{ width: 160 }}>
              <MenuItem value="">Tous</MenuItem>
              {cdapProfiles.map((p) => (
                <MenuItem key={p.code} value={p.code}>
                  {p.code} — {p.label.length > 28 ? `${p.label.slice(0, 28)}…` : p.label}
                </MenuItem>
              ))}
            </TextField>
            <TextField select size="small" label="Statut" value={status} onChange={(e) => setStatus(e.target.value as HabilitationStatus | '')} sx={{ width: 220 }}>
              <MenuItem value="">Tous</MenuItem>
              {habilitationStatuses.map((s) => (
                <MenuItem key={s} value={s}>
                  {habilitationStatusLabels[s]}
                </MenuItem>
              ))}
            </TextField>
            {(partner || profile || status) && (
              <Button
                onClick={() => {
                  setPartner(null);
                  setProfile('');
                  setStatus('');
                }}
              >
                Effacer les filtres
              </Button>
            )}
          </Stack>
          <VirtualTable
            label="Habilitations"
            columns={columns}
            rows={paged.rows}
            rowCount={rowCount}
            onVisibleEnd={paged.want}
            rowKey={(r) => r.id}
            sort={sort}
            onSortChange={setSort}
            onRowOpen={(r) => navigate('partenaires', r.partnerId, 'habilitations')}
            height="calc(100vh - 420px)"
          />
        </>
      )}

      <Paper variant="outlined" sx={{ p: 2, mt: 3 }} component="section" aria-labelledby="purge-titre">
        <Typography variant="h6" component="h2" id="purge-titre">
          Accès terminés depuis plus de six ans
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          Les données d'une habilitation sont conservées six ans après la fin de l'accès, puis supprimées. Sont listés les accès supprimés avant le {formatDate(purgeThreshold(today))}.
        </Typography>
        {purgeMessage && (
          <Alert severity="success" sx={{ mb: 1 }} onClose={() => setPurgeMessage(null)}>
            {purgeMessage}
          </Alert>
        )}
        {purgeCount === 0 ? (
          <Typography variant="body2" data-testid="purge-vide">
            Aucun accès à purger aujourd'hui.
          </Typography>
        ) : (
          <>
            <Box component="ul" sx={{ maxHeight: 220, overflow: 'auto', my: 1, pl: 3 }} data-testid="purge-liste">
              {(purge?.first ?? []).map((h) => (
                <li key={h.id}>
                  <a href={href('partenaires', h.partnerId, 'habilitations')}>{h.partnerName}</a> — {personName(h)} ({h.profile}), fin le {formatDate(h.endOn)}
                  {h.endReason ? ` — ${endReasonLabels[h.endReason]}` : ''}
                </li>
              ))}
              {purgeCount > PURGE_SHOWN && <li>… et {purgeCount - PURGE_SHOWN} autres</li>}
            </Box>
            <Button color="error" variant="outlined" onClick={() => setPurgeOpen(true)}>
              Purger {purgeCount} accès
            </Button>
          </>
        )}
      </Paper>
      <ConfirmDialog
        open={purgeOpen}
        title="Purger les accès terminés depuis plus de six ans ?"
        confirmLabel="Purger définitivement"
        onClose={() => setPurgeOpen(false)}
        onConfirm={async () => {
          const n = purge ? await purgeHabilitations(store, await purge.ids(), today) : 0;
          setPurgeMessage(`${n} accès purgé${n > 1 ? 's' : ''}.`);
        }}
      >
        {purgeCount} habilitation{purgeCount > 1 ? 's' : ''} terminée{purgeCount > 1 ? 's' : ''} avant le {formatDate(purgeThreshold(today))} {purgeCount > 1 ? 'seront supprimées' : 'sera supprimée'} de cette installation et des autres à la prochaine synchronisation. Cette action ne peut pas être annulée ici.
      </ConfirmDialog>
    </>
  );
}
