/** Merge two contacts that are the same person: choose which record is kept; every reference moves to it. */
import { DialogContentText, FormControlLabel, MenuItem, Radio, RadioGroup, TextField } from '@mui/material';
import { useServices } from '../../app/services';
import type { Contact } from '../../../shared/domain/contact';
import { FormDialog } from '../../components/FormDialog';
import { saveFailureText } from '../../components/saveError';
import { useDialogForm } from '../../components/useDialogForm';
import { mergeContacts } from './actions';
import { contactName } from './ContactDialog';

export function MergeDialog({ open, contact, others, onClose }: { open: boolean; contact: Contact; others: readonly Contact[]; onClose: () => void }) {
  const { store } = useServices();
  const f = useDialogForm(() => ({ otherId: others[0]?.id ?? '', keep: 'this' as 'this' | 'other' }));
  const { otherId, keep } = f.value;
  const other = others.find((o) => o.id === otherId);
  const submit = async () => {
    if (!other) return f.setErrors([{ field: 'otherId', message: "Choisissez l'autre fiche." }]);
    try {
      if (keep === 'this') await mergeContacts(store, contact.id, other.id);
      else await mergeContacts(store, other.id, contact.id);
      onClose();
    } catch (e) {
      f.setErrors([{ field: '', message: saveFailureText(e, 'Fusion impossible') }]);
    }
  };
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      dirty={f.dirty}
      onSubmit={submit}
      titleId="merge-title"
      title={`Fusionner ${contactName(contact)} avec…`}
      error={f.errors[0]?.message}
      submitLabel="Fusionner"
      submitColor="warning"
      submitDisabled={!other}
    >
      <DialogContentText sx={{ mb: 2 }}>
        Les deux fiches deviennent une seule : les rôles des deux sont conservés, les champs vides sont complétés, et les procédures
        d'escalade, habilitations et relances qui citaient l'autre fiche pointent vers celle qui est gardée.
      </DialogContentText>
      <TextField select fullWidth size="small" label="Autre fiche" value={otherId} onChange={(e) => f.update({ otherId: e.target.value })} {...f.fieldProps('otherId', '')}>
        {others.map((o) => (
          <MenuItem key={o.id} value={o.id}>
            {contactName(o)} {o.email ? `<${o.email}>` : ''}
          </MenuItem>
        ))}
      </TextField>
      {other && (
        <RadioGroup value={keep} onChange={(e) => f.update({ keep: e.target.value as 'this' | 'other' })} sx={{ mt: 2 }} aria-label="Fiche conservée">
          <FormControlLabel value="this" control={<Radio />} label={`Garder la fiche de ${contactName(contact)}${contact.email ? ` <${contact.email}>` : ''}`} />
          <FormControlLabel value="other" control={<Radio />} label={`Garder la fiche de ${contactName(other)}${other.email ? ` <${other.email}>` : ''}`} />
        </RadioGroup>
      )}
    </FormDialog>
  );
}
