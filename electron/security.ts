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

/** Longest URL `shell.openExternal` takes on Windows (2,081 characters, Electron's shell docs). */
export const MAX_EXTERNAL_URL = 2081;

/**
 * The only external URL the app hands to the operating system: a prepared e-mail (`mailto:`, RFC 6068) for the
 * user's mail program. No other scheme ever (file:, smb:, http: … can run or fetch things: Electron's security
 * checklist on `shell.openExternal`); no control characters (header injection), no over-long link.
 */
export function isMailtoUrl(url: string | undefined | null): boolean {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL) return false;
  // eslint-disable-next-line no-control-regex -- the point is to refuse control characters
  if (/[\u0000-\u001f\u007f]/.test(url)) return false;
  if (!/^mailto:/i.test(url)) return false;
  try {
    return new URL(url).protocol === 'mailto:';
  } catch {
    return false;
  }
}

/** What opens a `mailto:` link outside (Electron's `shell.openExternal`); the caller passes it. */
export type OpenExternal = (url: string) => Promise<void>;

interface PreventableEvent {
  preventDefault(): void;
}
export interface WebContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

/**
 * No new windows, no navigation away from the app, no <webview>. In-app routing uses the hash: no navigation.
 * A `mailto:` link (a relance or campaign e-mail) is the one exception: the page stays, and the link goes to the
 * user's mail program through `openExternal` (only when one is given).
 */
export function hardenWebContents(contents: WebContentsLike, log: (message: string) => void = () => undefined, openExternal?: OpenExternal): void {
  const mail = (url: string): boolean => {
    if (!openExternal || !isMailtoUrl(url)) return false;
    openExternal(url).catch((e: unknown) => log(`Ouverture du mél impossible : ${e instanceof Error ? e.message : String(e)}`));
    return true;
  };
  contents.setWindowOpenHandler(({ url }) => {
    if (!mail(url)) log(`Ouverture de fenêtre refusée : ${url}`);
    return { action: 'deny' };
  });
  const guard = (event: PreventableEvent, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    if (!mail(url)) log(`Navigation refusée : ${url}`);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Permissions the app itself uses, and only for its own origin: persistent storage (so Chromium never evicts the
 * database) and writing plain text to the clipboard (copy an e-mail address). Everything else is refused:
 * camera, microphone, geolocation, notifications… `openExternal` (Chromium handing a link to the OS) only for a
 * `mailto:` URL asked by the app's own page.
 */
export const allowedPermissions: ReadonlySet<string> = new Set(['persistent-storage', 'clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, origin: string | undefined | null, details?: { externalURL?: string | undefined }): boolean {
  if (permission === 'openExternal') return isAppUrl(origin ?? '') && isMailtoUrl(details?.externalURL);
  return allowedPermissions.has(permission) && isAppUrl(origin ?? '');
}

export interface SessionLike {
  setPermissionRequestHandler(
    // `details` is one of Electron's request structures; only OpenExternalPermissionRequest has `externalURL`.
    handler: (webContents: { getURL(): string }, permission: string, callback: (granted: boolean) => void, details: object) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: { getURL(): string } | null, permission: string, requestingOrigin: string) => boolean): void;
}

function externalUrlOf(details: object | undefined): { externalURL?: string } {
  const url = details && 'externalURL' in details ? details.externalURL : undefined;
  return typeof url === 'string' ? { externalURL: url } : {};
}

export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => callback(isPermissionAllowed(permission, webContents.getURL(), externalUrlOf(details))));
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
}
