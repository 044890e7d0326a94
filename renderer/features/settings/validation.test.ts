import { describe, expect, it } from 'vitest';
import { SETTINGS_MESSAGES, cafIdentityError, replicaLabelError, userNameError, workstationNameError } from './validation';

describe('Paramètres validation', () => {
  it('requires a user name of at most 120 characters', () => {
    expect(userNameError('   ')).toBe(SETTINGS_MESSAGES.userNameMissing);
    expect(userNameError('x'.repeat(121))).toBe('Le nom ne doit pas dépasser 120 caractères.');
    expect(userNameError('Agnès Payet')).toBeNull();
  });

  it('requires a workstation name at first run', () => {
    expect(workstationNameError('  ')).toBe(SETTINGS_MESSAGES.replicaLabelMissing);
    expect(workstationNameError('x'.repeat(81))).toBe(SETTINGS_MESSAGES.replicaLabelTooLong);
    expect(workstationNameError('Poste accueil')).toBeNull();
  });

  it('limits the replica label', () => {
    expect(replicaLabelError('x'.repeat(81))).toBe('Le nom du poste ne doit pas dépasser 80 caractères.');
    expect(replicaLabelError('Portable visite')).toBeNull();
  });

  it('requires the Caf name and checks the postal code when given', () => {
    expect(cafIdentityError({ name: '', postalCode: '' })).toBe('Indiquez le nom de la Caf.');
    expect(cafIdentityError({ name: 'Caf de la Réunion', postalCode: '978' })).toBe('Le code postal doit comporter exactement 5 chiffres.');
    expect(cafIdentityError({ name: 'Caf de la Réunion', postalCode: '97833' })).toBeNull();
    expect(cafIdentityError({ name: 'Caf du Haut-Rhin', postalCode: '' })).toBeNull();
  });
});
