/**
 * Sync bench figures (issue 6), in Chromium, on the stress set loaded in the app database:
 *
 * - `bundle.kdf_ms`: one PBKDF2-SHA-256 derivation at 600,000 iterations (the real KDF), reported on its own.
 *   Every export pays one (a fresh salt per bundle, issue 10); reading a file pays one the first time.
 * - `bundle.export_full_ms.stress`: full export (read in one transaction, wire form, JSON, deflate, AES-GCM,
 *   SHA-256) of the ≈ 204,000 records, 100 partner edits after the previous one: the cache's texts joined, the
 *   changed records re-encoded (renderer/sync/wireCache.ts).
 * - `bundle.export_first_ms.stress`: the first full export, without a cache (every record read, cache written).
 * - `bundle.bytes_per_record.stress`: size of that file divided by its record count.
 * - `bundle.import_full_ms.stress`: that file imported into an empty database: checks, decryption,
 *   decompression, validation of every record, merge and write in one transaction.
 * - `bundle.import_decode_ms.stress`: the part of that import spent before the database (checks, decryption,
 *   decompression, JSON, validation).
 * - `bundle.decode_worker_ms.stress`: the part of that decoding spent inside the bundle worker (decode.worker.ts:
 *   key derivations, decryption, inflate, scan, JSON, validation), timed there; the rest of
 *   `import_decode_ms` is the transfer of the file in and of the records out.
 * - `bundle.import_vs_bulkput_ratio.stress`: rows per second of that import divided by rows per second of a raw
 *   Dexie bulkPut of the same records into an empty database, measured in the same run.
 * - `bundle.history_bytes_per_line.stress`: what one history line adds to a bundle (compressed, encrypted): 1,000
 *   edits of the stress workstation (one line each: author, time, workstation, field, old → new, action), the
 *   same bundle encoded with and without those lines, the difference divided by the lines. Records alone are
 *   `bytes_per_record` (the stress set is loaded without stamped lines, so that file carries none).
 * - `bundle.delta_roundtrip_ms.100edits`: 100 partner edits on the stress workstation, then delta export for
 *   the peer (judged from its last bundle) + decode + import on that peer (which holds the full copy).
 */
import Dexie from 'dexie';
import { AppDatabase } from '../../db/database';
import { Store } from '../../db/store';
import { clearKeyCache, deriveKeys, lastKeyDerivationMs } from '../../../shared/sync/crypto';
import { lastWorkerDecodeMs } from '../../sync/decodeClient';
import { dropWireCache } from '../../sync/wireCache';
import { applyImport, decode, exportBundle, selectHistoryForPeer, type ExportResult, type Identity } from '../../sync/engine';
import { encodeBundle, type EncodeInput } from '../../../shared/sync';
import { CURRENT_SCHEMA_VERSION } from '../../db/schema';
import { measureBulkPut, prepareDatabase } from '../datasets';
import { registerFigure } from '../registry';

const PASS = 'phrase de passe du banc de mesure';
const A: Identity = { replicaId: 'b0000000000000a1', replicaLabel: 'Poste banc A', userName: 'Banc de mesure' };
const B: Identity = { replicaId: 'b0000000000000c1', replicaLabel: 'Poste banc B', userName: 'Banc de mesure' };
const IMPORT_DB = 'bench-sync-import';

let exported: Promise<{ out: ExportResult; ms: number; firstMs: number }> | null = null;
let imported: Promise<{ ms: number; decodeMs: number; workerMs: number; records: number; ratio: number; db: AppDatabase; store: Store }> | null = null;

/** One full export, its phases printed by bench/run.ts. */
async function timedExport(db: AppDatabase, store: Store, name: string): Promise<{ out: ExportResult; ms: number }> {
  const t0 = performance.now();
  // Where the export's time goes: the end of each phase, printed by bench/run.ts.
  let phase = '';
  let at = t0;
  const out = await exportBundle(db, store, {
    purpose: 'export',
    passphrase: PASS,
    identity: A,
    onProgress: (label) => {
      if (label === phase) return;
      const now = performance.now();
      if (phase) console.log(`[banc] ${name} : ${phase} ${Math.round(now - at)} ms`);
      phase = label;
      at = now;
    },
  });
  const ms = performance.now() - t0;
  console.log(`[banc] ${name} : ${phase} ${Math.round(t0 + ms - at)} ms (cache ${out.cache?.used ? `utilisé, ${out.cache.changed} enregistrement(s) réencodé(s)` : 'reconstruit'})`);
  const s0 = performance.now();
  console.log(`[banc] ${name} : cache ${await out.cacheSaved} en ${Math.round(performance.now() - s0)} ms (après le fichier)`);
  return { out, ms };
}

/**
 * The first full export reads every record and writes the cache (wireCache.ts); then 100 partner edits, as a
 * day's work between two exports; the export after them is `bundle.export_full_ms.stress`.
 */
function fullExport() {
  exported ??= (async () => {
    const { db, store } = await prepareDatabase('stress');
    await dropWireCache(db);
    const first = await timedExport(db, store, 'premier export');
    const ids = (await db.partners.offset(2000).limit(100).primaryKeys()) as string[];
    const stamp = Date.now();
    for (const [i, id] of ids.entries()) await store.write('Modification (banc export)', (ctx) => ctx.update('partners', id, { notes: `Export ${stamp}-${i}` }));
    const { out, ms } = await timedExport(db, store, 'export');
    if (out.cache?.used !== true || out.recordCount !== first.out.recordCount) throw new Error(`Export depuis le cache inattendu : ${JSON.stringify(out.cache)}, ${out.recordCount} / ${first.out.recordCount}`);
    return { out, ms, firstMs: first.ms };
  })();
  return exported;
}

function fullImport() {
  imported ??= (async () => {
    const { out } = await fullExport();
    await Dexie.delete(IMPORT_DB);
    const db = new AppDatabase(IMPORT_DB);
    const store = new Store(db, B.replicaId, () => B.userName);
    await store.open();
    const t0 = performance.now();
    const decoded = await decode(out.bytes, PASS);
    const decodeMs = performance.now() - t0;
    const workerMs = lastWorkerDecodeMs();
    const outcome = await applyImport(db, store, decoded, B);
    const ms = performance.now() - t0;
    if (outcome.result?.written !== decoded.recordCount) throw new Error(`Import incomplet : ${outcome.result?.written} / ${decoded.recordCount}`);
    const bulkRowsPerS = await measureBulkPut(decoded.tables, 'bench-sync-bulkput');
    const ratio = decoded.recordCount / (ms / 1000) / bulkRowsPerS;
    return { ms, decodeMs, workerMs, records: decoded.recordCount, ratio, db, store };
  })();
  return imported;
}

registerFigure({
  id: 'bundle.kdf_ms',
  unit: 'ms',
  label: 'Dérivation de clé PBKDF2-SHA-256, 600 000 itérations (une par lot écrit, sel neuf à chaque lot)',
  async run() {
    clearKeyCache();
    await deriveKeys(PASS, crypto.getRandomValues(new Uint8Array(16)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), ''), 600_000);
    return lastKeyDerivationMs();
  },
});

registerFigure({
  id: 'bundle.export_full_ms.stress',
  unit: 'ms',
  label: 'Export complet chiffré du jeu stress (≈ 204 000 enregistrements, dérivation de clé comprise), 100 modifications après le précédent',
  dataset: 'stress',
  run: async () => (await fullExport()).ms,
});

registerFigure({
  id: 'bundle.export_first_ms.stress',
  unit: 'ms',
  label: 'Premier export complet, sans cache : lecture de chaque enregistrement, puis écriture du cache',
  dataset: 'stress',
  run: async () => (await fullExport()).firstMs,
});

registerFigure({
  id: 'bundle.bytes_per_record.stress',
  unit: 'octets',
  label: 'Taille du fichier complet par enregistrement (compressé, chiffré)',
  dataset: 'stress',
  run: async () => {
    const { out } = await fullExport();
    return out.bytes.byteLength / out.recordCount;
  },
});

registerFigure({
  id: 'bundle.import_full_ms.stress',
  unit: 'ms',
  label: 'Import du fichier complet dans une base vide (vérifications, déchiffrement, validation, fusion, écriture)',
  dataset: 'stress',
  run: async () => (await fullImport()).ms,
});

registerFigure({
  id: 'bundle.import_decode_ms.stress',
  unit: 'ms',
  label: 'Dont lecture du fichier : contrôles, déchiffrement, décompression, JSON et validation de chaque enregistrement',
  dataset: 'stress',
  run: async () => (await fullImport()).decodeMs,
});

registerFigure({
  id: 'bundle.decode_worker_ms.stress',
  unit: 'ms',
  label: 'Dont temps passé dans le worker de lecture (hors transferts entre la page et le worker)',
  dataset: 'stress',
  run: async () => (await fullImport()).workerMs,
});

registerFigure({
  id: 'bundle.import_vs_bulkput_ratio.stress',
  unit: 'ratio',
  label: 'Débit de l’import (lignes/s) ÷ débit d’un bulkPut Dexie brut des mêmes lignes (objectif ≥ 0,8)',
  dataset: 'stress',
  run: async () => (await fullImport()).ratio,
});

registerFigure({
  id: 'bundle.delta_roundtrip_ms.100edits',
  unit: 'ms',
  label: '100 modifications : export des seules modifications pour l’autre poste + import chez lui',
  dataset: 'stress',
  async run() {
    const a = await prepareDatabase('stress');
    const b = await fullImport();
    // B tells A what it has (a small delta from B): A can then judge what B lacks.
    await a.db.peers.delete(B.replicaId);
    const back = await exportBundle(b.db, b.store, { purpose: 'sync', passphrase: PASS, identity: B, peerId: A.replicaId });
    await applyImport(a.db, a.store, await decode(back.bytes, PASS), A);
    const ids = (await a.db.partners.limit(100).primaryKeys()) as string[];
    const stamp = Date.now();
    for (const [i, id] of ids.entries()) {
      await a.store.write('Modification (banc)', (ctx) => ctx.update('partners', id, { notes: `Visite ${stamp}-${i}` }));
    }
    const t0 = performance.now();
    const delta = await exportBundle(a.db, a.store, { purpose: 'sync', passphrase: PASS, identity: A, peerId: B.replicaId });
    const outcome = await applyImport(b.db, b.store, await decode(delta.bytes, PASS), B);
    const ms = performance.now() - t0;
    if (outcome.result?.counts.partners?.modified !== ids.length) throw new Error(`Delta incomplet : ${JSON.stringify(outcome.result?.counts)}`);
    return ms;
  },
});

const HISTORY_ACTION = 'Modification (banc historique)';

registerFigure({
  id: 'bundle.history_bytes_per_line.stress',
  unit: 'octets',
  label: 'Ce qu’ajoute une ligne d’historique à un lot (compressée, chiffrée) : 1 000 modifications du poste stress',
  dataset: 'stress',
  async run() {
    const { db, store } = await prepareDatabase('stress');
    const ids = (await db.partners.offset(500).limit(1000).primaryKeys()) as string[];
    const stamp = Date.now();
    for (const [i, id] of ids.entries()) {
      await store.write(HISTORY_ACTION, (ctx) => ctx.update('partners', id, { notes: `Visite du ${(i % 28) + 1}/11, point sur les habilitations ${stamp}` }));
    }
    const lines = (await selectHistoryForPeer(db, {}, A.replicaLabel)).filter((l) => l.action === HISTORY_ACTION);
    if (lines.length < ids.length) throw new Error(`Lignes d’historique manquantes : ${lines.length} / ${ids.length}`);
    const input: EncodeInput = {
      bundleId: 'banc-historique',
      schemaVersion: CURRENT_SCHEMA_VERSION,
      replicaId: store.replicaId,
      replicaLabel: A.replicaLabel,
      createdAt: new Date().toISOString(),
      vector: {},
      baseVector: {},
      purpose: 'sync',
      tables: {},
      passphrase: PASS,
    };
    const without = await encodeBundle(input);
    const withLines = await encodeBundle({ ...input, history: lines });
    return (withLines.bytes.byteLength - without.bytes.byteLength) / lines.length;
  },
});
