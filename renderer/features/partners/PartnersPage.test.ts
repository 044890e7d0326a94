import { describe, expect, it } from 'vitest';
import { filterPartnerRows, type PartnerFilters } from './partnerList';
import type { PartnerRow } from './actions';

const row = (name: string, p: Partial<PartnerRow> & { city?: string; kind?: PartnerRow['partner']['kind']; archived?: boolean; mode?: 'delegue' | 'centralise' } = {}): PartnerRow => ({
  partner: {
    id: name,
    cafId: 'c',
    name,
    kind: p.kind ?? 'commune',
    siret: '',
    address: { line1: '', line2: '', postalCode: '16000', city: p.city ?? 'Angoulême' },
    representative: { firstName: '', lastName: '', title: '' },
    status: p.archived ? 'archive' : 'actif',
    notes: '',
  },
  convention: { id: `${name}-c`, partnerId: name, number: '1/2017', tacitRenewal: true, managementMode: p.mode ?? 'delegue', missions: '', amendments: [], services: [] },
  status: p.status ?? 'en-vigueur',
  renewal: p.renewal,
});

const none: PartnerFilters = { text: '', kind: '', status: '', mode: '', renewalMonth: '', archived: false, sort: { column: 'name', direction: 'asc' } };

describe('partner list filters and sort', () => {
  const rows = [
    row('Mairie de Zèbre', { renewal: '2027-01-15' }),
    row('CCAS d’Angoulême', { kind: 'ccas-cias', mode: 'centralise', renewal: '2026-12-01' }),
    row('Ancien partenaire', { archived: true, status: 'resiliee' }),
    row('Bailleur', { kind: 'bailleur-social', city: 'Le Port', status: 'signee', renewal: '2027-01-02' }),
  ];
  const names = (f: Partial<PartnerFilters>) => filterPartnerRows(rows, { ...none, ...f }).map((r) => r.partner.name);

  it('hides archived partners unless asked, sorts by name in French order', () => {
    expect(names({})).toEqual(['Bailleur', 'CCAS d’Angoulême', 'Mairie de Zèbre']);
    expect(names({ archived: true })).toHaveLength(4);
    expect(names({ sort: { column: 'name', direction: 'desc' } })[0]).toBe('Mairie de Zèbre');
  });
  it('filters by kind, status, mode, renewal month and text without accents', () => {
    expect(names({ kind: 'ccas-cias' })).toEqual(['CCAS d’Angoulême']);
    expect(names({ status: 'signee' })).toEqual(['Bailleur']);
    expect(names({ mode: 'centralise' })).toEqual(['CCAS d’Angoulême']);
    expect(names({ renewalMonth: '2027-01' })).toEqual(['Bailleur', 'Mairie de Zèbre']);
    expect(names({ text: 'angouleme ccas' })).toEqual(['CCAS d’Angoulême']);
    expect(names({ text: 'le port' })).toEqual(['Bailleur']);
  });
  it('sorts by renewal with blanks last', () => {
    expect(names({ archived: true, sort: { column: 'renewal', direction: 'asc' } })).toEqual(['CCAS d’Angoulême', 'Bailleur', 'Mairie de Zèbre', 'Ancien partenaire']);
  });
});
