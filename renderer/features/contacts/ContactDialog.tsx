/**
 * Create or edit a contact (partner side or Caf side): several roles with their periods, active period, phones
 * validated and stored in E.164. On save, possible duplicates are shown with the choice to merge.
 */
import { Accordion, AccordionDetails, AccordionSummary, Alert, Box, Button, Grid, IconButton, MenuItem, TextField, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import AddIcon from '@mui/icons-material/Add';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { HistoryTab } from '../history/HistoryTab';
import { useState } from 'react';
import { useServices } from '../../app/services';
import { civilities } from '../../../shared/domain/common';
import { contactRoleLabels, contactRoles, type Contact, type ContactRole } from '../../../shared/domain/contact';
import { formatPhone } from '../../../shared/rules/phone';
import { duplicateReasonLabels, type DuplicateMatch } from '../../../shared/rules/duplicates';
import { DateField } from '../../components/DateField';
import { saveErrorOf } from '../../components/saveError';
import { FormDialog } from '../../components/FormDialog';
import { useDialogForm } from '../../components/useDialogForm';
import { useCafs } from '../cafs/officeCaf';
import { cleanContact, duplicatesOf, saveAndMergeInto, saveContact, type ContactInput } from './actions';
import { personName } from '../../../shared/rules/names';

/** A role line added but not chosen yet: refused on save by cleanContact (« Choisissez le rôle »). */
const NO_ROLE = '' as ContactRole;

export type ContactOwner = { partnerId: string } | { cafId: string };

function inputOf(c: Contact | undefined, owner: ContactOwner): ContactInput {
  if (c) return { ...c, landline: formatPhone(c.landline), mobile: formatPhone(c.mobile) };
  return {
    ...('partnerId' in owner ? { partnerId: owner.partnerId } : { cafId: owner.cafId }),
    firstName: '',
    lastName: '',
    function: '',
    email: '',
    landline: '',
    mobile: '',
    roles: [],
    notes: '',
  };
}

export function contactName(c: Pick<Contact, 'firstName' | 'lastName'>): string {
  return personName(c);
}

export function ContactDialog({ open, contact, owner, onClose, presetRole }: { open: boolean; contact?: Contact; owner: ContactOwner; onClose: () => void; presetRole?: ContactRole }) {
  const { db, store } = useServices();
  const cafs = useCafs();
  const f = useDialogForm<ContactInput>(() => {
    const i = inputOf(contact, owner);
    return presetRole && !contact ? { ...i, roles: [{ role: presetRole }] } : i;
  });
  const form = f.value;
  const [dups, setDups] = useState<DuplicateMatch<Contact>[] | null>(null);
  const err = f.errorOf;
  const set = (patch: Partial<ContactInput>) => {
    setDups(null);
    f.update(patch);
  };
  const setRole = (i: number, patch: Partial<ContactInput['roles'][number]>) => {
    setDups(null);
    f.update((v) => ({ ...v, roles: v.roles.map((r, j) => (j === i ? { ...r, ...patch } : r)) }), [`roles.${i}`]);
  };
  const removeRole = (i: number) => {
    // The date validity is tracked by row: forget the removed row's and renumber the ones after it.
    f.dropDates((k) => /^roles\.\d+\./.test(k));
    set({ roles: form.roles.filter((_, j) => j !== i) });
  };

  const fail = (error: unknown) => f.setErrors([saveErrorOf(error)]);

  const submit = async (force = false) => {
    const bad = f.dateErrors();
    if (bad.length) return f.setErrors(bad);
    const r = cleanContact(form);
    if (!r.ok) return f.setErrors(r.errors);
    f.setErrors([]);
    if (!force) {
      const found = await duplicatesOf(db, r.contact);
      if (found.length) return setDups(found);
    }
    try {
      await saveContact(store, form);
      onClose();
    } catch (error) {
      fail(error);
    }
  };

  const merge = async (keptId: string) => {
    try {
      await saveAndMergeInto(store, form, keptId);
      onClose();
    } catch (error) {
      fail(error);
    }
  };

  const title = contact ? `Modifier ${contactName(contact)}` : 'cafId' in owner ? 'Nouvel interlocuteur de la Caf' : 'Nouvel interlocuteur';
  // A Caf-side contact belongs to one Caf of the base: asked where there are several (the office's by default).
  const cafChoice = form.cafId !== undefined && !form.partnerId && cafs && cafs.length > 1;
  return (
    <FormDialog open={open} onClose={onClose} dirty={f.dirty} onSubmit={() => submit()} maxWidth="md" titleId="contact-form-title" title={title} error={f.errors[0]?.message}>
          {dups && (
            <Alert severity="warning" sx={{ mb: 2 }} data-testid="duplicate-warning">
              <Typography variant="body2" gutterBottom>
                Cette personne semble déjà enregistrée :
              </Typography>
              {dups.map((d) => (
                <Box key={d.contact.id} sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 0.5, flexWrap: 'wrap' }}>
                  <span>
                    {contactName(d.contact)} {d.contact.email ? `<${d.contact.email}>` : ''} — {duplicateReasonLabels[d.reason]}
                  </span>
                  <Button size="small" variant="outlined" onClick={() => void merge(d.contact.id)}>
                    Fusionner avec {contactName(d.contact)}
                  </Button>
                </Box>
              ))}
              <Button size="small" onClick={() => void submit(true)}>
                Enregistrer quand même
              </Button>
            </Alert>
          )}
          <Grid container spacing={2} sx={{ pt: 1 }}>
            {cafChoice && (
              <Grid size={12}>
                <TextField select label="Caf de l'interlocuteur" required fullWidth size="small" value={form.cafId} onChange={(e) => set({ cafId: e.target.value })}>
                  {cafs.map((c) => (
                    <MenuItem key={c.id} value={c.id}>
                      {c.name}
                    </MenuItem>
                  ))}
                </TextField>
              </Grid>
            )}
            <Grid size={{ xs: 12, md: 2 }}>
              <TextField select label="Civilité" fullWidth size="small" value={form.civility ?? ''} onChange={(e) => set({ civility: (e.target.value || undefined) as ContactInput['civility'] })}>
                <MenuItem value="">—</MenuItem>
                {civilities.map((c) => (
                  <MenuItem key={c} value={c}>
                    {c}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, md: 5 }}>
              <TextField label="Prénom" fullWidth size="small" autoFocus value={form.firstName} onChange={(e) => set({ firstName: e.target.value })} />
            </Grid>
            <Grid size={{ xs: 12, md: 5 }}>
              <TextField label="Nom" required fullWidth size="small" value={form.lastName} onChange={(e) => set({ lastName: e.target.value })} error={!!err('lastName')} helperText={err('lastName')} />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <TextField label="Fonction" fullWidth size="small" value={form.function} onChange={(e) => set({ function: e.target.value })} />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <TextField label="Adresse mél professionnelle" type="email" fullWidth size="small" value={form.email} onChange={(e) => set({ email: e.target.value })} error={!!err('email')} helperText={err('email')} />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <TextField label="Téléphone fixe" fullWidth size="small" placeholder="02 62 48 62 11" value={form.landline} onChange={(e) => set({ landline: e.target.value })} error={!!err('landline')} helperText={err('landline') ?? ' '} />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <TextField label="Téléphone mobile" fullWidth size="small" placeholder="06 92 12 34 56" value={form.mobile} onChange={(e) => set({ mobile: e.target.value })} error={!!err('mobile')} helperText={err('mobile') ?? ' '} />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <DateField label="Actif depuis le" value={form.activeFrom} error={err('activeFrom')} onChange={f.dateChange('activeFrom', (activeFrom) => set({ activeFrom }))} />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <DateField label="Actif jusqu'au" value={form.activeUntil} error={err('activeUntil')} onChange={f.dateChange('activeUntil', (activeUntil) => set({ activeUntil }))} />
            </Grid>
            <Grid size={12}>
              <Typography variant="subtitle2" component="h3">
                Rôles
              </Typography>
              {form.roles.length === 0 && (
                <Typography variant="body2" color="text.secondary">
                  Aucun rôle : ajoutez-en un (administrateur, suppléant, responsable sécurité…).
                </Typography>
              )}
              {form.roles.map((r, i) => (
                <Box key={i} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mt: 1, flexWrap: 'wrap' }} data-testid="role-row">
                  <TextField select required size="small" label="Rôle" value={r.role} onChange={(e) => setRole(i, { role: e.target.value as ContactRole })} sx={{ width: 330 }} error={!!err(`roles.${i}`)} helperText={err(`roles.${i}`) ?? ' '}>
                    {contactRoles.map((role) => (
                      <MenuItem key={role} value={role}>
                        {contactRoleLabels[role]}
                      </MenuItem>
                    ))}
                  </TextField>
                  <DateField sx={{ width: 200 }} label="Depuis le" value={r.from} error={err(`roles.${i}.from`)} onChange={f.dateChange(`roles.${i}.from`, (from) => setRole(i, { from }))} />
                  <DateField sx={{ width: 200 }} label="Jusqu'au" value={r.until} error={err(`roles.${i}.until`)} onChange={f.dateChange(`roles.${i}.until`, (until) => setRole(i, { until }))} />
                  <IconButton aria-label={r.role ? `Retirer le rôle ${contactRoleLabels[r.role]}` : 'Retirer ce rôle à choisir'} onClick={() => removeRole(i)}>
                    <DeleteIcon />
                  </IconButton>
                </Box>
              ))}
              <Button size="small" startIcon={<AddIcon />} sx={{ mt: 1 }} onClick={() => set({ roles: [...form.roles, { role: NO_ROLE }] })}>
                Ajouter un rôle
              </Button>
            </Grid>
            <Grid size={12}>
              <TextField label="Notes" fullWidth size="small" multiline minRows={2} value={form.notes} onChange={(e) => set({ notes: e.target.value })} />
            </Grid>
          </Grid>
          {contact && (
            <Accordion sx={{ mt: 2 }} disableGutters variant="outlined" slotProps={{ transition: { unmountOnExit: true } }}>
              <AccordionSummary expandIcon={<ExpandMoreIcon />}>Historique de la fiche</AccordionSummary>
              <AccordionDetails>
                <HistoryTab records={[{ table: 'contacts', recordId: contact.id, label: contactName(contact) }]} />
              </AccordionDetails>
            </Accordion>
          )}
    </FormDialog>
  );
}
