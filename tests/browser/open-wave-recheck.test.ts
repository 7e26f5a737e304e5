import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, vietnamDate } from '../../server/waves/wave-dates.ts';
import { chromiumMissing, launchBrowser, type Page, screenshot } from '../helpers/browser.ts';
import { questionnaireJson } from '../helpers/questionnaire-json.ts';
import { adminApi } from '../helpers/staff-page.ts';
import { fillSurveyByClicking } from '../helpers/survey-page.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];
const browserTimeout = 240_000;
const today = vietnamDate(new Date());
const year = today.slice(0, 4);
const versionId = 'cb-hpi-2026-dot2';
const greeting = 'Kính chào Ông/Bà, mời tham gia đợt hai!';
const closedHeading = 'Hiện chưa có đợt khảo sát nào';

/** Another version, told apart from the current one by its first words to residents. */
function nextVersion() {
  const json = questionnaireJson(versionId);
  const intro = json.survey.pages[0]?.elements[0] as { html: { default: string } };
  intro.html.default = intro.html.default.replace('Kính chào Ông/Bà!', greeting);
  return json;
}

/** What the browser does when the device is back on the network, or the app is back in front. */
const comeBack = (page: Page, event: 'online' | 'focus') =>
  page.evaluate((type) => window.dispatchEvent(new Event(type)), event);

describe.each(suites)('a page left open follows the open wave, in $name', () => {
  let server: WebServer;
  let admin: Awaited<ReturnType<typeof adminApi>>;
  const changeWave = async (change: Record<string, unknown>) => {
    const res = await admin.send('PATCH', `/api/waves/${year}`, change);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  beforeAll(async () => {
    server = await startWebServer();
    admin = await adminApi(server);
    expect((await admin.send('POST', '/api/questionnaires', nextVersion())).status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
  });

  it(
    'a kiosk takes the wave’s new questionnaire, says when no wave is open, and opens again by itself',
    async () => {
      const created = await admin.send('POST', '/api/kiosks', {
        communeCode: '01279',
        label: 'Nhà văn hoá',
      });
      expect(created.status).toBe(201);
      const { pairingCode } = created.body as { pairingCode: string };
      const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.url}/kiosk#pair=${pairingCode}`);
        await page.locator('.sd-root-modern').getByText('Kính chào Ông/Bà!').waitFor();

        // The wave (no responses yet) takes the other version: the untouched form follows.
        await changeWave({ questionnaireId: versionId });
        await comeBack(page, 'online');
        await page.locator('.sd-root-modern').getByText(greeting).waitFor();

        // No wave open any more (it now starts tomorrow): the kiosk says so.
        await changeWave({ opensOn: addDays(today, 1) });
        await comeBack(page, 'focus');
        await page.getByRole('heading', { name: closedHeading }).waitFor();
        await screenshot(page, 'kiosk-wave-closed-while-open');

        // Open again: back in front, the kiosk takes residents again.
        await changeWave({ opensOn: `${year}-01-01` });
        await comeBack(page, 'focus');
        await page.locator('.sd-root-modern').getByText(greeting).waitFor();
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );

  it(
    'the resident page shows "no survey open" once its wave closed, and still sends what it held',
    async () => {
      const browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.url}/`);
        await page.locator('select').selectOption('01273');
        await page.getByRole('button', { name: /Bắt đầu|Start/ }).click();
        await page.getByText(greeting).waitFor();

        // Answered with no signal: the response waits in the page's outbox.
        await browser.context.setOffline(true);
        await page
          .getByRole('button', { name: /Tiếp theo|Next/ })
          .first()
          .click();
        await fillSurveyByClicking(page, { sec_income: 6, sec_health: 7, life_sat: 8 });
        await page.getByRole('heading', { name: /Cảm ơn|Thank you/ }).waitFor();

        const closed = await admin.send('POST', `/api/waves/${year}/close`);
        expect(closed.status).toBe(200);
        await browser.context.setOffline(false);
        await comeBack(page, 'online');
        // Completed while the wave was open: taken, late, after it closed.
        await expect
          .poll(
            () =>
              server.query((db) =>
                db.selectFrom('responses').select(['wave', 'questionnaire_id']).execute(),
              ),
            { timeout: 30_000 },
          )
          .toEqual([{ wave: year, questionnaire_id: versionId }]);

        // The next resident finds no survey open, not the closed wave's form.
        await page.getByRole('button', { name: /Trả lời lại|Start a new/ }).click();
        await page.getByRole('heading', { name: closedHeading }).waitFor();
        expect(await page.locator('select').count()).toBe(0);
        await screenshot(page, 'resident-wave-closed-while-open');
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );
});
