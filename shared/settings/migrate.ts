/**
 * Settings file migrations, pure so both the Electron main process and tests use them.
 *
 * The file records `settingsVersion` (an integer, independent of the app's version number). A file without it
 * is version 0, the prototype's flat shape:
 *   { deviceId, userName, cafName, cafAddress, cafPostalCode, cafCity, territory, syncFolder, backupsFolder,
 *     keepBackups, windowBounds: { x, y, width, height, maximized } }
 * Each step takes the object of version N-1 and returns version N. Steps never throw: what they cannot read
 * is dropped and then refilled from the defaults by `settingsFromStored` (the user is told).
 */
import type { z } from 'zod';
import { describeZodError, frenchIssues } from '../ipc/errors';
import { settingsFieldLabels } from './labels';
import { SETTINGS_VERSION, defaultSettings, settingsSchema, type Settings } from './schema';
import { SETTINGS_VERSION_KEY } from './plain';

export { SETTINGS_VERSION_KEY };

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** migrations[n] turns a version n-1 object into version n. */
export const settingsMigrations: Record<number, (old: Raw) => Raw> = {
  1: (old) => {
    const bounds = isObject(old.windowBounds) ? old.windowBounds : undefined;
    return {
      replicaId: old.deviceId,
      // v0 had no label: the installation is named later in Paramètres.
      replicaLabel: '',
      userName: old.userName,
      caf: {
        name: str(old.cafName),
        addressLine1: str(old.cafAddress),
        addressLine2: '',
        postalCode: str(old.cafPostalCode),
        city: str(old.cafCity),
        territory: old.territory ?? 'metropole',
      },
      syncFolder: old.syncFolder,
      backups: { folder: str(old.backupsFolder), keep: old.keepBackups ?? 10, lastAt: '' },
      window: bounds && { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: bounds.maximized ?? false },
    };
  },
  // The office's Caf becomes a record of the Cafs table: the id is chosen by the renderer, which moves the typed
  // identity (still in `caf`) into that record on its first start (renderer/features/cafs/officeCaf.ts).
  2: (old) => ({ ...old, officeCafId: '' }),
};

export interface StoredSettingsResult {
  settings: Settings;
  /** Version found in the file (0 = prototype shape). */
  fromVersion: number;
  /** True when the file must be rewritten (migrated, repaired or new). */
  changed: boolean;
  /** French notes for the user: fields reset to defaults, file from a newer version… */
  notices: string[];
}

/**
 * Turn whatever the settings file held into valid current settings. `stored` is the parsed JSON (or undefined
 * for a first run). Never throws; keeps every field that is still valid, resets the others.
 */
export function settingsFromStored(stored: unknown, makeReplicaId: () => string): StoredSettingsResult {
  const notices: string[] = [];
  if (stored === undefined) return { settings: defaultSettings(makeReplicaId()), fromVersion: SETTINGS_VERSION, changed: true, notices };
  let data: Raw = isObject(stored) ? { ...stored } : {};
  if (!isObject(stored)) notices.push('Le fichier de paramètres ne contenait pas de paramètres : valeurs par défaut rétablies.');
  const rawVersion = data[SETTINGS_VERSION_KEY];
  const fromVersion = typeof rawVersion === 'number' && Number.isInteger(rawVersion) && rawVersion >= 0 ? rawVersion : 0;
  delete data[SETTINGS_VERSION_KEY];
  if (fromVersion > SETTINGS_VERSION) {
    notices.push(
      `Les paramètres ont été enregistrés par une version plus récente de l'application (format ${fromVersion}) : seuls les réglages connus de cette version sont lus.`,
    );
  }
  for (let v = fromVersion + 1; v <= SETTINGS_VERSION; v++) {
    const step = settingsMigrations[v];
    if (step) data = step(data);
  }

  const parsed = settingsSchema.safeParse(data, frenchIssues);
  if (parsed.success) return { settings: parsed.data, fromVersion, changed: fromVersion !== SETTINGS_VERSION, notices };

  // Salvage field by field: a bad window size must not cost the user their Caf identity or replica id.
  const replica = settingsSchema.shape.replicaId.safeParse(data.replicaId);
  const settings: Settings = defaultSettings(replica.success ? replica.data : makeReplicaId());
  const reset: string[] = [];
  const out = settings as Record<string, unknown>;
  for (const key of Object.keys(settingsSchema.shape) as (keyof Settings)[]) {
    if (key === 'replicaId') continue;
    const field = (settingsSchema.shape[key] as z.ZodType).safeParse(data[key], frenchIssues);
    if (field.success) out[key] = field.data;
    else if (data[key] !== undefined) reset.push(settingsFieldLabels[key] ?? key);
  }
  if (!replica.success && data.replicaId !== undefined) reset.push(settingsFieldLabels.replicaId ?? 'replicaId');
  if (reset.length > 0) notices.push(`Paramètres invalides remis à leur valeur par défaut : ${reset.join(', ')}.`);
  return { settings, fromVersion, changed: true, notices };
}

/** First French message of a failed parse, naming the setting. */
export function describeSettingsError(error: z.ZodError): string {
  return `Paramètre refusé — ${describeZodError(error, settingsFieldLabels)}`;
}
