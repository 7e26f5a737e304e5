import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, vietnamDate } from '../../server/waves/wave-dates.ts';
import { chromiumMissing, launchBrowser, screenshot } from '../helpers/browser.ts';
import { fillSurveyByClicking } from '../helpers/survey-page.ts';
import { questionnaire } from '../helpers/test-app.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];
const browserTimeout = 240_000;
const today = vietnamDate(new Date());
const year = today.slice(0, 4);
/** Every scored item at 5: an overall score, so the response counts towards the target. */
const answers = Object.fromEntries(questionnaire.scoring.items.map((item) => [item.name, 5]));

describe.each(suites)('survey waves run from /staff in $name', () => {
  let server: WebServer;
  let cookie = '';
  beforeAll(async () => {
    server = await startWebServer();
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(server.admin),
    });
    cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    // The new install's wave (this whole year) ends yesterday, so today is free for a new one.
    const moved = await fetch(`${server.url}/api/waves/${year}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie, origin: server.url },
      body: JSON.stringify({ closesOn: addDays(today, -1) }),
    });
    expect(moved.status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it(
    'with no wave open the resident sees so; an admin creates a wave, a resident answers, progress moves',
    async () => {
      const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
      try {
        const resident = await browser.context.newPage();
        await resident.goto(`${server.url}/`);
        await resident.getByRole('heading', { name: 'Hiện chưa có đợt khảo sát nào' }).waitFor();
        await screenshot(resident, 'resident-no-open-wave');

        const page = await browser.context.newPage();
        await page.goto(`${server.url}/staff#/waves`);
        await page.getByLabel('Email').fill(server.admin.email);
        await page.getByLabel('Mật khẩu').fill(server.admin.password);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();
        await page.getByLabel('Mã đợt').fill('dot-thu');
        await page.getByLabel('Tên đợt').fill('Đợt thử nghiệm');
        // A date field takes its value set as ISO through the DOM, whatever its display format.
        for (const [name, value] of [
          ['opensOn', today],
          ['closesOn', addDays(today, 30)],
        ]) {
          await page.locator(`input[name=${name}]`).evaluate((input: HTMLInputElement, v) => {
            input.value = v;
          }, value as string);
        }
        await page.getByLabel('Chỉ tiêu mỗi xã (số phiếu)').fill('2');
        await page.getByRole('button', { name: 'Tạo đợt' }).click();
        const row = page.locator('tr[data-wave="dot-thu"]');
        await row.waitFor();
        expect(await row.textContent()).toContain('Đang mở');
        await screenshot(page, 'staff-waves');

        await resident.reload();
        await resident.locator('select').selectOption('01273');
        await resident.getByRole('button', { name: /Bắt đầu|Start/ }).click();
        await resident.locator('.sd-root-modern, .sd-container-modern').first().waitFor();
        await resident
          .getByRole('button', { name: /Tiếp theo|Next/ })
          .first()
          .click();
        await fillSurveyByClicking(resident, answers);
        await resident.getByRole('heading', { name: /Cảm ơn|Thank you/ }).waitFor();
        await expect
          .poll(async () =>
            server.query((db) =>
              db.selectFrom('responses').select(['wave', 'commune_code']).execute(),
            ),
          )
          .toEqual([{ wave: 'dot-thu', commune_code: '01273' }]);

        await page.goto(`${server.url}/staff#/progress`);
        await page.getByRole('heading', { name: 'Tiến độ thu thập phiếu' }).waitFor();
        const thucPhan = page.locator('tr[data-commune="01273"]');
        await thucPhan.waitFor();
        expect(await thucPhan.textContent()).toContain('1 / 2 phiếu');
        expect(await page.locator('.progress-summary').textContent()).toContain(
          '55 xã, phường không có phiếu nào trong 7 ngày qua',
        );
        await screenshot(page, 'staff-progress');
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );
});
