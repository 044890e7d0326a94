/**
 * Readiness marker for the cold-load bench (bench/run.ts) and end-to-end tests: once the first screen has
 * rendered its data, `document.body.dataset.ready` becomes 'true' and `dataset.readyAt` holds the time (ms since
 * navigation start) of the last change to the main area. "Rendered its data" = no progress bar and no
 * `aria-busy="true"` and no « Chargement… » caption left in <main>, then no DOM change for QUIET_MS. Pages that load asynchronously should show
 * a progress bar or set aria-busy while they do, so the marker never fires on a half-drawn screen.
 */
import { useEffect } from 'react';

const QUIET_MS = 150;
/** The screens' own loading captions (« Chargement… », « Calcul du tableau de bord… »). */
const LOADING_TEXT = /(Chargement|Calcul)[^…]{0,60}…/;

/** Longest wait for the first screen before `whenFirstScreenShown` resolves anyway (a page that never settles). */
const FIRST_SCREEN_CAP_MS = 3000;

/**
 * Resolves once the first screen is shown (`body[data-ready]`, below), or after FIRST_SCREEN_CAP_MS: work that the
 * first screen does not need (the rest of the derived state, the data store) waits for it instead of competing.
 */
export function whenFirstScreenShown(): Promise<void> {
  return whenShown('ready');
}

/**
 * Resolves once `document.body.dataset[key]` is set (`ready`; `firstRunShownAt`, set by the first-run dialog one
 * frame after it opens), or after FIRST_SCREEN_CAP_MS.
 */
export function whenShown(key: 'ready' | 'firstRunShownAt'): Promise<void> {
  const shown = () => document.body.dataset[key] !== undefined;
  if (typeof document === 'undefined' || shown()) return Promise.resolve();
  const attribute = `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      clearTimeout(cap);
      resolve();
    };
    const observer = new MutationObserver(() => {
      if (shown()) done();
    });
    observer.observe(document.body, { attributes: true, attributeFilter: [attribute] });
    const cap = setTimeout(done, FIRST_SCREEN_CAP_MS);
  });
}

export function ReadyMarker() {
  useEffect(() => {
    const main = document.querySelector('main');
    if (!main || document.body.dataset.ready === 'true') return;
    let last = performance.now();
    let timer: ReturnType<typeof setTimeout>;
    const done = () => {
      if (main.querySelector('[role="progressbar"], [aria-busy="true"]') || LOADING_TEXT.test(main.textContent ?? '')) {
        timer = setTimeout(done, QUIET_MS);
        return;
      }
      observer.disconnect();
      document.body.dataset.readyAt = String(Math.round(last));
      document.body.dataset.ready = 'true';
    };
    const observer = new MutationObserver(() => {
      last = performance.now();
      clearTimeout(timer);
      timer = setTimeout(done, QUIET_MS);
    });
    observer.observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
    timer = setTimeout(done, QUIET_MS);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, []);
  return null;
}
