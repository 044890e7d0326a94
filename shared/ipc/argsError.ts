/** The French message for IPC arguments refused by the contract — the same text from the preload and main. */
import type { z } from 'zod';
import { describeSettingsError } from '../settings/migrate';
import { describeZodError } from './errors';

export function describeArgsError(channel: string, error: z.ZodError): string {
  if (channel === 'settings:update') {
    // Name the setting, not its position in the argument list.
    return describeSettingsError({ issues: error.issues.map((i) => ({ ...i, path: i.path.slice(1) })) } as z.ZodError);
  }
  // Argument positions read « argument 2 » rather than a bare index.
  const issues = error.issues.map((i) => (typeof i.path[0] === 'number' ? { ...i, path: [`argument ${i.path[0] + 1}`, ...i.path.slice(1)] } : i));
  return `Arguments invalides pour « ${channel} » — ${describeZodError({ issues } as z.ZodError)}`;
}
