/**
 * Every contact, partner side and Caf side: virtualised, filtered by role, partner, side and activity, exported
 * to CSV as filtered. Caf-side contacts (administrators, guichet unique, security officer, DPO) are created here.
 */
import { Autocomplete, Box, Button, MenuItem, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { usePagedRows } from '../../components/usePagedRows';
import { contactList, contactPages, filterContactRows, type ContactFilters, type ContactList, type ContactRow } from './contactList';
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
  // Order, filters and counts from the list fields `_k.l` (contactList.ts); the rows shown are read a page at a time. The
  // keys' query is live: a change re-reads them, and the new order re-reads the rows loaded so far.
  const data = useLiveQuery(async () => ({ ...(await contactList(db, today)), cafId: await currentCafId(db, settings) }), [db, settings.officeCafId, today]);
  const [filters, setFilters] = useState<ContactFilters>(readFilters);
  useEffect(() => sessionStorage.setItem(FILTERS_KEY, JSON.stringify(filters)), [filters]);
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const set = (patch: Partial<ContactFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const openRow = useCallback((r: ContactRow) => setEditing(r.contact), []);

  const visible = useMemo(() => (data ? filterContactRows(data.rows, filters, today).map((r) => r.contact.id) : undefined), [data, filters, today]);
  const paged = usePagedRows(async () => contactPages(db, visible ?? [], data ?? emptyList), visible ? JSON.stringify(filters) : '', visible);
  const partnerOptions = useMemo(() => (data?.partners ?? []).map((p) => ({ id: p.id, label: p.name })).sort((a, b) => a.label.localeCompare(b.label, 'fr')), [data]);

  const dialog =
    editing && data ? (
      <ContactDialog
        open
        contact={editing === 'new' ? undefined : editing}
        owner={editing !== 'new' && editing.partnerId ? { partnerId: editing.partnerId } : { cafId: editing !== 'new' && editing.cafId ? editing.cafId : data.cafId }}
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
      {data && data.rows.length === 0 ? empty() : list()}
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
          subtitle={data && visible ? `${visible.length} affiché${visible.length > 1 ? 's' : ''} sur ${data.rows.length}` : 'Chargement…'}
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
        {data ? (
          // Until a new order's first page is in (a few ms), its rows show as « Chargement… », never stale ones.
          <Box aria-busy={!paged.ready}>
            <VirtualTable
              label="Liste des interlocuteurs"
              columns={columns}
              rows={paged.ready ? paged.rows : []}
              rowCount={visible?.length ?? 0}
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
