/**
 * Global sync duties: a backup when the last one is older than 24 h (checked a minute after start, then every hour), a
 * backup before quitting (Electron waits for it), and bundle files opened from the OS go to the import preview.
 */
import { useEffect, useRef } from 'react';
import { useServices } from '../../app/services';
import { navigate } from '../../app/router';
import { loadPassphrase } from './passphrase';
import { setPendingFile } from './pendingFile';

const CHECK_EVERY_MS = 60 * 60 * 1000;
/** The start-up check waits a little: a full backup of a large base takes CPU the first screen needs. */
const FIRST_CHECK_AFTER_MS = 60 * 1000;

export function SyncGlobal() {
  const services = useServices();
  // The latest services, read from timers and the quit hook without re-registering them.
  const ref = useRef(services);
  ref.current = services;
  const running = useRef<Promise<void> | null>(null);

  useEffect(() => {
    const backup = (force: boolean): Promise<void> => {
      if (running.current) return running.current;
      const s = ref.current;
      running.current = (async () => {
        // The bundle writer (codec, compression, encryption) is its own chunk: fetched when a backup is checked.
        const { backupDue, writeBackup } = await import('./actions');
        if (!force && !backupDue(s.settings)) return;
        // Without a passphrase a backup cannot be encrypted: skip silently (the page says so).
        const passphrase = await loadPassphrase(s.platform);
        if (!passphrase) return;
        await writeBackup(s, passphrase);
      })()
        .catch((e: unknown) => console.error('Sauvegarde automatique impossible', e))
        .finally(() => {
          running.current = null;
        });
      return running.current;
    };
    const first = setTimeout(() => void backup(false), FIRST_CHECK_AFTER_MS);
    const timer = setInterval(() => void backup(false), CHECK_EVERY_MS);
    const offQuit = services.platform.onBeforeQuit(() => backup(true));
    const offOpen = services.platform.onFileOpened((file) => {
      setPendingFile(file);
      navigate('synchronisation');
    });
    return () => {
      clearTimeout(first);
      clearInterval(timer);
      offQuit();
      offOpen();
    };
  }, [services.platform]);
  return null;
}
