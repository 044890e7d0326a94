import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  Alert,
  Autocomplete,
  Button,
  Checkbox,
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
  Typography,
} from '@mui/material';
import { followUpChannels, followUpDirections, type FollowUp } from '../../../shared/domain/followup';
import type { Partner } from '../../../shared/domain/partner';
import { formatDateTime } from '../../../shared/rules/dates';
import { contactName, delayLabel, followUpState } from '../../../shared/rules/escalation';
import { useOfficeCaf } from '../cafs/officeCaf';
import { useServices } from '../../app/services';
import { liveRows, ValidationError } from '../../db/store';
import { readChain, useKnownContacts } from './data';
import { createFollowUp } from './actions';
import { nowInput, parseFrenchDateTime } from './datetime';
import type { Territory } from '../../../shared/domain/common';
import { channelLabels, directionLabels } from './labels';


export function NewFollowUpDialog({ open, onClose, initialPartnerId }: { open: boolean; onClose(created?: string): void; initialPartnerId?: string }) {
  const { db, store } = useServices();
  const officeTerritory = useOfficeCaf().territory;
  const partners = useLiveQuery(async () => (await liveRows(db, 'partners')).sort((a, b) => a.name.localeCompare(b.name, 'fr')), [db]);
  const [partnerId, setPartnerId] = useState<string | null>(initialPartnerId ?? null);
  const chosen = useLiveQuery(async () => {
    if (!partnerId) return null;
    const p = await db.partners.get(partnerId);
    const c = p ? await db.cafs.get(String(p.cafId)) : undefined;
    return { chain: (await readChain(db, partnerId)) ?? undefined, territory: c && c._deleted === 0 ? (c.territory as Territory) : officeTerritory };
  }, [db, partnerId, officeTerritory]);
  const known = useKnownContacts();
  const [subject, setSubject] = useState('');
  const [direction, setDirection] = useState<FollowUp['direction']>('vers-caf');
  const [channel, setChannel] = useState<FollowUp['channel']>('mel');
  const [sentAt, setSentAt] = useState(nowInput);
  const [urgent, setUrgent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setPartnerId(initialPartnerId ?? null);
    setSubject('');
    setDirection('vers-caf');
    setChannel('mel');
    setSentAt(nowInput());
    setUrgent(false);
    setError(null);
  };
  const partner = partners?.find((p) => p.id === partnerId) ?? null;
  const sent = parseFrenchDateTime(sentAt);

  // What the office will see once it is saved: due time and first person to contact.
  const preview = useMemo(() => {
    if (!partnerId || !sent || !chosen) return null;
    const { chain, territory } = chosen;
    const fu: FollowUp = { id: 'apercu', partnerId, subject: subject || '—', direction, channel, sentAt: sent.toISOString(), urgent, steps: [], status: 'ouverte', notes: '' };
    return { state: followUpState(fu, chain, territory, new Date()), chain };
  }, [partnerId, sent, chosen, subject, direction, channel, urgent]);

  const submit = async () => {
    try {
      const id = await createFollowUp(store, { partnerId: partner ? partner.id : null, subject, direction, channel, sentAt: sent, urgent });
      reset();
      onClose(id);
    } catch (e) {
      setError(e instanceof ValidationError ? e.message : `Enregistrement impossible : ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const next = preview?.state.nextContactId ? known?.get(preview.state.nextContactId) : undefined;
  return (
    <Dialog
      open={open}
      onClose={() => {
        reset();
        onClose();
      }}
      maxWidth="sm"
      fullWidth
      aria-labelledby="new-followup-title"
    >
      <DialogTitle id="new-followup-title">Nouvelle relance</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <Autocomplete<Partner>
            options={partners ?? []}
            value={partner}
            getOptionLabel={(p) => p.name}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            onChange={(_e, p) => {
              setPartnerId(p?.id ?? null);
              setError(null);
            }}
            noOptionsText="Aucun partenaire : créez-le d'abord dans Partenaires."
            renderInput={(params) => <TextField {...params} label="Partenaire" autoFocus />}
          />
          <TextField
            label="Objet"
            value={subject}
            onChange={(e) => {
              setSubject(e.target.value);
              setError(null);
            }} slotProps={{ htmlInput: { maxLength: 300 } }} />
          <FormControl>
            <FormLabel id="fu-direction">Sens de la demande</FormLabel>
            <RadioGroup aria-labelledby="fu-direction" value={direction} onChange={(e) => setDirection(e.target.value as FollowUp['direction'])}>
              {followUpDirections.map((d) => (
                <FormControlLabel key={d} value={d} control={<Radio size="small" />} label={directionLabels[d]} />
              ))}
            </RadioGroup>
          </FormControl>
          <Stack direction="row" spacing={2}>
            <TextField select label="Canal" value={channel} onChange={(e) => setChannel(e.target.value as FollowUp['channel'])} sx={{ width: 180 }}>
              {followUpChannels.map((c) => (
                <MenuItem key={c} value={c}>
                  {channelLabels[c]}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label="Envoyée le"
              value={sentAt}
              placeholder="jj/mm/aaaa hh:mm"
              onChange={(e) => {
                setSentAt(e.target.value);
                setError(null);
              }}
              helperText="jj/mm/aaaa hh:mm"
              sx={{ flex: 1 }}
            />
          </Stack>
          <FormControlLabel control={<Checkbox checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />} label="Situation urgente (escalade immédiate)" />
          {preview && (
            <Alert severity="info" role="status" data-testid="followup-preview">
              <Typography variant="body2">
                À relancer à partir du <strong>{formatDateTime(preview.state.due.toISOString())}</strong>
                {urgent ? ' (urgent : sans attendre le délai)' : ` (${delayLabel(preview.state.delay.value, preview.state.delay.unit)}${preview.state.noChain ? ', délai par défaut' : ''})`}.
              </Typography>
              <Typography variant="body2">
                {preview.state.noChain
                  ? "Aucune procédure d'escalade n'est enregistrée pour ce partenaire."
                  : next
                    ? `Premier interlocuteur à contacter : ${contactName(next.contact)}.`
                    : `Personne n'est inscrit côté ${direction === 'vers-caf' ? 'Caf' : 'partenaire'} dans la procédure d'escalade.`}
              </Typography>
            </Alert>
          )}
          {error && (
            <Alert severity="error" role="alert" data-testid="followup-error">
              {error}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button
          onClick={() => {
            reset();
            onClose();
          }}
        >
          Annuler
        </Button>
        <Button variant="contained" onClick={() => void submit()}>
          Enregistrer la relance
        </Button>
      </DialogActions>
    </Dialog>
  );
}
