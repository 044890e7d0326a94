/**
 * Before the app quits, the renderer runs its before-quit work (the backup on quit). Electron's `before-quit`
 * cannot wait for a promise, so the first quit is cancelled, the renderer is asked, and the quit is replayed
 * when it answers — or after a timeout, so a stuck renderer never keeps the app from closing.
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

  return {
    onBeforeQuit(event) {
      if (state === 'done') return;
      if (state === 'waiting') {
        event.preventDefault();
        return;
      }
      token = newToken();
      if (!deps.requestRenderer(token)) {
        state = 'done';
        return;
      }
      event.preventDefault();
      state = 'waiting';
      timer = setTimer(() => finish('Travaux de fermeture trop longs : fermeture sans attendre.'), deps.timeoutMs);
    },
    onRendererDone(answer) {
      if (state === 'waiting' && answer === token) finish('Travaux de fermeture terminés.');
    },
  };
}
