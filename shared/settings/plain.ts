/**
 * Settings read without zod, for the start-up path: the first screen needs the settings before anything else,
 * and zod (≈ 115 KB) is not loaded until after it. `plainSettings` accepts exactly what `settingsSchema` accepts
 * unchanged and returns what its parse returns (unknown keys dropped); anything else — an older version, a field
 * to repair — gets null, and the caller then takes the full path (migrate.ts, schema.ts). Checked against the
 * schema by plain.test.ts.
 */
import { territories } from '../domain/values';
import type { Settings } from './schema';

/** Current settings schema version; electron/settings migrates older files up to it. */
export const SETTINGS_VERSION = 2;
/** Key of the version number inside a stored settings object. */
export const SETTINGS_VERSION_KEY = 'settingsVersion';

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const int = (v: unknown, min: number, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const REPLICA_ID = /^[0-9a-f]{16}$/;

/** `settingsSchema.parse(v)` when it would succeed, else null (no message: the full path words the problem). */
export function plainSettings(v: unknown): Settings | null {
  if (!isObject(v)) return null;
  const { caf, backups, window: w } = v;
  if (!text(v.replicaId, Infinity) || !REPLICA_ID.test(v.replicaId)) return null;
  if (!text(v.replicaLabel, 80) || !text(v.userName, 120) || !text(v.officeCafId, 64) || !text(v.syncFolder, 1000)) return null;
  if (!isObject(caf) || !text(caf.name, 200) || !text(caf.addressLine1, 200) || !text(caf.addressLine2, 200) || !text(caf.postalCode, 10) || !text(caf.city, 120)) return null;
  if (!(territories as readonly unknown[]).includes(caf.territory)) return null;
  if (!isObject(backups) || !text(backups.folder, 1000) || !int(backups.keep, 1, 365) || !text(backups.lastAt, 40)) return null;
  if (!isObject(w) || !int(w.width, 640, 10000) || !int(w.height, 480, 10000) || typeof w.maximized !== 'boolean') return null;
  const edge = (n: unknown) => n === undefined || int(n, -Infinity, Infinity);
  if (!edge(w.x) || !edge(w.y)) return null;
  return {
    replicaId: v.replicaId,
    replicaLabel: v.replicaLabel,
    userName: v.userName,
    officeCafId: v.officeCafId,
    caf: { name: caf.name, addressLine1: caf.addressLine1, addressLine2: caf.addressLine2, postalCode: caf.postalCode, city: caf.city, territory: caf.territory as Settings['caf']['territory'] },
    syncFolder: v.syncFolder,
    backups: { folder: backups.folder, keep: backups.keep, lastAt: backups.lastAt },
    window: {
      ...('x' in w ? { x: w.x as number | undefined } : {}),
      ...('y' in w ? { y: w.y as number | undefined } : {}),
      width: w.width,
      height: w.height,
      maximized: w.maximized,
    },
  };
}

/**
 * A stored settings object (the parsed file or localStorage entry) already at the current version and valid:
 * what `settingsFromStored` returns for it, unchanged. Null for anything it would migrate or repair.
 */
export function plainStoredSettings(stored: unknown): Settings | null {
  if (!isObject(stored) || stored[SETTINGS_VERSION_KEY] !== SETTINGS_VERSION) return null;
  const { [SETTINGS_VERSION_KEY]: _version, ...data } = stored;
  return plainSettings(data);
}

export function defaultSettings(replicaId: string): Settings {
  return {
    replicaId,
    replicaLabel: '',
    userName: '',
    officeCafId: '',
    caf: { name: '', addressLine1: '', addressLine2: '', postalCode: '', city: '', territory: 'metropole' },
    syncFolder: '',
    backups: { folder: '', keep: 10, lastAt: '' },
    window: { width: 1280, height: 800, maximized: false },
  };
}
