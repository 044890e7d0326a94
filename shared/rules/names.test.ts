import { describe, expect, it } from 'vitest';
import { personName } from './names';

describe('personName', () => {
  it('shows « Prénom NOM » whatever the typed case, accents kept', () => {
    expect(personName({ firstName: 'Hélène', lastName: 'Payet' })).toBe('Hélène PAYET');
    expect(personName({ firstName: ' Jean-Luc ', lastName: 'de la Hoarau ' })).toBe('Jean-Luc DE LA HOARAU');
    expect(personName({ firstName: 'Zoé', lastName: 'técher' })).toBe('Zoé TÉCHER');
  });
  it('leaves out a missing part without a stray space', () => {
    expect(personName({ firstName: '', lastName: 'Payet' })).toBe('PAYET');
    expect(personName({ firstName: 'Paul', lastName: '' })).toBe('Paul');
    expect(personName({})).toBe('');
  });
});
