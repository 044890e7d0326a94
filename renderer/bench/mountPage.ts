/** Mount a real screen inside the app's providers into a fresh root, and time it until it shows its content. */
import { createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { AppProviders } from '../app/AppProviders';
import type { Services } from '../app/services';
import type { AppDatabase } from '../db/database';
import type { Store } from '../db/store';
import { createBrowserPlatform } from '../platform/browser';

/** Services over a bench database, with the browser platform (as `npm run web`). */
export async function benchServices(db: AppDatabase, store: Store): Promise<Services> {
  const platform = createBrowserPlatform();
  return { platform, db, store, settingsRef: { current: await platform.getSettings() } };
}

export interface MountedPage {
  /** From `render()` until `ready(host)` held and one more frame was painted. */
  ms: number;
  root: Root;
  host: HTMLElement;
  unmount(): void;
}

export async function mountPage(
  services: Services,
  page: ReactElement,
  ready: (host: HTMLElement) => boolean,
  { timeoutMs = 10_000, style = 'position:absolute;left:0;top:0;width:1280px;height:900px;', what = 'La page' } = {},
): Promise<MountedPage> {
  const host = document.createElement('div');
  host.style.cssText = style;
  document.body.appendChild(host);
  const root = createRoot(host);
  const unmount = () => {
    root.unmount();
    host.remove();
  };
  const shown = new Promise<void>((resolve, reject) => {
    const obs = new MutationObserver(() => {
      if (ready(host)) {
        obs.disconnect();
        requestAnimationFrame(() => resolve());
      }
    });
    obs.observe(host, { childList: true, subtree: true });
    setTimeout(() => {
      obs.disconnect();
      reject(new Error(`${what} n'a pas affiché son contenu en ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  const t0 = performance.now();
  root.render(createElement(AppProviders, { services, children: page }));
  try {
    await shown;
  } catch (error) {
    unmount();
    throw error;
  }
  return { ms: performance.now() - t0, root, host, unmount };
}
