/** The partner's Interlocuteurs: who holds which role, phones, the missing required roles, and the actions. */
import { Alert, Box, Button, FormControlLabel, IconButton, Switch, Tooltip } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import MergeIcon from '@mui/icons-material/MergeType';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { useState } from 'react';
import type { Contact } from '../../../shared/domain/contact';
import { contactRoleLabels } from '../../../shared/domain/contact';
import { isContactActive, missingRequiredRoles } from '../../../shared/rules/requiredRoles';
import { todayIso } from '../../../shared/rules/dates';
import { EmptyState } from '../../components/EmptyState';
import { ContactDialog, contactName } from './ContactDialog';
import { ReplaceAdminDialog } from './ReplaceAdminDialog';
import { MergeDialog } from './MergeDialog';
import { ContactsTable } from './ContactsTable';

/** Why the merge icon does nothing when the partner has a single contact. */
const MERGE_ALONE = 'Fusion impossible : ce partenaire n’a qu’une fiche.';

export function MissingRolesAlert({ contacts, today }: { contacts: readonly Contact[]; today: string }) {
  const missing = missingRequiredRoles(contacts, today);
  if (!missing.length) return null;
  return (
    <Alert severity="warning" data-testid="missing-roles">
      Rôles obligatoires non pourvus : {missing.map((r) => contactRoleLabels[r]).join(', ')}.
    </Alert>
  );
}

export function PartnerContactsTab({ partnerId, contacts }: { partnerId: string; contacts: readonly Contact[] }) {
  const today = todayIso();
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [merging, setMerging] = useState<Contact | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [showFormer, setShowFormer] = useState(false);
  const shown = contacts
    .filter((c) => showFormer || isContactActive(c, today))
    .sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'));
  const former = contacts.length - contacts.filter((c) => isContactActive(c, today)).length;

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')}>
          Nouvel interlocuteur
        </Button>
        <Button variant="outlined" startIcon={<SwapHorizIcon />} onClick={() => setReplacing(true)}>
          Remplacer l'administrateur
        </Button>
        <Box sx={{ flex: 1 }} />
        {former > 0 && <FormControlLabel control={<Switch checked={showFormer} onChange={(e) => setShowFormer(e.target.checked)} />} label={`Afficher les anciens (${former})`} />}
      </Box>
      {contacts.length === 0 ? (
        <EmptyState title="Aucun interlocuteur">
          Ajoutez les personnes de l'Annexe 1 : l'administrateur principal, son suppléant, le responsable sécurité et le référent
          informatique et libertés sont obligatoires.
        </EmptyState>
      ) : (
        <ContactsTable
          label="Interlocuteurs du partenaire"
          contacts={shown}
          today={today}
          onEdit={setEditing}
          actions={(c) => (
            // Alone, the merge is unavailable but stays focusable, so the reason can be read by keyboard too.
            <Tooltip title={contacts.length < 2 ? MERGE_ALONE : 'Fusionner avec une autre fiche'}>
              <IconButton
                aria-label={contacts.length < 2 ? `Fusionner ${contactName(c)} — ${MERGE_ALONE}` : `Fusionner ${contactName(c)}`}
                aria-disabled={contacts.length < 2}
                sx={contacts.length < 2 ? { color: 'action.disabled', cursor: 'default' } : undefined}
                onClick={() => contacts.length >= 2 && setMerging(c)}
              >
                <MergeIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          )}
        />
      )}
      {editing && <ContactDialog open owner={{ partnerId }} contact={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      {merging && <MergeDialog open contact={merging} others={contacts.filter((c) => c.id !== merging.id)} onClose={() => setMerging(null)} />}
      {replacing && <ReplaceAdminDialog open partnerId={partnerId} contacts={contacts} onClose={() => setReplacing(false)} />}
    </Box>
  );
}
