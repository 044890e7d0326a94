/**
 * Synchronisation: the shared folder (« Synchroniser »), export of a full or delta bundle, import with
 * preview, review of conflicts, and backups.
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  Stack,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import { format, parseISO } from 'date-fns';
import { fr } from 'date-fns/locale';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { useServices } from '../../app/services';
import { href, navigate, useRoute } from '../../app/router';
import { BUNDLE_EXTENSION } from '../../../shared/ipc/contract';
import type { FolderEntry } from '../../../shared/ipc/contract';
import { exportBundle } from '../../sync/engine';
import { errorMessage, identityOf, listBackups, syncSharedFolder, writeBackup, type SyncReport } from './actions';
import { ConflictsPanel } from './ConflictsPanel';
import { ImportDialog, type ImportSource } from './ImportDialog';
import { RestoreDialog } from './RestoreDialog';
import { usePassphrase } from './PassphrasePrompt';
import { onPendingFile, takePendingFile } from './pendingFile';
import { SpreadsheetCard } from '../spreadsheet/SpreadsheetCard';

/** Select value for a full export (peer ids are 16 hex chars, never this). */
const FULL = 'complet';
const FILTERS = [{ name: 'Fichier de synchronisation', extensions: [BUNDLE_EXTENSION] }];
const fmt = (iso: string) => {
  const d = parseISO(iso);
  return Number.isNaN(d.getTime()) ? iso : format(d, "dd/MM/yyyy 'à' HH:mm", { locale: fr });
};

function ExchangesPanel({ onImport }: { onImport: (s: ImportSource) => void }) {
  const services = useServices();
  const { db, store, platform, settings } = services;
  const { prompt, ensure } = usePassphrase();
  const peers = useLiveQuery(() => db.peers.toArray(), [db]);
  const [peer, setPeer] = useState(FULL);
  const [progress, setProgress] = useState<{ label: string; value: number } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [syncing, setSyncing] = useState<string | null>(null);
  const [report, setReport] = useState<SyncReport | null>(null);

  async function doExport() {
    const passphrase = await ensure({ confirm: true });
    if (!passphrase) return;
    setMessage(null);
    try {
      const out = await exportBundle(db, store, {
        purpose: 'export',
        passphrase,
        identity: identityOf(settings, store),
        peerId: peer === FULL ? null : peer,
        onProgress: (label, value) => setProgress({ label, value }),
      });
      const saved = await platform.saveFile({ suggestedName: out.fileName, filters: FILTERS, data: out.bytes });
      setMessage(
        saved.saved
          ? { ok: true, text: `${out.header.kind === 'full' ? 'Export complet' : 'Export des modifications'} : ${out.recordCount} enregistrement(s) dans « ${saved.path ?? out.fileName} ».` }
          : { ok: false, text: 'Export annulé : aucun fichier enregistré.' },
      );
    } catch (e) {
      setMessage({ ok: false, text: `L'export a échoué : ${errorMessage(e)}` });
    } finally {
      setProgress(null);
    }
  }

  async function doImport() {
    const file = await platform.openFile({ filters: FILTERS });
    if (file) onImport(file);
  }

  async function doSync() {
    const passphrase = await ensure({ confirm: true });
    if (!passphrase) return;
    setReport(null);
    setMessage(null);
    setSyncing('Lecture du dossier partagé');
    try {
      setReport(await syncSharedFolder(services, passphrase, setSyncing));
    } catch (e) {
      setMessage({ ok: false, text: `La synchronisation a échoué : ${errorMessage(e)}` });
    } finally {
      setSyncing(null);
    }
  }

  const conflictsFound = report?.imported.reduce((n, l) => n + (l.result?.newConflictCount ?? 0), 0) ?? 0;
  return (
    <Stack spacing={2}>
      {prompt}
      {message && (
        <Alert severity={message.ok ? 'success' : 'error'} onClose={() => setMessage(null)} data-testid="sync-message">
          {message.text}
        </Alert>
      )}
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" gutterBottom>
            Dossier partagé
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            « Synchroniser » importe les fichiers déposés par les autres postes dans le dossier partagé
            {settings.syncFolder ? ` (${settings.syncFolder})` : ''}, puis y dépose les modifications de ce poste.
          </Typography>
          {platform.kind === 'electron' && !settings.syncFolder ? (
            <Alert severity="info" action={<Button href={href('parametres')}>Paramètres</Button>}>
              Choisissez d'abord le dossier partagé dans les Paramètres.
            </Alert>
          ) : (
            <Button variant="contained" onClick={() => void doSync()} disabled={syncing !== null}>
              Synchroniser
            </Button>
          )}
          {syncing && (
            <Box sx={{ mt: 2 }}>
              <Typography variant="body2">{syncing}…</Typography>
              <LinearProgress />
            </Box>
          )}
          {report && (
            <Box sx={{ mt: 2 }} data-testid="sync-report">
              <Alert severity={report.writeError || report.imported.some((l) => l.status === 'refusé') ? 'warning' : 'success'} sx={{ mb: 1 }}>
                Synchronisation terminée : {report.imported.filter((l) => l.status === 'importé').length} fichier(s) importé(s)
                {conflictsFound ? `, ${conflictsFound} conflit(s) à examiner` : ''}.{' '}
                {report.written
                  ? `Ce poste a déposé ${report.written.records} enregistrement(s) (${report.written.kind === 'full' ? 'copie complète' : 'modifications'}).`
                  : `Le dépôt a échoué : ${report.writeError ?? ''}`}
              </Alert>
              {report.identityChange && (
                <Alert severity="warning" sx={{ mb: 1 }} data-testid="identity-change">
                  {report.identityChange}
                </Alert>
              )}
              <List dense>
                {report.imported.map((l) => (
                  <ListItem key={l.file}>
                    <ListItemText
                      primary={`${l.file} — ${l.status}${l.from ? ` (${l.from})` : ''}`}
                      secondary={
                        l.message ??
                        (l.result
                          ? `${Object.values(l.result.counts).reduce((n, c) => n + c.created, 0)} nouveau(x), ${Object.values(l.result.counts).reduce((n, c) => n + c.modified, 0)} modifié(s), ${Object.values(l.result.counts).reduce((n, c) => n + c.deleted, 0)} supprimé(s)`
                          : undefined)
                      }
                    />
                  </ListItem>
                ))}
              </List>
            </Box>
          )}
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" gutterBottom>
            Exporter vers un fichier
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            Pour une clé USB ou une pièce jointe : tout, ou seulement ce qu'un poste n'a pas encore reçu (d'après le
            dernier fichier reçu de lui). Le fichier est chiffré avec la phrase de passe du service.
          </Typography>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <TextField select size="small" label="Contenu" value={peer} onChange={(e) => setPeer(e.target.value)} sx={{ minWidth: 320 }}>
              <MenuItem value={FULL}>Toutes les données (export complet)</MenuItem>
              {(peers ?? []).map((p) => (
                <MenuItem key={p.id} value={p.id}>
                  Modifications non vues par « {p.label} »
                </MenuItem>
              ))}
            </TextField>
            <Button variant="contained" onClick={() => void doExport()} disabled={progress !== null}>
              Exporter
            </Button>
          </Stack>
          {progress && (
            <Box sx={{ mt: 2 }} data-testid="export-progress">
              <Typography variant="body2">{progress.label}…</Typography>
              <LinearProgress variant="determinate" value={progress.value * 100} />
            </Box>
          )}
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" gutterBottom>
            Importer un fichier
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            Un aperçu montre ce qui sera créé, modifié ou supprimé avant que rien ne change.
          </Typography>
          <Button variant="contained" onClick={() => void doImport()}>
            Importer un fichier…
          </Button>
        </CardContent>
      </Card>
      <SpreadsheetCard />
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" gutterBottom>
            Postes connus
          </Typography>
          {peers && peers.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              Aucun fichier reçu d'un autre poste pour l'instant.
            </Typography>
          ) : (
            <List dense>
              {(peers ?? []).map((p) => (
                <ListItem key={p.id}>
                  <ListItemText primary={p.label} secondary={`Dernier fichier reçu le ${fmt(p.lastReceivedAt)}`} />
                </ListItem>
              ))}
            </List>
          )}
        </CardContent>
      </Card>
    </Stack>
  );
}

function BackupsPanel({ onImport }: { onImport: (s: ImportSource) => void }) {
  const services = useServices();
  const { platform, settings } = services;
  const { prompt, ensure } = usePassphrase();
  const [files, setFiles] = useState<FolderEntry[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [restoring, setRestoring] = useState<ImportSource | null>(null);

  const refresh = () =>
    listBackups(platform).then(setFiles, (e: unknown) => {
      setFiles([]);
      setMessage({ ok: false, text: `Le dossier des sauvegardes n'a pas pu être lu : ${errorMessage(e)}` });
    });
  useEffect(() => {
    void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [platform]);

  async function backupNow() {
    const passphrase = await ensure({ confirm: true });
    if (!passphrase) return;
    setBusy(true);
    try {
      const { file, removed } = await writeBackup(services, passphrase);
      setMessage({ ok: true, text: `Sauvegarde « ${file} » enregistrée${removed.length ? `, ${removed.length} ancienne(s) supprimée(s)` : ''}.` });
    } catch (e) {
      setMessage({ ok: false, text: `La sauvegarde a échoué : ${errorMessage(e)}` });
    } finally {
      setBusy(false);
      void refresh();
    }
  }

  /** « Restaurer… » (rollback, RestoreDialog) or « Fusionner… » (today's merge, the import dialog). */
  async function open(name: string, how: 'restore' | 'merge') {
    try {
      const source = { name, data: await platform.readFromFolder('backups', name) };
      if (how === 'merge') onImport(source);
      else setRestoring(source);
    } catch (e) {
      setMessage({ ok: false, text: `La sauvegarde n'a pas pu être lue : ${errorMessage(e)}` });
    }
  }

  return (
    <Stack spacing={2}>
      {prompt}
      {message && (
        <Alert severity={message.ok ? 'success' : 'error'} onClose={() => setMessage(null)} data-testid="backup-message">
          {message.text}
        </Alert>
      )}
      <Typography variant="body2" color="text.secondary">
        Une sauvegarde chiffrée complète est faite chaque jour et à la fermeture de l'application ; les{' '}
        {settings.backups.keep} plus récentes sont conservées{settings.backups.folder ? ` dans ${settings.backups.folder}` : ''}.
        {settings.backups.lastAt ? ` Dernière sauvegarde : ${fmt(settings.backups.lastAt)}.` : ' Aucune sauvegarde pour l’instant.'}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        <strong>Restaurer</strong> ramène toute la base à son état au moment de la sauvegarde (ce qui a été créé,
        modifié ou supprimé depuis est défait, sur tous les postes), après un aperçu et une sauvegarde de l'état
        actuel qui permet d'annuler. <strong>Fusionner une sauvegarde</strong> l'ajoute aux données actuelles, comme
        un import : ce qui a été modifié ou supprimé depuis le reste.
      </Typography>
      <Box>
        <Button variant="contained" onClick={() => void backupNow()} disabled={busy}>
          Sauvegarder maintenant
        </Button>
      </Box>
      {files && files.length === 0 ? (
        <EmptyState title="Aucune sauvegarde">La première sera faite à la fermeture de l'application ou avec « Sauvegarder maintenant ».</EmptyState>
      ) : (
        <List dense data-testid="backup-list">
          {(files ?? []).map((f) => (
            <ListItem
              key={f.name}
              secondaryAction={
                <Stack direction="row" spacing={1}>
                  <Button size="small" variant="outlined" onClick={() => void open(f.name, 'restore')}>
                    Restaurer…
                  </Button>
                  <Button size="small" onClick={() => void open(f.name, 'merge')}>
                    Fusionner une sauvegarde…
                  </Button>
                </Stack>
              }
              sx={{ pr: 44 }}
            >
              <ListItemText primary={f.name} secondary={`${fmt(f.modifiedAt)} — ${(f.size / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 0 })} Ko`} />
            </ListItem>
          ))}
        </List>
      )}
      <RestoreDialog source={restoring} onClose={() => setRestoring(null)} onFinished={() => void refresh()} />
    </Stack>
  );
}

const TABS = ['echanges', 'conflits', 'sauvegardes'] as const;

export function SyncPage() {
  const route = useRoute();
  const { db } = useServices();
  const tab = TABS.includes(route.params[0] as (typeof TABS)[number]) ? (route.params[0] as (typeof TABS)[number]) : 'echanges';
  const [source, setSource] = useState<ImportSource | null>(null);
  const openConflicts = useLiveQuery(() => db.conflicts.where('status').equals('ouvert').filter((r) => r._deleted === 0).count(), [db]);

  useEffect(() => {
    const pick = () => {
      const f = takePendingFile();
      if (f) setSource(f);
    };
    pick();
    return onPendingFile(pick);
  }, []);

  return (
    <>
      <PageHeader title="Synchronisation" subtitle="Échanges entre postes par fichiers chiffrés, conflits et sauvegardes" />
      <Tabs value={tab} onChange={(_, v: string) => navigate('synchronisation', v)} sx={{ mb: 2 }}>
        <Tab value="echanges" label="Échanges" />
        <Tab
          value="conflits"
          label={
            <Badge color="warning" badgeContent={openConflicts ?? 0} sx={{ pr: 1.5 }}>
              Conflits
            </Badge>
          }
        />
        <Tab value="sauvegardes" label="Sauvegardes" />
      </Tabs>
      {tab === 'echanges' && <ExchangesPanel onImport={setSource} />}
      {tab === 'conflits' && <ConflictsPanel />}
      {tab === 'sauvegardes' && <BackupsPanel onImport={setSource} />}
      <ImportDialog source={source} onClose={() => setSource(null)} />
    </>
  );
}
