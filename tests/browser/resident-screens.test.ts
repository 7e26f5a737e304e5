import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumMissing,
  expectAccessible,
  launchBrowser,
  type Page,
  screenshot,
} from '../helpers/browser.ts';
import { fillSurveyByClicking } from '../helpers/survey-page.ts';
import { questionnaire } from '../helpers/test-app.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];

/** A cheap phone, a common phone, a tablet, a commune-office kiosk. */
const sizes = [
  { width: 320, height: 640 },
  { width: 360, height: 740 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
];

/** Nothing of `selector` reaches past the right edge of the viewport (no sideways scrolling). */
async function fitsAcross(page: Page, selector: string) {
  return page
    .locator(selector)
    .evaluateAll((elements) =>
      elements.every((e) => e.getBoundingClientRect().right <= window.innerWidth + 0.5),
    );
}

/** Each screen of the resident page at each size: screenshots to look at, axe, no overflow. */
async function atEverySize(page: Page, name: string, mine: string) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    // Let the layout (and Chart.js's resize observer) settle at the new size.
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    expect(await fitsAcross(page, mine), `${name} at ${size.width}`).toBe(true);
    await screenshot(page, `${name}-${size.width}x${size.height}`);
    await expectAccessible(page, `${name} at ${size.width}×${size.height}`);
  }
}

describe.each(suites)('resident screens at four sizes in $name', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('first screen, commune line, commune change and thank-you fit and pass axe at 320, 360, 768 and 1280 wide', async () => {
    const browser = await launchBrowser({ viewport: sizes[0] });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/`);
      await page.locator('select').selectOption({ label: 'Nguyễn Huệ' });
      await page.getByRole('button', { name: 'Bắt đầu' }).waitFor();
      await atEverySize(page, 'resident-start', '#app *');

      await page.getByRole('button', { name: 'Bắt đầu' }).click();
      await page.locator('.sd-root-modern').first().waitFor();
      await page.locator('.sd-navigation__next-btn:visible').first().click();
      await page.locator(`[data-name="${questionnaire.scoring.items[0]?.name}"]`).waitFor();
      await atEverySize(page, 'resident-form-commune-line', '.commune-line, .commune-line *');

      await page.getByRole('button', { name: 'Đổi xã, phường' }).click();
      await atEverySize(page, 'resident-commune-change', '.commune-line, .commune-line *');
      await page.getByRole('button', { name: 'Giữ như cũ' }).click();
      expect(await page.locator('.chosen-commune').textContent()).toBe('Xã, phường: Nguyễn Huệ');
      // Focus comes back to the button that opened the panel.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Đổi xã, phường');

      const answers = Object.fromEntries(
        questionnaire.scoring.items.map((item) => [item.name, item.reverse ? 1 : 9]),
      );
      await fillSurveyByClicking(page, answers);
      await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà!' }).waitFor();
      await page.locator('.profile canvas').waitFor();
      await atEverySize(page, 'resident-thanks', '#app *');
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 240_000);
});
