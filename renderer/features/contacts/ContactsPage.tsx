/**
 * Every contact, partner side and Caf side: virtualised, filtered by role, partner, side and activity, exported
 * to CSV as filtered. Caf-side contacts (administrators, guichet unique, security officer, DPO) are created here.
 */
import { Autocomplete, Box, Button, MenuItem, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { usePagedRows } from '../../components/usePagedRows';
import { contactCounts, contactIndexPages, contactList, contactPages, contactView, filterContactRows, indexedCount, partnerContactRows, type ContactFilters, type ContactList, type ContactRow } from './contactList';
import { liveRows } from '../../db/store';
import { arrayPages, listFields } from '../../db/paging';
import type { PartnerListKey } from '../../../shared/search/listKeys';
import { useServices } from '../../app/services';
import { href } from '../../app/router';
import { contactRoleLabels, contactRoles, type Contact } from '../../../shared/domain/contact';
import { formatPhone } from '../../../shared/rules/phone';
import { formatDate, todayIso } from '../../../shared/rules/dates';
import type { CsvColumn } from '../../../shared/csv/toCsv';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { CsvExportButton, csvFileName } from '../../components/CsvExportButton';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import { currentCafId } from '../partners/actions';
import { ContactDialog, contactName } from './ContactDialog';
import { pickerFilter } from '../../../shared/search/match';

const partnerFilter = pickerFilter((o: { id: string; label: string }) => o.label);

const FILTERS_KEY = 'interlocuteurs.filtres';
const defaults: ContactFilters = { text: '', role: '', partnerId: '', side: '', activity: 'actifs', sort: { column: 'name', direction: 'asc' } };
function readFilters(): ContactFilters {
  try {
    const raw = sessionStorage.getItem(FILTERS_KEY);
    return raw ? { ...defaults, ...(JSON.parse(raw) as Partial<ContactFilters>) } : defaults;
  } catch {
    return defaults;
  }
}
const emptyList: ContactList = { rows: [], partners: [], cafs: new Map() };
const selectProps = { select: { displayEmpty: true }, inputLabel: { shrink: true } } as const;

const columns: VirtualColumn<ContactRow>[] = [
  { id: 'name', header: 'Nom', width: 'minmax(160px, 2fr)', sortable: true, render: (r) => contactName(r.contact) + (r.active ? '' : ' (ancien)') },
  {
    id: 'owner',
    header: 'Partenaire / Caf',
    width: 'minmax(160px, 2fr)',
    sortable: true,
    render: (r) =>
      r.contact.partnerId ? (
        <a href={href('partenaires', r.contact.partnerId, 'interlocuteurs')} onClick={(e) => e.stopPropagation()} tabIndex={-1} style={{ color: 'inherit' }}>
          {r.owner}
        </a>
      ) : (
        r.owner
      ),
  },
  { id: 'function', header: 'Fonction', width: 'minmax(120px, 1.5fr)', sortable: true, render: (r) => r.contact.function },
  { id: 'roles', header: 'Rôles actuels', width: 'minmax(160px, 2fr)', sortable: true, render: (r) => r.roles },
  { id: 'email', header: 'Mél', width: 'minmax(160px, 2fr)', sortable: true, render: (r) => r.contact.email },
  { id: 'phones', header: 'Téléphone', width: '140px', render: (r) => formatPhone(r.contact.landline || r.contact.mobile) },
];

const csvColumns: CsvColumn<ContactRow>[] = [
  { header: 'Civilité', value: (r) => r.contact.civility },
  { header: 'Prénom', value: (r) => r.contact.firstName },
  { header: 'Nom', value: (r) => r.contact.lastName },
  { header: 'Partenaire / Caf', value: (r) => r.owner },
  { header: 'Fonction', value: (r) => r.contact.function },
  { header: 'Rôles actuels', value: (r) => r.roles },
  { header: 'Mél', value: (r) => r.contact.email },
  { header: 'Téléphone fixe', value: (r) => formatPhone(r.contact.landline) },
  { header: 'Téléphone mobile', value: (r) => formatPhone(r.contact.mobile) },
  { header: 'Actif depuis', value: (r) => formatDate(r.contact.activeFrom) },
  { header: "Actif jusqu'au", value: (r) => formatDate(r.contact.activeUntil) },
];

export function ContactsPage() {
  const { db, settings } = useServices();
  const today = todayIso();
  const [filters, setFilters] = useState<ContactFilters>(readFilters);
  useEffect(() => sessionStorage.setItem(FILTERS_KEY, JSON.stringify(filters)), [filters]);
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const set = (patch: Partial<ContactFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const openRow = useCallback((r: ContactRow) => setEditing(r.contact), []);

  // Sorted by name, rows are walked from a name index (filtered a page at a time) and the totals are index
  // ranges; one partner's contacts come from the `partnerId` index; other sorts and the text filter compute
  // order and counts from every contact's list fields `_k.l` (contactList.ts `contactView`). Every query is live:
  // a change re-reads it, and its new result re-reads the rows loaded so far.
  const view = contactView(filters);
  const base = useLiveQuery(async () => {
    const [cafId, counts, cafs] = await Promise.all([currentCafId(db, settings), contactCounts(db, today), liveRows(db, 'cafs')]);
    return { cafId, counts, cafs: new Map(cafs.map((c) => [c.id, c])) };
  }, [db, settings.officeCafId, today]);
  // The list fields: order and filters of a `fields` view, the count of a `walk` view — read once that view's
  // first rows are shown, then kept while the list is filtered (a filter change counts again in memory).
  const [fieldsKept, setFieldsKept] = useState(false);
  const fieldsOn = view === 'fields' || (view === 'walk' && fieldsKept);
  const data = useLiveQuery(async () => (fieldsOn ? contactList(db, today) : undefined), [db, today, fieldsOn]);
  const partnerId = view === 'partner' ? filters.partnerId : '';
  const cafs = base?.cafs;
  // One partner's rows (a few), filtered and sorted in memory; live like the others.
  const ofPartner = useLiveQuery(async () => (partnerId && cafs ? { partnerId, rows: await partnerContactRows(db, partnerId, today, cafs) } : undefined), [db, today, partnerId, cafs]);
  const partnerRows = ofPartner?.partnerId === partnerId ? ofPartner.rows : undefined;
  const filtered = useMemo(() => {
    if (view === 'partner') return partnerRows && filterContactRows(partnerRows, filters, today);
    return data && view !== 'index' ? filterContactRows(data.rows, filters, today) : undefined;
  }, [view, partnerRows, data, filters, today]);
  const visible = useMemo(() => (view === 'fields' ? filtered?.map((r) => r.contact.id) : undefined), [filtered, view]);
  const total = base?.counts.total;
  const freshShown = view === 'index' ? (base ? indexedCount(base.counts, filters.activity) : undefined) : filtered?.length;
  const opened = view === 'fields' ? visible !== undefined : view === 'partner' ? filtered !== undefined : base !== undefined;
  const paged = usePagedRows(
    async () => {
      if (view === 'fields') return contactPages(db, visible ?? [], data ?? emptyList);
      if (view === 'partner') return arrayPages((filtered ?? []) as ContactRow[]);
      return contactIndexPages(db, filters, today, cafs ?? new Map());
    },
    opened ? JSON.stringify(filters) : '',
    view === 'fields' ? visible : view === 'partner' ? filtered : base,
  );
  // Rows of the current view (not of the empty query that stands in while its first read is under way).
  const listed = opened && paged.ready;
  useEffect(() => {
    if (view === 'index' || view === 'partner') setFieldsKept(false);
    else if (view === 'fields' || listed) setFieldsKept(true);
  }, [view, listed]);
  // The last row count stays while another view's first read is under way, so the table stays mounted (and
  // keeps the keyboard focus, e.g. on the header just sorted) instead of flashing « Chargement… ».
  const lastCount = useRef<number | undefined>(undefined);
  const rowCount = listed ? (paged.done ? paged.rows.length : Math.max(paged.rows.length + (freshShown === undefined ? 1 : 0), freshShown ?? 0)) : lastCount.current;
  if (rowCount !== undefined) lastCount.current = rowCount;
  const subtitle = total === undefined ? 'Chargement…' : freshShown !== undefined ? `${freshShown} affiché${freshShown > 1 ? 's' : ''} sur ${total}` : `Affichés : comptage en cours (sur ${total})`;

  // The partner picker's options: from the list fields when read, else read when the picker is first opened or
  // a partner is chosen (e.g. kept from an earlier visit: the field shows its name). Kept once read.
  const [pickerPartners, setPickerPartners] = useState<{ id: string; name: string }[] | null>(null);
  const pickerRead = useRef(false);
  const loadPartners = () => {
    if (pickerRead.current || pickerPartners) return;
    pickerRead.current = true;
    void listFields<PartnerListKey>(db.partners).then((ps) => setPickerPartners((known) => known ?? ps.map((p) => ({ id: p.id, name: p.l[0] }))));
  };
  useEffect(() => {
    if (data) setPickerPartners(data.partners);
  }, [data]);
  useEffect(() => {
    if (filters.partnerId) loadPartners();
  });
  const partnerOptions = useMemo(() => (pickerPartners ?? []).map((p) => ({ id: p.id, label: p.name })).sort((a, b) => a.label.localeCompare(b.label, 'fr')), [pickerPartners]);

  const dialog =
    editing && base ? (
      <ContactDialog
        open
        contact={editing === 'new' ? undefined : editing}
        owner={editing !== 'new' && editing.partnerId ? { partnerId: editing.partnerId } : { cafId: editing !== 'new' && editing.cafId ? editing.cafId : base.cafId }}
        onClose={() => setEditing(null)}
      />
    ) : null;
  const newCaf = (
    <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')}>
      Nouvel interlocuteur de la Caf
    </Button>
  );

  // The dialog stays at the same place in the tree whichever body shows (see PartnersPage).
  return (
    <>
      {total === 0 ? empty() : list()}
      {dialog}
    </>
  );

  function empty() {
    return (
      <>
        <PageHeader title="Interlocuteurs" />
        <EmptyState title="Aucun interlocuteur" action={newCaf}>
          Les interlocuteurs d'un partenaire s'ajoutent depuis sa fiche (onglet « Interlocuteurs »). Ceux de la Caf (administrateurs,
          guichet unique, responsable sécurité, DPO) s'ajoutent ici.
        </EmptyState>
      </>
    );
  }

  function list() {
    return (
      <>
        <PageHeader
          title="Interlocuteurs"
          subtitle={subtitle}
          actions={
            <>
              <CsvExportButton fileName={csvFileName('interlocuteurs')} columns={csvColumns} rows={paged.all} />
              {newCaf}
            </>
          }
        />
        <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', mb: 2, alignItems: 'center' }} role="search" aria-label="Filtres des interlocuteurs">
          <TextField size="small" label="Filtrer (nom, mél, fonction, téléphone)" value={filters.text} onChange={(e) => set({ text: e.target.value })} sx={{ minWidth: 330 }} />
          <TextField select size="small" slotProps={selectProps} label="Rôle" value={filters.role} onChange={(e) => set({ role: e.target.value })} sx={{ minWidth: 220 }}>
            <MenuItem value="">Tous</MenuItem>
            {contactRoles.map((r) => (
              <MenuItem key={r} value={r}>
                {contactRoleLabels[r]}
              </MenuItem>
            ))}
          </TextField>
          <Autocomplete
            size="small"
            options={partnerOptions}
            filterOptions={partnerFilter}
            value={partnerOptions.find((o) => o.id === filters.partnerId) ?? null}
            onOpen={loadPartners}
            loading={!pickerPartners}
            loadingText="Chargement des partenaires…"
            onChange={(_, v) => set({ partnerId: v?.id ?? '' })}
            renderInput={(params) => <TextField {...params} label="Partenaire" />}
            sx={{ minWidth: 240 }}
            isOptionEqualToValue={(a, b) => a.id === b.id}
          />
          <TextField select size="small" slotProps={selectProps} label="Côté" value={filters.side} onChange={(e) => set({ side: e.target.value as ContactFilters['side'] })} sx={{ minWidth: 140 }}>
            <MenuItem value="">Tous</MenuItem>
            <MenuItem value="partenaire">Partenaires</MenuItem>
            <MenuItem value="caf">Caf</MenuItem>
          </TextField>
          <TextField select size="small" slotProps={selectProps} label="Activité" value={filters.activity} onChange={(e) => set({ activity: e.target.value as ContactFilters['activity'] })} sx={{ minWidth: 140 }}>
            <MenuItem value="actifs">Actifs</MenuItem>
            <MenuItem value="anciens">Anciens</MenuItem>
            <MenuItem value="tous">Tous</MenuItem>
          </TextField>
        </Box>
        {rowCount !== undefined ? (
          // Until a new order's first page is in (a few ms), its rows show as « Chargement… », never stale ones.
          <Box aria-busy={!listed}>
            <VirtualTable
              label="Liste des interlocuteurs"
              columns={columns}
              rows={listed ? paged.rows : []}
              rowCount={rowCount}
              onVisibleEnd={paged.want}
              rowKey={(r) => r.contact.id}
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
