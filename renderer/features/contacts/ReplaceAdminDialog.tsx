/**
 * « Remplacer l'administrateur »: from the effective date (today by default) the role goes to another contact or a
 * new one; the old administrator's role ends the day before (kept on their record, so it shows in history and on
 * the Annexe 3 form as the person replaced). Offers to take the old one's place in the escalation chain, then to
 * print the designation form.
 */
import { Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, Grid, MenuItem, Radio, RadioGroup, TextField } from '@mui/material';
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { href } from '../../app/router';
import { DateField } from '../../components/DateField';
import { saveErrorOf } from '../../components/saveError';
import { FormDialog } from '../../components/FormDialog';
import { useDialogForm } from '../../components/useDialogForm';
import { useServices } from '../../app/services';
import type { Contact } from '../../../shared/domain/contact';
import { formatDate, todayIso } from '../../../shared/rules/dates';
import { cleanContact, currentAdministrators, duplicatesOf, inEscalationChain, replaceAdministrator, type ContactInput } from './actions';
import { duplicateReasonLabels, type DuplicateMatch } from '../../../shared/rules/duplicates';
import { contactName } from './ContactDialog';

export function ReplaceAdminDialog({ open, partnerId, contacts, onClose }: { open: boolean; partnerId: string; contacts: readonly Contact[]; onClose: () => void }) {
  const { db, store } = useServices();
  const [dups, setDups] = useState<DuplicateMatch<Contact>[] | null>(null);
  const today = todayIso();
  const admins = currentAdministrators(contacts, today);
  const f = useDialogForm(() => ({
    oldId: admins[0]?.id ?? '',
    mode: 'new' as 'existing' | 'new',
    existingId: '',
    effectiveOn: today as string | undefined,
    inChain: true,
    person: { partnerId, firstName: '', lastName: '', function: 'Administrateur « Mon Compte Partenaire »', email: '', landline: '', mobile: '', roles: [], notes: '' } as ContactInput,
  }));
  const { oldId, mode, existingId, person, effectiveOn, inChain } = f.value;
  const [done, setDone] = useState<{ name: string } | null>(null);
  const oldInChain = useLiveQuery(() => (oldId ? inEscalationChain(db, partnerId, oldId) : false), [db, partnerId, oldId]);
  const candidates = contacts.filter((c) => c.id !== oldId && !c.activeUntil);
  const set = (patch: Partial<ContactInput>) => {
    setDups(null);
    f.update((v) => ({ ...v, person: { ...v.person, ...patch } }), Object.keys(patch));
  };
  const fieldErr = f.errorOf;

  const submit = async (force = false) => {
    const bad = f.dateErrors();
    if (bad.length) return f.setErrors(bad);
    if (!effectiveOn) return f.setErrors([{ field: 'effectiveOn', message: "Indiquez la date d'effet du remplacement." }]);
    f.setErrors([]);
    if (mode === 'new') {
      const r = cleanContact(person);
      if (!r.ok) return f.setErrors(r.errors);
      // The « new » administrator may already be on file (same email, same name here): offer that record.
      if (!force) {
        const found = await duplicatesOf(db, r.contact);
        if (found.length) return setDups(found);
      }
    }
    try {
      const id = await replaceAdministrator(store, partnerId, oldId || undefined, mode === 'new' ? { contact: person } : { existingId }, effectiveOn, { inChain: inChain && !!oldInChain });
      const c = mode === 'new' ? person : contacts.find((x) => x.id === id);
      setDone({ name: c ? contactName(c) : '' });
    } catch (err) {
      f.setErrors([saveErrorOf(err)]);
    }
  };

  if (done) {
    return (
      <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="replace-admin-done-title">
        <DialogTitle id="replace-admin-done-title">Administrateur remplacé</DialogTitle>
        <DialogContent>
          <DialogContentText role="status">
            {done.name} est administrateur à compter du {formatDate(effectiveOn)}. Imprimez le formulaire de désignation pour le faire signer.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Fermer</Button>
          <Button variant="contained" href={href('formulaires', partnerId)} onClick={onClose}>
            Imprimer le formulaire de désignation
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <FormDialog open={open} onClose={onClose} dirty={f.dirty} onSubmit={() => submit()} titleId="replace-admin-title" title="Remplacer l'administrateur" submitLabel="Remplacer" error={f.errors[0]?.message}>
      <DialogContentText sx={{ mb: 2 }}>
        Le rôle d'administrateur de la personne remplacée prend fin la veille de la date d'effet ; il reste visible dans sa fiche et dans l'historique.
      </DialogContentText>
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
                    f.update({ mode: 'existing', existingId: d.contact.id });
                    setDups(null);
                  }}
                >
                  Utiliser la fiche de {contactName(d.contact)}
                </Button>
              )}
            </Box>
          ))}
          <Button size="small" sx={{ mt: 0.5 }} onClick={() => void submit(true)}>
            Créer quand même
          </Button>
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}>
        <TextField select fullWidth size="small" label="Administrateur remplacé" value={oldId} onChange={(e) => f.update({ oldId: e.target.value })} sx={{ mb: 2 }}>
          <MenuItem value="">Aucun (poste vacant)</MenuItem>
          {admins.map((a) => (
            <MenuItem key={a.id} value={a.id}>
              {contactName(a)}
            </MenuItem>
          ))}
        </TextField>
        <DateField sx={{ width: 220, flexShrink: 0 }} label="Date d'effet" required value={effectiveOn} error={fieldErr('effectiveOn')} onChange={f.dateChange('effectiveOn', (v) => f.update({ effectiveOn: v }))} />
      </Box>
      <RadioGroup row value={mode} onChange={(e) => f.update({ mode: e.target.value as 'existing' | 'new' })} aria-label="Nouvel administrateur">
        <FormControlLabel value="new" control={<Radio />} label="Nouvelle personne" />
        <FormControlLabel value="existing" control={<Radio />} label="Interlocuteur déjà enregistré" disabled={candidates.length === 0} />
      </RadioGroup>
      {mode === 'existing' ? (
        <TextField select fullWidth size="small" label="Nouvel administrateur" value={existingId} onChange={(e) => f.update({ existingId: e.target.value })} sx={{ mt: 1 }} {...f.fieldProps('newAdmin')}>
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
            <TextField label="Nom du nouvel administrateur" required fullWidth size="small" value={person.lastName} onChange={(e) => set({ lastName: e.target.value })} {...f.fieldProps('lastName')} />
          </Grid>
          <Grid size={12}>
            <TextField label="Fonction" fullWidth size="small" value={person.function} onChange={(e) => set({ function: e.target.value })} />
          </Grid>
          <Grid size={12}>
            <TextField label="Adresse mél professionnelle" fullWidth size="small" value={person.email} onChange={(e) => set({ email: e.target.value })} {...f.fieldProps('email')} />
          </Grid>
          <Grid size={6}>
            <TextField label="Téléphone fixe" fullWidth size="small" value={person.landline} onChange={(e) => set({ landline: e.target.value })} {...f.fieldProps('landline')} />
          </Grid>
          <Grid size={6}>
            <TextField label="Téléphone mobile" fullWidth size="small" value={person.mobile} onChange={(e) => set({ mobile: e.target.value })} {...f.fieldProps('mobile')} />
          </Grid>
        </Grid>
      )}
      {oldInChain && (
        <FormControlLabel
          sx={{ mt: 1 }}
          control={<Checkbox checked={inChain} onChange={(e) => f.update({ inChain: e.target.checked })} />}
          label="Mettre le nouvel administrateur à sa place dans la procédure d'escalade du partenaire"
        />
      )}
    </FormDialog>
  );
}
