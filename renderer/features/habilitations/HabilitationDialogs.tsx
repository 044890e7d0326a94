/** Dialogs of the habilitations feature: add a person's access (with the quota override flow), end an access. */
import { useState } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
} from '@mui/material';
import { cdapProfiles, profileByCode } from '../../../shared/catalog/cdapProfiles';
import { endReasonLabels, endReasons, type EndReason, type Habilitation } from '../../../shared/domain/habilitation';
import { formatDate, parseFrenchDate, todayIso } from '../../../shared/rules/dates';
import { END_REASON_REQUIRED } from '../../../shared/rules/quota';
import { useServices } from '../../app/services';
import { ValidationError } from '../../db/store';
import { addHabilitation, endAccess, requestSuppression } from './actions';

import { DATE_MESSAGE } from '../../components/DateField';

export function AddHabilitationDialog({ partnerId, service, open, onClose, initialProfile }: { partnerId: string; service: string; open: boolean; onClose: () => void; initialProfile?: string }) {
  const { store } = useServices();
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '', function: '', profile: initialProfile ?? 'T1', startOn: formatDate(todayIso()), instructorNumber: '' });
  const [error, setError] = useState<string | null>(null);
  const [quotaRefused, setQuotaRefused] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [busy, setBusy] = useState(false);
  const needsInstructor = profileByCode(form.profile)?.needsInstructorNumber ?? false;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [k]: e.target.value }));
    if (k === 'profile') {
      setQuotaRefused(false);
      setOverrideReason('');
    }
  };

  const submit = async (withOverride: boolean) => {
    setError(null);
    const startOn = parseFrenchDate(form.startOn);
    if (!startOn) return setError(DATE_MESSAGE);
    if (withOverride && !overrideReason.trim()) return setError('Indiquez le motif du dépassement de quota.');
    setBusy(true);
    try {
      await addHabilitation(store, {
        partnerId,
        service,
        profile: form.profile,
        firstName: form.firstName,
        lastName: form.lastName,
        email: form.email,
        function: form.function,
        startOn,
        instructorNumber: needsInstructor ? form.instructorNumber : undefined,
        quotaOverrideReason: withOverride ? overrideReason : undefined,
      });
      onClose();
    } catch (e) {
      if (e instanceof ValidationError) {
        setError(e.message);
        if (e.field === 'quota') setQuotaRefused(true);
      } else setError(`Enregistrement impossible : ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="ajout-habilitation-titre">
      <DialogTitle id="ajout-habilitation-titre">Nouvelle habilitation {service}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <Stack direction="row" spacing={2}>
            <TextField label="Prénom" value={form.firstName} onChange={set('firstName')} fullWidth autoFocus />
            <TextField label="Nom" value={form.lastName} onChange={set('lastName')} fullWidth required />
          </Stack>
          <TextField label="Adresse mél" value={form.email} onChange={set('email')} type="email" />
          <TextField label="Fonction" value={form.function} onChange={set('function')} />
          <Stack direction="row" spacing={2}>
            <TextField select label="Profil" value={form.profile} onChange={set('profile')} fullWidth>
              {cdapProfiles.map((p) => (
                <MenuItem key={p.code} value={p.code}>
                  {p.code} — {p.label}
                </MenuItem>
              ))}
            </TextField>
            <TextField label="Date de début" value={form.startOn} onChange={set('startOn')} placeholder="jj/mm/aaaa" sx={{ width: 180, flexShrink: 0 }} />
          </Stack>
          {needsInstructor && (
            <TextField label="Numéro d'instructeur" value={form.instructorNumber} onChange={set('instructorNumber')} required helperText="Obligatoire pour le profil T4 (services instructeurs RSA)." />
          )}
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
          {quotaRefused && (
            <TextField
              label="Motif du dépassement de quota"
              value={overrideReason}
              onChange={(e) => setOverrideReason(e.target.value)}
              multiline
              minRows={2}
              helperText="Conservé avec l'habilitation et dans l'historique."
            />
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Annuler</Button>
        {quotaRefused && (
          <Button color="warning" variant="outlined" disabled={busy} onClick={() => void submit(true)}>
            Enregistrer malgré le quota
          </Button>
        )}
        <Button variant="contained" disabled={busy} onClick={() => void submit(false)}>
          Enregistrer
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * End an access: record the partner's request (« Suppression demandée », the seat is still used until the
 * Caf removes it) or the removal itself. Both need the reason.
 */
export function EndAccessDialog({ habilitation, onClose }: { habilitation: Habilitation | null; onClose: () => void }) {
  const { store } = useServices();
  // A pending suppression already has its reason and date (from the partner's request): start from them.
  const [reason, setReason] = useState<EndReason | ''>(habilitation?.endReason ?? '');
  const [endOn, setEndOn] = useState(formatDate(habilitation?.endOn ?? todayIso()));
  const [error, setError] = useState<string | null>(null);
  const h = habilitation;

  const submit = async (kind: 'request' | 'remove') => {
    if (!h) return;
    setError(null);
    if (!reason) return setError(END_REASON_REQUIRED);
    const iso = parseFrenchDate(endOn);
    if (!iso) return setError(DATE_MESSAGE);
    try {
      if (kind === 'request') await requestSuppression(store, h.id, reason, iso);
      else await endAccess(store, h.id, reason, iso);
      setReason('');
      onClose();
    } catch (e) {
      setError(e instanceof ValidationError ? e.message : `Enregistrement impossible : ${(e as Error).message}`);
    }
  };

  return (
    <Dialog open={!!h} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="fin-acces-titre">
      <DialogTitle id="fin-acces-titre">
        Fin d'accès — {h?.firstName} {h?.lastName} ({h?.profile})
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <FormControl>
            <FormLabel id="motif-fin">Motif</FormLabel>
            <RadioGroup aria-labelledby="motif-fin" value={reason} onChange={(e) => { setReason(e.target.value as EndReason); setError(null); }}>
              {endReasons.map((r) => (
                <FormControlLabel key={r} value={r} control={<Radio />} label={endReasonLabels[r]} />
              ))}
            </RadioGroup>
          </FormControl>
          <TextField label="À compter du" value={endOn} onChange={(e) => setEndOn(e.target.value)} placeholder="jj/mm/aaaa" sx={{ width: 200 }} />
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Annuler</Button>
        {h?.status === 'active' && <Button onClick={() => void submit('request')}>Demande de suppression reçue</Button>}
        <Button variant="contained" color="error" onClick={() => void submit('remove')}>
          Accès supprimé
        </Button>
      </DialogActions>
    </Dialog>
  );
}
