/**
 * Unsaved edits in the renderer hold the page with `beforeunload` (renderer/components/unsaved.ts). A browser
 * asks « leave the page? » itself; Electron shows nothing and just cancels the close. This turns it into the
 * same French question as inside the app. Per Electron's docs, preventDefault() on `will-prevent-unload` ignores
 * the page's beforeunload and lets the window close; doing nothing keeps it open.
 */
export interface UnloadEventLike {
  preventDefault(): void;
}

export interface WebContentsUnloadLike {
  on(event: 'will-prevent-unload', listener: (event: UnloadEventLike) => void): unknown;
}

export const UNLOAD_QUESTION = {
  type: 'question' as const,
  buttons: ['Abandonner les modifications', 'Continuer la saisie'],
  defaultId: 1,
  cancelId: 1,
  noLink: true,
  title: 'Abandonner les modifications ?',
  message: 'Abandonner les modifications ?',
  detail: "Ce que vous avez saisi dans un formulaire n'est pas enregistré. Fermer l'application le perd.",
};

/** `ask` shows UNLOAD_QUESTION and returns the index of the button chosen (dialog.showMessageBoxSync). */
export function guardUnload(webContents: WebContentsUnloadLike, ask: (question: typeof UNLOAD_QUESTION) => number): void {
  webContents.on('will-prevent-unload', (event) => {
    if (ask(UNLOAD_QUESTION) === 0) event.preventDefault();
  });
}
