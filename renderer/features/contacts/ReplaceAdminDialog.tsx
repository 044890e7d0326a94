/**
 * « Remplacer l'administrateur »: the current administrator's role ends today (kept on their record, so it shows
 * in history and on the Annexe 3 form as the person replaced) and the role goes to another contact or a new one.
 */
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, Grid, MenuItem, Radio, RadioGroup, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useServices } from '../../app/services';
import { ValidationError } from '../../db/store';
import type { Contact } from '../../../shared/domain/contact';
import { formatDate, todayIso } from '../../../shared/rules/dates';
import { cleanContact, currentAdministrators, duplicatesOf, replaceAdministrator, type ContactInput } from './actions';
import { duplicateReasonLabels, type DuplicateMatch } from '../../../shared/rules/duplicates';
import { contactName } from './ContactDialog';

export function ReplaceAdminDialog({ open, partnerId, contacts, onClose }: { open: boolean; partnerId: string; contacts: readonly Contact[]; onClose: () => void }) {
  const { db, store } = useServices();
  const [dups, setDups] = useState<DuplicateMatch<Contact>[] | null>(null);
  const today = todayIso();
  const admins = currentAdministrators(contacts, today);
  const [oldId, setOldId] = useState(admins[0]?.id ?? '');
  const [mode, setMode] = useState<'existing' | 'new'>('new');
  const [existingId, setExistingId] = useState('');
  const [person, setPerson] = useState<ContactInput>({ partnerId, firstName: '', lastName: '', function: 'Administrateur « Mon Compte Partenaire »', email: '', landline: '', mobile: '', roles: [], notes: '' });
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const candidates = contacts.filter((c) => c.id !== oldId && !c.activeUntil);
  const set = (patch: Partial<ContactInput>) => {
    setDups(null);
    setPerson((p) => ({ ...p, ...patch }));
  };
  const fieldErr = (f: string) => (error?.field === f ? error.message : undefined);

  const submit = async (e: FormEvent, force = false) => {
    e.preventDefault();
    setError(null);
    if (mode === 'new') {
      const r = cleanContact(person);
      if (!r.ok) return setError(r.errors[0]!);
      // The « new » administrator may already be on file (same email, same name here): offer that record.
      if (!force) {
        const found = await duplicatesOf(db, r.contact);
        if (found.length) return setDups(found);
      }
    }
    try {
      await replaceAdministrator(store, partnerId, oldId || undefined, mode === 'new' ? { contact: person } : { existingId }, today);
      onClose();
    } catch (err) {
      if (err instanceof ValidationError) setError({ field: err.field, message: err.message });
      else throw err;
    }
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="replace-admin-title">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle id="replace-admin-title">Remplacer l'administrateur</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            Le rôle d'administrateur de la personne remplacée prend fin le {formatDate(today)} ; il reste visible dans sa fiche et dans l'historique.
          </DialogContentText>
          {error && (
            <Alert severity="error" sx={{ mb: 2 }} role="alert">
              {error.message}
            </Alert>
          )}
          {dups && (
            <Alert severity="warning" sx={{ mb: 2 }} data-testid="duplicate-warning">
              Cette personne semble déjà enregistrée :
              {dups.map((d) => (
                <Box key={d.contact.id} sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mt: 0.5 }}>
                  <span>
                    {contactName(d.contact)} — {duplicateReasonLabels[d.reason]}
                  </span>
                  {d.contact.partnerId === partnerId && d.contact.id !== oldId && (
                    <Button
                      size="small"
                      variant="outlined"
                      onClick={() => {
                        setMode('existing');
                        setExistingId(d.contact.id);
                        setDups(null);
                      }}
                    >
                      Utiliser la fiche de {contactName(d.contact)}
                    </Button>
                  )}
                </Box>
              ))}
              <Button size="small" sx={{ mt: 0.5 }} onClick={(e) => void submit(e as unknown as FormEvent, true)}>
                Créer quand même
              </Button>
            </Alert>
          )}
          <TextField select fullWidth size="small" label="Administrateur remplacé" value={oldId} onChange={(e) => setOldId(e.target.value)} sx={{ mb: 2 }}>
            <MenuItem value="">Aucun (poste vacant)</MenuItem>
            {admins.map((a) => (
              <MenuItem key={a.id} value={a.id}>
                {contactName(a)}
              </MenuItem>
            ))}
          </TextField>
          <RadioGroup row value={mode} onChange={(e) => setMode(e.target.value as 'existing' | 'new')} aria-label="Nouvel administrateur">
            <FormControlLabel value="new" control={<Radio />} label="Nouvelle personne" />
            <FormControlLabel value="existing" control={<Radio />} label="Interlocuteur déjà enregistré" disabled={candidates.length === 0} />
          </RadioGroup>
          {mode === 'existing' ? (
            <TextField select fullWidth size="small" label="Nouvel administrateur" value={existingId} onChange={(e) => setExistingId(e.target.value)} sx={{ mt: 1 }}>
              {candidates.map((c) => (
                <MenuItem key={c.id} value={c.id}>
                  {contactName(c)}
                  {c.function ? ` — ${c.function}` : ''}
                </MenuItem>
              ))}
            </TextField>
          ) : (
            <Grid container spacing={2} sx={{ mt: 0.5 }}>
              <Grid size={6}>
                <TextField label="Prénom du nouvel administrateur" fullWidth size="small" value={person.firstName} onChange={(e) => set({ firstName: e.target.value })} />
              </Grid>
              <Grid size={6}>
                <TextField label="Nom du nouvel administrateur" required fullWidth size="small" value={person.lastName} onChange={(e) => set({ lastName: e.target.value })} error={!!fieldErr('lastName')} />
              </Grid>
              <Grid size={12}>
                <TextField label="Fonction" fullWidth size="small" value={person.function} onChange={(e) => set({ function: e.target.value })} />
              </Grid>
              <Grid size={12}>
                <TextField label="Adresse mél professionnelle" fullWidth size="small" value={person.email} onChange={(e) => set({ email: e.target.value })} error={!!fieldErr('email')} />
              </Grid>
              <Grid size={6}>
                <TextField label="Téléphone fixe" fullWidth size="small" value={person.landline} onChange={(e) => set({ landline: e.target.value })} error={!!fieldErr('landline')} />
              </Grid>
              <Grid size={6}>
                <TextField label="Téléphone mobile" fullWidth size="small" value={person.mobile} onChange={(e) => set({ mobile: e.target.value })} error={!!fieldErr('mobile')} />
              </Grid>
            </Grid>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Annuler</Button>
          <Button type="submit" variant="contained">
            Remplacer
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
