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

/** Every scored item answered so that its item score is 80, except one "don't know". */
function answersScoring80(): Record<string, number> {
  return Object.fromEntries(
    questionnaire.scoring.items.map((item) => [
      item.name,
      item.name === 'sec_income' ? 98 : item.reverse ? 2 : 8,
    ]),
  );
}

/**
 * Reads the profile chart's pixels along the first bar: where the bar starts (0) and ends
 * (80 here), where 90 must then be, and where the target line's colour is found on that row.
 */
function targetLineOnBars(page: Page) {
  return page.locator('.profile canvas').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    const { width, height } = canvas;
    const pixels = ctx.getImageData(0, 0, width, height).data;
    const isColour = (x: number, y: number, [r, g, b]: number[]) => {
      const i = (y * width + x) * 4;
      return (
        Math.abs((pixels[i] ?? 0) - (r ?? 0)) < 12 &&
        Math.abs((pixels[i + 1] ?? 0) - (g ?? 0)) < 12 &&
        Math.abs((pixels[i + 2] ?? 0) - (b ?? 0)) < 12 &&
        (pixels[i + 3] ?? 0) > 200
      );
    };
    const green = [0x0b, 0x6e, 0x4f];
    const brown = [0x8a, 0x4b, 0x00];
    for (let y = 0; y < height; y += 1) {
      const row = Array.from({ length: width }, (_, x) => x);
      const bar = row.filter((x) => isColour(x, y, green));
      if (bar.length < 10) continue;
      const start = bar[0] ?? 0;
      const barEnd = bar.at(-1) ?? 0;
      const lines = row.filter((x) => x > barEnd && isColour(x, y, brown));
      return {
        barEnd,
        expected: start + ((barEnd + 1 - start) * 90) / 80,
        found: lines.length ? ((lines[0] ?? 0) + (lines.at(-1) ?? 0)) / 2 : -1,
        lineWidth: lines.length,
      };
    }
    throw new Error('no bar drawn');
  });
}

/** The chart animates its bars in: read the line once two reads 200 ms apart agree. */
async function settledTargetLine(page: Page) {
  let last: Awaited<ReturnType<typeof targetLineOnBars>> | null = null;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const now = await targetLineOnBars(page).catch(() => null);
    if (now && last && now.barEnd === last.barEnd && now.found === last.found) return now;
    last = now;
    await page.waitForTimeout(200);
  }
  throw new Error('the profile chart never settled');
}

async function chooseCommuneAndStart(page: Page, code: string) {
  await page.locator('select').selectOption(code);
  await page.getByRole('button', { name: /Bắt đầu|Start/ }).click();
}

describe.each(suites)('resident page in $name', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a resident fills the whole survey by clicking; the stored response has the answers and METHOD.md scores', async () => {
    const browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/`);
      await page.locator('select').waitFor();
      await expectAccessible(page, 'commune chooser');
      await screenshot(page, 'resident-start');
      await chooseCommuneAndStart(page, '01288');
      await page.locator('.sd-root-modern, .sd-container-modern').first().waitFor();
      await expectAccessible(page, 'survey intro');
      const answers = {
        ...answersScoring80(),
        life_sat: 7,
        age_band: '30-44',
        sex: 'female',
        ethnicity: 'nung',
        comment: 'Đường lên bản "Nà Mò", mùa mưa',
      };
      await page
        .getByRole('button', { name: /Tiếp theo|Next/ })
        .first()
        .click();
      await screenshot(page, 'resident-form');
      await expectAccessible(page, 'survey page');
      await fillSurveyByClicking(page, answers);
      await page.getByRole('heading', { name: /Cảm ơn|Thank you/ }).waitFor();
      await page.locator('.profile canvas').waitFor();
      await expect.poll(() => page.locator('.profile-sentences li').count()).toBe(4);
      // Every dimension scores 80: the bars end at 80 and the target line stands at 90.
      const line = await settledTargetLine(page);
      expect(line.expected).toBeGreaterThan(line.barEnd);
      expect(Math.abs(line.found - line.expected)).toBeLessThanOrEqual(3);
      // A line, not an area: a few pixels wide.
      expect(line.lineWidth).toBeGreaterThan(0);
      expect(line.lineWidth).toBeLessThanOrEqual(6);
      await expect
        .poll(() => page.locator('.queue-status').isHidden(), { timeout: 15_000 })
        .toBe(true);
      await screenshot(page, 'resident-thanks');
      await expectAccessible(page, 'thank-you and profile');
      expect(browser.errors).toEqual([]);

      const rows = await server.query((db) => db.selectFrom('responses').selectAll().execute());
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row?.answers).toEqual(answers);
      expect(row).toMatchObject({
        commune_code: '01288',
        channel: 'web',
        questionnaire_id: questionnaire.id,
        // Every valid item scores 80 (8 on a 0–10 scale, or 2 on a reverse item); the
        // "don't know" is left out: METHOD.md gives 80 for each dimension and overall.
        score_overall: 80,
        score_security: 80,
        score_opportunity: 80,
        score_culture: 80,
        score_trust: 80,
      });
      expect(row?.started_at).toBeInstanceOf(Date);
    } finally {
      await browser.close();
    }
  }, 120_000);
});

describe.each(suites)('resident page offline in $name', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('takes three responses offline, reopens from the cache offline, and sends each once when back online', async () => {
    const browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/`);
      await page.locator('select').waitFor();
      // The service worker must hold the page, its assets and the questionnaire first.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await page.reload();
      await page.locator('select').waitFor();

      await browser.context.setOffline(true);
      const answers = Object.fromEntries(questionnaire.scoring.items.map((item) => [item.name, 5]));
      for (let i = 0; i < 3; i += 1) {
        await chooseCommuneAndStart(page, '01273');
        await fillSurveyByClicking(page, answers);
        await page.getByRole('heading', { name: /Cảm ơn|Thank you/ }).waitFor();
        await page.getByRole('button', { name: /Trả lời lại|Start a new/ }).click();
      }
      await expect.poll(() => page.locator('.queue-status').textContent()).toMatch(/3/);

      await page.reload();
      await page.locator('select').waitFor();
      await expect.poll(() => page.locator('.queue-status').textContent()).toMatch(/3/);
      await screenshot(page, 'resident-offline-queue');
      if (server.kind === 'postgres') {
        // Nothing reached the server while offline (on PostgreSQL the test can look now).
        expect(
          await server.query((db) => db.selectFrom('responses').select('id').execute()),
        ).toHaveLength(0);
      }

      await browser.context.setOffline(false);
      await expect
        .poll(() => page.locator('.queue-status').isHidden(), { timeout: 30_000 })
        .toBe(true);
      const rows = await server.query((db) =>
        db.selectFrom('responses').select(['id', 'commune_code', 'score_overall']).execute(),
      );
      expect(rows).toHaveLength(3);
      expect(new Set(rows.map((r) => r.id)).size).toBe(3);
      expect(rows.every((r) => r.commune_code === '01273' && r.score_overall === 50)).toBe(true);
    } finally {
      await browser.close();
    }
    // Three whole surveys by clicking: slow on a busy two-core machine.
  }, 240_000);
});
