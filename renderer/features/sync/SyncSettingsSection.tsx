/**
 * Sync settings, rendered by the Paramètres page: office passphrase, shared sync folder, backups folder and
 * how many backups to keep.
 */
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Checkbox, FormControlLabel, Stack, TextField, Typography } from '@mui/material';
import { useServices } from '../../app/services';
import { confirmationError, loadPassphrase, passphraseError, savePassphrase } from './passphrase';

export function SyncSettingsSection() {
  const { platform, settings, updateSettings } = useServices();
  const [hasPassphrase, setHasPassphrase] = useState(false);
  const [pass, setPass] = useState('');
  const [pass2, setPass2] = useState('');
  const [remember, setRemember] = useState(false);
  const [keep, setKeep] = useState(String(settings.backups.keep));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void loadPassphrase(platform).then((p) => setHasPassphrase(Boolean(p)));
  }, [platform]);

  async function submitPassphrase() {
    const err = passphraseError(pass) ?? confirmationError(pass, pass2);
    if (err) return setMessage({ ok: false, text: err });
    const res = await savePassphrase(platform, pass, remember);
    setHasPassphrase(true);
    setPass('');
    setPass2('');
    setMessage({
      ok: true,
      text: res.stored
        ? 'Phrase de passe retenue sur ce poste, sous une forme chiffrée (jamais en clair).'
        : 'Phrase de passe retenue pour cette session seulement : elle sera redemandée au prochain démarrage.',
    });
  }

  async function chooseFolder(kind: 'sync' | 'backups') {
    const folder = await platform.chooseFolder(kind);
    if (!folder) return;
    if (kind === 'sync') await updateSettings({ syncFolder: folder });
    else await updateSettings({ backups: { ...settings.backups, folder } });
    setMessage({ ok: true, text: kind === 'sync' ? 'Dossier partagé enregistré.' : 'Dossier des sauvegardes enregistré.' });
  }

  async function submitKeep() {
    const n = Number(keep);
    if (!/^\d+$/.test(keep.trim()) || n < 1 || n > 365) {
      return setMessage({ ok: false, text: 'Le nombre de sauvegardes à conserver doit être un entier entre 1 et 365.' });
    }
    await updateSettings({ backups: { ...settings.backups, keep: n } });
    setMessage({ ok: true, text: `Les ${n} dernières sauvegardes seront conservées.` });
  }

  return (
    <Box component="section" aria-labelledby="sync-settings-title" data-testid="sync-settings">
      <Typography variant="h6" id="sync-settings-title" gutterBottom>
        Synchronisation et sauvegardes
      </Typography>
      {message && (
        <Alert severity={message.ok ? 'success' : 'error'} sx={{ mb: 2 }} onClose={() => setMessage(null)}>
          {message.text}
        </Alert>
      )}
      <Stack spacing={2} sx={{ maxWidth: 640 }}>
        <Typography variant="body2" color="text.secondary">
          La phrase de passe du service chiffre les fichiers de synchronisation et les sauvegardes. Tous les postes
          doivent utiliser la même. {hasPassphrase ? 'Une phrase de passe est définie.' : 'Aucune phrase de passe définie.'}
        </Typography>
        <Stack direction="row" spacing={1}>
          <TextField size="small" type="password" label="Phrase de passe" value={pass} onChange={(e) => setPass(e.target.value)} autoComplete="new-password" />
          <TextField size="small" type="password" label="Confirmer" value={pass2} onChange={(e) => setPass2(e.target.value)} autoComplete="new-password" />
          <Button variant="outlined" onClick={() => void submitPassphrase()} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
            Enregistrer la phrase de passe
          </Button>
        </Stack>
        <FormControlLabel
          sx={{ mt: -1 }}
          control={<Checkbox checked={remember} onChange={(e) => setRemember(e.target.checked)} />}
          label="Retenir sur ce poste (sinon, redemandée à chaque démarrage)"
        />
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="body2" sx={{ flex: 1 }}>
            Dossier partagé : {settings.syncFolder || <em>non choisi</em>}
          </Typography>
          <Button variant="outlined" onClick={() => void chooseFolder('sync')}>
            Choisir le dossier partagé
          </Button>
        </Stack>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="body2" sx={{ flex: 1 }}>
            Dossier des sauvegardes : {settings.backups.folder || <em>non choisi</em>}
          </Typography>
          <Button variant="outlined" onClick={() => void chooseFolder('backups')}>
            Choisir le dossier des sauvegardes
          </Button>
        </Stack>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField size="small" label="Sauvegardes à conserver" value={keep} onChange={(e) => setKeep(e.target.value)} sx={{ width: 200 }} />
          <Button variant="outlined" onClick={() => void submitKeep()}>
            Enregistrer
          </Button>
        </Stack>
      </Stack>
    </Box>
  );
}
