/** Create or edit a partner (and, on creation, its convention's number, mode and dates). */
import { Grid, MenuItem, TextField, Typography } from '@mui/material';
import { AddressFields } from '../../components/AddressFields';
import { saveErrorOf } from '../../components/saveError';
import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../../app/services';
import { liveRows } from '../../db/store';
import { partnerKindLabels, partnerKinds, type Partner } from '../../../shared/domain/partner';
import { civilities } from '../../../shared/domain/common';
import { managementModeLabels, managementModes } from '../../../shared/domain/convention';
import { formatSiret } from '../../../shared/rules/siret';
import { DateField } from '../../components/DateField';
import { FormDialog } from '../../components/FormDialog';
import { pickOfficeCaf } from '../cafs/officeCaf';
import { useDialogForm } from '../../components/useDialogForm';
import { createPartner, partnerErrors, updatePartner, type NewConventionInput, type PartnerInput } from './actions';

function inputOf(p?: Partner): PartnerInput {
  return {
    name: p?.name ?? '',
    kind: p?.kind ?? '',
    siret: p?.siret ? formatSiret(p.siret) : '',
    address: { line1: p?.address.line1 ?? '', line2: p?.address.line2 ?? '', postalCode: p?.address.postalCode ?? '', city: p?.address.city ?? '' },
    representative: { civility: p?.representative.civility, firstName: p?.representative.firstName ?? '', lastName: p?.representative.lastName ?? '', title: p?.representative.title ?? '' },
    notes: p?.notes ?? '',
    cafId: p?.cafId,
  };
}

export function PartnerFormDialog({ partner, open, onClose, onSaved }: { partner?: Partner; open: boolean; onClose: () => void; onSaved?: (id: string) => void }) {
  const { store, db, settings } = useServices();
  const f = useDialogForm<{ p: PartnerInput; conv: NewConventionInput }>(() => ({ p: inputOf(partner), conv: { number: '', managementMode: '' } }));
  const form = f.value.p;
  const conv = f.value.conv;
  const cafs = useLiveQuery(() => liveRows(db, 'cafs'), [db]) ?? [];
  // Several Cafs in the base (demo data, a regional office): the partner's Caf is chosen, the office's by default.
  const defaultCafId = (pickOfficeCaf(cafs, settings.officeCafId) ?? cafs[0])?.id ?? '';
  const cafValue = form.cafId ?? defaultCafId;
  const creating = !partner;
  const err = f.errorOf;
  const set = (patch: Partial<PartnerInput>) => f.update((v) => ({ ...v, p: { ...v.p, ...patch } }), Object.keys(patch));
  const setAddress = (patch: Partial<PartnerInput['address']>) => f.update((v) => ({ ...v, p: { ...v.p, address: { ...v.p.address, ...patch } } }), Object.keys(patch));
  const setRep = (patch: Partial<PartnerInput['representative']>) => f.update((v) => ({ ...v, p: { ...v.p, representative: { ...v.p.representative, ...patch } } }), []);
  const setConv = (patch: Partial<NewConventionInput>) => f.update((v) => ({ ...v, conv: { ...v.conv, ...patch } }), Object.keys(patch));

  const submit = async () => {
    // Each date field on its own: an invalid one blocks the save with its message, whatever the other holds.
    const found = [...f.dateErrors(), ...partnerErrors(form, creating ? conv : undefined)];
    f.setErrors(found);
    if (found.length) return;
    try {
      if (creating) {
        const id = await createPartner(store, { ...form, cafId: cafValue || undefined }, conv);
        onSaved?.(id);
      } else {
        await updatePartner(store, partner.id, form);
        onSaved?.(partner.id);
      }
      onClose();
    } catch (error) {
      f.setErrors([saveErrorOf(error)]);
    }
  };

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      dirty={f.dirty}
      onSubmit={submit}
      maxWidth="md"
      titleId="partner-form-title"
      title={creating ? 'Nouveau partenaire' : `Modifier ${partner.name}`}
      error={f.errors[0]?.message}
    >
          <Grid container spacing={2} sx={{ pt: 1 }}>
            <Grid size={{ xs: 12, md: 8 }}>
              <TextField label="Nom du partenaire" required fullWidth size="small" autoFocus value={form.name} onChange={(e) => set({ name: e.target.value })} error={!!err('name')} helperText={err('name')} />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <TextField select label="Type" required fullWidth size="small" value={form.kind} onChange={(e) => set({ kind: e.target.value as PartnerInput['kind'] })} error={!!err('kind')} helperText={err('kind')}>
                {partnerKinds.map((k) => (
                  <MenuItem key={k} value={k}>
                    {partnerKindLabels[k]}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            {cafs.length > 1 && (
              <Grid size={12}>
                <TextField select label="Caf de rattachement" fullWidth size="small" value={cafValue} onChange={(e) => set({ cafId: e.target.value })}>
                  {cafs.map((c) => (
                    <MenuItem key={c.id} value={c.id}>
                      {c.name}
                    </MenuItem>
                  ))}
                </TextField>
              </Grid>
            )}
            <Grid size={{ xs: 12, md: 4 }}>
              <TextField label="SIRET" fullWidth size="small" value={form.siret} onChange={(e) => set({ siret: e.target.value })} error={!!err('siret')} helperText={err('siret') ?? '14 chiffres'} />
            </Grid>
            <AddressFields address={form.address} onChange={setAddress} errorOf={err} required />
            <Grid size={12}>
              <Typography variant="subtitle2">Représentant légal</Typography>
            </Grid>
            <Grid size={{ xs: 12, md: 2 }}>
              <TextField select label="Civilité" fullWidth size="small" value={form.representative.civility ?? ''} onChange={(e) => setRep({ civility: (e.target.value || undefined) as PartnerInput['representative']['civility'] })}>
                <MenuItem value="">—</MenuItem>
                {civilities.map((c) => (
                  <MenuItem key={c} value={c}>
                    {c}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, md: 3 }}>
              <TextField label="Prénom du représentant" fullWidth size="small" value={form.representative.firstName} onChange={(e) => setRep({ firstName: e.target.value })} />
            </Grid>
            <Grid size={{ xs: 12, md: 3 }}>
              <TextField label="Nom du représentant" fullWidth size="small" value={form.representative.lastName} onChange={(e) => setRep({ lastName: e.target.value })} />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <TextField label="Qualité" placeholder="le Maire, le Président…" fullWidth size="small" value={form.representative.title} onChange={(e) => setRep({ title: e.target.value })} />
            </Grid>
            {creating && (
              <>
                <Grid size={12}>
                  <Typography variant="subtitle2">Convention d'accès</Typography>
                </Grid>
                <Grid size={{ xs: 12, md: 3 }}>
                  <TextField label="N° de convention" fullWidth size="small" value={conv.number} onChange={(e) => setConv({ number: e.target.value })} />
                </Grid>
                <Grid size={{ xs: 12, md: 3 }}>
                  <TextField
                    select
                    label="Mode de gestion"
                    required
                    fullWidth
                    size="small"
                    value={conv.managementMode}
                    onChange={(e) => setConv({ managementMode: e.target.value as NewConventionInput['managementMode'] })}
                    error={!!err('managementMode')}
                    helperText={err('managementMode')}
                  >
                    {managementModes.map((m) => (
                      <MenuItem key={m} value={m}>
                        {managementModeLabels[m]}
                      </MenuItem>
                    ))}
                  </TextField>
                </Grid>
                <Grid size={{ xs: 6, md: 3 }}>
                  <DateField label="Date de signature" value={conv.signedOn} error={err('signedOn')} onChange={f.dateChange('signedOn', (signedOn) => setConv({ signedOn }))} />
                </Grid>
                <Grid size={{ xs: 6, md: 3 }}>
                  <DateField label="Date d'effet" value={conv.effectiveOn} error={err('effectiveOn')} onChange={f.dateChange('effectiveOn', (effectiveOn) => setConv({ effectiveOn }))} />
                </Grid>
              </>
            )}
            <Grid size={12}>
              <TextField label="Notes" fullWidth size="small" multiline minRows={2} value={form.notes} onChange={(e) => set({ notes: e.target.value })} />
            </Grid>
          </Grid>
    </FormDialog>
  );
}
