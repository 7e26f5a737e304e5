import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, vietnamDate } from '../../server/waves/wave-dates.ts';
import { chromiumMissing, launchBrowser, screenshot } from '../helpers/browser.ts';
import { questionnaireJson } from '../helpers/questionnaire-json.ts';
import { adminApi, signInOnPage } from '../helpers/staff-page.ts';
import { fillSurveyByClicking } from '../helpers/survey-page.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];
const browserTimeout = 300_000;
const today = vietnamDate(new Date());
const year = today.slice(0, 4);
const versionId = 'cb-hpi-2026-dot2';
const greeting = 'Kính chào Ông/Bà, mời tham gia đợt hai!';

/** The next version, told apart from the current one by its first words to residents. */
function nextVersion() {
  const json = questionnaireJson(versionId);
  const intro = json.survey.pages[0]?.elements[0] as { html: { default: string } };
  intro.html.default = intro.html.default.replace('Kính chào Ông/Bà!', greeting);
  return json;
}
const answers = Object.fromEntries(
  nextVersion().scoring.items.map((item) => [item.name, 6] as const),
);

describe.each(suites)('a survey round run from /staff in $name', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer();
    // The new install's wave (this whole year) ends yesterday, so today is free for the round.
    const admin = await adminApi(server);
    const moved = await admin.send('PATCH', `/api/waves/${year}`, { closesOn: addDays(today, -1) });
    expect(moved.status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it(
    'an admin publishes a questionnaire, opens a wave with it, a resident answers it, progress moves',
    async () => {
      const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await browser.context.newPage();
        await signInOnPage(page, server, 'questionnaires');
        await page.getByRole('heading', { name: 'Các phiên bản bảng hỏi' }).waitFor();
        await page.getByLabel('Tệp bảng hỏi (JSON)').setInputFiles({
          name: `${versionId}.json`,
          mimeType: 'application/json',
          buffer: Buffer.from(JSON.stringify(nextVersion()), 'utf8'),
        });
        await page.getByText(`Không có lỗi: phiên bản ${versionId} có thể công bố.`).waitFor();
        await page.locator('.questionnaire-preview').getByText(greeting).waitFor();
        await page.getByRole('button', { name: `Công bố ${versionId}` }).click();
        await page.getByRole('button', { name: 'Xác nhận công bố' }).click();
        await page.getByText(`Đã công bố phiên bản ${versionId}.`).waitFor();

        await page.goto(`${server.url}/staff#/waves`);
        await page.getByRole('heading', { name: 'Các đợt khảo sát' }).waitFor();
        await page.getByLabel('Mã đợt').fill('dot-hai');
        await page.getByLabel('Tên đợt').fill('Đợt hai');
        // A date field takes its value set as ISO through the DOM, whatever its display format.
        for (const [name, value] of [
          ['opensOn', today],
          ['closesOn', addDays(today, 30)],
        ]) {
          await page.locator(`input[name=${name}]`).evaluate((input: HTMLInputElement, v) => {
            input.value = v;
          }, value as string);
        }
        await page.getByLabel('Bộ câu hỏi').fill(versionId);
        await page.getByLabel('Chỉ tiêu mỗi xã (số phiếu)').fill('3');
        await page.getByRole('button', { name: 'Tạo đợt' }).click();
        const row = page.locator('tr[data-wave="dot-hai"]');
        await row.waitFor();
        expect(await row.textContent()).toContain('Đang mở');
        expect(await row.textContent()).toContain(versionId);

        await page.goto(`${server.url}/staff#/questionnaires`);
        const inUse = page.locator(`table.questionnaire-versions tr[data-id="${versionId}"]`);
        await inUse.waitFor();
        expect(await inUse.textContent()).toContain('Người dân đang trả lời');

        await page.goto(`${server.url}/staff#/progress`);
        const commune = page.locator('tr[data-commune="01273"]');
        await commune.waitFor();
        expect(await commune.textContent()).toContain('0 / 3 phiếu');

        const resident = await browser.context.newPage();
        await resident.goto(`${server.url}/`);
        await resident.locator('select').selectOption('01273');
        await resident.getByRole('button', { name: /Bắt đầu|Start/ }).click();
        await resident.getByText(greeting).waitFor();
        await resident
          .getByRole('button', { name: /Tiếp theo|Next/ })
          .first()
          .click();
        await fillSurveyByClicking(resident, answers);
        await resident.getByRole('heading', { name: /Cảm ơn|Thank you/ }).waitFor();
        await expect
          .poll(() =>
            server.query((db) =>
              db
                .selectFrom('responses')
                .select(['wave', 'questionnaire_id', 'commune_code'])
                .execute(),
            ),
          )
          .toEqual([{ wave: 'dot-hai', questionnaire_id: versionId, commune_code: '01273' }]);

        await page.reload();
        await commune.waitFor();
        expect(await commune.textContent()).toContain('1 / 3 phiếu');
        await screenshot(page, 'survey-round-progress');
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );
});
