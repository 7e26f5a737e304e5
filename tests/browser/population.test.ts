import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumMissing,
  expectAccessible,
  launchBrowser,
  type Page,
  screenshot,
} from '../helpers/browser.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];
const browserTimeout = 180_000;

/** Both margins of one commune as CSV lines: female, male, then the four age bands. */
const communeLines = (code: string, sex: [number, number], ages: number[]) => [
  `${code},sex,female,${sex[0]}`,
  `${code},sex,male,${sex[1]}`,
  ...['18-29', '30-44', '45-59', '60+'].map((band, i) => `${code},age_band,${band},${ages[i]}`),
];

/** A file as a spreadsheet saves it: byte-order mark, CRLF, a blank line at the end. */
const csvFile = (lines: string[]) => ({
  name: 'dan-so-2025.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(`\ufeff${lines.join('\r\n')}\r\n\r\n`, 'utf8'),
});

const header = 'communeCode,variable,category,population';
/**
 * Line 1 the header; 2–7 Thục Phán with a negative count on line 7; 8 a code whose leading
 * zero a spreadsheet dropped; 9–14 Nùng Trí Cao, its age bands 10% short of its sex total;
 * 15 a repeat of line 2.
 */
const faulty = [
  header,
  ...communeLines('01273', [5120, 4880], [2960, 3180, 2410, -5]),
  '1288,sex,female,100',
  ...communeLines('01279', [3310, 3245], [1500, 1800, 1600, 1000]),
  '01273,sex,female,5120',
];
const fixed = [
  header,
  ...communeLines('01273', [5120, 4880], [2960, 3180, 2410, 1450]),
  ...communeLines('01279', [3310, 3245], [1800, 2050, 1640, 1065]),
];

async function population(server: WebServer, cookie: string) {
  const res = await fetch(`${server.url}/api/population`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as { source: string | null; margins: unknown[]; updatedBy: string };
}

async function signInCookie(server: WebServer) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(server.admin),
  });
  return res.headers.get('set-cookie')?.split(';')[0] ?? '';
}

/** axe on the page: nothing serious, and no violation of any impact either. */
async function accessible(page: Page, label: string) {
  const result = await expectAccessible(page, label);
  expect(
    result.violations.map((v) => `${v.id}: ${v.nodes.length}`),
    label,
  ).toEqual([]);
}

describe.each(suites)('population margins screen in $name', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it(
    'shows a faulty file’s problems by line and stores nothing; the corrected file is stored and shown',
    async () => {
      const browser = await launchBrowser({ viewport: { width: 1280, height: 720 } });
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.url}/staff#/population`);
        await page.getByLabel('Email').fill(server.admin.email);
        await page.getByLabel('Mật khẩu').fill(server.admin.password);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.getByRole('heading', { name: 'Số liệu dân số để gia quyền' }).waitFor();
        await page.getByText('Chưa có số liệu dân số').waitFor();
        expect(await page.getByRole('link', { name: 'Dân số' }).getAttribute('aria-current')).toBe(
          'page',
        );
        // The template downloads as the product's own file.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Tải tệp mẫu' }).click(),
        ]);
        expect(download.suggestedFilename()).toBe('population-template.csv');
        expect(readFileSync(await download.path(), 'utf8')).toBe(
          readFileSync(
            new URL('../../server/population/population-template.csv', import.meta.url),
            'utf8',
          ),
        );

        await page.getByLabel('Tệp CSV').setInputFiles(csvFile(faulty));
        const problems = page.locator('.population-problems li');
        await problems.first().waitFor();
        const byLine = await problems.evaluateAll((items) =>
          items.map((li) => [li.getAttribute('data-line'), li.textContent]),
        );
        expect(byLine).toEqual([
          ['7', 'Dòng 7: số dân "-5" là số âm.'],
          [
            '8',
            'Dòng 8: mã xã "1288" không có trong danh sách 56 xã, phường. Mã xã có 5 chữ số: ' +
              'có thể bảng tính đã bỏ số 0 ở đầu.',
          ],
          [
            '9',
            'Dòng 9–14: xã 01279: tổng theo giới tính (6.555) và tổng theo nhóm tuổi (5.900) ' +
              'lệch nhau 10,0%, quá mức cho phép 2%.',
          ],
          ['15', 'Dòng 15: trùng với dòng 2: cùng xã, biến và nhóm.'],
        ]);
        expect(await page.locator('.population-problems').textContent()).toContain(
          'Tệp có 4 lỗi. Chưa lưu gì',
        );
        expect(await page.getByRole('button', { name: 'Lưu' }).isHidden()).toBe(true);
        // The same problems in English, then back.
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { name: 'Population margins for weighting' }).waitFor();
        expect(await problems.allTextContents()).toEqual([
          'Line 7: population "-5" is negative.',
          'Line 8: commune code "1288" is not one of the 56 communes. Commune codes have 5 ' +
            'digits: a spreadsheet may have dropped the leading zero.',
          'Lines 9–14: commune 01279: the sex total (6,555) and the age-band total (5,900) ' +
            'differ by 10.0%, more than the 2% allowed.',
          'Line 15: repeats line 2: the same commune, variable and category.',
        ]);
        await page.getByRole('button', { name: 'Tiếng Việt' }).click();
        await page.getByRole('heading', { name: 'Số liệu dân số để gia quyền' }).waitFor();
        await screenshot(page, 'population-problems-1280');
        await accessible(page, 'population screen with problems');
        const cookie = await signInCookie(server);
        expect((await population(server, cookie)).source).toBeNull();

        await page.getByLabel('Tệp CSV').setInputFiles(csvFile(fixed));
        await page.getByText('Tệp hợp lệ').waitFor();
        expect(await page.locator('.population-summary').textContent()).toBe(
          'Tệp dan-so-2025.csv: 12 dòng số liệu, 2 xã, phường.',
        );
        // Saving without a source is refused here, before anything is sent: empty, the
        // browser's own check; only spaces, ours.
        await page.getByRole('button', { name: 'Lưu' }).click();
        expect(await page.locator('#pop-source:invalid').count()).toBe(1);
        await page.getByLabel('Nguồn số liệu').fill('   ');
        await page.getByRole('button', { name: 'Lưu' }).click();
        await page.getByText('Hãy ghi nguồn số liệu.').waitFor();
        expect((await population(server, cookie)).source).toBeNull();

        await page.getByLabel('Nguồn số liệu').fill('Cục Thống kê tỉnh Cao Bằng, 2025');
        await page.getByRole('button', { name: 'Lưu' }).click();
        await page.getByText('Đã lưu số liệu dân số của 2 xã, phường.').waitFor();
        const summary = page.locator('section dl.population-facts');
        await summary.waitFor();
        const shown = await summary.textContent();
        expect(shown).toContain('Cục Thống kê tỉnh Cao Bằng, 2025');
        expect(shown).toContain(server.admin.email);
        expect(shown).toContain('2 / 56');
        const stored = await population(server, cookie);
        expect(stored).toMatchObject({
          source: 'Cục Thống kê tỉnh Cao Bằng, 2025',
          updatedBy: server.admin.email,
        });
        expect(stored.margins).toHaveLength(12);
        expect(stored.margins[0]).toEqual({
          communeCode: '01273',
          variable: 'sex',
          category: 'female',
          population: 5120,
        });

        await page.getByText('Xem số liệu từng xã').click();
        const row = page.locator('table.data tbody tr').first();
        expect(await row.textContent()).toBe('Thục Phán (01273)5.1204.8802.9603.1802.4101.450');
        await screenshot(page, 'population-stored-1280');
        await accessible(page, 'population screen with figures in force');
        await page.setViewportSize({ width: 320, height: 720 });
        await screenshot(page, 'population-stored-320');
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
        );
        expect(overflow, 'no sideways scrolling at 320 px').toBe(false);
        await accessible(page, 'population screen at 320 px');
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );
});
