/** Create or edit a Caf record: what the forms, the fiche d'escalade and Annexe 1 print for that Caf. */
import { Grid, MenuItem, TextField, Typography } from '@mui/material';
import { AddressFields } from '../../components/AddressFields';
import { saveErrorOf } from '../../components/saveError';
import { useServices } from '../../app/services';
import type { Caf } from '../../../shared/domain/caf';
import { territories, territoryLabels, type Territory } from '../../../shared/domain/common';
import { formatPhone } from '../../../shared/rules/phone';
import { FormDialog } from '../../components/FormDialog';
import { useDialogForm } from '../../components/useDialogForm';
import { cafErrors, emptyCaf, saveCaf, type CafInput } from './actions';

function inputOf(c?: Caf, territory?: Territory): CafInput {
  if (!c) return emptyCaf(territory);
  const { id: _id, ...rest } = c;
  return { ...rest, helpdeskPhone: formatPhone(c.helpdeskPhone), serviceHours: c.serviceHours ?? '' };
}

export function CafDialog({ caf, open, onClose, onSaved }: { caf?: Caf; open: boolean; onClose: () => void; onSaved?: (id: string) => void }) {
  const { store } = useServices();
  const f = useDialogForm<CafInput>(() => inputOf(caf));
  const form = f.value;
  const setAddress = (patch: Partial<CafInput['address']>) => f.update((v) => ({ ...v, address: { ...v.address, ...patch } }), Object.keys(patch));

  const submit = async () => {
    const found = cafErrors(form);
    f.setErrors(found);
    if (found.length) return;
    try {
      const id = await saveCaf(store, caf?.id, form);
      onSaved?.(id);
      onClose();
    } catch (error) {
      f.setErrors([saveErrorOf(error)]);
    }
  };

  return (
    <FormDialog open={open} onClose={onClose} dirty={f.dirty} onSubmit={submit} maxWidth="md" titleId="caf-form-title" title={caf ? `Modifier ${caf.name}` : 'Nouvelle Caf'} error={f.errors[0]?.message}>
      <Grid container spacing={2} sx={{ pt: 1 }}>
        <Grid size={{ xs: 12, md: 8 }}>
          <TextField label="Nom de la Caf" required fullWidth size="small" autoFocus value={form.name} onChange={(e) => f.update({ name: e.target.value })} {...f.fieldProps('name')} />
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <TextField
            select
            label="Territoire"
            fullWidth
            size="small"
            value={form.territory}
            onChange={(e) => f.update({ territory: e.target.value as Territory })}
            helperText="Décide des jours fériés des délais en jours ouvrés."
          >
            {territories.map((t) => (
              <MenuItem key={t} value={t}>
                {territoryLabels[t]}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        <AddressFields address={form.address} onChange={setAddress} errorOf={f.errorOf} />
        <Grid size={{ xs: 12, md: 4 }}>
          <TextField label="Directeur ou directrice" fullWidth size="small" value={form.director} onChange={(e) => f.update({ director: e.target.value })} helperText="Signataire des formulaires côté Caf." />
        </Grid>
        <Grid size={12}>
          <Typography variant="subtitle2" component="h3">
            Guichet unique du Centre de services
          </Typography>
        </Grid>
        <Grid size={{ xs: 12, md: 7 }}>
          <TextField label="Boîte mél du guichet unique" fullWidth size="small" value={form.helpdeskEmail} onChange={(e) => f.update({ helpdeskEmail: e.target.value })} {...f.fieldProps('helpdeskEmail')} />
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <TextField label="Téléphone du guichet unique" fullWidth size="small" value={form.helpdeskPhone} onChange={(e) => f.update({ helpdeskPhone: e.target.value })} {...f.fieldProps('helpdeskPhone')} />
        </Grid>
        <Grid size={12}>
          <TextField
            label="Horaires du service"
            placeholder="du lundi au vendredi, de 8 h à 16 h"
            fullWidth
            size="small"
            value={form.serviceHours ?? ''}
            onChange={(e) => f.update({ serviceHours: e.target.value })}
            {...f.fieldProps('serviceHours')}
          />
        </Grid>
      </Grid>
    </FormDialog>
  );
}
