/**
 * What the first-run dialog's « Commencer » / « Rejoindre » does: load the demo data set, join a workstation from
 * its file or the shared folder, name the office's Caf. Apart from the dialog (FirstRunDialog.tsx) so that
 * showing it does not fetch the sync engine, the demo data and the bulk loader: this chunk loads on submit.
 */
import type { PassphraseKey } from '../../../shared/sync/crypto';
import type { Settings } from '../../../shared/settings/schema';
import { BUNDLE_EXTENSION } from '../../../shared/ipc/contract';
import { passphraseOpens, readBundleHeader } from '../../../shared/sync';
import { CURRENT_SCHEMA_VERSION } from '../../db/schema';
import { applyImport, decode } from '../../sync/engine';
import { identityOf, syncSharedFolder, type SyncContext } from '../sync/actions';
import type { EnsureOptions } from '../sync/PassphrasePrompt';
import { demoDataset } from '../../../shared/demo/seedData';
import { datasetSize } from '../../../shared/demo/dataset';
import type { Territory } from '../../../shared/domain/values';
import { loadDataset } from '../../db/loadDataset';
import { liveRows, type Store } from '../../db/store';
import { emptyCaf, saveCaf } from '../cafs/actions';

export { errorMessage } from '../sync/actions';

/** The dialog's state setters and passphrase prompt, with the services, for the join steps. */
export interface JoinContext extends SyncContext {
  ensure(options?: EnsureOptions): Promise<PassphraseKey | null>;
  setError(message: string): void;
  setJoined(report: { text: string; partial: boolean }): void;
  setProgress(percent: number): void;
}

/** The Caf record named at first run: the demo's own when the name matches one, else a new record. */
export async function firstRunCaf(store: Store, name: string, territory: Territory): Promise<string> {
  const existing = (await liveRows(store.db, 'cafs')).find((c) => c.name === name);
  if (existing) {
    if (existing.territory !== territory) await store.write('Territoire de la Caf du service', (ctx) => ctx.update('cafs', existing.id, { territory }));
    return existing.id;
  }
  return saveCaf(store, undefined, { ...emptyCaf(territory), name });
}

export async function loadDemo(store: Store, setProgress: (percent: number) => void): Promise<void> {
  const total = datasetSize(demoDataset);
  await loadDataset(store, demoDataset, {
    action: 'Chargement des données de démonstration',
    validate: true,
    atomic: true,
    onProgress: (n) => setProgress(Math.round((100 * n) / total)),
  });
}

/** From a bundle another workstation exported: type checked, then passphrase, then one import transaction. */
export async function joinFromFile(c: JoinContext, next: Settings): Promise<boolean> {
  const file = await c.platform.openFile({ filters: [{ name: 'Fichier de synchronisation', extensions: [BUNDLE_EXTENSION] }] });
  if (!file) {
    c.setError('Aucun fichier choisi : choisissez le fichier exporté par le poste à rejoindre.');
    return false;
  }
  const { header } = await readBundleHeader(file.data, CURRENT_SCHEMA_VERSION);
  const key = await c.ensure({ check: (k) => passphraseOpens(k, header.cipher) });
  if (!key) return false;
  const decoded = await decode(file.data, key);
  const outcome = await applyImport(c.db, c.store, decoded, identityOf(next, c.store), (done, total) => c.setProgress(Math.round((100 * done) / Math.max(1, total))));
  const n = outcome.result ? outcome.result.written : 0;
  const partial = header.kind === 'delta';
  c.setJoined({
    partial,
    text: `Ce poste a reçu ${n} enregistrement(s) de « ${header.replicaLabel} ».${partial ? " Ce fichier ne contenait que des modifications : demandez à ce poste un export complet (« Toutes les données »)." : ''}`,
  });
  return true;
}

/** From the shared folder: what the other workstations left there, then this workstation announces itself. */
export async function joinFromFolder(c: JoinContext, next: Settings): Promise<boolean> {
  let current = next;
  if (c.platform.kind === 'electron' && !current.syncFolder) {
    const folder = await c.platform.chooseFolder('sync');
    if (!folder) {
      c.setError('Choisissez le dossier partagé où les autres postes déposent leurs fichiers.');
      return false;
    }
    current = await c.updateSettings({ syncFolder: folder });
  }
  const theirs = (await c.platform.listFolder('sync')).filter((e) => e.name.toLowerCase().endsWith(`.${BUNDLE_EXTENSION}`));
  if (theirs.length === 0) {
    c.setError("Le dossier partagé ne contient encore aucun fichier d'un autre poste : synchronisez d'abord un poste existant, ou rejoignez-le depuis un fichier exporté.");
    return false;
  }
  const { header } = await readBundleHeader(await c.platform.readFromFolder('sync', theirs[0]!.name), CURRENT_SCHEMA_VERSION);
  const key = await c.ensure({ check: (k) => passphraseOpens(k, header.cipher) });
  if (!key) return false;
  const report = await syncSharedFolder({ ...c, settings: current }, key);
  const ok = report.imported.filter((l) => l.status === 'importé');
  const refused = report.imported.filter((l) => l.status === 'refusé');
  if (ok.length === 0) {
    c.setError(`Aucun fichier du dossier partagé n'a pu être importé${refused[0]?.message ? ` : ${refused[0].message}` : '.'}`);
    return false;
  }
  const n = ok.reduce((sum, l) => sum + (l.result?.written ?? 0), 0);
  const partial = ok.some((l) => l.partial);
  c.setJoined({
    partial,
    text: `Ce poste a reçu ${n} enregistrement(s) de ${[...new Set(ok.map((l) => `« ${l.from} »`))].join(', ')}.${
      partial
        ? ' Le dossier ne contenait que des modifications : ce poste s’y est annoncé, les autres postes y déposeront tout ce qui lui manque à leur prochaine synchronisation. Synchronisez ensuite ce poste.'
        : ''
    }`,
  });
  return true;
}
