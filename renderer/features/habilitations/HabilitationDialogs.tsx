/** Dialogs of the habilitations feature: add a person's access (with the quota override flow), end an access. */
import { Button, FormControl, FormControlLabel, FormHelperText, FormLabel, MenuItem, Radio, RadioGroup, Stack, TextField } from '@mui/material';
import { cdapProfiles, profileByCode } from '../../../shared/catalog/cdapProfiles';
import { endReasonLabels, endReasons, type EndReason, type Habilitation } from '../../../shared/domain/habilitation';
import { todayIso } from '../../../shared/rules/dates';
import { END_REASON_REQUIRED } from '../../../shared/rules/quota';
import { useServices } from '../../app/services';
import { DateField } from '../../components/DateField';
import { saveErrorOf } from '../../components/saveError';
import { FormDialog } from '../../components/FormDialog';
import { useDialogForm, type FieldError } from '../../components/useDialogForm';
import { personName } from '../../../shared/rules/names';
import { addHabilitation, endAccess, requestSuppression } from './actions';

const OVERRIDE_REQUIRED = 'Indiquez le motif du dépassement de quota.';

/** A write refused by the store or an action → the error on its field (or at the top when it has none). */
const fieldErrorOf = (e: unknown): FieldError => saveErrorOf(e);

export function AddHabilitationDialog({ partnerId, service, open, onClose, initialProfile }: { partnerId: string; service: string; open: boolean; onClose: () => void; initialProfile?: string }) {
  const { store } = useServices();
  const f = useDialogForm(() => ({
    firstName: '',
    lastName: '',
    email: '',
    function: '',
    profile: initialProfile ?? 'T1',
    startOn: todayIso() as string | undefined,
    instructorNumber: '',
    overrideReason: '',
    /** Set once the store refused the quota: the override reason and its button appear. */
    quotaRefused: false,
  }));
  const form = f.value;
  const needsInstructor = profileByCode(form.profile)?.needsInstructorNumber ?? false;
  const text = (k: 'firstName' | 'lastName' | 'email' | 'function' | 'instructorNumber' | 'overrideReason') => ({
    value: form[k],
    onChange: (e: { target: { value: string } }) => f.update({ [k]: e.target.value }),
    ...f.fieldProps(k),
  });

  const submit = async (withOverride: boolean) => {
    const found = f.dateErrors();
    if (!form.startOn && !found.length) found.push({ field: 'startOn', message: 'La date de début est obligatoire.' });
    if (withOverride && !form.overrideReason.trim()) found.push({ field: 'overrideReason', message: OVERRIDE_REQUIRED });
    f.setErrors(found);
    if (found.length) return;
    try {
      await addHabilitation(store, {
        partnerId,
        service,
        profile: form.profile,
        firstName: form.firstName,
        lastName: form.lastName,
        email: form.email,
        function: form.function,
        startOn: form.startOn ?? '',
        instructorNumber: needsInstructor ? form.instructorNumber : undefined,
        quotaOverrideReason: withOverride ? form.overrideReason : undefined,
      });
      onClose();
    } catch (e) {
      const err = fieldErrorOf(e);
      if (err.field === 'quota') f.update({ quotaRefused: true }, []);
      f.setErrors([err]);
    }
  };

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      dirty={f.dirty}
      onSubmit={() => submit(false)}
      titleId="ajout-habilitation-titre"
      title={`Nouvelle habilitation ${service}`}
      error={f.errors[0]?.message}
      extraActions={
        form.quotaRefused && (
          <Button color="warning" variant="outlined" onClick={() => void submit(true)}>
            Enregistrer malgré le quota
          </Button>
        )
      }
    >
      <Stack spacing={1} sx={{ mt: 1 }}>
        <Stack direction="row" spacing={2}>
          <TextField label="Prénom" {...text('firstName')} fullWidth autoFocus />
          <TextField label="Nom" {...text('lastName')} fullWidth required />
        </Stack>
        <TextField label="Adresse mél" {...text('email')} type="email" />
        <TextField label="Fonction" {...text('function')} />
        <Stack direction="row" spacing={2}>
          <TextField
            select
            label="Profil"
            value={form.profile}
            // A new profile is a new quota question: the refusal and its override go.
            onChange={(e) => f.update({ profile: e.target.value, quotaRefused: false, overrideReason: '' }, ['profile', 'quota', 'overrideReason'])}
            fullWidth
            helperText=" "
          >
            {cdapProfiles.map((p) => (
              <MenuItem key={p.code} value={p.code}>
                {p.code} — {p.label}
              </MenuItem>
            ))}
          </TextField>
          <DateField label="Date de début" required value={form.startOn} onChange={f.dateChange('startOn', (startOn) => f.update({ startOn }))} error={f.errorOf('startOn')} sx={{ width: 180, flexShrink: 0 }} />
        </Stack>
        {needsInstructor && <TextField label="Numéro d'instructeur" {...text('instructorNumber')} {...f.fieldProps('instructorNumber', 'Obligatoire pour le profil T4 (services instructeurs RSA).')} required />}
        {form.quotaRefused && (
          <TextField label="Motif du dépassement de quota" {...text('overrideReason')} {...f.fieldProps('overrideReason', "Conservé avec l'habilitation et dans l'historique.")} multiline minRows={2} />
        )}
      </Stack>
    </FormDialog>
  );
}

/**
 * End an access: record the partner's request (« Suppression demandée », the seat is still used until the
 * Caf removes it) or the removal itself. Both need the reason.
 */
export function EndAccessDialog({ habilitation, onClose, onDone }: { habilitation: Habilitation | null; onClose: () => void; onDone?: (message: string) => void }) {
  const { store } = useServices();
  const h = habilitation;
  // A pending suppression already has its reason and date (from the partner's request): start from them.
  const f = useDialogForm(() => ({ reason: (h?.endReason ?? '') as EndReason | '', endOn: (h?.endOn ?? todayIso()) as string | undefined }));
  const form = f.value;
  const who = h ? personName(h) : '';

  const submit = async (kind: 'request' | 'remove') => {
    if (!h) return;
    const found = f.dateErrors();
    if (!form.reason) found.unshift({ field: 'endReason', message: END_REASON_REQUIRED });
    if (!form.endOn && !found.some((e) => e.field === 'endOn')) found.push({ field: 'endOn', message: 'La date est obligatoire.' });
    f.setErrors(found);
    if (found.length || !form.reason || !form.endOn) return;
    try {
      if (kind === 'request') await requestSuppression(store, h.id, form.reason, form.endOn);
      else await endAccess(store, h.id, form.reason, form.endOn);
      onClose();
      onDone?.(kind === 'request' ? `Demande de suppression enregistrée pour ${who}.` : `Accès de ${who} supprimé.`);
    } catch (e) {
      f.setErrors([fieldErrorOf(e)]);
    }
  };

  return (
    <FormDialog
      open={!!h}
      onClose={onClose}
      dirty={f.dirty}
      onSubmit={() => submit('remove')}
      titleId="fin-acces-titre"
      title={`Fin d'accès — ${who} (${h?.profile ?? ''})`}
      error={f.errors[0]?.message}
      submitLabel="Accès supprimé"
      submitColor="error"
      extraActions={h?.status === 'active' && <Button onClick={() => void submit('request')}>Demande de suppression reçue</Button>}
    >
      <Stack spacing={2} sx={{ mt: 1 }}>
        <FormControl error={!!f.errorOf('endReason')}>
          <FormLabel id="motif-fin">Motif</FormLabel>
          <RadioGroup aria-labelledby="motif-fin" value={form.reason} onChange={(e) => f.update({ reason: e.target.value as EndReason }, ['endReason'])}>
            {endReasons.map((r) => (
              <FormControlLabel key={r} value={r} control={<Radio />} label={endReasonLabels[r]} />
            ))}
          </RadioGroup>
          {f.errorOf('endReason') && <FormHelperText>{f.errorOf('endReason')}</FormHelperText>}
        </FormControl>
        <DateField label="À compter du" value={form.endOn} onChange={f.dateChange('endOn', (endOn) => f.update({ endOn }))} error={f.errorOf('endOn')} sx={{ width: 200 }} />
      </Stack>
    </FormDialog>
  );
}
