/**
 * « Lire une convention… »: drop or choose the signed document; it is read in a worker (progress, « Annuler »);
 * every value read is shown editable beside the excerpt it came from (highlighted; a click on a value scrolls
 * the source there), with its confidence, what the base already holds, and create / update / ignore. Nothing
 * is written until « Enregistrer »: then one transaction, whose history lines say « lu dans <document> ».
 */
import { Alert, Box, Button, Chip, LinearProgress, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useServices } from '../../app/services';
import { FormDialog } from '../../components/FormDialog';
import { ValidationError } from '../../db/store';
import { buildPlan, type BaseSnapshot, type Decision, type PlanField, type ReadPlan } from '../../../shared/extraction/plan';
import type { ReadResult } from '../../../shared/extraction/types';
import { INPUT_LIMITS, type ReadProgress } from '../../../shared/extraction/input';
import { officeCafId } from '../cafs/actions';
import { applyPlan, snapshotBase } from './actions';
import { prepareDocument, type PreparedDocument } from '../attachments/actions';
import { formatBytes } from '../../../shared/domain/attachment';
import { startReadingWorker, Comlink, type ReadingWorker } from './client';

const ACCEPT = '.pdf,.docx,.txt,.md,.png,.jpg,.jpeg,.tif,.tiff';
const DECISION_LABEL: Record<Decision, string> = { create: 'Créer', update: 'Mettre à jour', ignore: 'Ignorer' };

function progressText(p: ReadProgress): string {
  if (p.phase === 'texte') return `Lecture du texte : page ${p.done} sur ${p.total}`;
  const left = p.secondsLeft ? ` — environ ${p.secondsLeft < 90 ? `${p.secondsLeft} s` : `${Math.round(p.secondsLeft / 60)} min`} restantes` : '';
  return `Reconnaissance du texte (OCR) : page ${Math.min(p.done + 1, p.total)} sur ${p.total}${left}`;
}

export function ReadConventionDialog({ open, onClose, partnerId, onSaved }: { open: boolean; onClose: () => void; partnerId?: string; onSaved?: (partnerId: string | null) => void }) {
  const { db, store, settings } = useServices();
  const [progress, setProgress] = useState<ReadProgress | null>(null);
  const [reading, setReading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ReadResult | null>(null);
  const [plan, setPlan] = useState<ReadPlan | null>(null);
  const [base, setBase] = useState<BaseSnapshot | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  /** The file read, kept with the convention on « Enregistrer » (its bytes went to the worker: a copy). */
  const [keptDoc, setKeptDoc] = useState<PreparedDocument | null>(null);
  const worker = useRef<ReadingWorker | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => () => worker.current?.terminate(), []);

  const reset = () => {
    worker.current?.terminate();
    worker.current = null;
    setProgress(null);
    setReading(null);
    setError(null);
    setResult(null);
    setPlan(null);
    setSelected(null);
    setKeptDoc(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const read = async (file: File) => {
    reset();
    setReading(file.name);
    const w = startReadingWorker();
    worker.current = w;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // Refused here if too large to keep (the same 25 Mo as the reader's limit); hashed before any write.
      const kept = bytes.byteLength <= INPUT_LIMITS.maxBytes && bytes.byteLength > 0 ? await prepareDocument(file.name, bytes.slice(), file.type) : null;
      const outcome = await w.api.read(Comlink.transfer(bytes, [bytes.buffer]), file.name, Comlink.proxy((p: ReadProgress) => setProgress(p)));
      if (worker.current !== w) return; // cancelled meanwhile
      if (!outcome.ok) {
        setError(outcome.message);
        return;
      }
      const defaultCafId = await officeCafId(db, settings);
      const snap = await snapshotBase(db, defaultCafId, partnerId);
      setBase(snap);
      setKeptDoc(kept);
      setResult(outcome.result);
      setPlan(buildPlan(outcome.result, snap));
    } finally {
      if (worker.current === w) {
        w.terminate();
        worker.current = null;
      }
      setReading(null);
      setProgress(null);
    }
  };

  const cancel = () => {
    worker.current?.terminate();
    worker.current = null;
    setReading(null);
    setProgress(null);
    setError('Lecture annulée : rien n’a été enregistré.');
  };

  const setField = (key: string, patch: Partial<PlanField>) => setPlan((p) => (p ? { ...p, fields: p.fields.map((f) => (f.key === key ? { ...f, ...patch } : f)) } : p));

  const save = async () => {
    if (!plan || !base) return;
    try {
      const id = await applyPlan(store, plan, base, keptDoc ?? undefined);
      onSaved?.(id);
      close();
    } catch (e) {
      if (e instanceof ValidationError || e instanceof Error) setError(`Rien n’a été enregistré : ${e.message}`);
      else throw e;
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const f = e.dataTransfer.files[0];
    if (f) void read(f);
  };

  const toApply = plan?.fields.filter((f) => f.decision !== 'ignore').length ?? 0;
  return (
    <FormDialog
      open={open}
      title="Lire une convention…"
      titleId="lire-convention-titre"
      dirty={!!plan}
      onClose={close}
      onSubmit={save}
      error={plan ? error : null}
      submitLabel={plan ? `Enregistrer (${toApply} valeur${toApply > 1 ? 's' : ''})` : 'Enregistrer'}
      submitDisabled={!plan || toApply === 0}
      maxWidth="xl"
    >
      {!plan && (
        <Stack spacing={2}>
          <Paper
            variant="outlined"
            onDragOver={(e) => e.preventDefault()}
            onDrop={onDrop}
            sx={{ p: 4, textAlign: 'center', borderStyle: 'dashed' }}
            aria-label="Déposer le document ici"
          >
            <UploadFileIcon fontSize="large" color="action" />
            <Typography sx={{ my: 1 }}>Déposez ici la convention signée (avec son contrat de service, ses annexes et bulletins), ou choisissez le fichier.</Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              PDF (texte ou numérisé), Word .docx, image, texte — 25 Mo au plus. Rien n’est enregistré avant votre confirmation.
            </Typography>
            <input ref={input} type="file" accept={ACCEPT} hidden aria-label="Fichier de la convention" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void read(f); }} />
            <Button variant="contained" onClick={() => input.current?.click()} disabled={!!reading}>
              Choisir un fichier…
            </Button>
          </Paper>
          {reading && (
            <Box role="status" aria-live="polite">
              <Typography variant="body2" sx={{ mb: 1 }}>
                {reading} — {progress ? progressText(progress) : 'ouverture du document…'}
              </Typography>
              <LinearProgress variant={progress ? 'determinate' : 'indeterminate'} value={progress ? (100 * progress.done) / Math.max(1, progress.total) : 0} />
              <Button sx={{ mt: 1 }} onClick={cancel}>
                Annuler la lecture
              </Button>
            </Box>
          )}
          {error && (
            <Alert severity={error.startsWith('Lecture annulée') ? 'info' : 'error'} role="alert">
              {error}
            </Alert>
          )}
        </Stack>
      )}
      {plan && result && (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="document-garde">
            {keptDoc
              ? `« ${keptDoc.fileName} » (${formatBytes(keptDoc.bytes.byteLength)}, SHA-256 ${keptDoc.sha256.slice(0, 12)}…) sera gardé avec la convention, dans l’onglet Convention.`
              : 'Le document ne sera pas gardé avec la convention (vide ou trop volumineux).'}
          </Typography>
          <Review plan={plan} text={result.text} selected={selected} onSelect={setSelected} onChange={setField} />
        </>
      )}
    </FormDialog>
  );
}

function confidenceChip(c: number) {
  return <Chip size="small" variant="outlined" color={c >= 0.8 ? 'success' : 'warning'} label={`${c >= 0.8 ? 'sûr' : 'à vérifier'} ${Math.round(c * 100)} %`} />;
}

function Review({ plan, text, selected, onSelect, onChange }: { plan: ReadPlan; text: string; selected: string | null; onSelect: (k: string) => void; onChange: (k: string, p: Partial<PlanField>) => void }) {
  const sel = plan.fields.find((f) => f.key === selected);
  const mark = useRef<HTMLElement>(null);
  // Braces: recent Chromium returns a promise from scrollIntoView, which React would take for a clean-up.
  useEffect(() => {
    void mark.current?.scrollIntoView({ block: 'center' });
  }, [selected]);
  const parts = useMemo(() => {
    if (!sel?.evidence) return null;
    const { start, end } = sel.evidence;
    return [text.slice(0, start), text.slice(start, end), text.slice(end)] as const;
  }, [sel, text]);
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 2, height: 'calc(100vh - 230px)', minHeight: 320 }}>
      <Box sx={{ overflow: 'auto', pr: 1 }} aria-label="Valeurs lues">
        {plan.records.map((r) => {
          const fs = plan.fields.filter((f) => f.record === r.key);
          if (!fs.length) return null;
          return (
            <Box key={r.key} component="section" aria-labelledby={`rec-${r.key}`} sx={{ mb: 2 }}>
              <Typography id={`rec-${r.key}`} variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
                {r.title}{' '}
                <Typography component="span" variant="body2" color="text.secondary">
                  — {r.existingId ? `déjà dans la base (${r.match})` : r.match}
                </Typography>
              </Typography>
              {fs.map((f) => (
                <Box
                  key={f.key}
                  role="group"
                  aria-label={f.label}
                  onClick={() => onSelect(f.key)}
                  onFocus={() => onSelect(f.key)}
                  sx={{ display: 'grid', gridTemplateColumns: '180px minmax(0,1fr) 130px 150px', gap: 1, alignItems: 'center', py: 0.5, px: 0.5, borderRadius: 1, bgcolor: selected === f.key ? 'action.selected' : undefined }}
                >
                  <Typography variant="body2" component="label" htmlFor={`v-${f.key}`}>
                    {f.label}
                  </Typography>
                  <Box>
                    <TextField
                      id={`v-${f.key}`}
                      size="small"
                      fullWidth
                      select={!!f.options}
                      value={f.value.trim() ? f.value : ''}
                      onChange={(e) => onChange(f.key, { value: e.target.value })}
                      disabled={f.key.endsWith('.roles') || f.key.endsWith('Side')}
                    >
                      {f.options?.map((o) => (
                        <MenuItem key={o.value} value={o.value}>
                          {o.label}
                        </MenuItem>
                      ))}
                    </TextField>
                    {f.current !== undefined && f.current !== f.value && (
                      <Typography variant="caption" color="text.secondary">
                        Dans la base : {f.current || '(vide)'}
                      </Typography>
                    )}
                  </Box>
                  {confidenceChip(f.confidence)}
                  <TextField select size="small" label="Action" data-testid={`action-${f.key}`} value={f.decision} onChange={(e) => onChange(f.key, { decision: e.target.value as Decision })}>
                    {(r.existingId ? (['update', 'ignore'] as const) : (['create', 'ignore'] as const)).map((d) => (
                      <MenuItem key={d} value={d}>
                        {DECISION_LABEL[d]}
                      </MenuItem>
                    ))}
                  </TextField>
                </Box>
              ))}
            </Box>
          );
        })}
      </Box>
      <Paper variant="outlined" sx={{ overflow: 'auto', p: 1.5 }} aria-label="Texte du document">
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          {sel ? (sel.evidence ? `Extrait d’où vient « ${sel.label} »` : `« ${sel.label} » : pas d’extrait`) : 'Cliquez une valeur pour voir d’où elle vient.'}
        </Typography>
        <Box component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', fontSize: 13, m: 0 }}>
          {parts ? (
            <>
              {parts[0]}
              <mark ref={mark} data-testid="extrait">
                {parts[1]}
              </mark>
              {parts[2]}
            </>
          ) : (
            text
          )}
        </Box>
      </Paper>
    </Box>
  );
}
