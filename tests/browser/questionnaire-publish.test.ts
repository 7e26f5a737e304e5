import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumMissing,
  expectAccessible,
  launchBrowser,
  type Page,
  screenshot,
} from '../helpers/browser.ts';
import { type QuestionnaireJson, questionnaireJson } from '../helpers/questionnaire-json.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];
const browserTimeout = 240_000;

const jsonFile = (name: string, json: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify(json, null, 2), 'utf8'),
});

/** The next version: v2 reworded in its title, under a new id. */
function nextVersion() {
  const json = questionnaireJson('cb-hpi-2027-v1');
  json.title = { vi: 'Chỉ số Hạnh phúc 2027', en: 'Happiness Index 2027' };
  return json;
}

/** Two problems the loader finds: an item naming no question, and a dimension left empty. */
function broken() {
  const json: QuestionnaireJson = questionnaireJson('cb-hpi-2027-broken');
  const income = json.scoring.items.find((item) => item.name === 'sec_income');
  if (income) income.name = 'sec_pension';
  json.scoring.items = json.scoring.items.filter((item) => item.dimension !== 'trust');
  return json;
}

async function accessible(page: Page, label: string) {
  const result = await expectAccessible(page, label);
  expect(
    result.violations.map((v) => `${v.id}: ${v.nodes.length}`),
    label,
  ).toEqual([]);
}

describe.each(suites)('questionnaire versions screen in $name', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it(
    'an admin sees a broken file’s problems, previews a valid one in both languages, publishes it',
    async () => {
      const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.url}/staff#/questionnaires`);
        await page.getByLabel('Email').fill(server.admin.email);
        await page.getByLabel('Mật khẩu').fill(server.admin.password);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.getByRole('heading', { name: 'Các phiên bản bảng hỏi' }).waitFor();
        expect(
          await page.getByRole('link', { name: 'Bảng hỏi' }).getAttribute('aria-current'),
        ).toBe('page');
        const current = page.locator('table.questionnaire-versions tr[data-id="cb-hpi-2026-v2"]');
        expect(await current.textContent()).toContain('Người dân đang trả lời');

        // The current version downloads as a file to start from.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: /Tải về phiên bản hiện tại/ }).click(),
        ]);
        expect(download.suggestedFilename()).toBe('cb-hpi-2026-v2.json');

        await page.getByLabel('Tệp bảng hỏi (JSON)').setInputFiles(jsonFile('hong.json', broken()));
        const rows = page.locator('table.questionnaire-problems tbody tr');
        await rows.first().waitFor();
        const problems = await rows.evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
        );
        expect(problems).toEqual([
          ['scoring.items[0]', 'sec_pension', 'names no question of the form'],
          ['scoring.items', 'trust', 'this dimension has no item'],
        ]);
        expect(await page.getByText('Có 2 lỗi; chưa thể công bố.').isVisible()).toBe(true);
        expect(await page.getByRole('button', { name: /Công bố/ }).count()).toBe(0);
        await screenshot(page, 'questionnaire-problems-1280');
        await accessible(page, 'questionnaire screen with problems');

        await page
          .getByLabel('Tệp bảng hỏi (JSON)')
          .setInputFiles(jsonFile('cb-hpi-2027-v1.json', nextVersion()));
        await page.getByText('Không có lỗi: phiên bản cb-hpi-2027-v1 có thể công bố.').waitFor();
        const preview = page.locator('.questionnaire-preview');
        await preview.getByText('Kính chào Ông/Bà!').waitFor();
        expect(await preview.locator('.sd-root-modern').getAttribute('lang')).toBe('vi');
        await preview.scrollIntoViewIfNeeded();
        await screenshot(page, 'questionnaire-preview-vi-1280');
        await accessible(page, 'questionnaire preview in Vietnamese');

        await page.getByRole('button', { name: 'English', exact: true }).last().click();
        await preview.getByText('Hello!').waitFor();
        await page.waitForFunction(
          () =>
            document
              .querySelector('.questionnaire-preview .sd-root-modern')
              ?.getAttribute('lang') === 'en',
        );
        // The dashboard itself stays in Vietnamese.
        expect(await page.getByRole('heading', { name: 'Các phiên bản bảng hỏi' }).count()).toBe(1);
        await screenshot(page, 'questionnaire-preview-en-1280');
        await accessible(page, 'questionnaire preview in English');
        // The next page of the preview is the resident's scale, answered as they would.
        await preview.getByRole('button', { name: 'Next' }).click();
        await preview.locator('.sd-question').first().waitFor();

        await page.getByRole('button', { name: 'Công bố cb-hpi-2027-v1' }).click();
        await page.getByText('Công bố phiên bản cb-hpi-2027-v1? Sau khi công bố').waitFor();
        await page.getByRole('button', { name: 'Xác nhận công bố' }).click();
        await page.getByText('Đã công bố phiên bản cb-hpi-2027-v1.').waitFor();
        const published = page.locator('table.questionnaire-versions tr[data-id="cb-hpi-2027-v1"]');
        await published.waitFor();
        expect(await published.textContent()).toContain('Từ trang cán bộ');
        await screenshot(page, 'questionnaire-published-1280');
        await accessible(page, 'questionnaire screen after publishing');
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );
});
