/**
 * Hardening of every web contents and of the session (design.md, « Electron shell »). Plain functions over
 * the few Electron methods they use, so tests drive them with fakes.
 */
import { APP_HOST, APP_SCHEME } from '../shared/ipc/contract';

/**
 * Same policy as the <meta> in renderer/index.html, also sent as a header by the app:// handler (a header
 * cannot be removed by injected markup). 'unsafe-inline' for styles only: MUI's emotion injects <style> tags.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** True only for pages of this app (app://partenaires/…): the only origin trusted with IPC. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

interface PreventableEvent {
  preventDefault(): void;
}
export interface WebContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

/** No new windows, no navigation away from the app, no <webview>. In-app routing uses the hash: no navigation. */
export function hardenWebContents(contents: WebContentsLike, log: (message: string) => void = () => undefined): void {
  contents.setWindowOpenHandler(({ url }) => {
    log(`Ouverture de fenêtre refusée : ${url}`);
    return { action: 'deny' };
  });
  const guard = (event: PreventableEvent, url: string) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      log(`Navigation refusée : ${url}`);
    }
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Permissions the app itself uses, and only for its own origin: persistent storage (so Chromium never evicts the
 * database) and writing plain text to the clipboard (copy an e-mail address). Everything else is refused:
 * camera, microphone, geolocation, notifications, openExternal…
 */
export const allowedPermissions: ReadonlySet<string> = new Set(['persistent-storage', 'clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, origin: string | undefined | null): boolean {
  return allowedPermissions.has(permission) && isAppUrl(origin ?? '');
}

export interface SessionLike {
  setPermissionRequestHandler(handler: (webContents: { getURL(): string }, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: { getURL(): string } | null, permission: string, requestingOrigin: string) => boolean): void;
}

export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((webContents, permission, callback) => callback(isPermissionAllowed(permission, webContents.getURL())));
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
}
