import { useEffect, useMemo, useRef, useState } from 'react';
import { useUnsavedChanges } from '../../components/unsaved';
import { saveFailureText } from '../../components/saveError';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, Box, Button, Chip, Link, List, ListItem, ListItemText, MenuItem, Paper, Snackbar, TextField, Typography } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import { delayUnitLabels, delayUnits, type DelayUnit, type EscalationChain } from '../../../shared/domain/escalation';
import type { Partner } from '../../../shared/domain/partner';
import { dataOf } from '../../../shared/crdt/record';
import { todayIso } from '../../../shared/rules/dates';
import { DEFAULT_CLOSES, DEFAULT_OPENS, delayLabel, validateChain, type ChainDraft } from '../../../shared/rules/escalation';
import { useServices } from '../../app/services';
import { href } from '../../app/router';
import { EmptyState } from '../../components/EmptyState';
import { ChainSideList } from './ChainSideList';
import { readChain, useKnownContacts } from './data';
import { saveChain } from './actions';
import { useFollowUpRows, useNow } from './data';
import { NewFollowUpDialog } from './NewFollowUpDialog';
import { FollowUpLetter } from './FollowUpLetter';
import { formatDateTime } from '../../../shared/rules/dates';

interface FormState {
  delay: string;
  unit: DelayUnit;
  opens: string;
  closes: string;
  cafSide: string[];
  partnerSide: string[];
}

function formOf(chain: EscalationChain | null): FormState {
  return {
    delay: chain ? String(chain.delayValue) : '',
    unit: chain?.delayUnit ?? 'working-days',
    opens: chain?.serviceOpens ?? DEFAULT_OPENS,
    closes: chain?.serviceCloses ?? DEFAULT_CLOSES,
    cafSide: chain?.cafSide.map((e) => e.contactId) ?? [],
    partnerSide: chain?.partnerSide.map((e) => e.contactId) ?? [],
  };
}

function draftOf(f: FormState): ChainDraft {
  const trimmed = f.delay.trim();
  return {
    // An empty or non-numeric field is NaN, which validation rejects with the delay message.
    delayValue: trimmed === '' ? Number.NaN : Number(trimmed.replace(',', '.')),
    delayUnit: f.unit,
    serviceOpens: f.opens,
    serviceCloses: f.closes,
    cafSide: f.cafSide,
    partnerSide: f.partnerSide,
  };
}

/** Chain editor of one partner (« Procédure d'escalade », article 3.3 of the contrat de service). */
export function PartnerEscalationTab({ partnerId }: { partnerId: string }) {
  const { db, store } = useServices();
  const partner = useLiveQuery(async () => {
    const r = await db.partners.get(partnerId);
    return r && r._deleted === 0 ? dataOf<Partner>(r) : null;
  }, [db, partnerId]);
  const chain = useLiveQuery(() => readChain(db, partnerId), [db, partnerId]);
  const known = useKnownContacts();
  const [form, setForm] = useState<FormState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const today = todayIso();

  // Load the stored chain into the form once it is read (and again after a save or a sync changes it,
  // unless the user has unsaved edits).
  const stored = useMemo(() => (chain === undefined ? null : formOf(chain)), [chain]);
  const [baseline, setBaseline] = useState<FormState | null>(null);
  /** Set by a successful save: the stored chain read next replaces the form (« 07 » typed becomes « 7 »). */
  const takeStored = useRef(false);
  useEffect(() => {
    if (!stored) return;
    const take = takeStored.current;
    takeStored.current = false;
    setForm((current) => (take || current === null || JSON.stringify(current) === JSON.stringify(baseline) ? stored : current));
    setBaseline(stored);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new stored chain resets the form
  }, [stored]);

  const candidates = useMemo(() => {
    if (!known) return { caf: [], partner: [] };
    const live = [...known.values()].filter((k) => !k.deleted).map((k) => k.contact);
    const inOffice = live.filter((c) => !(c.activeUntil && c.activeUntil < today));
    const byName = (a: { lastName: string; firstName: string }, b: { lastName: string; firstName: string }) =>
      a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr');
    const cafAll = inOffice.filter((c) => c.cafId);
    const ofPartnerCaf = partner ? cafAll.filter((c) => c.cafId === partner.cafId) : [];
    return {
      // The partner's own Caf first; any Caf contact when that Caf has none recorded yet.
      caf: (ofPartnerCaf.length ? ofPartnerCaf : cafAll).sort(byName),
      partner: inOffice.filter((c) => c.partnerId === partnerId).sort(byName),
    };
  }, [known, partner, partnerId, today]);

  const dirty = form !== null && JSON.stringify(form) !== JSON.stringify(baseline);
  // Leaving the tab (or the app) with the chain edited but not saved asks first.
  useUnsavedChanges(dirty);

  if (partner === undefined || chain === undefined || !known || !form) return <Typography>Chargement…</Typography>;
  if (partner === null) return <EmptyState title="Partenaire introuvable">Ce partenaire n'existe pas ou a été supprimé.</EmptyState>;

  const set = (patch: Partial<FormState>) => {
    setForm({ ...form, ...patch });
    setError(null);
  };

  const save = async () => {
    setSaved(false);
    const draft = draftOf(form);
    const problem = validateChain(draft, partnerId, known);
    if (problem) {
      setError(problem);
      return;
    }
    try {
      takeStored.current = true;
      await saveChain(store, partnerId, draft);
      // Saved: not « unsaved » any more, even before the stored chain comes back through the live query.
      setBaseline(form);
      setError(null);
      setSaved(true);
    } catch (e) {
      takeStored.current = false;
      setError(saveFailureText(e));
    }
  };

  const delayNumber = Number(form.delay);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="chain-editor">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          Procédure d'escalade — {partner.name}
        </Typography>
        <Button variant="outlined" startIcon={<PrintIcon />} href={href('relances', 'fiche', partnerId)}>
          Fiche d'escalade
        </Button>
      </Box>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          En l'absence de réponse du centre de services Caf ou du partenaire dans le délai ci-dessous, ou en cas d'urgence, les
          interlocuteurs sont contactés dans l'ordre présenté. Les heures et jours ouvrés suivent les horaires du centre de services
          et les jours fériés du territoire de la Caf.
        </Typography>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mt: 1 }}>
          <TextField
            label="Délai"
            type="number"
            value={form.delay}
            onChange={(e) => set({ delay: e.target.value })}
            slotProps={{ htmlInput: { min: 1, step: 1 } }}
            sx={{ width: 110 }}
          />
          <TextField select label="Unité" value={form.unit} onChange={(e) => set({ unit: e.target.value as DelayUnit })} sx={{ width: 200 }}>
            {delayUnits.map((u) => (
              <MenuItem key={u} value={u}>
                {delayUnitLabels[u]}
              </MenuItem>
            ))}
          </TextField>
          {/* Plain hh:mm text: Chromium's time input shows AM/PM under an English UI language. */}
          <TextField label="Ouverture du centre de services" placeholder="hh:mm" value={form.opens} onChange={(e) => set({ opens: e.target.value.trim() })} sx={{ width: 230 }} slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 5 } }} />
          <TextField label="Fermeture" placeholder="hh:mm" value={form.closes} onChange={(e) => set({ closes: e.target.value.trim() })} sx={{ width: 150 }} slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 5 } }} />
        </Box>
        {Number.isInteger(delayNumber) && delayNumber > 0 && (
          <Typography variant="body2" sx={{ mt: 1 }}>
            Délai : {delayLabel(delayNumber, form.unit)}, du lundi au vendredi de {form.opens} à {form.closes} hors jours fériés.
          </Typography>
        )}
      </Paper>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <ChainSideList
          title="Pour la Caf"
          testId="chain-caf"
          ids={form.cafSide}
          onChange={(cafSide) => set({ cafSide })}
          known={known}
          candidates={candidates.caf}
          today={today}
          emptyText="Aucun interlocuteur de la Caf dans la procédure."
        />
        <ChainSideList
          title="Pour le partenaire"
          testId="chain-partner"
          ids={form.partnerSide}
          onChange={(partnerSide) => set({ partnerSide })}
          known={known}
          candidates={candidates.partner}
          today={today}
          emptyText="Aucun interlocuteur du partenaire dans la procédure."
        />
      </Box>
      {error && (
        <Alert severity="error" role="alert" data-testid="chain-error">
          {error}
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button variant="contained" onClick={() => void save()}>
          Enregistrer la procédure
        </Button>
        <Button
          disabled={!dirty}
          onClick={() => {
            setForm(baseline);
            setError(null);
          }}
        >
          Annuler les modifications
        </Button>
        {!chain && (
          <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }}>
            Aucune procédure enregistrée pour ce partenaire : les relances utilisent 48 heures par défaut.
          </Typography>
        )}
      </Box>
      <PartnerFollowUps partnerId={partnerId} />
      <Snackbar open={saved} autoHideDuration={3000} onClose={() => setSaved(false)} message="Procédure d'escalade enregistrée." />
    </Box>
  );
}

/** This partner's open requests, and a shortcut to record a new one for it. */
function PartnerFollowUps({ partnerId }: { partnerId: string }) {
  const now = useNow(60_000);
  const { open } = useFollowUpRows(now);
  const [creating, setCreating] = useState(false);
  const mine = open.filter((r) => r.fu.partnerId === partnerId);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="partner-followups">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flex: 1 }}>
          Relances en cours pour ce partenaire
        </Typography>
        <Button onClick={() => setCreating(true)}>Nouvelle relance</Button>
      </Box>
      {mine.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          Aucune relance ouverte.
        </Typography>
      ) : (
        <List dense disablePadding>
          {mine.map((r) => (
            <ListItem key={r.fu.id} disableGutters sx={{ flexWrap: 'wrap' }}>
              <ListItemText
                primary={<Link href={href('relances', 'demande', r.fu.id)}>{r.fu.subject}</Link>}
                secondary={`À relancer le ${formatDateTime(r.state.due.toISOString())}`}
              />
              {r.state.overdue && <Chip size="small" color="error" label="En retard" />}
              <Box sx={{ flexBasis: '100%' }}>
                <FollowUpLetter fu={r.fu} compact />
              </Box>
            </ListItem>
          ))}
        </List>
      )}
      <NewFollowUpDialog open={creating} initialPartnerId={partnerId} onClose={() => setCreating(false)} />
    </Paper>
  );
}
