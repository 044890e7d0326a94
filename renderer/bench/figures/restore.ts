/**
 * Restore as a rollback (issue 10), in Chromium, on the typical set (300 partners, 1,800 contacts, 9,000
 * habilitations) loaded in its own database `bench-restore` (the app's typical base stays as the other figures
 * expect it; run again, the figure reloads the set there only if its marker is gone):
 *
 * - `bundle.restore_ms.typical`: a backup is taken, then, one day later (the workstation's clock moved by 24 h),
 *   500 edits in 500 user actions (350 field changes on partners, contacts and habilitations, 75 contacts created,
 *   75 habilitations deleted). Timed: what « Restaurer » does from the file — decode the backup, plan what to
 *   undo (the preview), the backup of the current state taken first, and the rollback as new stamped edits in one
 *   transaction. The phases are printed (« [banc] … »). The base is then checked to equal the backup.
 */
import type { AppDatabase } from '../../db/database';
import { Store } from '../../db/store';
import { dataOf } from '../../../shared/crdt/record';
import { defaultSettings, type Settings, type SettingsPatch } from '../../../shared/settings/schema';
import type { Platform } from '../../platform/types';
import { exportBundle, type Identity } from '../../sync/engine';
import { ROLLBACK_TABLES } from '../../sync/rollback';
import { readBackupForRollback, rollbackToBackup, type SyncContext } from '../../features/sync/actions';
import { BENCH_REPLICA, prepareDatabase } from '../datasets';
import { registerFigure } from '../registry';

const PASS = 'phrase de passe du banc de mesure';
const DB_NAME = 'bench-restore';
const DAY_MS = 24 * 3600_000;
const identity: Identity = { replicaId: BENCH_REPLICA, replicaLabel: 'Poste banc', userName: 'Banc de mesure' };

/** The backups folder in memory: only what writeBackup uses. */
function memoryPlatform(): Platform {
  const files = new Map<string, Uint8Array>();
  const p: Partial<Platform> = {
    async listFolder() {
      return [...files].map(([name, data]) => ({ name, size: data.byteLength, modifiedAt: new Date().toISOString() }));
    },
    async writeToFolder(_kind, name, data) {
      files.set(name, data);
      return { path: name };
    },
    async removeFromFolder(_kind, name) {
      return { removed: files.delete(name) };
    },
  };
  return p as Platform;
}

async function visibleState(db: AppDatabase): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const t of ROLLBACK_TABLES) {
    const rows = (await db.syncedTable(t).toArray()).filter((r) => r._deleted === 0).map((r) => [r.id, dataOf(r)] as const);
    out[t] = rows.sort(([a], [b]) => a.localeCompare(b));
  }
  return JSON.stringify(out);
}

registerFigure({
  id: 'bundle.restore_ms.typical',
  unit: 'ms',
  label: 'Restauration (retour arrière) d’une base typique vers la sauvegarde de la veille après 500 modifications : lecture, aperçu, sauvegarde préalable, retour en une transaction',
  async run() {
    const { db, store: loader } = await prepareDatabase('typical', DB_NAME);
    const backupFile = await exportBundle(db, loader, { purpose: 'backup', passphrase: PASS, identity });
    const atBackup = await visibleState(db);
    // The next day on this workstation: a store whose clock reads 24 h later (resumes after every stamp).
    const store = new Store(db, BENCH_REPLICA, () => 'Banc de mesure', () => Date.now() + DAY_MS);
    await store.open();
    const partners = (await db.partners.limit(150).toArray()).map((r) => r.id);
    const contacts = await db.contacts.limit(150).toArray();
    const habilitations = (await db.habilitations.limit(125).toArray()).map((r) => r.id);
    let edits = 0;
    for (const [i, id] of partners.entries()) {
      await store.write('Modification (banc)', (ctx) => ctx.update('partners', id, { notes: `Visite du lendemain ${i}` }));
      edits++;
    }
    for (const [i, c] of contacts.slice(0, 150).entries()) {
      await store.write('Modification (banc)', (ctx) => ctx.update('contacts', c.id, { function: `Fonction revue ${i}` }));
      edits++;
    }
    for (const id of habilitations.slice(0, 50)) {
      await store.write('Modification (banc)', (ctx) => ctx.update('habilitations', id, { instructorNumber: `BANC-${edits}` }));
      edits++;
    }
    for (let i = 0; i < 75; i++) {
      const c = dataOf<Record<string, unknown>>(contacts[i]!);
      await store.write('Création (banc)', (ctx) => ctx.create('contacts', { ...c, id: undefined, email: `cree-${i}@banc.fr`, lastName: `Créé ${i}` } as never));
      edits++;
    }
    for (const id of habilitations.slice(50, 125)) {
      await store.write('Suppression (banc)', (ctx) => ctx.remove('habilitations', id));
      edits++;
    }
    if (edits !== 500) throw new Error(`${edits} modifications au lieu de 500`);

    let settings: Settings = { ...defaultSettings(BENCH_REPLICA), replicaLabel: identity.replicaLabel, userName: identity.userName } as Settings;
    const ctx: SyncContext = {
      db,
      store,
      platform: memoryPlatform(),
      get settings() {
        return settings;
      },
      async updateSettings(patch: SettingsPatch) {
        settings = { ...settings, ...patch } as Settings;
        return settings;
      },
    };
    const t0 = performance.now();
    const { backup, plan } = await readBackupForRollback(db, backupFile.bytes, PASS);
    const t1 = performance.now();
    let tApply = 0;
    await rollbackToBackup(ctx, PASS, backup, {
      onStep: (label, fraction) => {
        if (fraction === 0 && label.startsWith('Retour')) tApply = performance.now();
      },
    });
    const t2 = performance.now();
    console.log(
      `[banc] lecture + aperçu : ${Math.round(t1 - t0)} ms (${plan.steps.length} enregistrements à défaire) ; sauvegarde préalable : ${Math.round(tApply - t1)} ms ; retour en une transaction : ${Math.round(t2 - tApply)} ms`,
    );
    if ((await visibleState(db)) !== atBackup) throw new Error('La base restaurée diffère de la sauvegarde');
    return t2 - t0;
  },
});
