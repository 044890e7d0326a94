/**
 * Every contact, partner side and Caf side: virtualised, filtered by role, partner, side and activity, exported
 * to CSV as filtered. Caf-side contacts (administrators, guichet unique, security officer, DPO) are created here.
 */
import { Autocomplete, Box, Button, MenuItem, TextField } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useServices } from '../../app/services';
import { href } from '../../app/router';
import { liveRows } from '../../db/store';
import { contactRoleLabels, contactRoles, type Contact } from '../../../shared/domain/contact';
import { formatPhone } from '../../../shared/rules/phone';
import { activeRoles, isContactActive } from '../../../shared/rules/requiredRoles';
import { formatDate, todayIso } from '../../../shared/rules/dates';
import type { CsvColumn } from '../../../shared/csv/toCsv';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { CsvExportButton, csvFileName } from '../../components/CsvExportButton';
import { VirtualTable, compareValues, type SortState, type VirtualColumn } from '../../components/VirtualTable';
import { currentCafId } from '../partners/actions';
import { cafLabel } from '../cafs/officeCaf';
import { ContactDialog, contactName } from './ContactDialog';
import { haystack, pickerFilter, textMatcher } from '../../../shared/search/match';

const partnerFilter = pickerFilter((o: { id: string; label: string }) => o.label);

interface ContactRow {
  contact: Contact;
  owner: string;
  roles: string;
  active: boolean;
}

interface ContactFilters {
  text: string;
  role: string;
  partnerId: string;
  side: '' | 'partenaire' | 'caf';
  activity: 'actifs' | 'anciens' | 'tous';
  sort: SortState;
}
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
const sortKeys: Record<string, (r: ContactRow) => string> = {
  name: (r) => `${r.contact.lastName} ${r.contact.firstName}`,
  owner: (r) => r.owner,
  function: (r) => r.contact.function,
  roles: (r) => r.roles,
  email: (r) => r.contact.email,
};

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
  const data = useLiveQuery(async () => {
    const [contacts, partners, cafs] = await Promise.all([liveRows(db, 'contacts'), liveRows(db, 'partners'), liveRows(db, 'cafs')]);
    return { contacts, partners, cafs: new Map(cafs.map((c) => [c.id, c])), cafId: await currentCafId(db, settings) };
  }, [db, settings.officeCafId]);
  const [filters, setFilters] = useState<ContactFilters>(readFilters);
  useEffect(() => sessionStorage.setItem(FILTERS_KEY, JSON.stringify(filters)), [filters]);
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const set = (patch: Partial<ContactFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const openRow = useCallback((r: ContactRow) => setEditing(r.contact), []);

  const partnerNames = useMemo(() => new Map((data?.partners ?? []).map((p) => [p.id, p.name])), [data]);
  const rows = useMemo<ContactRow[]>(
    () =>
      (data?.contacts ?? []).map((c) => ({
        contact: c,
        // A Caf-side contact shows its own Caf (a regional base holds several), never the office's by default.
        owner: c.partnerId ? (partnerNames.get(c.partnerId) ?? 'Partenaire inconnu') : cafLabel(data?.cafs, c.cafId),
        roles: activeRoles(c, today)
          .map((r) => contactRoleLabels[r])
          .join(', '),
        active: isContactActive(c, today),
      })),
    [data, partnerNames, today],
  );
  const visible = useMemo(() => {
    const match = textMatcher(filters.text);
    const out = rows.filter((r) => {
      const c = r.contact;
      if (filters.activity === 'actifs' && !r.active) return false;
      if (filters.activity === 'anciens' && r.active) return false;
      if (filters.side === 'caf' && !c.cafId) return false;
      if (filters.side === 'partenaire' && !c.partnerId) return false;
      if (filters.partnerId && c.partnerId !== filters.partnerId) return false;
      if (filters.role && !activeRoles(c, today).includes(filters.role as (typeof contactRoles)[number])) return false;
      if (match && !match(haystack([c.firstName, c.lastName, c.email, c.function, r.owner], [c.landline, c.mobile]))) return false;
      return true;
    });
    const key = sortKeys[filters.sort.column] ?? sortKeys.name!;
    const sign = filters.sort.direction === 'asc' ? 1 : -1;
    return out.sort((a, b) => sign * compareValues(key(a), key(b)));
  }, [rows, filters, today]);
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
      {data && data.contacts.length === 0 ? empty() : list()}
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
          subtitle={data ? `${visible.length} affiché${visible.length > 1 ? 's' : ''} sur ${rows.length}` : 'Chargement…'}
          actions={
            <>
              <CsvExportButton fileName={csvFileName('interlocuteurs')} columns={csvColumns} rows={() => visible} />
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
        {data && (
          <VirtualTable
            label="Liste des interlocuteurs"
            columns={columns}
            rows={visible}
            rowKey={(r) => r.contact.id}
            sort={filters.sort}
            onSortChange={(sort) => set({ sort })}
            onRowOpen={openRow}
          />
        )}
      </>
    );
  }
}
