import { describe, expect, it } from 'vitest';
import { formatHistoryValue, originText } from './format';

describe('history formatting', () => {
  it('shows values the way the office reads them', () => {
    expect(formatHistoryValue('signedOn', '2017-03-01')).toBe('01/03/2017');
    expect(formatHistoryValue('landline', '+262262486211')).toBe('02 62 48 62 11');
    expect(formatHistoryValue('kind', 'ccas-cias')).toBe('CCAS / CIAS');
    expect(formatHistoryValue('managementMode', 'delegue')).toBe('Délégué');
    expect(formatHistoryValue('tacitRenewal', false)).toBe('non');
    expect(formatHistoryValue('email', undefined)).toBe('∅');
    expect(formatHistoryValue('roles', [{ role: 'administrateur', from: '2020-01-01', until: '2026-11-23' }])).toBe(
      "Administrateur principal (depuis le 01/01/2020, jusqu'au 23/11/2026)",
    );
    expect(formatHistoryValue('address', { line1: '2 rue de Paris', line2: '', postalCode: '97400', city: 'Saint-Denis' })).toBe('2 rue de Paris, 97400 Saint-Denis');
    expect(formatHistoryValue('_deleted', 1)).toBe('supprimé');
  });
  it('says where a change came from', () => {
    expect(originText({ origin: 'local' })).toBe('ce poste');
    expect(originText({ origin: 'bundle', source: 'Portable visite' })).toBe('lot importé de Portable visite');
  });
});
