import { describe, expect, it } from 'vitest';
import { isPurgeable, purgeList, purgeThreshold } from './purge';

describe('purge of habilitations ended more than six years ago', () => {
  it('computes the threshold six years back, 29 February included', () => {
    expect(purgeThreshold('2026-11-23')).toBe('2020-11-23');
    expect(purgeThreshold('2024-02-29')).toBe('2018-02-28');
  });

  it('lists removed accesses ended strictly more than six years ago', () => {
    const today = '2026-11-23';
    expect(isPurgeable({ status: 'supprimee', endOn: '2020-11-22' }, today)).toBe(true);
    expect(isPurgeable({ status: 'supprimee', endOn: '2020-11-23' }, today)).toBe(false);
    expect(isPurgeable({ status: 'supprimee', endOn: undefined }, today)).toBe(false);
    // An access still open (or awaiting suppression) is never purged, whatever its dates.
    expect(isPurgeable({ status: 'suppression-demandee', endOn: '2001-01-01' }, today)).toBe(false);
    expect(isPurgeable({ status: 'active', endOn: '2001-01-01' }, today)).toBe(false);
    const rows = [
      { id: 'a', status: 'supprimee' as const, endOn: '2019-05-01' },
      { id: 'b', status: 'supprimee' as const, endOn: '2024-05-01' },
    ];
    expect(purgeList(rows, today).map((r) => r.id)).toEqual(['a']);
  });
});
