/**
 * Create or edit a contact (partner side or Caf side): several roles with their periods, active period, phones
 * validated and stored in E.164. On save, possible duplicates are shown with the choice to merge.
 */
import { Accordion, AccordionDetails, AccordionSummary, Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, IconButton, MenuItem, TextField, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import AddIcon from '@mui/icons-material/Add';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { HistoryTab } from '../history/HistoryTab';
import { useState, type FormEvent } from 'react';
import { useServices } from '../../app/services';
import { ValidationError } from '../../db/store';
import { civilities } from '../../../shared/domain/common';
import { contactRoleLabels, contactRoles, type Contact, type ContactRole } from '../../../shared/domain/contact';
import { formatPhone } from '../../../shared/rules/phone';
import { duplicateReasonLabels, type DuplicateMatch } from '../../../shared/rules/duplicates';
import { DateField, DATE_MESSAGE } from '../../components/DateField';
import { cleanContact, duplicatesOf, saveAndMergeInto, saveContact, type ContactInput, type FieldError } from './actions';

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
  return [c.firstName, c.lastName.toUpperCase()].filter(Boolean).join(' ');
}

export function ContactDialog({ open, contact, owner, onClose, presetRole }: { open: boolean; contact?: Contact; owner: ContactOwner; onClose: () => void; presetRole?: ContactRole }) {
  const { db, store } = useServices();
  const [form, setForm] = useState<ContactInput>(() => {
    const i = inputOf(contact, owner);
    return presetRole && !contact ? { ...i, roles: [{ role: presetRole }] } : i;
  });
  const [badDates, setBadDates] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [dups, setDups] = useState<DuplicateMatch<Contact>[] | null>(null);
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  const set = (patch: Partial<ContactInput>) => {
    setDups(null);
    setForm((f) => ({ ...f, ...patch }));
  };
  const trackDate = (key: string, v: string | undefined | null) =>
    setBadDates((s) => {
      const n = new Set(s);
      if (v === null) n.add(key);
      else n.delete(key);
      return n;
    });
  const setRole = (i: number, patch: Partial<ContactInput['roles'][number]>) => set({ roles: form.roles.map((r, j) => (j === i ? { ...r, ...patch } : r)) });

  const fail = (error: unknown) => {
    if (error instanceof ValidationError) setErrors([{ field: error.field ?? '', message: error.message }]);
    else throw error;
  };

  const submit = async (e: FormEvent, force = false) => {
    e.preventDefault();
    if (badDates.size) return setErrors([{ field: 'dates', message: DATE_MESSAGE }]);
    const r = cleanContact(form);
    if (!r.ok) return setErrors(r.errors);
    setErrors([]);
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
  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth aria-labelledby="contact-form-title">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle id="contact-form-title">{title}</DialogTitle>
        <DialogContent>
          {errors[0] && (
            <Alert severity="error" sx={{ mb: 2 }} role="alert">
              {errors[0].message}
            </Alert>
          )}
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
              <Button size="small" onClick={(e) => void submit(e as unknown as FormEvent, true)}>
                Enregistrer quand même
              </Button>
            </Alert>
          )}
          <Grid container spacing={2} sx={{ pt: 1 }}>
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
              <DateField
                label="Actif depuis le"
                value={form.activeFrom}
                onChange={(v) => {
                  trackDate('activeFrom', v);
                  set({ activeFrom: v ?? undefined });
                }}
              />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <DateField
                label="Actif jusqu'au"
                value={form.activeUntil}
                error={err('activeUntil')}
                onChange={(v) => {
                  trackDate('activeUntil', v);
                  set({ activeUntil: v ?? undefined });
                }}
              />
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
                  <TextField select size="small" label="Rôle" value={r.role} onChange={(e) => setRole(i, { role: e.target.value as ContactRole })} sx={{ minWidth: 300 }} error={!!err(`roles.${i}`)} helperText={err(`roles.${i}`) ?? ' '}>
                    {contactRoles.map((role) => (
                      <MenuItem key={role} value={role}>
                        {contactRoleLabels[role]}
                      </MenuItem>
                    ))}
                  </TextField>
                  <DateField
                    label="Depuis le"
                    value={r.from}
                    onChange={(v) => {
                      trackDate(`from${i}`, v);
                      setRole(i, { from: v ?? undefined });
                    }}
                  />
                  <DateField
                    label="Jusqu'au"
                    value={r.until}
                    onChange={(v) => {
                      trackDate(`until${i}`, v);
                      setRole(i, { until: v ?? undefined });
                    }}
                  />
                  <IconButton aria-label={`Retirer le rôle ${contactRoleLabels[r.role]}`} onClick={() => set({ roles: form.roles.filter((_, j) => j !== i) })}>
                    <DeleteIcon />
                  </IconButton>
                </Box>
              ))}
              <Button size="small" startIcon={<AddIcon />} sx={{ mt: 1 }} onClick={() => set({ roles: [...form.roles, { role: 'interlocuteur-urgence' }] })}>
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
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Annuler</Button>
          <Button type="submit" variant="contained">
            Enregistrer
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
