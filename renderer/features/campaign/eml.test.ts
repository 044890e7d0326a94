import { describe, expect, it } from 'vitest';
import PostalMime from 'postal-mime';
import { buildEml, mailtoLink } from './eml';

describe('e-mail drafts (.eml)', () => {
  const pdf = new Uint8Array(5000).map((_, i) => (i * 31) % 256);
  pdf.set(new TextEncoder().encode('%PDF-1.7'), 0);
  const eml = buildEml({
    from: { name: "Caisse d'Allocations familiales du Haut-Rhin", email: 'mcp@caf68.fr' },
    to: { name: 'Christine BAJARD', email: 'bajard@haut-rhin.fr' },
    cc: { name: 'Zoé LHÔTE', email: 'zoe.lhote@haut-rhin.fr' },
    subject: 'Revue inverse des habilitations 2027 — Département du Haut-Rhin : à retourner avant le 31/01/2027',
    text: 'Madame,\n\nVeuillez trouver ci-joint le courrier (été, Noël, « guillemets »).\n\nCordialement',
    attachment: { fileName: '2027_Revue-inverse_Departement-du-Haut-Rhin.pdf', contentType: 'application/pdf', data: pdf },
  });

  it('parses back: headers, encoded French subject, draft flag, text and attachment intact', async () => {
    expect(eml).toMatch(/^X-Unsent: 1$/m);
    expect(eml).toMatch(/^Subject: =\?utf-8\?B\?/im);
    // Every line within RFC 5322's 998-character limit, bodies in 76-character lines.
    for (const line of eml.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    const parsed = await PostalMime.parse(eml);
    expect(parsed.subject).toBe('Revue inverse des habilitations 2027 — Département du Haut-Rhin : à retourner avant le 31/01/2027');
    expect(parsed.from).toEqual({ name: "Caisse d'Allocations familiales du Haut-Rhin", address: 'mcp@caf68.fr' });
    expect(parsed.to).toEqual([{ name: 'Christine BAJARD', address: 'bajard@haut-rhin.fr' }]);
    expect(parsed.cc).toEqual([{ name: 'Zoé LHÔTE', address: 'zoe.lhote@haut-rhin.fr' }]);
    expect(parsed.headers.find((h) => h.key === 'x-unsent')?.value).toBe('1');
    expect(parsed.text?.replace(/\r\n/g, '\n').trim()).toBe('Madame,\n\nVeuillez trouver ci-joint le courrier (été, Noël, « guillemets »).\n\nCordialement');
    expect(parsed.attachments).toHaveLength(1);
    const a = parsed.attachments[0]!;
    expect(a.filename).toBe('2027_Revue-inverse_Departement-du-Haut-Rhin.pdf');
    expect(a.mimeType).toBe('application/pdf');
    expect(new Uint8Array(a.content as ArrayBuffer)).toEqual(pdf);
  });

  it('no Cc line when the partner has no suppléant', () => {
    const noCc = buildEml({ from: { name: '', email: 'a@b.fr' }, to: { name: 'X', email: 'x@y.fr' }, subject: 'Objet', text: 'Texte' });
    expect(noCc).not.toMatch(/^Cc:/m);
  });

  it('mailto: link with encoded subject, body and copy', () => {
    expect(mailtoLink('bajard@haut-rhin.fr', 'Relance : revue inverse', 'Madame,\nMerci.', 'zoe@x.fr')).toBe(
      'mailto:bajard@haut-rhin.fr?cc=zoe%40x.fr&subject=Relance%20%3A%20revue%20inverse&body=Madame%2C%0D%0AMerci.',
    );
  });
});
