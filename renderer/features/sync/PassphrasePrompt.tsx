/**
 * Asks for the office passphrase when none is known for this session. Two uses:
 * - to write a bundle (`confirm`): a passphrase set for the first time is typed twice;
 * - to read one (`check`): the typed passphrase is tried against the file's key check before the dialog
 *   closes, so a wrong one is said at once and never remembered.
 * « Retenir sur ce poste » is off by default; what is kept is never the text (see passphrase.ts).
 */
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, Stack, TextField } from '@mui/material';
import { useServices } from '../../app/services';
import { importPassphrase, type PassphraseKey } from '../../../shared/sync/crypto';
import { bundleMessages } from '../../../shared/sync/errors';
import { confirmationError, loadPassphrase, passphraseError, savePassphrase } from './passphrase';

export interface EnsureOptions {
  /** Ignore the passphrase held for the session (it did not open a file). */
  askAgain?: boolean;
  /** The passphrase will encrypt: ask for it twice when it is being set. */
  confirm?: boolean;
  /** The passphrase must open this file: tried before the dialog closes (and before anything is remembered). */
  check?: (key: PassphraseKey) => Promise<boolean>;
  /** Shown above the field (« La phrase de passe retenue n'ouvre pas ce fichier »). */
  notice?: string;
}

interface Asked {
  confirm: boolean;
  check?: (key: PassphraseKey) => Promise<boolean>;
  notice?: string;
}

export function usePassphrase(): { prompt: ReactNode; ensure: (options?: EnsureOptions) => Promise<PassphraseKey | null> } {
  const { platform } = useServices();
  const [asked, setAsked] = useState<Asked | null>(null);
  const [value, setValue] = useState('');
  const [again, setAgain] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const resolver = useRef<((v: PassphraseKey | null) => void) | null>(null);

  const ensure = useCallback(
    async (options: EnsureOptions = {}) => {
      const known = options.askAgain ? null : await loadPassphrase(platform);
      if (known && (!options.check || (await options.check(known)))) return known;
      setValue('');
      setAgain('');
      setRemember(false);
      setError(null);
      setAsked({
        confirm: Boolean(options.confirm),
        ...(options.check ? { check: options.check } : {}),
        ...(options.notice ? { notice: options.notice } : known ? { notice: "La phrase de passe de cette session n'ouvre pas ce fichier : saisissez celle avec laquelle il a été créé." } : {}),
      });
      return new Promise<PassphraseKey | null>((resolve) => {
        resolver.current = resolve;
      });
    },
    [platform],
  );

  const close = (v: PassphraseKey | null) => {
    setAsked(null);
    setValue('');
    setAgain('');
    resolver.current?.(v);
    resolver.current = null;
  };

  const submit = async () => {
    if (!asked || busy) return;
    const err = passphraseError(value) ?? (asked.confirm ? confirmationError(value, again) : null);
    if (err) return setError(err);
    setBusy(true);
    try {
      let tried: PassphraseKey | undefined;
      if (asked.check) {
        // Tried first with a key that is not kept: a wrong passphrase replaces nothing and is never remembered.
        tried = await importPassphrase(value);
        if (!(await asked.check(tried))) return setError(bundleMessages.wrongPassphrase);
      }
      // A right one is kept as that same key: what the check derived from it is not derived again.
      const { key } = await savePassphrase(platform, value, remember, tried);
      close(key);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const prompt = (
    <Dialog open={asked !== null} onClose={() => close(null)} aria-labelledby="passphrase-title" maxWidth="xs" fullWidth>
      <DialogTitle id="passphrase-title">Phrase de passe du service</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          Les fichiers de synchronisation et les sauvegardes sont chiffrés avec la phrase de passe commune du service.
          {asked?.confirm && ' Tous les postes devront utiliser la même : saisissez-la deux fois.'}
        </DialogContentText>
        {asked?.notice && (
          <Alert severity="info" sx={{ mb: 2 }}>
            {asked.notice}
          </Alert>
        )}
        {error && (
          <Alert severity="error" sx={{ mb: 2 }} role="alert" data-testid="passphrase-error">
            {error}
          </Alert>
        )}
        <Stack spacing={2}>
          <TextField
            autoFocus
            fullWidth
            type="password"
            label="Phrase de passe"
            value={value}
            autoComplete={asked?.confirm ? 'new-password' : 'current-password'}
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void submit();
            }}
          />
          {asked?.confirm && (
            <TextField
              fullWidth
              type="password"
              label="Confirmer la phrase de passe"
              value={again}
              autoComplete="new-password"
              onChange={(e) => setAgain(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void submit();
              }}
            />
          )}
        </Stack>
        <FormControlLabel
          control={<Checkbox checked={remember} onChange={(e) => setRemember(e.target.checked)} />}
          label="Retenir sur ce poste"
        />
        <DialogContentText variant="caption" component="p">
          {remember
            ? 'Elle sera retenue sous une forme chiffrée, jamais en clair.'
            : 'Sans cette case, elle sera redemandée au prochain démarrage.'}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => close(null)}>Annuler</Button>
        <Button variant="contained" onClick={() => void submit()} disabled={busy}>
          Valider
        </Button>
      </DialogActions>
    </Dialog>
  );
  return { prompt, ensure };
}
