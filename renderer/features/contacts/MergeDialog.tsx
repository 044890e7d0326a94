/** Merge two contacts that are the same person: choose which record is kept; every reference moves to it. */
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, MenuItem, Radio, RadioGroup, TextField } from '@mui/material';
import { useState } from 'react';
import { useServices } from '../../app/services';
import type { Contact } from '../../../shared/domain/contact';
import { mergeContacts } from './actions';
import { contactName } from './ContactDialog';

export function MergeDialog({ open, contact, others, onClose }: { open: boolean; contact: Contact; others: readonly Contact[]; onClose: () => void }) {
  const { store } = useServices();
  const [otherId, setOtherId] = useState(others[0]?.id ?? '');
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  const other = others.find((o) => o.id === otherId);
  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="merge-title">
      <DialogTitle id="merge-title">Fusionner {contactName(contact)} avec…</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          Les deux fiches deviennent une seule : les rôles des deux sont conservés, les champs vides sont complétés, et les procédures
          d'escalade, habilitations et relances qui citaient l'autre fiche pointent vers celle qui est gardée.
        </DialogContentText>
        <TextField select fullWidth size="small" label="Autre fiche" value={otherId} onChange={(e) => setOtherId(e.target.value)}>
          {others.map((o) => (
            <MenuItem key={o.id} value={o.id}>
              {contactName(o)} {o.email ? `<${o.email}>` : ''}
            </MenuItem>
          ))}
        </TextField>
        {other && (
          <RadioGroup value={keep} onChange={(e) => setKeep(e.target.value as 'this' | 'other')} sx={{ mt: 2 }} aria-label="Fiche conservée">
            <FormControlLabel value="this" control={<Radio />} label={`Garder la fiche de ${contactName(contact)}${contact.email ? ` <${contact.email}>` : ''}`} />
            <FormControlLabel value="other" control={<Radio />} label={`Garder la fiche de ${contactName(other)}${other.email ? ` <${other.email}>` : ''}`} />
          </RadioGroup>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Annuler
        </Button>
        <Button
          variant="contained"
          color="warning"
          disabled={!other}
          onClick={async () => {
            if (!other) return;
            if (keep === 'this') await mergeContacts(store, contact.id, other.id);
            else await mergeContacts(store, other.id, contact.id);
            onClose();
          }}
        >
          Fusionner
        </Button>
      </DialogActions>
    </Dialog>
  );
}
