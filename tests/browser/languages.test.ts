import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../server/languages/read-csv.ts';
import {
  chromiumMissing,
  expectAccessible,
  launchBrowser,
  type Page,
  screenshot,
} from '../helpers/browser.ts';
import { fixtureLanguagesDir } from '../helpers/languages.ts';
import { createKiosk } from '../helpers/web-admin.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];
const qaaName = 'Pseudo ⟦qaa⟧';
const toCsv = (rows: string[][]) =>
  rows.map((row) => row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(',')).join('\r\n');

/**
 * The visible text nodes under `selector` that are not pseudo-translated (⟦…⟧): with the
 * test language chosen, any is a string the pages did not take from the language's files.
 * Numbers (the 0–10 scale) and commune names (data, not words of the page) are left aside.
 */
const untranslated = (page: Page, selector: string, skip: string[] = []) =>
  page.evaluate(
    ({ selector, skip }) => {
      const root = document.querySelector(selector);
      if (!root) return ['<nothing>'];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const found: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        const parent = node.parentElement;
        if (!text || /^[\d\s:·/–-]*$/.test(text) || !parent) continue;
        if (parent.closest(skip.join(',') || '#none')) continue;
        if (!parent.getClientRects().length) continue;
        if (!/[⟦⟧]/.test(text)) found.push(text);
      }
      return found;
    },
    { selector, skip },
  );

describe.each(suites)('languages as data in $name', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer({ EXTRA_LANGUAGES_DIR: fixtureLanguagesDir });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('offers the complete test language by its own name, and the resident page and form speak it', async () => {
    const browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/`);
      const row = page.locator('.start-languages .language-chooser');
      await row.locator('button', { hasText: qaaName }).waitFor();
      // Offered: the complete ones only, Vietnamese first, each in its own language.
      const buttons = await row
        .locator('button')
        .evaluateAll((all) =>
          all.map((b) => ({ name: b.textContent, lang: b.getAttribute('lang') })),
        );
      expect(buttons).toEqual([
        { name: 'Tiếng Việt', lang: 'vi' },
        { name: 'English', lang: 'en' },
        { name: qaaName, lang: 'qaa' },
      ]);
      await expectAccessible(page, 'start screen with the language row');

      await row.getByRole('button', { name: qaaName }).click();
      await page.getByRole('heading', { level: 1, name: /⟦Khảo sát/ }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('qaa');
      await expect
        .poll(() => row.getByRole('button', { name: qaaName }).getAttribute('aria-pressed'))
        .toBe('true');
      expect(
        await untranslated(page, '#app', ['.commune-chooser select', '.language-chooser']),
      ).toEqual([]);
      await screenshot(page, 'languages-qaa-start');

      await page.locator('select').selectOption({ label: 'Lý Bôn' });
      const start = page.locator('button.start');
      await expect.poll(() => start.textContent(), { timeout: 20_000 }).toBe('⟦Bắt đầu⟧');
      await start.click();
      await page.locator('.sd-root-modern').waitFor();
      expect(await page.locator('.sd-root-modern').getAttribute('lang')).toBe('qaa');
      const next = page.locator('.sd-navigation__next-btn:visible').first();
      expect((await next.getAttribute('value')) ?? (await next.textContent())).toBe('⟦Tiếp theo⟧');
      await expect.poll(() => page.locator('.sd-title').first().textContent()).toMatch(/⟦Chỉ số/);
      await next.click();
      const question = page.locator('[data-name="sec_income"]');
      await question.waitFor();
      expect(await question.locator('.sd-question__title').textContent()).toMatch(/^⟦Thu nhập/);
      expect(await untranslated(page, '.sd-root-modern')).toEqual([]);
      expect(await page.locator('.sd-progress__text:visible').textContent()).toMatch(
        /^⟦Đã trả lời 0\/\d+ câu hỏi⟧$/,
      );
      expect(await page.getByRole('progressbar').getAttribute('aria-label')).toBe(
        '⟦Thanh tiến trình⟧',
      );
      await expectAccessible(page, 'form in the test language');
      await screenshot(page, 'languages-qaa-form');

      // Back to Vietnamese: the form follows at once.
      await page.goto(`${server.url}/`);
      await page.locator('.start-languages').getByRole('button', { name: 'Tiếng Việt' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Khảo sát Chỉ số Hạnh phúc người dân' })
        .waitFor();
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('a kiosk holds every offered language and speaks the test language offline', async () => {
    const kiosk = await createKiosk(server);
    const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/kiosk#pair=${kiosk.pairingCode}`);
      await page.locator('.sd-root-modern').waitFor();
      await page.locator('.top-bar').getByRole('button', { name: qaaName }).waitFor();
      // The worker holds the pack once it controls the page and the kiosk has fetched it.
      await expect
        .poll(
          () =>
            page.evaluate(async () => {
              if (!navigator.serviceWorker.controller) return false;
              for (const key of await caches.keys()) {
                const cache = await caches.open(key);
                if (await cache.match('/api/languages/qaa')) return true;
              }
              return false;
            }),
          { timeout: 30_000 },
        )
        .toBe(true);

      await browser.context.setOffline(true);
      await page.reload();
      await page.locator('.sd-root-modern').waitFor();
      await page.locator('.top-bar').getByRole('button', { name: qaaName }).click();
      const next = page.locator('.sd-navigation__next-btn:visible').first();
      await expect
        .poll(async () => (await next.getAttribute('value')) ?? (await next.textContent()))
        .toBe('⟦Tiếp theo⟧');
      await next.click();
      const question = page.locator('[data-name="sec_income"]');
      await question.waitFor();
      expect(await question.locator('.sd-question__title').textContent()).toMatch(/^⟦Thu nhập/);
      expect(await question.locator('[data-value="98"]').textContent()).toBe('⟦Không biết⟧');
      await expectAccessible(page, 'kiosk form offline in the test language');
      await browser.context.setOffline(false);
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('an admin sees coverage, downloads the kit, has a broken file refused by row, stores a complete one', async () => {
    const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/staff#/languages`);
      await page.getByLabel('Email').fill(server.admin.email);
      await page.getByLabel('Mật khẩu').fill(server.admin.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('heading', { name: 'Ngôn ngữ của phiếu hỏi' }).waitFor();
      const ium = page.locator('tr[data-code="ium"]');
      await ium.waitFor();
      expect(await ium.locator('td').allTextContents()).toEqual(['0,0 %', 'Chưa', 'XLSX · CSV']);
      expect(await page.locator('tr[data-code="qaa"] td').first().textContent()).toBe('100,0 %');
      await expectAccessible(page, 'languages screen');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        ium.getByRole('link', { name: 'CSV' }).click(),
      ]);
      const kit = readCsv(readFileSync(String(await download.path()), 'utf8')).filter(
        (r) => r.length > 1,
      );
      expect(kit[0]).toEqual(['key', 'where', 'vi', 'en', 'ium']);
      const filled = kit.map((row, i) => (i === 0 ? row : [...row.slice(0, 4), `⟪${row[2]}⟫`]));
      const file = (rows: string[][]) => ({
        name: 'strings-ium.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(toCsv(rows), 'utf8'),
      });
      const broken = filled.map((row) =>
        row[0] === 'resident.waiting' ? [...row.slice(0, 4), 'Chờ gửi'] : row,
      );
      await page.getByLabel('Tệp bộ dịch đã điền (XLSX hoặc CSV)').setInputFiles(file(broken));
      await page.getByRole('button', { name: 'Kiểm tra' }).click();
      await page.getByText('1 lỗi: chưa lưu gì.').waitFor();
      expect(await page.locator('.kit-problems li').allTextContents()).toEqual([
        expect.stringMatching(/^Dòng \d+ resident\.waiting: .*\{count\}/),
      ]);
      expect(await page.getByRole('button', { name: 'Lưu bản dịch' }).isHidden()).toBe(true);

      await page.getByLabel('Tệp bộ dịch đã điền (XLSX hoặc CSV)').setInputFiles(file(filled));
      await page.getByRole('button', { name: 'Kiểm tra' }).click();
      await page.getByText(/ium: không có lỗi/).waitFor();
      await page.getByRole('button', { name: 'Lưu bản dịch' }).click();
      await page.getByText(/Đã lưu bản dịch ium/).waitFor();
      await expect.poll(() => ium.locator('td').first().textContent()).toBe('100,0 %');
      expect(await ium.locator('td').nth(1).textContent()).toBe('Có');
      await screenshot(page, 'languages-staff');
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
