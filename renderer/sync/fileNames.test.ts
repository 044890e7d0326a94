import { describe, expect, it } from 'vitest';
import { bundleFileName, bundleFileTime, fileSlug, identityLabelled } from './engine';

describe('bundle file names carry the workstation name', () => {
  const at = new Date(2026, 11, 1, 9, 30, 5, 42);
  it('names sync files, exports and backups after the workstation', () => {
    const id = { replicaId: '0123456789abcdef', replicaLabel: "Poste d'accueil n°2" };
    expect(bundleFileName(id, at, 'sync')).toBe('0123456789abcdef_Poste-d-accueil-n-2_20261201-093005-042.mcpsync');
    expect(bundleFileName(id, at, 'backup')).toBe('sauvegarde_Poste-d-accueil-n-2_20261201-093005-042.mcpsync');
  });
  it('keeps file names safe and orders them by time even when the name changed', () => {
    expect(fileSlug('Élodie — Portable / visite')).toBe('Elodie-Portable-visite');
    expect(fileSlug('***')).toBe('poste');
    const older = bundleFileName({ replicaId: '0123456789abcdef', replicaLabel: 'Zèbre' }, at, 'sync');
    const newer = bundleFileName({ replicaId: '0123456789abcdef', replicaLabel: 'Accueil' }, new Date(at.getTime() + 1000), 'sync');
    expect([newer, older].sort((a, b) => bundleFileTime(a).localeCompare(bundleFileTime(b)))).toEqual([older, newer]);
  });
  it('a workstation never named is « Poste » and the start of its id', () => {
    expect(identityLabelled({ replicaId: 'cacdb7aa00000000', replicaLabel: ' ', userName: 'A' }).replicaLabel).toBe('Poste cacdb7');
  });
});
