import { z } from '../validation/zod';
import { territorySchema } from '../domain/common';

export { SETTINGS_VERSION } from './plain';

export const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(640).max(10000),
  height: z.number().int().min(480).max(10000),
  maximized: z.boolean(),
});

export const settingsSchema = z.object({
  /** Random, made once; identifies this installation in stamps and bundles. */
  replicaId: z.string().regex(/^[0-9a-f]{16}$/, "L'identifiant d'installation doit faire 16 caractères hexadécimaux."),
  /** Label shown to other installations (« Poste accueil », « Portable visite »). */
  replicaLabel: z.string().max(80),
  /** Who writes the history lines. */
  userName: z.string().max(120),
  /**
   * The office's own Caf: the id of a record of the Cafs table (edited on its Caf screen, which the forms read).
   * '' until the first run or the version 2 migration chose it.
   */
  officeCafId: z.string().max(64),
  /**
   * Identity typed in Paramètres before version 2. Kept only so that the renderer can move it into a Caf record
   * once (renderer/features/cafs/officeCaf.ts), then emptied: the Caf record is the one copy.
   */
  caf: z.object({
    name: z.string().max(200),
    addressLine1: z.string().max(200),
    addressLine2: z.string().max(200),
    postalCode: z.string().max(10),
    city: z.string().max(120),
    territory: territorySchema,
  }),
  syncFolder: z.string().max(1000),
  backups: z.object({
    folder: z.string().max(1000),
    keep: z.number().int().min(1, 'Conserver au moins une sauvegarde.').max(365),
    lastAt: z.string().max(40),
  }),
  window: windowStateSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

/** Partial update sent by the renderer; nested objects are replaced whole after validation. */
export const settingsPatchSchema = settingsSchema.omit({ replicaId: true }).partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export { defaultSettings } from './plain';
