import { describe, expect, it } from 'vitest';
import {
  checkEndAccess,
  checkInstructorNumber,
  checkQuota,
  END_DATE_BEFORE_START,
  END_REASON_REQUIRED,
  INSTRUCTOR_NUMBER_REQUIRED,
  quotaState,
  seatsUsed,
} from './quota';

const h = (profile: string, status: 'active' | 'suppression-demandee' | 'supprimee', partnerId = 'p1', service = 'CDAP') => ({ partnerId, service, profile, status });

describe('quota', () => {
  it('counts active and suppression-requested habilitations, not removed ones, per partner × service × profile', () => {
    const rows = [h('T1', 'active'), h('T1', 'suppression-demandee'), h('T1', 'supprimee'), h('T2', 'active'), h('T1', 'active', 'p2'), h('T1', 'active', 'p1', 'AFAS')];
    expect(seatsUsed(rows, 'p1', 'CDAP', 'T1')).toBe(2);
    expect(seatsUsed(rows, 'p1', 'CDAP', 'T2')).toBe(1);
    expect(seatsUsed(rows, 'p2', 'CDAP', 'T2')).toBe(0);
  });

  it('allows up to the limit and refuses one more with a clear message', () => {
    expect(checkQuota({ service: 'CDAP', profile: 'T2' }, 5, 4)).toBeNull();
    expect(checkQuota({ service: 'CDAP', profile: 'T2' }, 5, 5)).toBe(
      "Quota atteint pour le profil T2 (CDAP) : 5 habilitations pour 5 autorisées. Indiquez le motif du dépassement pour l'enregistrer quand même.",
    );
    expect(checkQuota({ service: 'CDAP', profile: 'T1' }, 1, 1)).toBe(
      "Quota atteint pour le profil T1 (CDAP) : 1 habilitation pour 1 autorisée. Indiquez le motif du dépassement pour l'enregistrer quand même.",
    );
  });

  it('refuses a profile that is not granted, and a zero quota', () => {
    expect(checkQuota({ service: 'CDAP', profile: 'T9' }, undefined, 0)).toMatch(/^Le profil T9 n'est pas accordé/);
    expect(checkQuota({ service: 'CDAP', profile: 'T9' }, 0, 0)).toMatch(/^Quota atteint pour le profil T9/);
  });

  it('accepts an explicit override reason, but not a blank one', () => {
    expect(checkQuota({ service: 'CDAP', profile: 'T2', overrideReason: 'Renfort accordé par courrier du 02/03' }, 5, 5)).toBeNull();
    expect(checkQuota({ service: 'CDAP', profile: 'T2', overrideReason: '   ' }, 5, 5)).not.toBeNull();
  });

  it('says whether the quota is available, reached or exceeded', () => {
    expect(quotaState(3, 2).level).toBe('disponible');
    expect(quotaState(3, 3).level).toBe('atteint');
    expect(quotaState(3, 4).level).toBe('depasse');
    expect(quotaState(undefined, 0).level).toBe('non-accorde');
    expect(quotaState(undefined, 1).level).toBe('depasse');
  });
});

describe('T4 instructor number', () => {
  it('is required for T4 only', () => {
    expect(checkInstructorNumber('T4', undefined)).toBe(INSTRUCTOR_NUMBER_REQUIRED);
    expect(checkInstructorNumber('T4', '  ')).toBe(INSTRUCTOR_NUMBER_REQUIRED);
    expect(checkInstructorNumber('T4', '974-0012')).toBeNull();
    expect(checkInstructorNumber('T1', undefined)).toBeNull();
  });
});

describe('end of access', () => {
  it('needs one of the three reasons and an end date not before the start', () => {
    expect(checkEndAccess({ startOn: '2024-01-01' }, undefined, '2025-01-01')).toBe(END_REASON_REQUIRED);
    expect(checkEndAccess({ startOn: '2024-01-01' }, 'autre', '2025-01-01')).toBe(END_REASON_REQUIRED);
    expect(checkEndAccess({ startOn: '2024-01-01' }, 'perte-vol', '2023-12-31')).toBe(END_DATE_BEFORE_START);
    for (const r of ['depart', 'changement-fonction', 'perte-vol']) expect(checkEndAccess({ startOn: '2024-01-01' }, r, '2024-01-01')).toBeNull();
  });
});
