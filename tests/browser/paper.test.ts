import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperForm } from '../../server/paper/paper-codes.ts';
import { parseSerial } from '../../server/paper/serial.ts';
import { derivedResponseId } from '../../server/responses/derived-id.ts';
import { vietnamDate } from '../../server/waves/wave-dates.ts';
import {
  chromiumMissing,
  expectAccessible,
  launchBrowser,
  type Page,
  screenshot,
} from '../helpers/browser.ts';
import { pdfPages } from '../helpers/pdf-text.ts';
import { adminApi } from '../helpers/staff-page.ts';
import { questionnaire } from '../helpers/test-app.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

// A CommonJS module whose export is the function, with itself again as `default`.
const jsQR = jsQRModule.default;

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];
const browserTimeout = 300_000;
const year = vietnamDate(new Date()).slice(0, 4);
const commune = '01273';
const pdfDir = fileURLToPath(new URL('../../test-results/print', import.meta.url));
/** A4 in PostScript points, as Chromium writes a page's MediaBox. */
const a4 = { width: (210 / 25.4) * 72, height: (297 / 25.4) * 72 };
const clerks = [
  { email: 'clerk.one@cbhpi.test', password: 'first clerk password' },
  { email: 'clerk.two@cbhpi.test', password: 'second clerk password' },
];
const form = paperForm(questionnaire, { language: 'vi' });

/**
 * The codes a clerk types for one form, in paper order: varied answers (no straight line),
 * a "don't know" and a blank among them; `change` alters one answer, as a slip would.
 */
function typedCodes(change: string | null = null): string[] {
  return form.questions.map((question, index) => {
    if (question.name === change) return question.kind === 'rating' ? '3' : '1';
    if (index === 4) return '98';
    if (index === 7) return '';
    const own = question.codes.filter((c) => !c.missing);
    return String(own[(index * 3 + 2) % own.length]?.code);
  });
}

/** A page's keyboard, counting every key pressed, so the test can say what a form costs. */
function countedKeyboard(page: Page) {
  let keys = 0;
  return {
    async type(text: string) {
      keys += text.length;
      await page.keyboard.type(text);
    },
    async press(key: string) {
      keys += 1;
      await page.keyboard.press(key);
    },
    get keys() {
      return keys;
    },
    reset() {
      keys = 0;
    },
  };
}

async function signInByKeyboard(
  page: Page,
  server: WebServer,
  who: { email: string; password: string },
) {
  await page.goto(`${server.url}/staff#/`);
  await page.getByLabel('Email').focus();
  await page.keyboard.type(who.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(who.password);
  await page.keyboard.press('Enter');
}

describe.each(suites)('paper forms in $name', () => {
  let server: WebServer;
  let admin: Awaited<ReturnType<typeof adminApi>>;
  let serials: string[] = [];
  let batchId = '';

  beforeAll(async () => {
    server = await startWebServer();
    admin = await adminApi(server);
    for (const clerk of clerks) {
      const made = await admin.send('POST', '/api/users', {
        ...clerk,
        role: 'enumerator',
        communeCodes: [commune],
      });
      expect(made.status).toBe(201);
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it(
    'an admin prints a batch: A4 pages, one form per three sheets, each headed by its serial and a QR code that reads back',
    async () => {
      const browser = await launchBrowser({ viewport: { width: 1280, height: 720 } });
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.url}/staff#/paper/batches`);
        await page.getByLabel('Email').fill(server.admin.email);
        await page.getByLabel('Mật khẩu').fill(server.admin.password);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.getByRole('heading', { name: 'Phiếu giấy: các lô in' }).waitFor();
        await page.getByLabel('Xã, phường').selectOption(commune);
        await page.getByLabel('Đợt khảo sát').selectOption(year);
        await page.getByLabel('Số phiếu').fill('3');
        // Complete languages only: here Vietnamese and English.
        const languages = await page
          .getByLabel('Ngôn ngữ của phiếu')
          .locator('option')
          .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
        expect(languages).toEqual(['vi', 'en']);
        await page.getByRole('button', { name: 'Tạo lô phiếu' }).click();
        await page.getByRole('status').getByText('Đã tạo lô 1 của Thục Phán: 3 phiếu.').waitFor();
        await expectAccessible(page, 'paper batches');
        await screenshot(page, 'paper-batches-1280');
        await page.setViewportSize({ width: 320, height: 720 });
        await screenshot(page, 'paper-batches-320');
        await page.setViewportSize({ width: 1280, height: 720 });

        const listed = (await admin.send('GET', '/api/paper/batches')).body as Array<{
          id: string;
        }>;
        batchId = listed[0]?.id ?? '';
        const batch = (await admin.send('GET', `/api/paper/batches/${batchId}`)).body as {
          serials: string[];
        };
        serials = batch.serials;
        expect(serials).toHaveLength(3);

        await page.getByRole('link', { name: 'Xem và in lô 1 của Thục Phán' }).first().click();
        await page.locator('.paper-sheet').first().waitFor();
        const sheets = await page.locator('.paper-sheet').count();
        expect(sheets).toBe(9);
        await expectAccessible(page, 'paper print');
        await screenshot(page, 'paper-print-1280');

        // Every serial's QR code reads back as that serial (from the screen's rendering, as a
        // camera sees a printed one).
        for (const serial of serials) {
          const qr = page.locator(`[data-sheet-of="${serial}"] .paper-qr`).first();
          const png = PNG.sync.read(await qr.screenshot());
          const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
          expect(decoded?.data, `QR of ${serial}`).toBe(serial);
        }

        await page.emulateMedia({ media: 'print' });
        // Each sheet holds what it has without overflow: printed, it is exactly one page.
        const overflowing = await page
          .locator('.paper-sheet')
          .evaluateAll((all) => all.filter((s) => s.scrollHeight > s.clientHeight + 1).length);
        expect(overflowing).toBe(0);
        const pdf = await page.pdf({
          format: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
        });
        await page.emulateMedia({ media: 'screen' });
        mkdirSync(pdfDir, { recursive: true });
        writeFileSync(join(pdfDir, 'paper-batch.pdf'), pdf);
        const pages = pdfPages(pdf);
        expect(pages).toHaveLength(9);
        pages.forEach((p, index) => {
          expect(p.width).toBeCloseTo(a4.width, 0);
          expect(p.height).toBeCloseTo(a4.height, 0);
          const serial = serials[Math.floor(index / 3)] ?? '';
          expect(p.text, `page ${index + 1}`).toContain(serial);
          expect(p.text).toContain(`Trang ${(index % 3) + 1}/3`);
        });
        expect(pages[0]?.text).toContain(form.questions[0]?.title.slice(0, 30));
        expect(pages[0]?.text).toContain('98 = Không biết');
        expect(pages[2]?.text).toContain('60 tuổi trở lên');
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );

  it(
    'two clerks type the forms by keyboard alone: agreeing forms are verified, a disagreeing one is resolved in the conflicts screen',
    async () => {
      expect(serials).toHaveLength(3);
      const [agreed = '', disagreed = '', once = ''] = serials;
      const changed = form.questions[2]?.name ?? '';
      const browser = await launchBrowser({ viewport: { width: 1280, height: 720 } });
      const perForm: number[] = [];
      try {
        const page = await browser.context.newPage();
        const keyboard = countedKeyboard(page);
        const enterForm = async (serial: string, codes: string[], day: string) => {
          keyboard.reset();
          await keyboard.type(serial.replace(/-/g, ''));
          await keyboard.press('Enter');
          await page.locator('#entry-sec_income').waitFor();
          for (const [index, code] of codes.entries()) {
            expect(
              await page.evaluate(() => (document.activeElement as HTMLInputElement).name),
            ).toBe(form.questions[index]?.name);
            await keyboard.type(code);
            // Tab and Enter both move on: half the answers each way.
            await keyboard.press(index % 2 ? 'Tab' : 'Enter');
          }
          await keyboard.type(day);
          await keyboard.press('Enter');
          await page.locator('.entry-confirm').waitFor();
          expect(await page.evaluate(() => document.activeElement?.className)).toContain(
            'entry-confirm',
          );
          await keyboard.press('Enter');
          await page.locator('.entry-done').waitFor();
          perForm.push(keyboard.keys);
          // Straight back to an empty serial, focused.
          expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).id)).toBe(
            'entry-serial',
          );
          return page.locator('.entry-done').textContent();
        };

        await signInByKeyboard(page, server, clerks[0] as (typeof clerks)[0]);
        await page.getByRole('heading', { name: 'Nhập phiếu giấy' }).waitFor();
        // A clerk has this one screen: no results in the bar.
        const nav = await page.locator('.staff-bar nav a').allTextContents();
        expect(nav).toEqual(['Nhập phiếu']);
        await page.locator('#entry-serial:focus').waitFor();

        // A mistyped check digit shows at once, before Enter.
        const wrong = `${agreed.slice(0, -1)}${(Number(agreed.at(-1)) + 1) % 10}`;
        await page.keyboard.type(wrong.replace(/-/g, ''));
        await page.getByText('Chữ số kiểm tra không khớp').waitFor();
        await page.keyboard.press('Enter');
        expect(await page.locator('#entry-sec_income').count()).toBe(0);
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');

        // A code out of range stops at its question with a readable message.
        await page.keyboard.type(agreed.replace(/-/g, ''));
        await page.keyboard.press('Enter');
        await page.locator('#entry-sec_income:focus').waitFor();
        await page.keyboard.type('11');
        await page.getByText('11 không phải mã của câu này. Mã được dùng: 0–10, 98, 99.').waitFor();
        await page.keyboard.press('Enter');
        await page.locator('#entry-sec_income:focus').waitFor();
        expect(await page.locator('#entry-sec_income').getAttribute('aria-invalid')).toBe('true');
        await page.screenshot({ path: 'test-results/screenshots/paper-entry-error-1280.png' });
        // Escape drops the form in progress: back to an empty serial.
        await page.keyboard.press('Escape');
        await page.locator('#entry-serial:focus').waitFor();
        expect(await page.locator('#entry-serial').inputValue()).toBe('');
        expect(await page.locator('#entry-sec_income').count()).toBe(0);

        const dayText = `0112${year}`;
        expect(await enterForm(agreed, typedCodes(), dayText)).toContain('Chờ người thứ hai');
        expect(await enterForm(disagreed, typedCodes(), dayText)).toContain('Chờ người thứ hai');
        expect(await enterForm(once, typedCodes(), '')).toContain('Chờ người thứ hai');

        // The summary before sending, then the screen with a form loaded: axe, both widths.
        await page.keyboard.type(agreed.replace(/-/g, ''));
        await page.keyboard.press('Enter');
        await page.getByText('Bạn đã nhập phiếu').waitFor();
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Backspace');
        await page.getByRole('button', { name: 'Đăng xuất' }).click();

        await signInByKeyboard(page, server, clerks[1] as (typeof clerks)[1]);
        await page.locator('#entry-serial:focus').waitFor();
        expect(await enterForm(agreed, typedCodes(), dayText)).toContain('hai lần nhập khớp nhau');
        // The second clerk mistypes one answer of the second form.
        expect(await enterForm(disagreed, typedCodes(changed), dayText)).toContain(
          'hai lần nhập khác nhau',
        );
        // A form loaded and half typed: what a clerk sees most of the day.
        await page.keyboard.type(once.replace(/-/g, ''));
        await page.keyboard.press('Enter');
        await page.locator('#entry-sec_income:focus').waitFor();
        for (const code of typedCodes().slice(0, 5)) {
          await page.keyboard.type(code);
          await page.keyboard.press('Enter');
        }
        await expectAccessible(page, 'paper entry');
        await screenshot(page, 'paper-entry-1280');
        await page.setViewportSize({ width: 320, height: 720 });
        await screenshot(page, 'paper-entry-320');
        await page.setViewportSize({ width: 1280, height: 720 });
        await page.getByRole('button', { name: 'Đăng xuất' }).click();

        const agreedId = derivedResponseId(`paper:${agreed}`);
        const stored = await server.query((db) =>
          db.selectFrom('responses').select(['id', 'channel', 'commune_code', 'answers']).execute(),
        );
        const paper = stored.filter((r) => r.channel === 'paper');
        expect(paper.map((r) => r.id)).toEqual([agreedId]);
        expect(paper[0]?.commune_code).toBe(commune);
        expect(
          (paper[0]?.answers as Record<string, unknown> | undefined)?.[
            form.questions[4]?.name ?? ''
          ],
        ).toBe(98);

        // The conflicts screen: the one differing answer, both entries side by side; resolved.
        await signInByKeyboard(page, server, server.admin);
        await page.getByRole('link', { name: 'Phiếu lệch' }).click();
        await page.getByRole('heading', { name: 'Phiếu giấy lệch nhau' }).waitFor();
        const card = page.locator(`form.conflict[data-serial="${disagreed}"]`);
        await card.waitFor();
        expect(await page.locator('form.conflict').count()).toBe(1);
        expect(await card.locator('tbody tr').count()).toBe(1);
        expect(await card.locator('tbody tr').getAttribute('data-question')).toBe(changed);
        await expectAccessible(page, 'paper conflicts');
        await screenshot(page, 'paper-conflicts-1280');
        await page.setViewportSize({ width: 320, height: 720 });
        await screenshot(page, 'paper-conflicts-320');
        await page.setViewportSize({ width: 1280, height: 720 });
        // The paper says what the first clerk typed.
        await card.getByRole('button', { name: /lần nhập 1/ }).click();
        await card.getByLabel('Lý do').fill('Trên giấy khoanh số của lần nhập 1');
        await card.getByRole('button', { name: 'Lưu quyết định' }).click();
        await page.getByText(`Đã lưu phiếu ${disagreed}`).waitFor();
        await page.getByText('Không có phiếu nào lệch.').waitFor();

        // Field progress counts the commune's paper: 3 printed, 1 typed once, 2 verified.
        await page.getByRole('link', { name: 'Tiến độ' }).click();
        await page.getByRole('heading', { name: 'Tiến độ thu thập phiếu' }).waitFor();
        await page.locator('.progress-table').waitFor();
        expect(
          await page.locator(`tr[data-commune="${commune}"] td[data-col="paper"]`).textContent(),
        ).toBe('in 3 · nhập 1 lần 1 · khớp 2 · lệch 0');
        expect(await page.locator('.progress-paper').textContent()).toBe(
          'Phiếu giấy: in 3, nhập 1 lần 1, đã khớp 2, lệch 0.',
        );

        const resolvedId = derivedResponseId(`paper:${disagreed}`);
        const after = await server.query((db) =>
          db
            .selectFrom('responses')
            .select(['id', 'answers'])
            .where('channel', '=', 'paper')
            .execute(),
        );
        const resolved = after.find((r) => r.id === resolvedId);
        expect(resolved).toBeDefined();
        const expected = typedCodes();
        const index = form.questions.findIndex((q) => q.name === changed);
        expect((resolved?.answers as Record<string, unknown> | undefined)?.[changed]).toBe(
          form.questions[index]?.codes.find((c) => String(c.code) === expected[index])?.value,
        );
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
      // Every key of a form: the serial's 14 digits and Enter, each answer's digits and its
      // Enter or Tab, the day's 8 digits and Enter, and Enter on the summary.
      const codes = typedCodes();
      const expectedKeys = 15 + codes.reduce((sum, code) => sum + code.length + 1, 0) + 9 + 1;
      expect(perForm[0]).toBe(expectedKeys);
      console.info(
        `paper entry: keys per form ${perForm.join(', ')} (${form.questions.length} questions)`,
      );
      expect(parseSerial(serials[0] ?? '').ok).toBe(true);
    },
    browserTimeout,
  );

  it(
    'an admin adds an enumerator bound to two communes',
    async () => {
      const browser = await launchBrowser({ viewport: { width: 1280, height: 720 } });
      try {
        const page = await browser.context.newPage();
        await signInByKeyboard(page, server, server.admin);
        await page.getByRole('link', { name: 'Tài khoản' }).click();
        await page.getByRole('heading', { name: 'Tài khoản cán bộ' }).waitFor();
        await page.getByLabel('Email', { exact: true }).fill('clerk.three@cbhpi.test');
        await page.getByLabel('Mật khẩu ban đầu').fill('third clerk password');
        await page.getByLabel('Vai trò', { exact: true }).selectOption('enumerator');
        expect(await page.locator('#user-commune').isVisible()).toBe(false);
        await page.getByLabel('Các xã được nhập phiếu').selectOption([commune, '01279']);
        await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
        await page.getByText('Đã thêm tài khoản clerk.three@cbhpi.test.').waitFor();
        const row = page.locator('tr', { hasText: 'clerk.three@cbhpi.test' });
        expect(await row.locator('td').nth(0).textContent()).toBe('Nhập liệu');
        expect(await row.locator('td').nth(1).textContent()).toContain('(01279)');
        const users = (await admin.send('GET', '/api/users')).body as Array<{
          email: string;
          role: string;
          communeCodes: string[];
        }>;
        expect(users.find((u) => u.email === 'clerk.three@cbhpi.test')).toMatchObject({
          role: 'enumerator',
          communeCodes: [commune, '01279'],
        });
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );

  it(
    'an admin checks a CSV from another tool, sees every problem by line, imports it, and a second import changes nothing',
    async () => {
      const items = questionnaire.scoring.items.map((item) => item.name);
      const line = (rowId: string, value: string) =>
        [rowId, commune, ...items.map((_, i) => (i === 3 ? value : String((i * 7) % 11)))].join(
          ',',
        );
      const file = [
        ['row_id', 'commune_code', ...items].join(','),
        line('kobo-1', '4'),
        line('kobo-2', '6'),
        line('kobo-3', '12'),
      ].join('\n');
      const browser = await launchBrowser({ viewport: { width: 1280, height: 720 } });
      try {
        const page = await browser.context.newPage();
        await signInByKeyboard(page, server, server.admin);
        await page.getByRole('link', { name: 'Nhập CSV' }).click();
        await page.getByRole('heading', { name: 'Nhập phiếu từ tệp CSV' }).waitFor();
        await page.getByLabel('Tệp CSV').setInputFiles({
          name: 'kobo-export.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(file),
        });
        await page.getByLabel('Nguồn dữ liệu').fill('kobo');
        await page.getByRole('button', { name: 'Kiểm tra (chưa lưu)' }).click();
        await page.getByRole('heading', { name: 'Kết quả kiểm tra' }).waitFor();
        const figure = (name: string) => page.locator(`[data-figure="${name}"]`).textContent();
        expect(await figure('rows')).toBe('3');
        expect(await figure('valid')).toBe('2');
        expect(await figure('unchanged')).toBe('0');
        expect(await figure('wouldStore')).toBe('2');
        const problems = page.locator('table.import-problems tbody tr');
        expect(await problems.count()).toBe(1);
        expect(await problems.locator('th').textContent()).toBe('4');
        expect(await problems.locator('td').first().textContent()).toBe(items[3]);
        await expectAccessible(page, 'CSV import');
        await screenshot(page, 'paper-import-1280');
        await page.setViewportSize({ width: 320, height: 720 });
        await screenshot(page, 'paper-import-320');
        await page.setViewportSize({ width: 1280, height: 720 });
        // The dry run stored nothing.
        const imported = () =>
          server.query((db) =>
            db
              .selectFrom('responses')
              .select(['id', 'source'])
              .where('source', '=', 'kobo')
              .execute(),
          );
        expect(await imported()).toEqual([]);

        await page.getByRole('button', { name: 'Nhập 2 dòng hợp lệ' }).click();
        await page.getByRole('heading', { name: 'Đã nhập' }).waitFor();
        expect(await figure('stored')).toBe('2');
        expect((await imported()).map((r) => r.id).sort()).toEqual(
          ['kobo:kobo-1', 'kobo:kobo-2'].map((name) => derivedResponseId(`import:${name}`)).sort(),
        );

        // The same file again: nothing to store, the import button stays off.
        await page.getByRole('button', { name: 'Kiểm tra (chưa lưu)' }).click();
        await page.getByRole('heading', { name: 'Kết quả kiểm tra' }).waitFor();
        expect(await figure('unchanged')).toBe('2');
        expect(await figure('wouldStore')).toBe('0');
        expect(await page.getByRole('button', { name: 'Nhập 0 dòng hợp lệ' }).isDisabled()).toBe(
          true,
        );
        expect(await imported()).toHaveLength(2);
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );
});
