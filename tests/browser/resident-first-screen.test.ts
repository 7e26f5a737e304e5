import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumMissing,
  expectAccessible,
  launchBrowser,
  screenshot,
} from '../helpers/browser.ts';
import { firstScreenScripts, holdRequests } from '../helpers/survey-page.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];

describe.each(suites)('resident first screen in $name', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('says "Đang tải…" from the HTML alone, before any script runs', async () => {
    const browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
    try {
      const page = await browser.context.newPage();
      await page.route('**/*.js', (route) => route.abort());
      await page.goto(`${server.url}/`);
      await expect.poll(() => page.locator('#app').textContent()).toMatch(/Đang tải…/);
      expect(await page.locator('select').count()).toBe(0);
      await expectAccessible(page, 'HTML loading state');
    } finally {
      await browser.close();
    }
  });

  it('the chooser is usable while the form library and questionnaire are held back; start says when the form is ready', async () => {
    const browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
    try {
      const firstScreen = await firstScreenScripts(server.url);
      // Everything but the first screen's own scripts is held: SurveyJS's chunk, the form's
      // screens and the questionnaire (service-worker downloads included).
      const held = await holdRequests(browser.context, (url) => {
        if (url.pathname === '/api/questionnaires/current') return true;
        return (
          url.pathname.endsWith('.js') &&
          url.pathname !== '/sw.js' &&
          !firstScreen.has(url.pathname)
        );
      });
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/`);
      const list = page.locator('select');
      await list.waitFor();
      const start = page.locator('button.start');
      await expect.poll(() => start.textContent()).toBe('Đang tải bộ câu hỏi…');
      expect(await start.isDisabled()).toBe(true);

      await list.selectOption({ label: 'Lý Bôn' });
      expect(await list.inputValue()).toBe('01294');
      await page.getByRole('searchbox').fill('ly');
      expect(await list.locator('option').allTextContents()).toEqual(['Lý Bôn', 'Lý Quốc']);
      expect(await start.isDisabled()).toBe(true);
      await screenshot(page, 'resident-first-screen-loading');
      await expectAccessible(page, 'first screen while the form loads');

      // The background load was asked for and is still unanswered.
      const heldPaths = held.paths();
      expect(heldPaths).toContain('/api/questionnaires/current');
      expect(heldPaths.some((path) => path.startsWith('/assets/') && path.endsWith('.js'))).toBe(
        true,
      );
      expect(await page.locator('.sd-root-modern').count()).toBe(0);

      held.release();
      await expect.poll(() => start.textContent(), { timeout: 20_000 }).toBe('Bắt đầu');
      expect(await start.isDisabled()).toBe(false);
      await start.click();
      await page.locator('.sd-root-modern').first().waitFor();
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
