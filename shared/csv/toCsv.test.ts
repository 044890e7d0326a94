import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, toCsvBytes } from './toCsv';

describe('toCsv', () => {
  const cols = [
    { header: 'Nom', value: (r: { name: string; n?: number }) => r.name },
    { header: 'Nombre', value: (r: { name: string; n?: number }) => r.n },
  ];

  it('starts with the BOM, uses ; and CRLF', () => {
    const csv = toCsv(cols, [{ name: 'Angoulême', n: 3 }, { name: 'Saint-Denis' }]);
    expect(csv).toBe('\uFEFFNom;Nombre\r\nAngoulême;3\r\nSaint-Denis;\r\n');
  });

  it('bytes start with EF BB BF', () => {
    const bytes = toCsvBytes(cols, [{ name: 'é' }]);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('Nom;Nombre');
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('il a dit "oui"')).toBe('"il a dit ""oui"""');
    expect(csvCell('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
    expect(csvCell(' espace ')).toBe('" espace "');
    expect(csvCell('simple')).toBe('simple');
  });

  it('neutralises formulas but keeps phone numbers and booleans readable', () => {
    expect(csvCell('=SOMME(A1)')).toBe("'=SOMME(A1)");
    expect(csvCell('+33 2 62 48 62 11')).toBe('+33 2 62 48 62 11');
    expect(csvCell(true)).toBe('oui');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-4)).toBe('-4');
  });

  it('empty list still has its header line', () => {
    expect(toCsv(cols, [])).toBe('\uFEFFNom;Nombre\r\n');
  });
});
