/**
 * Decides whether the first-run dialog is needed (no first-run choice in meta and an empty base) before its
 * code is fetched: on every later start the dialog, the demo data set and the bulk loader stay out of the
 * start-up path.
 */
import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import { Lazy, lazyNamed } from '../../app/lazy';
import { getFirstRunChoice, isDatabaseEmpty } from '../../db/firstRun';

const FirstRunDialog = lazyNamed(() => import('./FirstRunDialog'), 'FirstRunDialog');

export function FirstRunGate() {
  const { db } = useServices();
  const [needed, setNeeded] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void (async () => !(await getFirstRunChoice(db)) && (await isDatabaseEmpty(db)))().then((yes) => {
      if (cancelled) return;
      setNeeded(yes);
      // The dialog sets it to 'open' itself once shown; tests and the bench read it.
      if (!yes) document.body.dataset.firstRun = 'done';
    });
    return () => {
      cancelled = true;
    };
  }, [db]);
  return needed ? (
    <Lazy fallback={null}>
      <FirstRunDialog />
    </Lazy>
  ) : null;
}
