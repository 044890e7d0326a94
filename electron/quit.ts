/**
 * Before the app quits, the renderer runs its before-quit work (the backup on quit). Electron's `before-quit`
 * cannot wait for a promise, so the first quit is cancelled, the renderer is asked, and the quit is replayed
 * when it answers — or after a timeout, so a stuck renderer never keeps the app from closing.
 *
 * Windows shutdown, restart and log-off do not emit `before-quit`: the main window gets `query-session-end`
 * (which may be delayed with preventDefault) and then `session-end` (which may not). The first runs the same
 * handshake — the session end waits, the backup runs, then the app quits and Windows goes on; the second only
 * starts the work if nothing had (best effort: Windows may end the process at any moment after it).
 */
export interface QuitCoordinatorDeps {
  /** Ask the renderer; false when there is no window to ask (quit at once). */
  requestRenderer: (token: string) => boolean;
  quit: () => void;
  timeoutMs: number;
  newToken?: () => string;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  log?: (message: string) => void;
}

export interface QuitCoordinator {
  /** Call from app.on('before-quit'). */
  onBeforeQuit(event: { preventDefault(): void }): void;
  /** Call when the renderer answers on BEFORE_QUIT_DONE_CHANNEL. */
  onRendererDone(token: unknown): void;
  /** Call from the main window's 'query-session-end' (Windows). */
  onQuerySessionEnd(event: SessionEndEventLike): void;
  /** Call from the main window's 'session-end' (Windows). */
  onSessionEnd(event: SessionEndEventLike): void;
}

export interface SessionEndEventLike {
  reasons: readonly string[];
  preventDefault(): void;
}

export function createQuitCoordinator(deps: QuitCoordinatorDeps): QuitCoordinator {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const newToken = deps.newToken ?? (() => Math.random().toString(36).slice(2));
  let state: 'idle' | 'waiting' | 'done' = 'idle';
  let token = '';
  let timer: unknown;

  const finish = (why: string) => {
    if (state !== 'waiting') return;
    clearTimer(timer);
    state = 'done';
    deps.log?.(why);
    deps.quit();
  };

  /** Ask the renderer; true when it was asked (the answer or the timeout will quit). */
  const ask = (): boolean => {
    token = newToken();
    if (!deps.requestRenderer(token)) {
      state = 'done';
      return false;
    }
    state = 'waiting';
    timer = setTimer(() => finish('Travaux de fermeture trop longs : fermeture sans attendre.'), deps.timeoutMs);
    return true;
  };

  const coordinator: QuitCoordinator = {
    onBeforeQuit(event) {
      if (state === 'done') return;
      if (state === 'waiting' || ask()) event.preventDefault();
    },
    onRendererDone(answer) {
      if (state === 'waiting' && answer === token) finish('Travaux de fermeture terminés.');
    },
    onQuerySessionEnd(event) {
      if (state === 'idle') deps.log?.(`Fin de session Windows (${event.reasons.join(', ') || 'raison inconnue'}) : sauvegarde avant de quitter.`);
      coordinator.onBeforeQuit(event);
    },
    onSessionEnd(event) {
      if (state !== 'idle') return;
      deps.log?.(`Fin de session Windows imposée (${event.reasons.join(', ') || 'raison inconnue'}) : sauvegarde tentée.`);
      ask();
    },
  };
  return coordinator;
}

/** Wire a window's Windows session-end events to the coordinator. */
export function watchSessionEnd(
  win: { on(event: 'query-session-end' | 'session-end', listener: (event: SessionEndEventLike) => void): unknown },
  quit: Pick<QuitCoordinator, 'onQuerySessionEnd' | 'onSessionEnd'>,
): void {
  win.on('query-session-end', (event) => quit.onQuerySessionEnd(event));
  win.on('session-end', (event) => quit.onSessionEnd(event));
}
