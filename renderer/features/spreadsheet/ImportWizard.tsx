/**
 * « Importer un tableur » : file (format, encoding, separator, sheet, header row) → what a row is and its
 * columns → analysis in the worker (preview, refused rows, matching, summary) → one transaction, with a backup
 * just before and « Annuler cet import » in the report. Long steps show a progress bar and « Annuler ».
 */
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  Step,
  StepLabel,
  Stepper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useServices } from '../../app/services';
import { fieldLabel, formatFieldValue } from '../../../shared/domain/fieldPresentation';
import { tableLabels } from '../../../shared/domain/tables';
import { cellText } from '../../../shared/spreadsheet/cells';
import { fieldCatalogue, layoutKey, proposeMapping, rowKindLabels, rowKinds, type RowKind } from '../../../shared/spreadsheet/fields';
import { guessHeaderRow, headerProblem, importModeLabels, type ImportMode, type ImportPlan } from '../../../shared/spreadsheet/plan';
import { encodingLabels, separatorLabels, type Separator, type TextEncodingName } from '../../../shared/spreadsheet/read';
import { currentCafId } from '../partners/actions';
import { errorMessage, writeBackup } from '../sync/actions';
import { usePassphrase } from '../sync/PassphrasePrompt';
import { applyPlan, rollBackImport, type ImportReport } from './apply';
import { startSpreadsheetWorker, Comlink, type SpreadsheetWorker } from './client';
import type { FileSummary } from './worker';

const STEPS = ['Fichier', 'Colonnes', 'Aperçu', 'Import'];
const FILTERS = [{ name: 'Tableurs (Excel, CSV)', extensions: ['xlsx', 'csv', 'txt', 'ods'] }];
const MAPPING_KEY = (layout: string) => `tableur.colonnes:${layout}`;

interface Busy {
  label: string;
  value: number | null;
}

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function ImportWizard({ open, onClose, initialKind }: { open: boolean; onClose: () => void; initialKind?: RowKind }) {
  const services = useServices();
  const { db, store, platform } = services;
  const { prompt, ensure } = usePassphrase();
  const worker = useRef<SpreadsheetWorker | null>(null);
  const cancelled = useRef(false);
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<{ name: string; data: Uint8Array } | null>(null);
  const [summary, setSummary] = useState<FileSummary | null>(null);
  const [encoding, setEncoding] = useState<TextEncodingName | ''>('');
  const [separator, setSeparator] = useState<Separator | ''>('');
  const [sheet, setSheet] = useState(0);
  const [headerRow, setHeaderRow] = useState(0);
  const [kind, setKind] = useState<RowKind>(initialKind ?? 'partenaire');
  const [mapping, setMapping] = useState<(string | null)[]>([]);
  const [mode, setMode] = useState<ImportMode>('creer-et-mettre-a-jour');
  const [overrideReason, setOverrideReason] = useState('');
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  /** The backup taken just before the import: « Annuler cet import » rolls back to it. */
  const [backupFile, setBackupFile] = useState<string | null>(null);
  const [confirmUndo, setConfirmUndo] = useState(false);
  const [undone, setUndone] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<string | null>(null);

  const w = () => (worker.current ??= startSpreadsheetWorker());
  /** The worker holds the parsed file; a worker stopped by « Annuler » must read it again. */
  const workerHasFile = useRef(false);
  useEffect(() => () => worker.current?.terminate(), []);

  function reset() {
    worker.current?.terminate();
    worker.current = null;
    setStep(0);
    setFile(null);
    setSummary(null);
    setPlan(null);
    setReport(null);
    setConfirmUndo(false);
    setUndone(null);
    setError(null);
    setBusy(null);
    setOverrideReason('');
  }

  function close() {
    if (busy) return;
    reset();
    onClose();
  }

  /** « Annuler » during a long step: the worker is stopped (nothing was written), or the transaction rolls back. */
  function cancel() {
    cancelled.current = true;
    if (busy?.label !== 'Import en cours') {
      worker.current?.terminate();
      worker.current = null;
      workerHasFile.current = false;
      setBusy(null);
      setError('Opération annulée : rien n’a été enregistré.');
    }
  }

  async function read(data: { name: string; data: Uint8Array }, options: { encoding?: TextEncodingName; separator?: Separator } = {}) {
    setError(null);
    setBusy({ label: 'Lecture du fichier', value: null });
    try {
      workerHasFile.current = false;
      const s = await w().api.read(data.data, options);
      workerHasFile.current = true;
      setSummary(s);
      setEncoding(s.encoding ?? '');
      setSeparator(s.separator ?? '');
      setSheet(0);
      setHeaderRow(guessHeaderRow(s.sheets[0]?.head ?? []));
      setPlan(null);
    } catch (e) {
      if (worker.current) {
        setSummary(null);
        setError(errorMessage(e));
      }
    } finally {
      setBusy(null);
    }
  }

  async function choose() {
    const picked = await platform.openFile({ filters: FILTERS });
    if (!picked) return;
    setFile(picked);
    await read(picked);
  }

  const current = summary?.sheets[sheet];
  const headers = useMemo(() => (current?.head[headerRow] ?? []).map((c) => cellText(c).trim()), [current, headerRow]);
  const problem = current ? headerProblem({ name: current.name, rows: current.head, merges: current.merges }, headerRow) : null;

  // A mapping is proposed from the headers, or the one remembered for this layout.
  useEffect(() => {
    if (!headers.length) return;
    let live = true;
    const proposed = proposeMapping(kind, headers);
    setMapping(proposed);
    void db.meta.get(MAPPING_KEY(layoutKey(kind, headers))).then((saved) => {
      if (live && Array.isArray(saved?.value) && saved.value.length === headers.length) setMapping(saved.value as (string | null)[]);
    });
    return () => {
      live = false;
    };
  }, [db, kind, headers]);

  async function analyse() {
    if (!current) return;
    setError(null);
    setPlan(null);
    cancelled.current = false;
    setBusy({ label: 'Analyse des lignes', value: 0 });
    try {
      if (!workerHasFile.current && file) {
        await w().api.read(file.data, { encoding: encoding || undefined, separator: separator || undefined });
        workerHasFile.current = true;
      }
      const result = await w().api.plan(
        { sheet, headerRow, mapping, mode, kind, cafId: await currentCafId(db), today: todayIso(), overrideReason, dbName: db.name },
        Comlink.proxy((done: number, total: number) => setBusy({ label: 'Analyse des lignes', value: total ? done / total : null })),
      );
      setPlan(result);
      setStep(2);
    } catch (e) {
      if (worker.current) setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function runImport() {
    if (!plan || !file) return;
    setError(null);
    const passphrase = await ensure();
    if (!passphrase) {
      setError('Import non lancé : la phrase de passe est nécessaire pour la sauvegarde prise juste avant.');
      return;
    }
    cancelled.current = false;
    try {
      setBusy({ label: 'Sauvegarde avant import', value: null });
      const backup = await writeBackup(services, passphrase);
      setBusy({ label: 'Import en cours', value: 0 });
      const r = await applyPlan(store, plan, file.name, {
        onProgress: (done, total) => setBusy({ label: 'Import en cours', value: total ? done / total : 1 }),
        isCancelled: () => cancelled.current,
      });
      await db.meta.put({ key: MAPPING_KEY(layoutKey(kind, headers)), value: mapping });
      setReport(r);
      setBackupFile(backup.file);
      setStep(3);
    } catch (e) {
      setError(`Import non effectué, la base est inchangée : ${errorMessage(e)}`);
    } finally {
      setBusy(null);
    }
  }

  async function undo() {
    setConfirmUndo(false);
    if (!report || !backupFile) return;
    const passphrase = await ensure();
    if (!passphrase) {
      setError("Import non annulé : la phrase de passe est nécessaire pour relire la sauvegarde prise avant l'import.");
      return;
    }
    setBusy({ label: "Annulation de l'import", value: null });
    try {
      const r = await rollBackImport(services, passphrase, backupFile, (label, fraction) => setBusy({ label, value: fraction ?? null }));
      setUndone(
        `Import annulé : la base est revenue à la sauvegarde prise juste avant (${r.createdSince} enregistrement(s) créé(s) supprimé(s), ${r.changedSince} remis comme avant). Une sauvegarde de l'état d'avant l'annulation a été prise.`,
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  const defs = fieldCatalogue[kind];
  const mapped = mapping.filter(Boolean).length;
  const sample = current?.head[headerRow + 1] ?? [];

  return (
    <Dialog open={open} onClose={close} maxWidth="lg" fullWidth aria-labelledby="import-wizard-title">
      {prompt}
      <DialogTitle id="import-wizard-title">Importer un tableur</DialogTitle>
      <DialogContent dividers>
        <Stepper activeStep={step} sx={{ mb: 3 }}>
          {STEPS.map((s) => (
            <Step key={s}>
              <StepLabel>{s}</StepLabel>
            </Step>
          ))}
        </Stepper>
        {error && (
          <Alert severity="error" sx={{ mb: 2 }} data-testid="import-error" role="alert">
            {error}
          </Alert>
        )}
        {busy && (
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }} data-testid="import-progress">
            <Box sx={{ flex: 1 }}>
              <Typography variant="body2">{busy.label}…</Typography>
              <LinearProgress variant={busy.value === null ? 'indeterminate' : 'determinate'} value={(busy.value ?? 0) * 100} aria-label={busy.label} />
            </Box>
            <Button onClick={cancel}>Annuler</Button>
          </Stack>
        )}

        {step === 0 && (
          <Stack spacing={2}>
            <Typography variant="body2" color="text.secondary">
              Classeur Excel (.xlsx) ou fichier CSV (.csv, .txt) en UTF-8 ou Windows-1252, séparateur point-virgule, virgule ou
              tabulation. Les formules ne sont jamais calculées : la valeur enregistrée par le tableur est lue.
            </Typography>
            <Box>
              <Button variant="contained" onClick={() => void choose()} disabled={!!busy}>
                Choisir un fichier…
              </Button>
              {file && (
                <Typography component="span" sx={{ ml: 2 }} data-testid="import-file-name">
                  {file.name}
                </Typography>
              )}
            </Box>
            {summary && file && (
              <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
                {summary.format === 'csv' ? (
                  <>
                    <TextField select size="small" label="Encodage" value={encoding} sx={{ minWidth: 280 }} onChange={(e) => void read(file, { encoding: e.target.value as TextEncodingName, separator: separator || undefined })}>
                      {Object.entries(encodingLabels).map(([k, l]) => (
                        <MenuItem key={k} value={k}>
                          {l}
                        </MenuItem>
                      ))}
                    </TextField>
                    <TextField select size="small" label="Séparateur" value={separator} sx={{ minWidth: 200 }} onChange={(e) => void read(file, { encoding: encoding || undefined, separator: e.target.value as Separator })}>
                      {Object.entries(separatorLabels).map(([k, l]) => (
                        <MenuItem key={k} value={k}>
                          {l}
                        </MenuItem>
                      ))}
                    </TextField>
                  </>
                ) : (
                  <TextField select size="small" label="Feuille" value={sheet} sx={{ minWidth: 220 }} onChange={(e) => { const i = Number(e.target.value); setSheet(i); setHeaderRow(guessHeaderRow(summary.sheets[i]?.head ?? [])); }}>
                    {summary.sheets.map((s, i) => (
                      <MenuItem key={s.name} value={i}>
                        {s.name} ({s.rowCount} ligne{s.rowCount > 1 ? 's' : ''})
                      </MenuItem>
                    ))}
                  </TextField>
                )}
                <TextField
                  size="small"
                  type="number"
                  label="Ligne d'en-tête"
                  value={headerRow + 1}
                  slotProps={{ htmlInput: { min: 1, max: Math.max(1, current?.head.length ?? 1) } }}
                  onChange={(e) => setHeaderRow(Math.max(0, Math.min((current?.head.length ?? 1) - 1, Number(e.target.value) - 1)))}
                  sx={{ width: 150 }}
                />
              </Stack>
            )}
            {summary && current && (
              <>
                {problem ? (
                  <Alert severity="error" data-testid="header-problem">
                    {problem}
                  </Alert>
                ) : (
                  <Typography variant="body2" data-testid="file-summary">
                    {summary.format === 'csv' ? `CSV, ${encodingLabels[summary.encoding ?? 'utf-8']}, séparateur ${separatorLabels[summary.separator ?? ';'].toLowerCase()}` : `Classeur Excel, feuille « ${current.name} »`} :{' '}
                    {current.rowCount - headerRow - 1} ligne(s) sous l'en-tête, {headers.filter(Boolean).length} colonne(s).
                    {current.formulas ? ` ${current.formulas} cellule(s) contiennent une formule : leur valeur enregistrée est lue.` : ''}
                  </Typography>
                )}
                <TableContainer sx={{ maxHeight: 220 }}>
                  <Table size="small" aria-label="Début du fichier">
                    <TableBody>
                      {current.head.slice(0, 8).map((row, i) => (
                        <TableRow key={i} selected={i === headerRow}>
                          <TableCell sx={{ color: 'text.secondary' }}>{i + 1}</TableCell>
                          {row.slice(0, 10).map((c, j) => (
                            <TableCell key={j} sx={{ whiteSpace: 'nowrap', maxWidth: 180, overflow: 'hidden', textOverflow: 'ellipsis', fontWeight: i === headerRow ? 600 : undefined }}>
                              {cellText(c)}
                            </TableCell>
                          ))}
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </TableContainer>
              </>
            )}
          </Stack>
        )}

        {step === 1 && current && (
          <Stack spacing={2}>
            <Box>
              <Typography variant="subtitle1" id="row-kind-label">
                Une ligne du fichier est…
              </Typography>
              <RadioGroup row aria-labelledby="row-kind-label" value={kind} onChange={(e) => setKind(e.target.value as RowKind)}>
                {rowKinds.map((k) => (
                  <FormControlLabel key={k} value={k} control={<Radio />} label={rowKindLabels[k]} />
                ))}
              </RadioGroup>
            </Box>
            {mapped === 0 && <Alert severity="warning">Aucune colonne reconnue : associez chaque colonne utile à un champ ci-dessous.</Alert>}
            <TableContainer sx={{ maxHeight: 360 }}>
              <Table size="small" stickyHeader aria-label="Colonnes du fichier">
                <TableHead>
                  <TableRow>
                    <TableCell>Colonne du fichier</TableCell>
                    <TableCell>Exemple (ligne {headerRow + 2})</TableCell>
                    <TableCell>Champ</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {headers.map((h, i) => (
                    <TableRow key={i}>
                      <TableCell>{h || `(colonne ${i + 1} sans titre)`}</TableCell>
                      <TableCell sx={{ maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{cellText(sample[i] ?? null)}</TableCell>
                      <TableCell>
                        <TextField
                          select
                          size="small"
                          value={mapping[i] ?? ''}
                          sx={{ minWidth: 260 }}
                          slotProps={{ htmlInput: { 'aria-label': `Champ pour la colonne « ${h || i + 1} »` } }}
                          onChange={(e) => setMapping((m) => m.map((x, j) => (j === i ? e.target.value || null : x === e.target.value ? null : x)))}
                        >
                          <MenuItem value="">
                            <em>— ignorée —</em>
                          </MenuItem>
                          {defs.map((d) => (
                            <MenuItem key={d.key} value={d.key}>
                              {d.header}
                              {d.required ? ' *' : ''}
                            </MenuItem>
                          ))}
                        </TextField>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
            <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
              <TextField select size="small" label="Rapprochement" value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} sx={{ minWidth: 260 }}>
                {Object.entries(importModeLabels).map(([k, l]) => (
                  <MenuItem key={k} value={k}>
                    {l}
                  </MenuItem>
                ))}
              </TextField>
              {kind === 'habilitation' && (
                <TextField
                  size="small"
                  label="Motif du dépassement de quota (pour tout l'import)"
                  helperText="Laisser vide : les habilitations au-delà du quota sont refusées."
                  value={overrideReason}
                  onChange={(e) => setOverrideReason(e.target.value)}
                  sx={{ minWidth: 420 }}
                />
              )}
            </Stack>
          </Stack>
        )}

        {step === 2 && plan && <PlanView plan={plan} />}

        {step === 3 && report && (
          <Stack spacing={2} data-testid="import-report">
            <Alert severity={undone ? 'info' : 'success'}>
              {undone ??
                `Import du tableur « ${report.fileName} » terminé : ${Object.entries(report.created)
                  .map(([t, n]) => `${n} ${tableLabels[t as keyof typeof tableLabels].toLowerCase()} créé(s)`)
                  .concat(Object.entries(report.updated).map(([t, n]) => `${n} ${tableLabels[t as keyof typeof tableLabels].toLowerCase()} mis à jour`))
                  .join(', ') || 'rien à enregistrer'}. Une sauvegarde a été prise juste avant ; l'historique de chaque fiche porte « import du tableur ${report.fileName} ».`}
            </Alert>
            {plan && plan.refused.length > 0 && <Typography>{plan.refused.length} ligne(s) refusée(s) n'ont pas été importées (voir l'aperçu).</Typography>}
            {confirmUndo && !undone && (
              <Alert
                severity="warning"
                role="alertdialog"
                aria-label="Confirmer l'annulation de l'import"
                action={
                  <Stack direction="row" spacing={1}>
                    <Button color="inherit" size="small" onClick={() => void undo()}>
                      Revenir à la sauvegarde
                    </Button>
                    <Button color="inherit" size="small" onClick={() => setConfirmUndo(false)}>
                      Garder l'import
                    </Button>
                  </Stack>
                }
              >
                La base reviendra à la sauvegarde prise juste avant l'import : toute modification faite depuis (ici ou reçue par synchronisation) sera aussi défaite.
              </Alert>
            )}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        {step === 3 && report && !undone && (
          <Button color="warning" onClick={() => setConfirmUndo(true)} disabled={!!busy || !backupFile}>
            Annuler cet import
          </Button>
        )}
        <Box sx={{ flex: 1 }} />
        {step > 0 && step < 3 && (
          <Button onClick={() => setStep(step - 1)} disabled={!!busy}>
            Précédent
          </Button>
        )}
        {step === 0 && (
          <Button variant="contained" onClick={() => setStep(1)} disabled={!!busy || !current || !!problem}>
            Suivant
          </Button>
        )}
        {step === 1 && (
          <Button variant="contained" onClick={() => void analyse()} disabled={!!busy || mapped === 0}>
            Analyser
          </Button>
        )}
        {step === 2 && plan && (
          <Button variant="contained" onClick={() => void runImport()} disabled={!!busy || plan.creates.length + plan.updates.length === 0}>
            Importer
          </Button>
        )}
        <Button onClick={close} disabled={!!busy}>
          {step === 3 ? 'Fermer' : 'Fermer sans importer'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function PlanView({ plan }: { plan: ImportPlan }) {
  const columns = Object.keys(plan.preview[0]?.values ?? {});
  return (
    <Stack spacing={2}>
      <Alert severity={plan.refused.length ? 'warning' : 'info'} data-testid="plan-summary">
        {plan.rows} ligne(s) lue(s) : {plan.createdRows} à créer, {plan.updatedRows} à mettre à jour, {plan.unchanged} inchangée(s),{' '}
        {new Set(plan.refused.map((r) => r.line)).size} refusée(s){plan.skipped.length ? `, ${plan.skipped.length} ignorée(s) (mode « ${importModeLabels[plan.mode]} »)` : ''}
        {plan.overQuota.length ? `. ${plan.overQuota.length} habilitation(s) au-delà du quota seront enregistrées avec le motif donné` : ''}.
      </Alert>
      {plan.refused.length > 0 && (
        <Box>
          <Typography variant="subtitle1">Lignes refusées</Typography>
          <TableContainer sx={{ maxHeight: 220 }}>
            <Table size="small" stickyHeader aria-label="Lignes refusées">
              <TableHead>
                <TableRow>
                  <TableCell>Ligne</TableCell>
                  <TableCell>Colonne</TableCell>
                  <TableCell>Motif</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {plan.refused.slice(0, 300).map((r, i) => (
                  <TableRow key={i}>
                    <TableCell>{r.line}</TableCell>
                    <TableCell>{r.column || '—'}</TableCell>
                    <TableCell>{r.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {plan.refused.length > 300 && <Typography variant="body2">… et {plan.refused.length - 300} autre(s).</Typography>}
        </Box>
      )}
      {plan.updates.length > 0 && (
        <Box>
          <Typography variant="subtitle1">Mises à jour (champs qui changent)</Typography>
          <Box component="ul" sx={{ maxHeight: 160, overflow: 'auto', m: 0 }} aria-label="Mises à jour">
            {plan.updates.slice(0, 100).map((u, i) => (
              <li key={i}>
                <Typography variant="body2">
                  Ligne {u.line} — {tableLabels[u.table]} :{' '}
                  {(u.changes ?? []).map((c) => `${fieldLabel(c.field)} « ${formatFieldValue(c.field, c.old)} » → « ${formatFieldValue(c.field, c.new)} »`).join(' ; ')}
                </Typography>
              </li>
            ))}
          </Box>
        </Box>
      )}
      {plan.preview.length > 0 && (
        <Box>
          <Typography variant="subtitle1">Premières lignes, telles qu'elles seront enregistrées</Typography>
          <TableContainer sx={{ maxHeight: 260 }}>
            <Table size="small" stickyHeader aria-label="Aperçu de l'import">
              <TableHead>
                <TableRow>
                  <TableCell>Ligne</TableCell>
                  <TableCell>Action</TableCell>
                  {columns.map((c) => (
                    <TableCell key={c}>{c}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {plan.preview.map((p) => (
                  <TableRow key={p.line}>
                    <TableCell>{p.line}</TableCell>
                    <TableCell>{p.action}</TableCell>
                    {columns.map((c) => (
                      <TableCell key={c} sx={{ whiteSpace: 'nowrap' }}>
                        {p.values[c]}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </Box>
      )}
    </Stack>
  );
}
