/**
 * Unsaved work, app-wide. Each form with edits not yet saved (a dialog, the Convention tab, the escalation chain,
 * notes) registers while it is dirty. Leaving it then asks first:
 * - a hash navigation (menu link, tab switch, search result, Back) is undone at once and held until the user
 *   answers « Abandonner les modifications ? » (UnsavedGuardDialog);
 * - reloading or closing the window gets the browser's own « leave the page? » (beforeunload); in Electron the
 *   main process turns that into a native question (electron/unloadGuard.ts).
 */
import { useEffect, useSyncExternalStore } from 'react';

export const DISCARD_TITLE = 'Abandonner les modifications ?';
export const DISCARD_TEXT = "Ce que vous avez saisi dans ce formulaire n'est pas enregistré.";

const dirtySources = new Set<symbol>();
let pendingHash: string | null = null;
let allowNext = false;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function hasUnsavedChanges(): boolean {
  return dirtySources.size > 0;
}

/** Register the calling component's unsaved edits while `dirty` is true. */
export function useUnsavedChanges(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const me = Symbol('unsaved');
    dirtySources.add(me);
    return () => void dirtySources.delete(me);
  }, [dirty]);
}

/** The navigation held back, waiting for the user's answer (null when none). */
export function usePendingNavigation(): string | null {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => void listeners.delete(cb);
    },
    () => pendingHash,
  );
}

export function resolvePendingNavigation(discard: boolean): void {
  const target = pendingHash;
  pendingHash = null;
  emit();
  if (discard && target !== null) {
    allowNext = true;
    window.location.hash = target;
  }
}

/**
 * Install once, before the first render: the hashchange listener must run before the router's, so that the
 * router reads the old hash back and the page never switches.
 */
export function installUnsavedGuard(win: Window): void {
  let current = win.location.hash;
  win.addEventListener('hashchange', () => {
    const target = win.location.hash;
    if (allowNext || dirtySources.size === 0 || target === current) {
      allowNext = false;
      current = target;
      return;
    }
    // Put the old address back without a new history entry, then ask.
    win.history.replaceState(win.history.state, '', current || `${win.location.pathname}${win.location.search}`);
    pendingHash = target;
    emit();
  });
  win.addEventListener('beforeunload', (e) => {
    if (dirtySources.size === 0) return;
    e.preventDefault();
    // Older engines (and Electron's will-prevent-unload) need returnValue set.
    e.returnValue = '';
  });
}
