/** Asks for the office passphrase when none is known (browser, or no OS keychain). */
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, TextField } from '@mui/material';
import { useServices } from '../../app/services';
import { loadPassphrase, passphraseError, savePassphrase } from './passphrase';

export function usePassphrase(): { prompt: ReactNode; ensure: (askAgain?: boolean) => Promise<string | null> } {
  const { platform } = useServices();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [remember, setRemember] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const resolver = useRef<((v: string | null) => void) | null>(null);

  const ensure = useCallback(async (askAgain = false) => {
    const known = askAgain ? null : await loadPassphrase(platform);
    if (known) return known;
    setValue('');
    setError(null);
    setOpen(true);
    return new Promise<string | null>((resolve) => {
      resolver.current = resolve;
    });
  }, [platform]);

  const close = (v: string | null) => {
    setOpen(false);
    resolver.current?.(v);
    resolver.current = null;
  };

  const submit = async () => {
    const err = passphraseError(value);
    if (err) return setError(err);
    await savePassphrase(platform, value, remember);
    close(value);
  };

  const prompt = (
    <Dialog open={open} onClose={() => close(null)} aria-labelledby="passphrase-title" maxWidth="xs" fullWidth>
      <DialogTitle id="passphrase-title">Phrase de passe du service</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          Les fichiers de synchronisation et les sauvegardes sont chiffrés avec la phrase de passe commune du service.
        </DialogContentText>
        {error && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {error}
          </Alert>
        )}
        <TextField
          autoFocus
          fullWidth
          type="password"
          label="Phrase de passe"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void submit();
          }}
        />
        <FormControlLabel control={<Checkbox checked={remember} onChange={(e) => setRemember(e.target.checked)} />} label="Retenir sur ce poste" />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => close(null)}>Annuler</Button>
        <Button variant="contained" onClick={() => void submit()}>
          Valider
        </Button>
      </DialogActions>
    </Dialog>
  );
  return { prompt, ensure };
}
