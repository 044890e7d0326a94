/**
 * Settings of this installation, kept by electron-store (a `conf` store in userData/config.json).
 *
 * The store class is passed in (ElectronStore in the app, `conf` in tests) so this module never imports
 * `electron`. Opening the store:
 *   1. reads the file ourselves: invalid JSON is moved aside (config.illisible-<date>.json) and defaults are
 *      restored, with a notice for the user — never a crash, never a silent loss;
 *   2. migrates older versions (`settingsVersion`, see shared/settings/migrate.ts) and repairs invalid fields;
 *   3. writes the result atomically, then hands the file to the store, which validates every later write
 *      against the JSON Schema generated from the same zod schema.
 * Every update is validated with zod first: a refused update changes nothing, on disk or in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from '../shared/validation/zod';
import { frenchIssues } from '../shared/ipc/errors';
import { SETTINGS_VERSION_KEY, describeSettingsError, settingsFromStored } from '../shared/settings/migrate';
import { SETTINGS_VERSION, settingsPatchSchema, settingsSchema, windowStateSchema, type Settings } from '../shared/settings/schema';
import { IpcFailure } from './errors';

type StoredShape = Settings & { [SETTINGS_VERSION_KEY]: number };

/** What we need of a conf / electron-store instance. */
export interface ConfLike {
  store: Record<string, unknown>;
  readonly path: string;
}
export interface ConfOptionsLike {
  cwd: string;
  configName: string;
  schema: Record<string, unknown>;
  clearInvalidConfig: boolean;
}
export type ConfConstructor = new (options: ConfOptionsLike) => ConfLike;

export interface SettingsService {
  readonly path: string;
  get(): Settings;
  /** Validates (French message on refusal, nothing changed) and saves. */
  update(patch: unknown): Settings;
  /** Window bounds are saved often (move/resize): same validation, no error shown to the user. */
  saveWindowState(state: unknown): boolean;
  /** French notes from opening: file recovered, migrated, fields reset. Shown once by the renderer. */
  readonly notices: readonly string[];
}

export interface OpenSettingsOptions {
  Store: ConfConstructor;
  cwd: string;
  configName?: string;
  makeReplicaId: () => string;
  now?: () => Date;
}

/** conf's schema option: one JSON Schema per top-level key (conf wraps them in an object schema). */
export function settingsJsonSchema(): Record<string, unknown> {
  const full = z.toJSONSchema(settingsSchema) as { properties: Record<string, unknown> };
  return { ...full.properties, [SETTINGS_VERSION_KEY]: { type: 'integer', minimum: 0 } };
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function openSettings(options: OpenSettingsOptions): SettingsService {
  const configName = options.configName ?? 'config';
  const now = options.now ?? (() => new Date());
  const file = path.join(options.cwd, `${configName}.json`);
  fs.mkdirSync(options.cwd, { recursive: true });
  const notices: string[] = [];

  let stored: unknown;
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, 'utf8');
    try {
      stored = JSON.parse(text);
    } catch {
      const aside = path.join(options.cwd, `${configName}.illisible-${stamp(now())}.json`);
      fs.renameSync(file, aside);
      notices.push(
        `Le fichier de paramètres était illisible : il a été mis de côté (${path.basename(aside)}) et les paramètres par défaut ont été rétablis. Vérifiez les réglages dans Paramètres.`,
      );
      stored = undefined;
    }
  }

  const result = settingsFromStored(stored, options.makeReplicaId);
  notices.push(...result.notices);
  if (result.changed || stored === undefined) {
    if (stored !== undefined) {
      // Keep the pre-migration file: a migration bug must never cost the user their settings.
      fs.copyFileSync(file, path.join(options.cwd, `${configName}.v${result.fromVersion}-${stamp(now())}.json`));
    }
    const keepVersion = Math.max(result.fromVersion, SETTINGS_VERSION);
    writeAtomic(file, JSON.stringify({ ...result.settings, [SETTINGS_VERSION_KEY]: keepVersion } satisfies StoredShape, null, '\t'));
  }

  const store = new options.Store({ cwd: options.cwd, configName, schema: settingsJsonSchema(), clearInvalidConfig: false });
  let current: Settings = result.settings;

  function save(next: Settings): void {
    const version = Math.max(SETTINGS_VERSION, Number(store.store[SETTINGS_VERSION_KEY] ?? SETTINGS_VERSION));
    try {
      store.store = { ...next, [SETTINGS_VERSION_KEY]: version };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      if (code === 'ENOSPC') throw new IpcFailure('io', "Le disque est plein : les paramètres n'ont pas été enregistrés.");
      throw new IpcFailure('io', "Les paramètres n'ont pas pu être enregistrés.");
    }
    current = next;
  }

  return {
    path: file,
    notices,
    get: () => structuredClone(current),
    update(patch) {
      const parsedPatch = settingsPatchSchema.safeParse(patch, frenchIssues);
      if (!parsedPatch.success) throw new IpcFailure('invalid-arguments', describeSettingsError(parsedPatch.error));
      const next = settingsSchema.safeParse({ ...current, ...parsedPatch.data }, frenchIssues);
      if (!next.success) throw new IpcFailure('invalid-arguments', describeSettingsError(next.error));
      save(next.data);
      return structuredClone(current);
    },
    saveWindowState(state) {
      const parsed = windowStateSchema.safeParse(state);
      if (!parsed.success) return false;
      save({ ...current, window: parsed.data });
      return true;
    },
  };
}
