/**
 * Every contact, partner side and Caf side: virtualised, filtered by role, partner, side and activity, exported
 * to CSV as filtered. Caf-side contacts (administrators, guichet unique, security officer, DPO) are created here.
 */
import { Autocomplete, Box, Button, MenuItem, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { usePagedRows } from '../../components/usePagedRows';
import { contactCounts, contactIndexPages, contactList, contactPages, filterContactRows, indexedCount, isIndexedContactView, type ContactFilters, type ContactList, type ContactRow } from './contactList';
import { liveRows } from '../../db/store';
import { listFields } from '../../db/paging';
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

  // The default views (name order, activity only) walk an index and count index ranges (contactList.ts); any
  // other filter or sort computes order and counts from every contact's list fields `_k.l`. Either query is
  // live: a change re-reads it, and its new result re-reads the rows loaded so far.
  const indexed = isIndexedContactView(filters);
  const view = useLiveQuery(async () => {
    const cafId = await currentCafId(db, settings);
    if (indexed) {
      const [counts, cafs] = await Promise.all([contactCounts(db, today), liveRows(db, 'cafs')]);
      return { indexed: true as const, counts, cafs: new Map(cafs.map((c) => [c.id, c])), cafId };
    }
    return { indexed: false as const, ...(await contactList(db, today)), cafId };
  }, [db, settings.officeCafId, today, indexed]);
  const current = view?.indexed === indexed ? view : undefined;
  const data = current && !current.indexed ? current : undefined;
  const visible = useMemo(() => (data ? filterContactRows(data.rows, filters, today).map((r) => r.contact.id) : undefined), [data, filters, today]);
  const freshTotal = current ? (current.indexed ? current.counts.total : current.rows.length) : undefined;
  const freshShown = current?.indexed ? indexedCount(current.counts, filters.activity) : visible?.length;
  // The last counts stay shown while another view's first read is under way, so the table stays mounted (and
  // keeps the keyboard focus, e.g. on the header just sorted) instead of flashing « Chargement… ».
  const counted = useRef<{ shown: number; total: number } | undefined>(undefined);
  if (freshShown !== undefined && freshTotal !== undefined) counted.current = { shown: freshShown, total: freshTotal };
  const shown = counted.current?.shown;
  const total = counted.current?.total;
  const paged = usePagedRows(
    async () => (current?.indexed ? contactIndexPages(db, filters, today, current.cafs) : contactPages(db, visible ?? [], data ?? emptyList)),
    freshShown !== undefined ? JSON.stringify(filters) : '',
    indexed ? current : visible,
  );  // Rows of the current view (not of the empty query that stands in while its first read is under way).
  const listed = freshShown !== undefined && paged.ready;

  // The partner picker's options: with the list fields when read, else read when the picker is first opened.
  const [pickerPartners, setPickerPartners] = useState<{ id: string; name: string }[] | null>(null);
  const loadPartners = () => {
    if (!data && !pickerPartners) void listFields<PartnerListKey>(db.partners).then((ps) => setPickerPartners(ps.map((p) => ({ id: p.id, name: p.l[0] }))));
  };
  const partnerOptions = useMemo(() => (data?.partners ?? pickerPartners ?? []).map((p) => ({ id: p.id, label: p.name })).sort((a, b) => a.label.localeCompare(b.label, 'fr')), [data, pickerPartners]);

  const dialog =
    editing && current ? (
      <ContactDialog
        open
        contact={editing === 'new' ? undefined : editing}
        owner={editing !== 'new' && editing.partnerId ? { partnerId: editing.partnerId } : { cafId: editing !== 'new' && editing.cafId ? editing.cafId : current.cafId }}
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
          subtitle={shown !== undefined && total !== undefined ? `${shown} affiché${shown > 1 ? 's' : ''} sur ${total}` : 'Chargement…'}
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
            loading={!data && !pickerPartners}
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
        {shown !== undefined ? (
          // Until a new order's first page is in (a few ms), its rows show as « Chargement… », never stale ones.
          <Box aria-busy={!listed}>
            <VirtualTable
              label="Liste des interlocuteurs"
              columns={columns}
              rows={listed ? paged.rows : []}
              rowCount={listed && paged.done ? paged.rows.length : Math.max(listed ? paged.rows.length : 0, shown)}
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
