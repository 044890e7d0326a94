import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, Autocomplete, Checkbox, FormControl, FormControlLabel, FormLabel, MenuItem, Radio, RadioGroup, Stack, TextField, Typography } from '@mui/material';
import { followUpChannels, followUpDirections, type FollowUp } from '../../../shared/domain/followup';
import type { Partner } from '../../../shared/domain/partner';
import { formatDateTime } from '../../../shared/rules/dates';
import { contactName, delayLabel, followUpState } from '../../../shared/rules/escalation';
import { useOfficeCaf } from '../cafs/officeCaf';
import { useServices } from '../../app/services';
import { liveRows } from '../../db/store';
import { FormDialog } from '../../components/FormDialog';
import { saveErrorOf } from '../../components/saveError';
import { useDialogForm } from '../../components/useDialogForm';
import { readChain, useKnownContacts } from './data';
import { createFollowUp, updateFollowUp } from './actions';
import { nowInput, parseFrenchDateTime } from './datetime';
import type { Territory } from '../../../shared/domain/common';
import { channelLabels, directionLabels } from './labels';
// Pickers find « saint paul » for Saint-Paul: the lists' one text rule.
import { filterByName } from '../../../shared/search/match';

interface Props {
  open: boolean;
  onClose(created?: string): void;
  initialPartnerId?: string;
  /** Given: the dialog corrects this request instead of creating one. */
  followUp?: FollowUp;
}

/** New request, or the correction of one. Mounted only while open, so each opening starts from « now ». */
export function NewFollowUpDialog(props: Props) {
  return props.open ? <FollowUpDialog {...props} /> : null;
}

function FollowUpDialog({ onClose, initialPartnerId, followUp }: Props) {
  const { db, store } = useServices();
  const officeTerritory = useOfficeCaf().territory;
  const partners = useLiveQuery(async () => (await liveRows(db, 'partners')).sort((a, b) => a.name.localeCompare(b.name, 'fr')), [db]);
  const f = useDialogForm(() => ({
    partnerId: followUp?.partnerId ?? initialPartnerId ?? null,
    subject: followUp?.subject ?? '',
    direction: followUp?.direction ?? ('vers-caf' as FollowUp['direction']),
    channel: followUp?.channel ?? ('mel' as FollowUp['channel']),
    sentAt: followUp ? formatDateTime(followUp.sentAt) : nowInput(),
    urgent: followUp?.urgent ?? false,
  }));
  const { partnerId, subject, direction, channel, sentAt, urgent } = f.value;
  const chosen = useLiveQuery(async () => {
    if (!partnerId) return null;
    const p = await db.partners.get(partnerId);
    const c = p ? await db.cafs.get(String(p.cafId)) : undefined;
    return { chain: (await readChain(db, partnerId)) ?? undefined, territory: c && c._deleted === 0 ? (c.territory as Territory) : officeTerritory };
  }, [db, partnerId, officeTerritory]);
  const known = useKnownContacts();
  const partner = partners?.find((p) => p.id === partnerId) ?? null;
  const sent = parseFrenchDateTime(sentAt);

  // What the office will see once it is saved: due time and first person to contact.
  const preview = useMemo(() => {
    if (!partnerId || !sent || !chosen) return null;
    const { chain, territory } = chosen;
    const fu: FollowUp = { id: 'apercu', partnerId, subject: subject || '—', direction, channel, sentAt: sent.toISOString(), urgent, steps: followUp?.steps ?? [], status: followUp?.status ?? 'ouverte', notes: '' };
    return { state: followUpState(fu, chain, territory, new Date()), chain };
  }, [partnerId, sent, chosen, subject, direction, channel, urgent, followUp]);

  const submit = async () => {
    const input = { partnerId: partner ? partner.id : null, subject, direction, channel, sentAt: sent, urgent };
    try {
      if (followUp) {
        await updateFollowUp(store, followUp.id, input);
        onClose();
      } else onClose(await createFollowUp(store, input));
    } catch (e) {
      f.setErrors([saveErrorOf(e)]);
    }
  };

  const next = preview?.state.nextContactId ? known?.get(preview.state.nextContactId) : undefined;
  const title = followUp ? 'Modifier la relance' : 'Nouvelle relance';
  return (
    <FormDialog open onClose={() => onClose()} dirty={f.dirty} onSubmit={submit} titleId="new-followup-title" title={title} error={f.errors[0]?.message} submitLabel="Enregistrer la relance">
      <Stack spacing={1} sx={{ mt: 1 }}>
        <Autocomplete<Partner>
          options={partners ?? []}
          value={partner}
          getOptionLabel={(p) => p.name}
          filterOptions={filterByName}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          onChange={(_e, p) => f.update({ partnerId: p?.id ?? null })}
          noOptionsText="Aucun partenaire : créez-le d'abord dans Partenaires."
          renderInput={(params) => <TextField {...params} label="Partenaire" autoFocus {...f.fieldProps('partnerId')} />}
        />
        <TextField label="Objet" value={subject} onChange={(e) => f.update({ subject: e.target.value })} {...f.fieldProps('subject')} slotProps={{ htmlInput: { maxLength: 300 } }} />
        <FormControl>
          <FormLabel id="fu-direction">Sens de la demande</FormLabel>
          <RadioGroup aria-labelledby="fu-direction" value={direction} onChange={(e) => f.update({ direction: e.target.value as FollowUp['direction'] })}>
            {followUpDirections.map((d) => (
              <FormControlLabel key={d} value={d} control={<Radio size="small" />} label={directionLabels[d]} />
            ))}
          </RadioGroup>
        </FormControl>
        <Stack direction="row" spacing={2} sx={{ pt: 1 }}>
          <TextField select label="Canal" value={channel} onChange={(e) => f.update({ channel: e.target.value as FollowUp['channel'] })} sx={{ width: 180 }} helperText=" ">
            {followUpChannels.map((c) => (
              <MenuItem key={c} value={c}>
                {channelLabels[c]}
              </MenuItem>
            ))}
          </TextField>
          <TextField label="Envoyée le" value={sentAt} placeholder="jj/mm/aaaa hh:mm" onChange={(e) => f.update({ sentAt: e.target.value })} {...f.fieldProps('sentAt', 'jj/mm/aaaa hh:mm')} sx={{ flex: 1 }} />
        </Stack>
        <FormControlLabel control={<Checkbox checked={urgent} onChange={(e) => f.update({ urgent: e.target.checked })} />} label="Situation urgente (escalade immédiate)" />
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
                  ? `${followUp?.steps.length ? 'Prochain' : 'Premier'} interlocuteur à contacter : ${contactName(next.contact)}.`
                  : followUp?.status === 'close'
                    ? 'Relance close : personne à relancer.'
                    : `Personne n'est inscrit côté ${direction === 'vers-caf' ? 'Caf' : 'partenaire'} dans la procédure d'escalade.`}
            </Typography>
          </Alert>
        )}
      </Stack>
    </FormDialog>
  );
}
