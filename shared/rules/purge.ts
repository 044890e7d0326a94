/**
 * Habilitation data is kept six years after the access ended, then purged (domain.md). The purge list is
 * every removed access whose end date is more than six years before today.
 */
import type { Habilitation } from '../domain/habilitation';

export const RETENTION_YEARS = 6;

/** The last end date that is still kept today (`yyyy-MM-dd`): anything ended strictly before is purgeable. */
export function purgeThreshold(today: string): string {
  const [y = 0, m = 1, d = 1] = today.split('-').map(Number);
  const year = y - RETENTION_YEARS;
  // 29 February of a non-leap year becomes 28 February (string arithmetic: no time-zone surprises).
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isPurgeable(h: Pick<Habilitation, 'status' | 'endOn'>, today: string): boolean {
  return h.status === 'supprimee' && h.endOn !== undefined && h.endOn < purgeThreshold(today);
}

export function purgeList<H extends Pick<Habilitation, 'status' | 'endOn'>>(habilitations: readonly H[], today: string): H[] {
  return habilitations.filter((h) => isPurgeable(h, today));
}
