/**
 * Decides whether the first-run dialog is needed (no first-run choice in meta and an empty base) before its
 * code is fetched: on every later start the dialog, the demo data set and the bulk loader stay out of the
 * start-up path.
 */
import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import { Lazy, lazyNamed } from '../../app/lazy';
import { isFirstRun } from '../../db/firstRun';

/** The dialog's chunk; main.tsx fetches it ahead when no base exists yet (a sure first run). */
export const loadFirstRunDialog = () => import('./FirstRunDialog').finally(() => performance.mark('dialogue chargé'));
const FirstRunDialog = lazyNamed(loadFirstRunDialog, 'FirstRunDialog');

export function FirstRunGate() {
  const { firstRun, whenData } = useServices();
  const [needed, setNeeded] = useState(false);
  useEffect(() => {
    let cancelled = false;
    // Asked before the base and the Store are loaded (services.tsx: plain IndexedDB); Dexie only when unsure.
    void (firstRun ?? whenData().then(({ db }) => isFirstRun(db))).then((yes) => {
      if (cancelled) return;
      performance.mark('premier démarrage décidé');
      setNeeded(yes);
      // The dialog sets it to 'open' itself once shown; tests and the bench read it.
      if (!yes) document.body.dataset.firstRun = 'done';
    });
    return () => {
      cancelled = true;
    };
  }, [whenData, firstRun]);
  return needed ? (
    <Lazy fallback={null}>
      <FirstRunDialog decided />
    </Lazy>
  ) : null;
}
