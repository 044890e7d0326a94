/**
 * The convention: number, dates, status (derived), next tacit renewal, termination, mode, missions, amendments,
 * subscribed services with their « date de mise à disposition », the annual reverse review, and the documents
 * kept with the convention (AttachmentsPanel).
 */
import { Alert, Box, Button, Chip, Divider, FormControlLabel, Grid, IconButton, MenuItem, Paper, Switch, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { useEffect, useState, type FormEvent } from 'react';
import { useServices } from '../../app/services';
import { managementModeLabels, managementModes, type Convention } from '../../../shared/domain/convention';
import { conventionStatus, conventionStatusLabels, earliestTermination, isReverseReviewOverdue, nextRenewal, reverseReviewNextDue } from '../../../shared/rules/convention';
import { formatDate, todayIso } from '../../../shared/rules/dates';
import { DateField, DATE_MESSAGE } from '../../components/DateField';
import { saveFailureText } from '../../components/saveError';
import { useUnsavedChanges } from '../../components/unsaved';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { updateConvention } from './actions';
import { statusChipColor } from './labels';
import { ReviewDialog } from '../spreadsheet/ReviewDialog';
import { useRoute } from '../../app/router';
import { AttachmentsPanel } from '../attachments/AttachmentsPanel';

type Editable = Pick<
  Convention,
  'number' | 'signedOn' | 'effectiveOn' | 'tacitRenewal' | 'terminationRequestedOn' | 'terminationEffectiveOn' | 'managementMode' | 'missions' | 'reverseReviewLastDone'
>;

const editableOf = (c: Convention): Editable => ({
  number: c.number,
  signedOn: c.signedOn,
  effectiveOn: c.effectiveOn,
  tacitRenewal: c.tacitRenewal,
  terminationRequestedOn: c.terminationRequestedOn,
  terminationEffectiveOn: c.terminationEffectiveOn,
  managementMode: c.managementMode,
  missions: c.missions,
  reverseReviewLastDone: c.reverseReviewLastDone,
});

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children || '—'}
      </Typography>
    </Box>
  );
}

export function ConventionTab({ convention, onCreate }: { convention: Convention | undefined; onCreate: () => Promise<void> }) {
  const { store } = useServices();
  const today = todayIso();
  const [form, setForm] = useState<Editable | null>(convention ? editableOf(convention) : null);
  const [badDates, setBadDates] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // What was last saved from this form: until the stored convention comes back through the live query, the form
  // equals it and is not « unsaved » (a navigation right after « Enregistrer » must not ask to discard anything).
  const [savedForm, setSavedForm] = useState<string | null>(null);
  const [amendment, setAmendment] = useState<{ date?: string; object: string; bad?: boolean }>({ object: '' });
  const [service, setService] = useState<{ code: string; availableOn?: string; bad?: boolean }>({ code: '' });
  const [toRemove, setToRemove] = useState<{ kind: 'amendment' | 'service'; index: number } | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const route = useRoute();
  // « Revues inverses à faire » on the dashboard opens the reconciliation directly (…/convention/revue).
  const [reviewOpen, setReviewOpen] = useState(route.params.includes('revue'));

  // A convention replaced by a sync or another tab: reload the form.
  const version = convention ? JSON.stringify(editableOf(convention)) : '';
  // Typing not yet saved (the form, or an avenant / a service being added): leaving the tab asks first.
  const formJson = form ? JSON.stringify(form) : '';
  useUnsavedChanges(!!form && (badDates.size > 0 || (formJson !== version && formJson !== savedForm) || !!amendment.object.trim() || !!amendment.date || !!service.code.trim() || !!service.availableOn));
  useEffect(() => {
    if (convention) setForm(editableOf(convention));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);

  if (!convention || !form) {
    return (
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography gutterBottom>Ce partenaire n'a pas encore de convention enregistrée.</Typography>
        <Button variant="contained" onClick={onCreate}>
          Créer la convention
        </Button>
      </Paper>
    );
  }

  const set = (patch: Partial<Editable>) => {
    setSaved(false);
    setForm((f) => (f ? { ...f, ...patch } : f));
  };
  const dateField = (key: keyof Editable, label: string) => (
    <DateField
      label={label}
      value={form[key] as string | undefined}
      onChange={(v) => {
        setBadDates((s) => {
          const n = new Set(s);
          if (v === null) n.add(key);
          else n.delete(key);
          return n;
        });
        set({ [key]: v ?? undefined } as Partial<Editable>);
      }}
    />
  );

  const preview = { ...convention, ...form };
  const status = conventionStatus(preview, today);
  const renewal = nextRenewal(preview, today);
  const due = reverseReviewNextDue(preview);
  const overdue = isReverseReviewOverdue(preview, today);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (badDates.size) return setError(DATE_MESSAGE);
    try {
      await updateConvention(store, convention.id, form);
      setSavedForm(JSON.stringify(form));
      setSaved(true);
    } catch (err) {
      setError(saveFailureText(err));
    }
  };

  const runList = async (action: string, patch: Partial<Convention>) => {
    setListError(null);
    try {
      await updateConvention(store, convention.id, patch, action);
      return true;
    } catch (err) {
      setListError(saveFailureText(err));
      return false;
    }
  };

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Paper variant="outlined" sx={{ p: 2, display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center' }}>
        <Fact label="Statut">
          <Chip size="small" label={conventionStatusLabels[status]} color={statusChipColor[status]} data-testid="convention-status" />
        </Fact>
        <Fact label="Prochain renouvellement tacite">{renewal ? formatDate(renewal) : form.tacitRenewal ? '' : 'Pas de renouvellement tacite'}</Fact>
        <Fact label="Prochaine revue inverse">
          {due ? (
            <Box component="span" sx={{ color: overdue ? 'error.main' : undefined, fontWeight: overdue ? 600 : undefined }}>
              {formatDate(due)}
              {overdue ? ' (en retard)' : ''}
              {!form.reverseReviewLastDone ? ' — aucune revue enregistrée' : ''}
            </Box>
          ) : (
            ''
          )}
        </Fact>
        <Fact label="Mode de gestion">{managementModeLabels[form.managementMode]}</Fact>
        <Button variant="outlined" onClick={() => setReviewOpen(true)}>
          Rapprocher la revue inverse…
        </Button>
      </Paper>
      <ReviewDialog open={reviewOpen} onClose={() => setReviewOpen(false)} partnerId={convention.partnerId} conventionId={convention.id} />
      <AttachmentsPanel conventionId={convention.id} partnerId={convention.partnerId} />

      <Paper variant="outlined" sx={{ p: 2 }} component="form" onSubmit={save} noValidate aria-label="Convention">
        {error && (
          <Alert severity="error" sx={{ mb: 2 }} role="alert">
            {error}
          </Alert>
        )}
        {saved && !error && (
          <Alert severity="success" sx={{ mb: 2 }}>
            Convention enregistrée.
          </Alert>
        )}
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 3 }}>
            <TextField label="N° de convention" size="small" fullWidth value={form.number} onChange={(e) => set({ number: e.target.value })} />
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>{dateField('signedOn', 'Date de signature')}</Grid>
          <Grid size={{ xs: 6, md: 3 }}>{dateField('effectiveOn', "Date d'effet")}</Grid>
          <Grid size={{ xs: 12, md: 3 }}>
            <TextField select label="Mode de gestion" size="small" fullWidth value={form.managementMode} onChange={(e) => set({ managementMode: e.target.value as Editable['managementMode'] })}>
              {managementModes.map((m) => (
                <MenuItem key={m} value={m}>
                  {managementModeLabels[m]}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid size={{ xs: 12, md: 3 }}>
            <FormControlLabel control={<Switch checked={form.tacitRenewal} onChange={(e) => set({ tacitRenewal: e.target.checked })} />} label="Renouvellement tacite" />
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>{dateField('terminationRequestedOn', 'Résiliation demandée le')}</Grid>
          <Grid size={{ xs: 6, md: 3 }}>{dateField('terminationEffectiveOn', 'Résiliation effective le')}</Grid>
          <Grid size={{ xs: 12, md: 3 }}>
            {form.terminationRequestedOn && (
              <Typography variant="caption" color="text.secondary">
                Préavis de 3 mois : effet au plus tôt le {formatDate(earliestTermination(form.terminationRequestedOn))}.
              </Typography>
            )}
          </Grid>
          <Grid size={{ xs: 6, md: 3 }}>{dateField('reverseReviewLastDone', 'Dernière revue inverse')}</Grid>
          <Grid size={{ xs: 12 }}>
            <TextField label="Missions du partenaire (article 8)" size="small" fullWidth multiline minRows={3} value={form.missions} onChange={(e) => set({ missions: e.target.value })} />
          </Grid>
        </Grid>
        <Box sx={{ mt: 2, display: 'flex', justifyContent: 'flex-end' }}>
          <Button type="submit" variant="contained">
            Enregistrer la convention
          </Button>
        </Box>
      </Paper>

      {listError && (
        <Alert severity="error" role="alert">
          {listError}
        </Alert>
      )}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Typography variant="subtitle1" component="h2" gutterBottom>
              Avenants
            </Typography>
            <Table size="small" aria-label="Avenants">
              <TableHead>
                <TableRow>
                  <TableCell>Date</TableCell>
                  <TableCell>Objet</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {convention.amendments.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={3}>
                      <Typography variant="body2" color="text.secondary">
                        Aucun avenant : ajoutez-en un ci-dessous quand la convention est modifiée.
                      </Typography>
                    </TableCell>
                  </TableRow>
                )}
                {convention.amendments.map((a, i) => (
                  <TableRow key={`${a.date}-${i}`}>
                    <TableCell>{formatDate(a.date)}</TableCell>
                    <TableCell>{a.object}</TableCell>
                    <TableCell align="right">
                      <IconButton size="small" aria-label={`Supprimer l'avenant du ${formatDate(a.date)}`} onClick={() => setToRemove({ kind: 'amendment', index: i })}>
                        <DeleteIcon fontSize="small" />
                      </IconButton>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Divider sx={{ my: 1 }} />
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}>
              <DateField label="Date de l'avenant" value={amendment.date} onChange={(v) => setAmendment((a) => ({ ...a, date: v ?? undefined, bad: v === null }))} />
              <TextField size="small" label="Objet de l'avenant" value={amendment.object} onChange={(e) => setAmendment((a) => ({ ...a, object: e.target.value }))} sx={{ flex: 1, minWidth: 180 }} />
              <Button
                onClick={async () => {
                  if (!amendment.date || amendment.bad) return setListError("Indiquez la date de l'avenant au format jj/mm/aaaa.");
                  if (!amendment.object.trim()) return setListError("L'objet de l'avenant est obligatoire.");
                  if (await runList("Ajout d'un avenant", { amendments: [...convention.amendments, { date: amendment.date, object: amendment.object.trim() }] })) setAmendment({ object: '' });
                }}
              >
                Ajouter l'avenant
              </Button>
            </Box>
          </Paper>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Typography variant="subtitle1" component="h2" gutterBottom>
              Services souscrits
            </Typography>
            <Table size="small" aria-label="Services souscrits">
              <TableHead>
                <TableRow>
                  <TableCell>Service</TableCell>
                  <TableCell>Date de mise à disposition</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {convention.services.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={3}>
                      <Typography variant="body2" color="text.secondary">
                        Aucun service : ajoutez CDAP (ou AFAS…) avec sa date de mise à disposition.
                      </Typography>
                    </TableCell>
                  </TableRow>
                )}
                {convention.services.map((s, i) => (
                  <TableRow key={`${s.code}-${i}`}>
                    <TableCell>{s.code}</TableCell>
                    <TableCell>{formatDate(s.availableOn) || 'non renseignée'}</TableCell>
                    <TableCell align="right">
                      <IconButton size="small" aria-label={`Retirer le service ${s.code}`} onClick={() => setToRemove({ kind: 'service', index: i })}>
                        <DeleteIcon fontSize="small" />
                      </IconButton>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Divider sx={{ my: 1 }} />
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}>
              <TextField size="small" label="Code du service" placeholder="CDAP" value={service.code} onChange={(e) => setService((s) => ({ ...s, code: e.target.value }))} sx={{ width: 170 }} />
              <DateField label="Mise à disposition le" value={service.availableOn} onChange={(v) => setService((s) => ({ ...s, availableOn: v ?? undefined, bad: v === null }))} />
              <Button
                onClick={async () => {
                  const code = service.code.trim().toUpperCase();
                  if (!code) return setListError('Le code du service est obligatoire (CDAP, AFAS…).');
                  if (service.bad) return setListError(DATE_MESSAGE);
                  if (convention.services.some((s) => s.code === code)) return setListError(`Le service ${code} est déjà souscrit.`);
                  if (await runList("Ajout d'un service souscrit", { services: [...convention.services, { code, availableOn: service.availableOn }] })) setService({ code: '' });
                }}
              >
                Ajouter le service
              </Button>
            </Box>
          </Paper>
        </Grid>
      </Grid>
      <ConfirmDialog
        open={!!toRemove}
        title={toRemove?.kind === 'amendment' ? "Supprimer l'avenant ?" : 'Retirer le service ?'}
        confirmLabel="Supprimer"
        onClose={() => setToRemove(null)}
        onConfirm={async () => {
          if (!toRemove) return;
          if (toRemove.kind === 'amendment') await runList("Suppression d'un avenant", { amendments: convention.amendments.filter((_, i) => i !== toRemove.index) });
          else await runList("Retrait d'un service souscrit", { services: convention.services.filter((_, i) => i !== toRemove.index) });
        }}
      >
        La modification est conservée dans l'historique de la convention.
      </ConfirmDialog>
    </Box>
  );
}
