/**
 * What the user is told when IndexedDB refuses a write for lack of room. Dexie rejects a transaction refused by
 * the quota with an `AbortError` whose `inner` is the browser's `QuotaExceededError` (or with that error itself),
 * whose messages are English and technical. The transaction is rolled back, so the base is as it was.
 */
export const DISK_FULL_MESSAGE =
  "Le disque est plein : rien n'a été enregistré et la base est restée telle qu'elle était. Libérez de la place sur le disque (ou dans le profil de l'application), puis recommencez.";

function isQuota(e: unknown, depth = 0): boolean {
  if (depth > 4 || typeof e !== 'object' || e === null) return false;
  const { name, message, inner } = e as { name?: unknown; message?: unknown; inner?: unknown };
  if (name === 'QuotaExceededError') return true;
  if (name === 'AbortError' && typeof message === 'string' && message.includes('QuotaExceededError')) return true;
  return isQuota(inner, depth + 1);
}

/** The French message for a write refused for lack of room, or undefined for any other error. */
export function storageFailureMessage(e: unknown): string | undefined {
  return isQuota(e) ? DISK_FULL_MESSAGE : undefined;
}
