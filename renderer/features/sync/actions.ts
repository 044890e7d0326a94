/**
 * Sync actions that are not tied to one screen: the shared folder « Synchroniser », backups (write, prune,
 * daily check). They take the services explicitly so the global pieces (timer, before-quit) can use them.
 */
import { differenceInHours, format, parseISO } from 'date-fns';
import type { AppDatabase } from '../../db/database';
import type { Store } from '../../db/store';
import type { Platform } from '../../platform/types';
import type { Settings, SettingsPatch } from '../../../shared/settings/schema';
import { BUNDLE_EXTENSION } from '../../../shared/ipc/contract';
import { BundleError, dominates, readBundleHeader, type ApplyResult, type BundleHeader, type DecodedBundle, type PassphraseInput } from '../../../shared/sync';
import { applyRollback, planRollback, type RollbackPlan } from '../../sync/rollback';
import { CURRENT_SCHEMA_VERSION } from '../../db/schema';
import { storageFailureMessage } from '../../db/storageErrors';
import { applyImport, bundleFileTime, decode, exportBundle, identityLabelled, knownVector, mergeHistoryLines, sharedFolderBase, type Identity } from '../../sync/engine';

export interface SyncContext {
  db: AppDatabase;
  store: Store;
  platform: Platform;
  settings: Settings;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
}

export const BACKUP_PREFIX = 'sauvegarde_';
/** Files of the shared folder already handled: name → `size:modifiedAt`. */
export const FOLDER_SEEN_KEY = 'sync.folderSeen';
/** Own bundle files kept in the shared folder (the newest covers everything the older ones did). */
const OWN_FILES_KEPT = 3;

/** Who this base is: its replica id is the base's own (bound to it, see renderer/sync/identity.ts), not the settings'. */
export function identityOf(settings: Settings, store: Store): Identity {
  return identityLabelled({ replicaId: store.replicaId, replicaLabel: settings.replicaLabel, userName: settings.userName });
}

/** Names of the bundle files this base wrote in the shared folder (the only ones it may delete). */
export const FOLDER_WRITTEN_KEY = 'sync.folderWritten';

export interface FolderImportLine {
  file: string;
  from?: string;
  status: 'importé' | 'déjà importé' | 'refusé';
  /** A delta whose left-out part this workstation had not seen (a workstation joining): more will come. */
  partial?: boolean;
  message?: string;
  result?: ApplyResult;
}

export interface SyncReport {
  imported: FolderImportLine[];
  written?: { file: string; records: number; kind: 'full' | 'delta' };
  writeError?: string;
  /** French explanation when this base took a new replica id during the import. */
  identityChange?: string;
}

const isBundleName = (n: string) => n.toLowerCase().endsWith(`.${BUNDLE_EXTENSION}`);

/**
 * « Synchroniser »: import every new bundle other workstations left in the shared folder, then write this
 * workstation's delta (against what every known workstation has seen; full when none is known).
 */
export async function syncSharedFolder(ctx: SyncContext, passphrase: PassphraseInput, onStep?: (label: string) => void): Promise<SyncReport> {
  const report: SyncReport = { imported: [] };
  const entries = await ctx.platform.listFolder('sync');
  // Own files are the ones this base wrote, by name — never by the id prefix, which a copied base shares.
  const writtenValue = (await ctx.db.meta.get(FOLDER_WRITTEN_KEY))?.value;
  const written = new Set(Array.isArray(writtenValue) ? writtenValue.filter((n): n is string => typeof n === 'string') : []);
  const theirs = entries.filter((e) => isBundleName(e.name) && !written.has(e.name)).sort((a, b) => a.name.localeCompare(b.name));
  // Files already handled (same name, size and date) are not even read again: the share may be slow.
  const seenValue = (await ctx.db.meta.get(FOLDER_SEEN_KEY))?.value;
  const seen: Record<string, string> = seenValue && typeof seenValue === 'object' ? { ...(seenValue as Record<string, string>) } : {};
  const fingerprint = (e: { size: number; modifiedAt: string }) => `${e.size}:${e.modifiedAt}`;
  for (const entry of theirs) {
    if (seen[entry.name] === fingerprint(entry)) {
      report.imported.push({ file: entry.name, status: 'déjà importé' });
      continue;
    }
    onStep?.(`Lecture de ${entry.name}`);
    try {
      const bytes = await ctx.platform.readFromFolder('sync', entry.name);
      // Cheap check first: skip files already imported without decrypting them.
      const { header } = await readBundleHeader(bytes, CURRENT_SCHEMA_VERSION);
      const peer = await ctx.db.peers.get(header.replicaId);
      if (peer?.importedBundleIds.includes(header.bundleId)) {
        report.imported.push({ file: entry.name, from: header.replicaLabel, status: 'déjà importé' });
        seen[entry.name] = fingerprint(entry);
        continue;
      }
      const decoded = await decode(bytes, passphrase);
      const before = await knownVector(ctx.db);
      const outcome = await applyImport(ctx.db, ctx.store, decoded, identityOf(ctx.settings, ctx.store));
      if (outcome.identityChange) report.identityChange = outcome.identityChange.message;
      seen[entry.name] = fingerprint(entry);
      report.imported.push({
        file: entry.name,
        from: header.replicaLabel,
        ...(header.kind === 'delta' && !dominates({ ...before, [ctx.store.replicaId]: ctx.store.hlc.current() }, header.baseVector) ? { partial: true } : {}),
        status: outcome.alreadyImported ? 'déjà importé' : 'importé',
        ...(outcome.result ? { result: outcome.result } : {}),
      });
    } catch (e) {
      report.imported.push({ file: entry.name, status: 'refusé', message: e instanceof Error ? e.message : String(e) });
    }
  }
  // Forget files that left the folder, so the list does not grow forever.
  const present = new Set(theirs.map((e) => e.name));
  for (const name of Object.keys(seen)) if (!present.has(name)) delete seen[name];
  await ctx.db.meta.put({ key: FOLDER_SEEN_KEY, value: seen });
  onStep?.('Écriture des modifications de ce poste');
  try {
    const base = await sharedFolderBase(ctx.db);
    const out = await exportBundle(ctx.db, ctx.store, { purpose: 'sync', passphrase, identity: identityOf(ctx.settings, ctx.store), baseVector: base });
    // Remembered before writing: a file this base wrote is never taken for another workstation's.
    written.add(out.fileName);
    await ctx.db.meta.put({ key: FOLDER_WRITTEN_KEY, value: [...written] });
    await ctx.platform.writeToFolder('sync', out.fileName, out.bytes);
    report.written = { file: out.fileName, records: out.recordCount, kind: out.header.kind };
    // Only files this base wrote, oldest first (names carry the time); forgotten once gone from the folder.
    const present = new Set(entries.map((e) => e.name));
    const own = [...written].filter((n) => n !== out.fileName && present.has(n)).sort((a, b) => bundleFileTime(a).localeCompare(bundleFileTime(b)));
    const removed = own.slice(0, Math.max(0, own.length - (OWN_FILES_KEPT - 1)));
    for (const old of removed) await ctx.platform.removeFromFolder('sync', old);
    const keep = [...written].filter((n) => n === out.fileName || (present.has(n) && !removed.includes(n)));
    await ctx.db.meta.put({ key: FOLDER_WRITTEN_KEY, value: keep });
  } catch (e) {
    report.writeError = e instanceof Error ? e.message : String(e);
  }
  return report;
}

export async function listBackups(platform: Platform) {
  const entries = await platform.listFolder('backups');
  return entries.filter((e) => e.name.startsWith(BACKUP_PREFIX) && isBundleName(e.name)).sort((a, b) => bundleFileTime(b.name).localeCompare(bundleFileTime(a.name)));
}

/**
 * An encrypted full bundle in the backups folder, then only the newest `keep` are kept (and `spare`, the backup
 * being restored, whatever its age).
 */
export async function writeBackup(ctx: SyncContext, passphrase: PassphraseInput, spare?: string): Promise<{ file: string; removed: string[] }> {
  const out = await exportBundle(ctx.db, ctx.store, { purpose: 'backup', passphrase, identity: identityOf(ctx.settings, ctx.store) });
  await ctx.platform.writeToFolder('backups', out.fileName, out.bytes);
  const removed: string[] = [];
  const all = (await listBackups(ctx.platform)).filter((e) => e.name !== spare);
  for (const old of all.slice(ctx.settings.backups.keep)) {
    await ctx.platform.removeFromFolder('backups', old.name);
    removed.push(old.name);
  }
  await ctx.updateSettings({ backups: { ...ctx.settings.backups, lastAt: new Date().toISOString() } });
  return { file: out.fileName, removed };
}

export interface RollbackOutcome {
  plan: RollbackPlan;
  /** The backup of the state just before the rollback: restoring it undoes the rollback. */
  safetyBackup: string;
}

/** « Restauration de la sauvegarde du 01/12/2026 09:30 »: the history's action for a rollback. */
export function rollbackAction(header: Pick<BundleHeader, 'createdAt'>): string {
  const d = parseISO(header.createdAt);
  return `Restauration de la sauvegarde du ${Number.isNaN(d.getTime()) ? header.createdAt : format(d, 'dd/MM/yyyy HH:mm')}`;
}

/**
 * A backup file read for a rollback, with what it would undo (nothing written). Refused in French when the file
 * is not a full bundle (a delta cannot say what the base held): the base is not even read then.
 */
export async function readBackupForRollback(db: AppDatabase, bytes: Uint8Array, passphrase: PassphraseInput): Promise<{ backup: DecodedBundle; plan: RollbackPlan }> {
  const backup = await decode(bytes, passphrase);
  if (backup.header.kind !== 'full') throw new BundleError('not-bundle', NOT_FULL_MESSAGE);
  return { backup, plan: await planRollback(db, backup.tables) };
}
export const NOT_FULL_MESSAGE = "Ce fichier ne contient que des modifications, pas l'état complet d'une base : il ne peut pas servir à une restauration. Choisissez une sauvegarde ou un export complet.";

/**
 * Restore a backup as a rollback: first a backup of the current state (so this can be undone: restore that one),
 * then the base is brought back to the backup's state as new stamped edits (renderer/sync/rollback.ts).
 * `restoredFile` (the backup's name in the backups folder, if it is there) is never pruned by the safety backup.
 */
export async function rollbackToBackup(
  ctx: SyncContext,
  passphrase: PassphraseInput,
  backup: DecodedBundle,
  options: { restoredFile?: string; onStep?: (label: string, fraction?: number) => void; signal?: AbortSignal } = {},
): Promise<RollbackOutcome> {
  options.onStep?.('Sauvegarde de l’état actuel');
  const { file } = await writeBackup(ctx, passphrase, options.restoredFile);
  options.onStep?.('Retour à l’état de la sauvegarde', 0);
  const plan = await applyRollback(ctx.store, backup.tables, rollbackAction(backup.header), {
    onProgress: (done, total) => options.onStep?.('Retour à l’état de la sauvegarde', done / Math.max(1, total)),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  // History is never rolled back: lines of the backup this base lacks (a rebuilt base) are added, once each.
  await ctx.db.transaction('rw', ctx.db.history, () => mergeHistoryLines(ctx.db, backup.history, backup.header.replicaLabel, new Date().toISOString()));
  return { plan, safetyBackup: file };
}

export function backupDue(settings: Settings, now = new Date()): boolean {
  if (!settings.backups.lastAt) return true;
  const last = parseISO(settings.backups.lastAt);
  return Number.isNaN(last.getTime()) || differenceInHours(now, last) >= 24;
}

export function errorMessage(e: unknown): string {
  if (e instanceof BundleError) return e.message;
  const storage = storageFailureMessage(e);
  if (storage) return storage;
  if (e instanceof Error) return e.message;
  return String(e);
}
