/**
 * A real page kill (Chromium renderer crash through CDP `Page.crash`, the worker dies with it) in the middle of
 * a write of a derived-state snapshot and of records. IndexedDB commits a transaction whole or not
 * at all, so the next start must find the records exactly as they were before, and derived state that is
 * correct: here the snapshot had been removed first (as if it had never been written), so the next start
 * rebuilds it in the background and writes a new one.
 */
import { expect, test } from '@playwright/test';
import { openWithDemo, storedRows, type StoredRow } from './helpers';

const SYNCED = ['cafs', 'partners', 'conventions', 'contacts', 'chains', 'allocations', 'habilitations', 'followUps', 'issuedForms', 'conflicts'];

test('killed in the middle of a snapshot write and a record write: records intact, derived state rebuilt', async ({ page, context }) => {
  await openWithDemo(page, '#/');
  // The first snapshot is on disk (the worker marks the body when it has written one).
  await expect(page.locator('body[data-derived-saved-at]')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();

  // Remove the snapshot in a committed transaction: the next start has none and must rebuild.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('partenaires-mcp');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction('derived', 'readwrite');
    tx.objectStore('derived').clear();
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
  const before: Record<string, StoredRow[]> = {};
  for (const t of SYNCED) before[t] = await storedRows(page, t);
  expect(before.partners!.length).toBeGreaterThan(0);

  // Open a write transaction and keep it busy (each put's success queues the next) until the page dies: a
  // snapshot row the size of a real one rewritten again and again, and every partner renamed « CASSÉ ». (One
  // transaction over both stores: two would queue behind the app's own reads of both.)
  await page.evaluate(() => {
    const w = window as unknown as { snapshotPuts: number; recordPuts: number };
    w.snapshotPuts = 0;
    w.recordPuts = 0;
    const open = indexedDB.open('partenaires-mcp');
    open.onsuccess = () => {
      const tx = open.result.transaction(['derived', 'partners'], 'readwrite');
      const snap = tx.objectStore('derived');
      const partners = tx.objectStore('partners');
      const big = { format: -1, docs: Array.from({ length: 2000 }, (_, i) => ({ id: `x${i}`, text: 'y'.repeat(200) })) };
      partners.getAll().onsuccess = (e) => {
        const rows = (e.target as IDBRequest<Record<string, unknown>[]>).result;
        const loop = (i: number) => {
          w.recordPuts = i;
          const r = rows[i % rows.length]!;
          partners.put({ ...r, name: `CASSÉ ${i}` }).onsuccess = () => {
            if (i % 10 === 0) {
              w.snapshotPuts++;
              snap.put({ key: i % 20 ? 'search' : 'dashboard', value: big }).onsuccess = () => loop(i + 1);
            } else loop(i + 1);
          };
        };
        loop(0);
      };
    };
  });
  // The transaction is still writing (never committed: each put queues the next) when the page dies.
  await page.waitForFunction(() => {
    const w = window as unknown as { snapshotPuts: number; recordPuts: number };
    return w.snapshotPuts > 5 && w.recordPuts > 50;
  });
  const crashed = page.waitForEvent('crash');
  const cdp = await context.newCDPSession(page);
  void cdp.send('Page.crash').catch(() => undefined); // never answers: the page is gone
  await crashed;

  // Next start, same profile.
  const next = await context.newPage();
  await next.goto('/#/');
  await expect(next.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
  for (const t of SYNCED) expect(await storedRows(next, t), t).toEqual(before[t]);

  // The derived state was rebuilt and saved again: a real snapshot, not the half-written one.
  await expect(next.locator('body[data-derived-saved-at]')).toHaveCount(1, { timeout: 30_000 });
  const derived = await storedRows(next, 'derived');
  // The dashboard's state, its saved cards (for today and the next days) and the search index.
  expect(derived.map((d) => d.key).sort()).toEqual(['dashboard', 'dashboard:view', 'search']);
  for (const d of derived) expect((d.value as { format: number }).format).toBeGreaterThan(0);
  // Search answers from it: the partner is found under its real name, never the one of the killed write.
  await next.locator('main').click();
  await next.keyboard.press('Control+f');
  await next.keyboard.type('saint denis');
  const results = next.getByRole('listbox', { name: 'Résultats de la recherche' });
  await expect(results).toContainText('Mairie de Saint-Denis');
  await expect(results).not.toContainText('CASSÉ');
});
