/** A bundle file opened from the OS, waiting for the Synchronisation page to show its preview. */
type Listener = () => void;
let pending: { name: string; data: Uint8Array } | null = null;
const listeners = new Set<Listener>();

export function setPendingFile(file: { name: string; data: Uint8Array }): void {
  pending = file;
  for (const l of listeners) l();
}

export function takePendingFile(): { name: string; data: Uint8Array } | null {
  const f = pending;
  pending = null;
  return f;
}

export function onPendingFile(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
