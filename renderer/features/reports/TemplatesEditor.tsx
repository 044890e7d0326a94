/**
 * « Modèles de courrier »: the office edits the texts of its letters and e-mails (placeholders in braces), with
 * a live preview on a real partner's data; a placeholder the kind does not know is named, in French, under its
 * field, and the template cannot be saved until it is fixed (nothing stored).
 */
import { useMemo, useState } from 'react';
import { saveFailureText } from '../../components/saveError';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, Autocomplete, Box, Button, Chip, List, ListItemButton, ListItemText, ListSubheader, MenuItem, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { templateKindLabels, templateKinds, type LetterTemplate, type TemplateKind } from '../../../shared/domain/template';
import { placeholdersByKind, TemplateError, type TemplateProblem } from '../../../shared/templates';
import { renderMessage } from '../../../shared/campaign/letter';
import { addDays } from 'date-fns';
import { isoOf, todayIso } from '../../../shared/rules/dates';
import { useServices } from '../../app/services';
import { LetterPreview } from '../campaign/LetterPreview';
import { letterContexts } from '../campaign/data';
import { useReportData } from './data';
import { readTemplates, saveTemplate, templateProblems, templateProblemText } from './templateActions';
// Pickers find « saint paul » for Saint-Paul: the lists' one text rule.
import { filterByName } from '../../../shared/search/match';

type Draft = Omit<LetterTemplate, 'id'> & { id?: string };

const problemText = (ps: TemplateProblem[]) => ps.map((p) => p.message).join(' ');

export function TemplatesEditor() {
  const { db, store, settings } = useServices();
  const templates = useLiveQuery(() => readTemplates(db), [db]);
  const data = useReportData();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const today = todayIso();

  const current = templates?.find((t) => t.id === selectedId) ?? templates?.[0];
  const editing: Draft | undefined = draft ?? current;
  const problems = editing ? templateProblems(editing) : null;
  const dirty = !!draft && (!current || draft.id !== current.id || (['name', 'subject', 'letter', 'email', 'kind'] as const).some((k) => draft[k] !== current[k]));

  const partners = useMemo(() => (data ? data.partners.filter((p) => p.status === 'actif').sort((a, b) => a.name.localeCompare(b.name, 'fr')) : []), [data]);
  const contexts = useMemo(() => (data ? letterContexts(data, partners, settings, today) : new Map()), [data, partners, settings, today]);
  const previewPartner = partners.find((p) => p.id === partnerId) ?? partners.find((p) => contexts.get(p.id)?.administrator) ?? partners[0];

  const preview = useMemo(() => {
    if (!editing || !previewPartner || !problems || templateProblemText(problems)) return null;
    const ctx = contexts.get(previewPartner.id);
    if (!ctx) return null;
    try {
      return renderMessage(ctx, { ...editing, id: editing.id ?? 'brouillon' }, today, {
        year: Number(today.slice(0, 4)),
        answerBy: isoOf(addDays(new Date(), 45)),
        agent: settings.userName,
        followUp: { subject: 'Demande de désignation d’un administrateur suppléant', sentAt: new Date().toISOString(), channel: 'mel' },
      });
    } catch (e) {
      if (e instanceof TemplateError) return null;
      throw e;
    }
  }, [editing, previewPartner, problems, contexts, today, settings.userName]);

  if (!templates || !editing || !problems) return <Box aria-busy="true" />;

  const set = (patch: Partial<Draft>) => {
    setMessage(null);
    setDraft({ ...editing, ...patch });
  };
  const select = (id: string) => {
    if (dirty && !window.confirm('Abandonner les modifications du modèle en cours ?')) return;
    setDraft(null);
    setSelectedId(id);
    setMessage(null);
  };
  const save = async () => {
    try {
      const id = await saveTemplate(store, editing);
      setSelectedId(id);
      setDraft(null);
      setMessage({ severity: 'success', text: 'Modèle enregistré.' });
    } catch (e) {
      setMessage({ severity: 'error', text: saveFailureText(e) });
    }
  };
  const fieldProps = (k: 'subject' | 'letter' | 'email') => ({
    error: problems[k].length > 0,
    helperText: problems[k].length ? problemText(problems[k]) : ' ',
    slotProps: { formHelperText: { 'data-testid': `erreur-${k}` } as object },
  });

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '260px minmax(0, 1fr)', gap: 2, alignItems: 'start' }}>
      <Paper variant="outlined">
        <List dense aria-label="Modèles de courrier">
          {templateKinds.map((k) => [
            <ListSubheader key={k}>{templateKindLabels[k]}</ListSubheader>,
            ...templates
              .filter((t) => t.kind === k)
              .map((t) => (
                <ListItemButton key={t.id} selected={t.id === editing.id} onClick={() => select(t.id)}>
                  <ListItemText primary={t.name} />
                </ListItemButton>
              )),
          ])}
        </List>
        <Box sx={{ p: 1 }}>
          <Button
            fullWidth
            variant="outlined"
            onClick={() => {
              if (dirty && !window.confirm('Abandonner les modifications du modèle en cours ?')) return;
              setDraft({ kind: editing.kind, name: 'Nouveau modèle', subject: editing.subject, letter: editing.letter, email: editing.email });
            }}
          >
            Nouveau modèle (copie)
          </Button>
        </Box>
      </Paper>
      <Box sx={{ minWidth: 0 }}>
        <Stack spacing={1.5}>
          <Stack direction="row" spacing={2}>
            <TextField label="Nom du modèle" size="small" value={editing.name} onChange={(e) => set({ name: e.target.value })} sx={{ flex: 1 }} required />
            <TextField select label="Usage" size="small" value={editing.kind} onChange={(e) => set({ kind: e.target.value as TemplateKind })} sx={{ width: 320 }} disabled={!!editing.id}>
              {templateKinds.map((k) => (
                <MenuItem key={k} value={k}>
                  {templateKindLabels[k]}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          <TextField label="Objet (lettre et mél)" size="small" value={editing.subject} onChange={(e) => set({ subject: e.target.value })} {...fieldProps('subject')} />
          <TextField label="Texte de la lettre" multiline minRows={8} maxRows={16} value={editing.letter} onChange={(e) => set({ letter: e.target.value })} {...fieldProps('letter')} />
          <TextField label="Texte du mél" multiline minRows={5} maxRows={12} value={editing.email} onChange={(e) => set({ email: e.target.value })} {...fieldProps('email')} />
          <Box>
            <Typography variant="body2" sx={{ mb: 0.5 }}>
              Champs possibles (entre accolades ; « {'{{'} » pour une accolade seule) :
            </Typography>
            <Stack direction="row" useFlexGap spacing={0.5} sx={{ flexWrap: 'wrap' }}>
              {placeholdersByKind[editing.kind].map((p) => (
                <Tooltip key={p.name} title={p.label}>
                  <Chip size="small" variant="outlined" label={`{${p.name}}`} />
                </Tooltip>
              ))}
            </Stack>
          </Box>
          {message && (
            <Alert severity={message.severity} onClose={() => setMessage(null)} sx={{ whiteSpace: 'pre-line' }}>
              {message.text}
            </Alert>
          )}
          <Stack direction="row" spacing={1}>
            <Button variant="contained" onClick={() => void save()} disabled={!dirty}>
              Enregistrer le modèle
            </Button>
            <Button onClick={() => setDraft(null)} disabled={!dirty}>
              Annuler les modifications
            </Button>
          </Stack>
        </Stack>
        <Typography variant="h6" component="h2" sx={{ mt: 3, mb: 1, fontSize: 17 }}>
          Aperçu sur les données d'un partenaire
        </Typography>
        <Autocomplete
          sx={{ maxWidth: 480, mb: 2 }}
          size="small"
          options={partners}
          value={previewPartner ?? null}
          getOptionLabel={(p) => p.name}
          filterOptions={filterByName}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          onChange={(_, p) => setPartnerId(p?.id ?? null)}
          renderInput={(params) => <TextField {...params} label="Partenaire de l'aperçu" />}
          noOptionsText="Aucun partenaire ne correspond"
        />
        {!previewPartner ? (
          <Alert severity="info">Aucun partenaire : l'aperçu utilise les fiches des partenaires.</Alert>
        ) : !preview ? (
          <Alert severity="warning">Corrigez les champs signalés pour voir l'aperçu.</Alert>
        ) : (
          <Box>
            <Paper variant="outlined" sx={{ p: 2, mb: 2 }} aria-label="Aperçu du mél" role="region">
              <Typography variant="body2">
                <strong>Objet :</strong> {preview.subject}
              </Typography>
              <Typography variant="body2" component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', mt: 1, mb: 0 }}>
                {preview.emailText}
              </Typography>
            </Paper>
            <Box role="region" aria-label="Aperçu de la lettre" sx={{ bgcolor: 'grey.300', p: 2, overflow: 'auto', maxHeight: '80vh', borderRadius: 1 }}>
              <LetterPreview letter={preview.letter} />
            </Box>
          </Box>
        )}
      </Box>
    </Box>
  );
}
