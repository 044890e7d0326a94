/**
 * Global sync duties: a backup when the last one is older than 24 h (checked at start and every hour), a
 * backup before quitting (Electron waits for it), and bundle files opened from the OS go to the import preview.
 */
import { useEffect, useRef } from 'react';
import { useServices } from '../../app/services';
import { navigate } from '../../app/router';
import { backupDue, writeBackup } from './actions';
import { loadPassphrase } from './passphrase';
import { setPendingFile } from './pendingFile';

const CHECK_EVERY_MS = 60 * 60 * 1000;

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
      if (!force && !backupDue(s.settings)) return Promise.resolve();
      running.current = (async () => {
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
    void backup(false);
    const timer = setInterval(() => void backup(false), CHECK_EVERY_MS);
    const offQuit = services.platform.onBeforeQuit(() => backup(true));
    const offOpen = services.platform.onFileOpened((file) => {
      setPendingFile(file);
      navigate('synchronisation');
    });
    return () => {
      clearInterval(timer);
      offQuit();
      offOpen();
    };
  }, [services.platform]);
  return null;
}
