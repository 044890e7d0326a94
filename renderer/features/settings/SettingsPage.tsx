/**
 * Paramètres: who uses this installation, which Caf record is the office's (its territory decides the public
 * holidays of every working-day deadline; its identity is edited on its Caf screen), where the data lives and how big it is. The sync feature renders its own
 * section (passphrase, shared folder, backups) below.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Divider, MenuItem, Paper, Snackbar, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { PageHeader } from '../../components/PageHeader';
import { useServices } from '../../app/services';
import { territoryLabels } from '../../../shared/domain/common';
import { syncedTableNames, tableLabels } from '../../../shared/domain/tables';
import { replicaLabelError, userNameError } from './validation';
import { useOfficeCaf } from '../cafs/officeCaf';
import { href } from '../../app/router';
import { SyncSettingsSection } from '../sync/SyncSettingsSection';

const numberFr = new Intl.NumberFormat('fr-FR');

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${numberFr.format(bytes)} octets`;
  const units = ['Ko', 'Mo', 'Go', 'To'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(v)} ${units[i]}`;
}

function IdentityForm({ onSaved }: { onSaved: () => void }) {
  const { settings, updateSettings } = useServices();
  const { caf: officeCaf, cafs } = useOfficeCaf();
  const [userName, setUserName] = useState(settings.userName);
  const [replicaLabel, setReplicaLabel] = useState(settings.replicaLabel);
  const [cafId, setCafId] = useState(settings.officeCafId || officeCaf?.id || '');
  const [error, setError] = useState<string | null>(null);
  const chosen = cafs?.find((c) => c.id === cafId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = userNameError(userName) ?? replicaLabelError(replicaLabel) ?? (cafs?.length && !chosen ? 'Choisissez la Caf du service.' : null);
    if (problem) return setError(problem);
    setError(null);
    try {
      await updateSettings({ userName: userName.trim(), replicaLabel: replicaLabel.trim(), ...(chosen ? { officeCafId: chosen.id } : {}) });
      onSaved();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <Box component="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Identité du poste et de la Caf">
      <Typography variant="h6" id="identity-title" gutterBottom>
        Vous et ce poste
      </Typography>
      <Stack spacing={2} sx={{ maxWidth: 640 }}>
        <TextField label="Votre nom" required value={userName} onChange={(e) => setUserName(e.target.value)} helperText="Il signe l'historique des modifications faites sur ce poste." />
        <TextField
          label="Nom de ce poste"
          value={replicaLabel}
          onChange={(e) => setReplicaLabel(e.target.value)}
          helperText="Vu par les autres postes lors des synchronisations (« Poste accueil », « Portable visite »)."
        />
        <Typography variant="body2" color="text.secondary">
          Identifiant d'installation : <code>{settings.replicaId}</code>
        </Typography>
      </Stack>
      <Typography variant="h6" sx={{ mt: 3 }} gutterBottom>
        Votre Caf
      </Typography>
      <Stack spacing={2} sx={{ maxWidth: 640 }}>
        {cafs && cafs.length > 0 ? (
          <TextField
            select
            label="Caf du service"
            required
            value={chosen ? cafId : ''}
            onChange={(e) => setCafId(e.target.value)}
            helperText="Son nom, son adresse, son directeur et son guichet unique se modifient sur sa fiche ; les formulaires la lisent."
          >
            {cafs.map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {c.name} — {territoryLabels[c.territory]}
              </MenuItem>
            ))}
          </TextField>
        ) : (
          <Typography variant="body2">Aucune Caf dans la base : créez sa fiche depuis l'écran Caf.</Typography>
        )}
        <Box sx={{ display: 'flex', gap: 2 }}>
          {chosen && <Button href={href('cafs', chosen.id)}>Ouvrir la fiche de {chosen.name}</Button>}
          <Button href={href('cafs')}>Toutes les Caf</Button>
        </Box>
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        <Box>
          <Button type="submit" variant="contained">
            Enregistrer
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}

interface StorageFacts {
  location: string;
  platform: string;
  version: string;
  usage?: number;
  quota?: number;
  persisted?: boolean;
}

/** What a value being read shows, in place, so the page does not move when it arrives. */
const WAIT = '…';
const HISTORY_LABEL = 'Historique des modifications';
const countedTables = [...syncedTableNames.map((t) => tableLabels[t]), HISTORY_LABEL];

function DataLocation() {
  const { platform, db } = useServices();
  const [facts, setFacts] = useState<StorageFacts | null>(null);
  const counts = useLiveQuery(async () => {
    const out: { table: string; live: number; deleted: number }[] = [];
    for (const t of syncedTableNames) {
      const live = await db.syncedTable(t).where('_deleted').equals(0).count();
      const all = await db.syncedTable(t).count();
      out.push({ table: tableLabels[t], live, deleted: all - live });
    }
    out.push({ table: HISTORY_LABEL, live: await db.history.count(), deleted: 0 });
    return out;
  }, [db]);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const info = await platform.appInfo();
      const estimate = navigator.storage?.estimate ? await navigator.storage.estimate().catch(() => undefined) : undefined;
      const persisted = navigator.storage?.persisted ? await navigator.storage.persisted().catch(() => undefined) : undefined;
      if (!cancelled) setFacts({ location: info.userDataPath, platform: info.platform, version: info.version, usage: estimate?.usage, quota: estimate?.quota, persisted });
    })();
    return () => {
      cancelled = true;
    };
  }, [platform]);

  return (
    <Box component="section" aria-labelledby="data-location-title" data-testid="data-location">
      <Typography variant="h6" id="data-location-title" gutterBottom>
        Où sont mes données
      </Typography>
      {/* The same lines while they are read (« … »): nothing below moves when they arrive, so a click aimed at the
          sync section is never taken by a shifted layout. */}
      <Stack spacing={0.5} sx={{ mb: 2 }} aria-busy={!facts}>
        <Typography variant="body2">
          Emplacement : <strong data-testid="data-path">{facts?.location ?? WAIT}</strong>
        </Typography>
        <Typography variant="body2">
          Base : <strong>{db.name}</strong> (IndexedDB), version {facts?.version ?? WAIT}, {facts?.platform ?? WAIT}
        </Typography>
        <Typography variant="body2" data-testid="data-usage">
          Espace utilisé :{' '}
          <strong>{!facts ? WAIT : facts.usage === undefined ? 'inconnu' : formatBytes(facts.usage)}</strong>
          {facts?.quota !== undefined && ` sur ${formatBytes(facts.quota)} disponibles`}
        </Typography>
        <Typography variant="body2" data-testid="data-persisted">
          Stockage persistant :{' '}
          <strong>
            {!facts
              ? WAIT
              : facts.persisted === undefined
                ? 'information indisponible'
                : facts.persisted
                  ? 'accordé (les données ne seront pas effacées pour libérer de la place)'
                  : 'non accordé (le navigateur pourrait effacer les données si le disque est plein : faites des sauvegardes)'}
          </strong>
        </Typography>
      </Stack>
      <Paper variant="outlined" sx={{ maxWidth: 640 }}>
        <Table size="small" aria-label="Nombre d'enregistrements par table" aria-busy={!counts}>
          <TableHead>
            <TableRow>
              <TableCell>Table</TableCell>
              <TableCell align="right">Enregistrements</TableCell>
              <TableCell align="right">Supprimés (conservés pour la synchronisation)</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(counts ?? countedTables.map((table) => ({ table, live: undefined, deleted: undefined }))).map((c) => (
              <TableRow key={c.table}>
                <TableCell>{c.table}</TableCell>
                <TableCell align="right">{c.live === undefined ? WAIT : numberFr.format(c.live)}</TableCell>
                <TableCell align="right">{c.table === HISTORY_LABEL ? '—' : c.deleted === undefined ? WAIT : numberFr.format(c.deleted)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </Box>
  );
}

export function SettingsPage() {
  const { settings } = useServices();
  // Re-read the form when the identity changes elsewhere (first-run dialog, another window).
  const identityKey = JSON.stringify([settings.userName, settings.replicaLabel, settings.officeCafId]);
  const [saved, setSaved] = useState(false);
  return (
    <>
      <Snackbar open={saved} autoHideDuration={4000} onClose={() => setSaved(false)} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        <Alert severity="success" onClose={() => setSaved(false)} variant="filled">
          Paramètres enregistrés.
        </Alert>
      </Snackbar>
      <PageHeader title="Paramètres" subtitle="Identité du poste et de la Caf, stockage des données, synchronisation." />
      <Stack spacing={3} divider={<Divider />}>
        <IdentityForm key={identityKey} onSaved={() => setSaved(true)} />
        <DataLocation />
        {/* Owned by the sync feature: passphrase, shared folder, backups. */}
        <SyncSettingsSection />
      </Stack>
    </>
  );
}
