/**
 * French wording of validation failures that cross the IPC boundary or come from the settings file.
 * zod's own French locale words each issue; we prefix it with the field's French label so the user knows
 * which setting is wrong (« Nombre de sauvegardes à conserver : Trop petit … »).
 */
import type { z } from 'zod';
// The single locale, not the `z.locales` namespace: keeps the other 40 languages out of the preload bundle.
import frLocale from 'zod/v4/locales/fr.js';

const french = frLocale();

/** Pass as the per-parse `error` option: schema-level messages (already French) still win. */
export const frenchIssues: { error: (typeof french)['localeError'] } = { error: french.localeError };

export function describeZodError(error: z.ZodError, labels: Record<string, string> = {}): string {
  const issue = error.issues[0];
  if (!issue) return 'Valeur invalide.';
  const path = issue.path.map(String).join('.');
  // Most specific label first: « backups.keep », then « backups ».
  let label: string | undefined;
  for (let parts = issue.path.map(String); parts.length > 0 && !label; parts = parts.slice(0, -1)) label = labels[parts.join('.')];
  const where = label ?? (path || undefined);
  return where ? `${where} : ${issue.message}` : issue.message;
}
