import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumMissing,
  expectAccessible,
  launchBrowser,
  screenshot,
} from '../helpers/browser.ts';
import { fillSurveyByClicking } from '../helpers/survey-page.ts';
import { questionnaire } from '../helpers/test-app.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];

describe.each(suites)('resident thank-you note in $name', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('says the answers are kept while offline, and "Đã gửi" once the outbox is empty again', async () => {
    const browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/`);
      await page.locator('select').selectOption('01294');
      await page.getByRole('button', { name: 'Bắt đầu' }).click();
      await page.locator('.sd-root-modern').first().waitFor();

      await browser.context.setOffline(true);
      const answers = Object.fromEntries(questionnaire.scoring.items.map((item) => [item.name, 6]));
      await fillSurveyByClicking(page, answers);
      await page.getByRole('heading', { name: /Cảm ơn/ }).waitFor();
      const status = page.locator('.status');
      await expect.poll(() => status.textContent()).toMatch(/sẽ tự gửi đi/);
      await expect.poll(() => page.locator('.queue-status').textContent()).toMatch(/1/);
      await screenshot(page, 'resident-thanks-offline');

      await browser.context.setOffline(false);
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^Đã gửi/);
      expect(await status.textContent()).not.toMatch(/sẽ tự gửi/);
      expect(await page.locator('.queue-status').isHidden()).toBe(true);
      await screenshot(page, 'resident-thanks-sent');
      await expectAccessible(page, 'thank-you after sending');
      expect(browser.errors).toEqual([]);

      const rows = await server.query((db) =>
        db.selectFrom('responses').select('commune_code').execute(),
      );
      expect(rows).toEqual([{ commune_code: '01294' }]);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
