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
export const loadFirstRunDialog = () => import('./FirstRunDialog');
const FirstRunDialog = lazyNamed(loadFirstRunDialog, 'FirstRunDialog');

export function FirstRunGate() {
  const { db, firstRun } = useServices();
  const [needed, setNeeded] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void (firstRun ?? isFirstRun(db)).then((yes) => {
      if (cancelled) return;
      setNeeded(yes);
      // The dialog sets it to 'open' itself once shown; tests and the bench read it.
      if (!yes) document.body.dataset.firstRun = 'done';
    });
    return () => {
      cancelled = true;
    };
  }, [db, firstRun]);
  return needed ? (
    <Lazy fallback={null}>
      <FirstRunDialog decided />
    </Lazy>
  ) : null;
}
