/**
 * Issue 14: the signed document stays with the convention and travels to other workstations once per file.
 * Two stations exchange bundles through the real engine (fake-indexeddb under Node).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../db/store';
import { applyImport, decode, exportBundle, previewImport } from '../../sync/engine';
import { BundleError, encodeBundle } from '../../../shared/sync';
import { toHex } from '../../../shared/sync/bytes';
import { sha256 } from '../../../shared/sync/crypto';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/domain/attachment';
import { CURRENT_SCHEMA_VERSION } from '../../db/schema';
import { attachDocument, attachmentsOf, blobOf, prepareDocument, removeAttachment } from './actions';
import { stations, type Station, dumpTables as dump } from '../../sync/testing/stations';
import { linesOfWrites } from '../../../shared/sync/history';

const PASS = 'phrase de passe du service';
const station = stations('att', { storeUser: (label) => label });
const exportFrom = (s: Station, peerId?: string) => exportBundle(s.db, s.store, { purpose: 'sync', passphrase: PASS, identity: s.identity, peerId: peerId ?? null });
async function importInto(s: Station, bytes: Uint8Array) {
  const decoded = await decode(bytes, PASS);
  await previewImport(s.db, decoded, s.identity.replicaId);
  return applyImport(s.db, s.store, decoded, s.identity);
}

async function withConventions(s: Station) {
  await s.store.write('Création', async (ctx) => {
    await ctx.create('partners', { id: 'p-1', cafId: 'caf-1', name: 'Mairie de Colmar', kind: 'commune', siret: '', address: { line1: '', line2: '', postalCode: '', city: '' }, representative: { firstName: '', lastName: '', title: '' }, status: 'actif', notes: '' } as never);
    await ctx.create('conventions', { id: 'c-1', partnerId: 'p-1', managementMode: 'delegue' } as never);
    await ctx.create('conventions', { id: 'c-2', partnerId: 'p-1', managementMode: 'centralise' } as never);
  });
}

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF`);

describe('documents kept with a convention', () => {
  it('are stored by SHA-256 with their record, and listed with the convention', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'Poste accueil');
    await withConventions(a);
    const bytes = pdf('Convention signée');
    const doc = await prepareDocument('convention-colmar.pdf', bytes);
    expect(doc.sha256).toBe(toHex(await sha256(bytes)));
    expect(doc.mimeType).toBe('application/pdf');
    await attachDocument(a.store, doc, 'c-1', 'p-1');
    await attachDocument(a.store, doc, 'c-1', 'p-1'); // the same file again: one record
    const list = await attachmentsOf(a.db, 'c-1');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ fileName: 'convention-colmar.pdf', sha256: doc.sha256, size: bytes.length, held: true, origin: 'ajout' });
    expect(await blobOf(a.db, doc.sha256)).toEqual(bytes);
    const hist = await linesOfWrites(await a.db.history.where('[table+recordId]').equals(['attachments', list[0]!.id]).toArray());
    expect(hist.map((h) => h.action)).toContain('Document joint : convention-colmar.pdf');
  });

  it('refuses a file over the limit with a French message, nothing written', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'Poste accueil');
    await withConventions(a);
    const before = await dump(a.db);
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    const e = await prepareDocument('scan-600ppp.pdf', big).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as Error).message).toBe(
      "« scan-600ppp.pdf » pèse 25 Mo : un document joint ne peut dépasser 25 Mo. Réduisez-le (numérisation en 200 ppp, noir et blanc) ou joignez-le en plusieurs parties. Rien n'a été enregistré.",
    );
    expect(await dump(a.db)).toEqual(before);
  });

  it('travel once per file: in the first bundle, never again to a peer that has them', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'A');
    const b = await station('bbbbbbbbbbbbbbbb', 'B');
    await withConventions(a);
    const doc = await prepareDocument('convention.pdf', pdf('Convention signée'));
    await attachDocument(a.store, doc, 'c-1', 'p-1');
    const first = await exportFrom(a);
    expect(first.header.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(first.blobCount).toBe(1);
    await importInto(b, first.bytes);
    expect(await blobOf(b.db, doc.sha256)).toEqual(doc.bytes);
    expect((await attachmentsOf(b.db, 'c-1'))[0]).toMatchObject({ held: true, fileName: 'convention.pdf' });
    await importInto(a, (await exportFrom(b)).bytes); // A learns what B has seen

    // The same content kept with another convention: its record travels, its bytes do not (B has them).
    await attachDocument(a.store, doc, 'c-2', 'p-1');
    const again = await exportFrom(a, 'bbbbbbbbbbbbbbbb');
    expect(again.header.kind).toBe('delta');
    expect(again.recordCount).toBe(1);
    expect(again.blobCount).toBe(0);
    expect(again.header.blobBytes).toBe(0);
    await importInto(b, again.bytes);
    expect((await attachmentsOf(b.db, 'c-2'))[0]).toMatchObject({ held: true });

    // An unrelated edit: no document in the delta.
    await a.store.write('Modification', (ctx) => ctx.update('partners', 'p-1', { notes: 'Visite' }));
    expect((await exportFrom(a, 'bbbbbbbbbbbbbbbb')).blobCount).toBe(0);

    // A new file: only it.
    const annex = await prepareDocument('annexe-1.docx', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]));
    await attachDocument(a.store, annex, 'c-1', 'p-1');
    const third = await exportFrom(a, 'bbbbbbbbbbbbbbbb');
    expect(third.blobCount).toBe(1);
    expect(third.header.blobBytes).toBe(annex.bytes.length);
    await importInto(b, third.bytes);
    expect(await blobOf(b.db, annex.sha256)).toEqual(annex.bytes);

    // Removed on A: the record's tombstone travels; B lists it no more.
    await removeAttachment(a.store, (await attachmentsOf(a.db, 'c-1')).find((x) => x.fileName === 'annexe-1.docx')!.id, 'annexe-1.docx');
    await importInto(b, (await exportFrom(a, 'bbbbbbbbbbbbbbbb')).bytes);
    expect((await attachmentsOf(b.db, 'c-1')).map((x) => x.fileName)).toEqual(['convention.pdf']);
  });

  it('a record whose bytes have not arrived is listed as « pas encore reçu », and filled by a later bundle', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'A');
    const b = await station('bbbbbbbbbbbbbbbb', 'B');
    const c = await station('cccccccccccccccc', 'C');
    await withConventions(a);
    const doc = await prepareDocument('convention.pdf', pdf('Convention'));
    await attachDocument(a.store, doc, 'c-1', 'p-1');
    await importInto(b, (await exportFrom(a)).bytes);
    await b.db.blobs.clear(); // B lost the bytes (say, a base restored without them)
    await importInto(c, (await exportFrom(b)).bytes);
    expect((await attachmentsOf(c.db, 'c-1'))[0]).toMatchObject({ held: false });
    await importInto(c, (await exportFrom(a)).bytes);
    expect((await attachmentsOf(c.db, 'c-1'))[0]).toMatchObject({ held: true });
  });

  it('a bundle with bytes that do not match their SHA-256 is refused in French and the base is unchanged', async () => {
    const a = await station('aaaaaaaaaaaaaaaa', 'A');
    const b = await station('bbbbbbbbbbbbbbbb', 'B');
    await withConventions(a);
    const doc = await prepareDocument('convention.pdf', pdf('Convention'));
    await attachDocument(a.store, doc, 'c-1', 'p-1');
    const tables = { attachments: await a.db.attachments.toArray(), partners: await a.db.partners.toArray() };
    const forged = await encodeBundle({
      bundleId: 'forged-bundle',
      schemaVersion: CURRENT_SCHEMA_VERSION,
      replicaId: 'aaaaaaaaaaaaaaaa',
      replicaLabel: 'A',
      createdAt: new Date().toISOString(),
      vector: {},
      baseVector: {},
      purpose: 'sync',
      tables,
      passphrase: PASS,
      blobs: [{ sha256: doc.sha256, bytes: pdf('Convention falsifiée') }],
      rawBlobList: [{ sha256: doc.sha256, size: doc.bytes.length }],
    });
    const before = await dump(b.db);
    const e = await decode(forged.bytes, PASS).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BundleError);
    expect((e as Error).message).toMatch(/^Le fichier contient un document joint invalide : /);
    expect(await dump(b.db)).toEqual(before);
  });
});
