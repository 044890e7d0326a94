import { useEffect } from 'react';
import { useServices } from '../../app/services';
import { useNow, useOverdueCount } from './data';
import { overdueTitle } from './labels';

/** « Partenaires MCP — 3 relances en retard »: recomputed on every change and every minute. */
export function OverdueWindowTitle() {
  const { platform } = useServices();
  const now = useNow(60_000);
  const count = useOverdueCount(now);
  useEffect(() => {
    if (count !== undefined) void platform.setWindowTitle(overdueTitle(count));
  }, [count, platform]);
  return null;
}
