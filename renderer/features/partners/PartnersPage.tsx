/**
 * The partners list: virtualised (5,000 rows scroll smoothly), sortable, filtered by kind, convention status,
 * management mode and renewal month. Filters live in sessionStorage so they are still there when the user
 * comes back from a partner page. The CSV export writes the rows as filtered and sorted.
 */
import { Box, Button, FormControlLabel, MenuItem, Switch, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { addMonths, format } from 'date-fns';
import { fr } from 'date-fns/locale';
import { useServices } from '../../app/services';
import { href, navigate } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { usePagedRows } from '../../components/usePagedRows';
import { CsvExportButton, csvFileName } from '../../components/CsvExportButton';
import type { CsvColumn } from '../../../shared/csv/toCsv';
import { partnerKindLabels, partnerKinds } from '../../../shared/domain/partner';
import { managementModeLabels, managementModes } from '../../../shared/domain/convention';
import { conventionStatusLabels, conventionStatuses } from '../../../shared/rules/convention';
import { formatDate, todayIso } from '../../../shared/rules/dates';
import { formatSiret } from '../../../shared/rules/siret';
import type { PartnerRow } from './actions';
import { filterPartnerRows, partnerCounts, partnerIndexPages, partnerListRows, partnerPages, partnerView, type PartnerFilters } from './partnerList';
import { statusChipColor } from './labels';
import { PartnerFormDialog } from './PartnerFormDialog';
import { ReadConventionDialog } from '../conventionReading/ReadConventionDialog';

const FILTERS_KEY = 'partenaires.filtres';
const defaultFilters: PartnerFilters = { text: '', kind: '', status: '', mode: '', renewalMonth: '', archived: false, sort: { column: 'name', direction: 'asc' } };

function readFilters(): PartnerFilters {
  try {
    const raw = sessionStorage.getItem(FILTERS_KEY);
    return raw ? { ...defaultFilters, ...(JSON.parse(raw) as Partial<PartnerFilters>) } : defaultFilters;
  } catch {
    return defaultFilters;
  }
}

/** « Tous » shown in empty selects, with the label above it, so no label is cut off. */
const selectProps = { select: { displayEmpty: true }, inputLabel: { shrink: true } } as const;

const columns: VirtualColumn<PartnerRow>[] = [
  { id: 'name', header: 'Nom', width: 'minmax(200px, 3fr)', sortable: true, render: (r) => <a href={href('partenaires', r.partner.id, 'convention')} onClick={(e) => e.stopPropagation()} tabIndex={-1} style={{ color: 'inherit' }}>{r.partner.name}{r.partner.status === 'archive' ? ' (archivé)' : ''}</a> },
  { id: 'kind', header: 'Type', width: 'minmax(120px, 1.5fr)', sortable: true, render: (r) => partnerKindLabels[r.partner.kind] },
  { id: 'city', header: 'Commune', width: 'minmax(110px, 1.5fr)', sortable: true, render: (r) => r.partner.address.city },
  { id: 'number', header: 'N° convention', width: '130px', sortable: true, render: (r) => r.convention?.number ?? '' },
  { id: 'status', header: 'Statut', width: '180px', sortable: true, render: (r) => <StatusBadge status={r.status} /> },
  { id: 'mode', header: 'Mode', width: '100px', sortable: true, render: (r) => (r.convention ? managementModeLabels[r.convention.managementMode] : '') },
  { id: 'renewal', header: 'Renouvellement', width: '145px', sortable: true, render: (r) => formatDate(r.renewal) },
];

const openRow = (r: PartnerRow) => navigate('partenaires', r.partner.id, 'convention');

const csvColumns: CsvColumn<PartnerRow>[] = [
  { header: 'Nom', value: (r) => r.partner.name },
  { header: 'Type', value: (r) => partnerKindLabels[r.partner.kind] },
  { header: 'SIRET', value: (r) => (r.partner.siret ? formatSiret(r.partner.siret) : '') },
  { header: 'Adresse', value: (r) => [r.partner.address.line1, r.partner.address.line2].filter(Boolean).join(', ') },
  { header: 'Code postal', value: (r) => r.partner.address.postalCode },
  { header: 'Commune', value: (r) => r.partner.address.city },
  { header: 'N° convention', value: (r) => r.convention?.number },
  { header: 'Statut de la convention', value: (r) => conventionStatusLabels[r.status] },
  { header: 'Mode de gestion', value: (r) => (r.convention ? managementModeLabels[r.convention.managementMode] : '') },
  { header: 'Date de signature', value: (r) => formatDate(r.convention?.signedOn) },
  { header: "Date d'effet", value: (r) => formatDate(r.convention?.effectiveOn) },
  { header: 'Prochain renouvellement', value: (r) => formatDate(r.renewal) },
  { header: 'Archivé', value: (r) => r.partner.status === 'archive' },
];

/** A light status badge for list rows (an MUI Chip per row costs too much while scrolling 5,000 rows). */
function StatusBadge({ status }: { status: PartnerRow['status'] }) {
  return (
    <span className={`status-badge status-${statusChipColor[status]}`} data-status={status}>
      {conventionStatusLabels[status]}
    </span>
  );
}

/** Colours of the badges, declared once for the whole list. */
const badgeStyles = {
  '& .status-badge': { display: 'inline-block', px: 1, py: '1px', borderRadius: 8, border: 1, fontSize: 12, lineHeight: '18px' },
  '& .status-default': { borderColor: 'grey.400', color: 'text.secondary' },
  '& .status-info': { borderColor: 'info.main', color: 'info.dark' },
  '& .status-success': { borderColor: 'success.main', color: 'success.dark' },
  '& .status-warning': { borderColor: 'warning.main', color: 'warning.dark' },
  '& .status-error': { borderColor: 'error.main', color: 'error.dark' },
} as const;

export function PartnersPage({ creating = false }: { creating?: boolean }) {
  const { db } = useServices();
  const today = todayIso();
  const [filters, setFilters] = useState<PartnerFilters>(readFilters);
  const [readingConvention, setReadingConvention] = useState(false);
  useEffect(() => sessionStorage.setItem(FILTERS_KEY, JSON.stringify(filters)), [filters]);
  // Sorted by name or type, the rows are walked from a name index (filtered a page at a time when a filter is set)
  // and the totals are index ranges; other sorts and the text filter compute order and counts from every partner's
  // list fields `_k.l` (partnerList.ts `partnerView`). Every query is live: a change re-reads it, and its new
  // result re-reads the rows loaded so far.
  const view = partnerView(filters);
  const counts = useLiveQuery(() => partnerCounts(db), [db]);
  // The list fields: order and filters of a `fields` view, the count of a `walk` view — read once that view's
  // first rows are shown, then kept while the list is filtered (a filter change counts again in memory).
  const [fieldsKept, setFieldsKept] = useState(false);
  const fieldsOn = view === 'fields' || (view === 'walk' && fieldsKept);
  const fields = useLiveQuery(async () => (fieldsOn ? { rows: await partnerListRows(db, today) } : undefined), [db, today, fieldsOn]);
  const fieldRows = fields?.rows;
  const filtered = useMemo(() => (fieldRows && view !== 'index' ? filterPartnerRows(fieldRows, filters) : undefined), [fieldRows, filters, view]);
  const visible = useMemo(() => (view === 'fields' ? filtered?.map((r) => r.partner.id) : undefined), [filtered, view]);
  const total = counts?.total;
  const freshShown = view === 'index' ? (counts ? (filters.archived ? counts.total : counts.current) : undefined) : filtered?.length;
  const opened = view === 'fields' ? visible !== undefined : counts !== undefined;
  const paged = usePagedRows(
    async () => (view === 'fields' ? partnerPages(db, visible ?? [], today) : partnerIndexPages(db, filters, today)),
    opened ? JSON.stringify(filters) : '',
    view === 'fields' ? visible : counts,
  );
  // Rows of the current view (not of the empty query that stands in while its first read is under way).
  const listed = opened && paged.ready;
  useEffect(() => {
    if (view === 'index') setFieldsKept(false);
    else if (view === 'fields' || listed) setFieldsKept(true);
  }, [view, listed]);
  // The last row count stays while another view's first read is under way, so the table stays mounted (and
  // keeps the keyboard focus, e.g. on the header just sorted) instead of flashing « Chargement… ».
  const lastCount = useRef<number | undefined>(undefined);
  const rowCount = listed ? (paged.done ? paged.rows.length : Math.max(paged.rows.length + (freshShown === undefined ? 1 : 0), freshShown ?? 0)) : lastCount.current;
  if (rowCount !== undefined) lastCount.current = rowCount;
  const subtitle =
    total === undefined
      ? 'Chargement…'
      : freshShown !== undefined
        ? `${freshShown} partenaire${freshShown > 1 ? 's' : ''} affiché${freshShown > 1 ? 's' : ''} sur ${total}`
        : `Partenaires affichés : comptage en cours (sur ${total})`;

  const months = useMemo(() => Array.from({ length: 12 }, (_, i) => addMonths(new Date(), i)), []);
  const set = (patch: Partial<PartnerFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const anyFilter = filters.text || filters.kind || filters.status || filters.mode || filters.renewalMonth;

  const dialog = creating && (
    <PartnerFormDialog open onClose={() => navigate('partenaires')} onSaved={(id) => setTimeout(() => navigate('partenaires', id, 'convention'))} />
  );

  // The dialog stays at the same place in the tree whichever body shows, so it keeps what the user typed when
  // the list finishes loading underneath it.
  return (
    <>
      {total === 0 ? empty() : list()}
      {dialog}
      <ReadConventionDialog open={readingConvention} onClose={() => setReadingConvention(false)} onSaved={(id) => id && navigate('partenaires', id)} />
    </>
  );

  function empty() {
    return (
      <>
        <PageHeader
          title="Partenaires"
          actions={
            <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => setReadingConvention(true)}>
              Lire une convention…
            </Button>
          }
        />
        <EmptyState
          title="Aucun partenaire pour l'instant"
          action={
            <Button variant="contained" startIcon={<AddIcon />} href={href('partenaires', 'nouveau')}>
              Nouveau partenaire
            </Button>
          }
        >
          Créez le premier partenaire avec « Nouveau partenaire » (Ctrl+N) : nom, type, SIRET, adresse et convention. Vous pouvez aussi
          importer les fiches d'un autre poste depuis « Synchronisation ».
        </EmptyState>
      </>
    );
  }

  function list() {
    return (
      <>
        <PageHeader
          title="Partenaires"
          subtitle={subtitle}
          actions={
            <>
              <CsvExportButton fileName={csvFileName('partenaires')} columns={csvColumns} rows={paged.all} />
              <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => setReadingConvention(true)}>
                Lire une convention…
              </Button>
              <Button variant="contained" startIcon={<AddIcon />} href={href('partenaires', 'nouveau')} title="Ctrl+N">
                Nouveau partenaire
              </Button>
            </>
          }
        />
        <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', mb: 2, alignItems: 'center' }} role="search" aria-label="Filtres des partenaires">
          <TextField size="small" label="Filtrer (nom, commune, n°)" value={filters.text} onChange={(e) => set({ text: e.target.value })} sx={{ minWidth: 220 }} />
          <TextField select size="small" slotProps={selectProps} label="Type" value={filters.kind} onChange={(e) => set({ kind: e.target.value })} sx={{ minWidth: 170 }}>
            <MenuItem value="">Tous</MenuItem>
            {partnerKinds.map((k) => (
              <MenuItem key={k} value={k}>
                {partnerKindLabels[k]}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" slotProps={selectProps} label="Statut de la convention" value={filters.status} onChange={(e) => set({ status: e.target.value })} sx={{ minWidth: 200 }}>
            <MenuItem value="">Tous</MenuItem>
            {conventionStatuses.map((s) => (
              <MenuItem key={s} value={s}>
                {conventionStatusLabels[s]}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" slotProps={selectProps} label="Mode de gestion" value={filters.mode} onChange={(e) => set({ mode: e.target.value })} sx={{ minWidth: 160 }}>
            <MenuItem value="">Tous</MenuItem>
            {managementModes.map((m) => (
              <MenuItem key={m} value={m}>
                {managementModeLabels[m]}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" slotProps={selectProps} label="Mois de renouvellement" value={filters.renewalMonth} onChange={(e) => set({ renewalMonth: e.target.value })} sx={{ minWidth: 190 }}>
            <MenuItem value="">Tous</MenuItem>
            {months.map((m) => (
              <MenuItem key={format(m, 'yyyy-MM')} value={format(m, 'yyyy-MM')}>
                {format(m, 'MMMM yyyy', { locale: fr })}
              </MenuItem>
            ))}
          </TextField>
          <FormControlLabel control={<Switch checked={filters.archived} onChange={(e) => set({ archived: e.target.checked })} />} label="Inclure les archivés" />
          {anyFilter && (
            <Button size="small" onClick={() => set({ text: '', kind: '', status: '', mode: '', renewalMonth: '' })}>
              Effacer les filtres
            </Button>
          )}
        </Box>
        {rowCount !== undefined ? (
          // Until a new order's first page is in (a few ms), its rows show as « Chargement… », never stale ones.
          <Box sx={badgeStyles} aria-busy={!listed}>
          <VirtualTable
            label="Liste des partenaires"
            columns={columns}
            rows={listed ? paged.rows : []}
            rowCount={rowCount}
            onVisibleEnd={paged.want}
            rowKey={(r) => r.partner.id}
            sort={filters.sort}
            onSortChange={(sort) => set({ sort })}
            onRowOpen={openRow}
          />
          </Box>
        ) : (
          <Typography color="text.secondary">Chargement…</Typography>
        )}
      </>
    );
  }
}
