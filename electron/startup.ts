/**
 * A failure anywhere in the start-up chain (app.whenReady().then(...)) must not leave an invisible process:
 * it would keep the single-instance lock, and every later launch — a double-click on a bundle included — would
 * only forward its arguments to it and quit. Say what happened, then exit.
 */
export interface StartupFailureDeps {
  showErrorBox(title: string, content: string): void;
  exit(code: number): void;
  log?: (message: string) => void;
}

export function reportStartupFailure(deps: StartupFailureDeps, appName: string, error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  deps.log?.(`Échec du démarrage : ${error instanceof Error ? (error.stack ?? detail) : detail}`);
  try {
    deps.showErrorBox(appName, `L'application n'a pas pu démarrer.\n\n${detail}\n\nRelancez-la ; si le problème revient, transmettez ce message à l'assistance informatique.`);
  } finally {
    deps.exit(1);
  }
}
