import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser, type Page } from '../helpers/browser.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];

/** The built files a page's HTML names itself: its entry scripts, preloads and styles. */
async function namedFiles(server: WebServer, path: string) {
  const html = await (await fetch(`${server.url}${path}`)).text();
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
  const entries = [...html.matchAll(/<script type="module"[^>]* src="(\/assets\/[^"]+)"/g)].map(
    (m) => m[1] ?? '',
  );
  const styles = [...html.matchAll(/<link rel="stylesheet"[^>]* href="(\/assets\/[^"]+)"/g)].map(
    (m) => m[1] ?? '',
  );
  expect(entries.length, `entry scripts of ${path}`).toBeGreaterThan(0);
  return { files, entries, styles };
}

/** Every cache of the origin and the paths it holds. */
const cacheContents = (page: Page) =>
  page.evaluate(async () => {
    const contents: Record<string, string[]> = {};
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      contents[key] = (await cache.keys()).map((request) => new URL(request.url).pathname).sort();
    }
    return contents;
  });

const scopes = (page: Page) =>
  page.evaluate(async () =>
    (await navigator.serviceWorker.getRegistrations())
      .filter((registration) => registration.active)
      .map((registration) => new URL(registration.scope).pathname)
      .sort(),
  );

/** The built files this page has loaded so far (the form's chunk once the form is shown). */
const loadedAssets = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/assets/')),
  );

const only = (files: string[], others: string[]) => files.filter((f) => !others.includes(f));

describe.each(suites)('each page its own service worker in $name', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the resident page precaches its files and its form, the kiosk its own, staff nothing', async () => {
    const resident = await namedFiles(server, '/');
    const kiosk = await namedFiles(server, '/kiosk');
    const staff = await namedFiles(server, '/staff');
    // Another page's own: its entry scripts (unique to it), and its styles that this page
    // never loads. (Lazy chunks may be shared: the form is the kiosk's preload and the
    // resident's lazy import, Chart.js the staff's and the resident's thank-you.)
    const elsewhere = (own: string[], other: { entries: string[]; styles: string[] }) => [
      ...other.entries,
      ...only(other.styles, own),
    ];
    const browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/`);
      await page.locator('select').waitFor();
      await expect.poll(() => scopes(page), { timeout: 60_000 }).toEqual(['/']);
      const afterResident = await cacheContents(page);
      const residentCaches = Object.keys(afterResident);
      expect(residentCaches).toHaveLength(1);
      expect(residentCaches[0]).toMatch(/^cbhpi-resident-[0-9a-f]{12}$/);
      const residentCache = afterResident[residentCaches[0] ?? ''] ?? [];
      expect(residentCache).toEqual(
        expect.arrayContaining([
          ...resident.files,
          '/',
          '/api/questionnaires/current',
          '/api/communes',
        ]),
      );
      // The form and whatever it loads lazily were precached before the resident asked.
      const list = page.locator('select');
      await list.selectOption((await list.locator('option').first().getAttribute('value')) ?? '');
      await page.getByRole('button', { name: /Bắt đầu|Start/ }).click();
      await page.locator('.sd-root-modern, .sd-container-modern').first().waitFor();
      const loaded = await loadedAssets(page);
      expect(
        only(loaded, resident.files).length,
        'chunks loaded after the first screen',
      ).toBeGreaterThan(0);
      expect(residentCache).toEqual(expect.arrayContaining(loaded));
      const residentUses = [...resident.files, ...loaded];
      for (const file of [
        ...elsewhere(residentUses, kiosk),
        ...elsewhere(residentUses, staff),
        '/kiosk',
        '/staff',
      ]) {
        expect(residentCache, `the resident's cache holds ${file}`).not.toContain(file);
      }

      await page.goto(`${server.url}/kiosk`);
      await expect.poll(() => scopes(page), { timeout: 60_000 }).toEqual(['/', '/kiosk']);
      const afterKiosk = await cacheContents(page);
      const kioskKey = Object.keys(afterKiosk).find((key) => key.startsWith('cbhpi-kiosk-'));
      expect(Object.keys(afterKiosk).sort()).toEqual([residentCaches[0], kioskKey].sort());
      const kioskCache = afterKiosk[kioskKey ?? ''] ?? [];
      expect(kioskCache).toEqual(
        expect.arrayContaining([...kiosk.files, '/kiosk', '/api/questionnaires/current']),
      );
      const kioskUses = await loadedAssets(page);
      expect(kioskCache).toEqual(expect.arrayContaining(kioskUses));
      for (const file of [
        ...elsewhere([...kiosk.files, ...kioskUses], resident),
        ...elsewhere([...kiosk.files, ...kioskUses], staff),
        '/',
        '/staff',
      ]) {
        expect(kioskCache, `the kiosk's cache holds ${file}`).not.toContain(file);
      }
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
        `${server.url}/kiosk-sw.js`,
      );
      // The resident's worker did not take in the kiosk's files while the kiosk loaded.
      expect(afterKiosk[residentCaches[0] ?? '']).toEqual(residentCache);

      // Staff pages register no worker and nothing of theirs is kept.
      await page.goto(`${server.url}/staff`);
      await page.waitForLoadState('load');
      await page.waitForTimeout(1_000);
      expect(await scopes(page)).toEqual(['/', '/kiosk']);
      const afterStaff = await cacheContents(page);
      expect(afterStaff).toEqual(afterKiosk);
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
