/**
 * French wording of validation failures that cross the IPC boundary or come from the settings file.
 * The one French error map (shared/validation) words each issue; we prefix it with the field's French label so
 * the user knows which setting is wrong (« Nombre de sauvegardes à conserver : Valeur trop petite … »).
 */
import type { z } from 'zod';
import { frenchErrorMap } from '../validation/frenchErrors';

/** Pass as the per-parse `error` option (the same map as the global one): schema-level messages still win. */
export const frenchIssues: { error: z.core.$ZodErrorMap } = { error: frenchErrorMap };

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
