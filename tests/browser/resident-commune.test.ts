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

const startButton = (page: Page) => page.locator('button.start');

/** Waits until the form has loaded, so a disabled start button means "no commune". */
async function formReady(page: Page) {
  await expect.poll(() => startButton(page).textContent(), { timeout: 30_000 }).toBe('Bắt đầu');
}

describe.each(suites)('resident commune chooser in $name', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists communes in Vietnamese alphabetical order, not by code', async () => {
    const communes = (await (await fetch(`${server.url}/api/communes`)).json()) as {
      name: string;
    }[];
    const browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/`);
      await page.locator('select option').first().waitFor({ state: 'attached' });
      const shown = await page.locator('select option').allTextContents();
      expect(shown).toHaveLength(communes.length);
      expect(shown).toEqual(
        communes.map((c) => c.name).sort((a, b) => new Intl.Collator('vi').compare(a, b)),
      );
      expect(shown).not.toEqual(communes.map((c) => c.name));
      // Independent of any collator: B first, Y last, Đ between C and H (a code-point sort
      // would put every Đ after Y).
      expect(shown[0]).toBe('Bạch Đằng');
      expect(shown.at(-1)).toBe('Yên Thổ');
      const at = (name: string) => shown.indexOf(name);
      expect(at('Cốc Pàng')).toBeLessThan(at('Đàm Thủy'));
      expect(at('Đức Long')).toBeLessThan(at('Hà Quảng'));
      expect(at('Bảo Lạc')).toBeLessThan(at('Bảo Lâm'));
    } finally {
      await browser.close();
    }
  });

  it('starts only for a commune that is selected and shown: a search that hides it disables start', async () => {
    const browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/`);
      await formReady(page);
      const start = startButton(page);
      const list = page.locator('select');
      const search = page.getByRole('searchbox');
      expect(await start.isDisabled()).toBe(true);
      await expect.poll(() => page.locator('.start-hint').textContent()).toMatch(/chọn một xã/);

      await list.selectOption({ label: 'Lý Bôn' });
      await expect.poll(() => start.isEnabled()).toBe(true);

      await search.fill('xyz');
      await expect.poll(() => start.isDisabled()).toBe(true);
      expect(await page.getByText('Không tìm thấy xã, phường nào').isVisible()).toBe(true);
      await start.click({ force: true });
      expect(await page.locator('.sd-root-modern').count()).toBe(0);
      await screenshot(page, 'resident-commune-hidden-selection');

      // Another search that shows other communes but not the selected one: still disabled.
      await search.fill('tan');
      expect(await list.locator('option').count()).toBeGreaterThan(0);
      expect(await list.locator('option', { hasText: 'Lý Bôn' }).count()).toBe(0);
      expect(await start.isDisabled()).toBe(true);

      // The selection comes back with the list, and with it the start button.
      await search.fill('');
      expect(await list.inputValue()).toBe('01294');
      await expect.poll(() => start.isEnabled()).toBe(true);
      await start.click();
      await page.locator('.sd-root-modern').first().waitFor();
      expect(await page.locator('.chosen-commune').textContent()).toBe('Xã, phường: Lý Bôn');
    } finally {
      await browser.close();
    }
  });

  it('shows the chosen commune on every page; changing it mid-way keeps the answers and sends the new one', async () => {
    const browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/`);
      await formReady(page);
      await page.locator('select').selectOption({ label: 'Lý Bôn' });
      await startButton(page).click();
      await page.locator('.sd-root-modern').first().waitFor();

      const answers = Object.fromEntries(
        questionnaire.scoring.items.map((item) => [item.name, item.name === 'sec_income' ? 7 : 6]),
      );
      // The change is made on the second scored page, with the first one answered.
      const [firstScored, secondPageFirst] = [
        questionnaire.scoring.items[0]?.name ?? '',
        questionnaire.scoring.items[6]?.name ?? '',
      ];
      const seen: string[] = [];
      let changed = false;
      await fillSurveyByClicking(page, answers, async () => {
        const line = page.locator('.chosen-commune');
        expect(await line.isVisible()).toBe(true);
        // On screen when the page arrives, not scrolled off above the form.
        await expect
          .poll(() =>
            line.evaluate((e) => {
              const box = e.getBoundingClientRect();
              return box.top >= 0 && box.bottom <= window.innerHeight;
            }),
          )
          .toBe(true);
        seen.push((await line.textContent()) ?? '');
        if (changed || !(await page.locator(`[data-name="${secondPageFirst}"]`).isVisible()))
          return;
        await page.getByRole('button', { name: 'Đổi xã, phường' }).click();
        await page.locator('.commune-change').getByRole('searchbox').fill('tan giang');
        await page.locator('.commune-change select').selectOption('01288');
        await screenshot(page, 'resident-commune-change');
        await expectAccessible(page, 'commune change panel');
        await page.getByRole('button', { name: 'Xong' }).click();
        changed = true;
        expect(await line.textContent()).toBe('Xã, phường: Tân Giang');
        // Back on the first page, its answer is still there.
        await page.locator('.sd-navigation__prev-btn:visible').first().click();
        const question = page.locator(`[data-name="${firstScored}"]`);
        await question.waitFor();
        expect(await question.locator(`input[value="${answers[firstScored]}"]`).isChecked()).toBe(
          true,
        );
        expect(await line.textContent()).toBe('Xã, phường: Tân Giang');
        await page.locator('.sd-navigation__next-btn:visible').first().click();
        await page.locator(`[data-name="${secondPageFirst}"]`).waitFor();
        seen.push((await line.textContent()) ?? '');
      });
      await page.getByRole('heading', { name: /Cảm ơn/ }).waitFor();
      expect(changed).toBe(true);
      const pages = (questionnaire.survey.pages as unknown[]).length;
      expect(seen.length).toBeGreaterThanOrEqual(pages);
      // Lý Bôn until the change, Tân Giang on every page after it.
      const change = seen.indexOf('Xã, phường: Tân Giang');
      expect(change).toBeGreaterThan(0);
      expect(seen.slice(0, change).every((s) => s === 'Xã, phường: Lý Bôn')).toBe(true);
      expect(seen.slice(change).every((s) => s === 'Xã, phường: Tân Giang')).toBe(true);
      await expect
        .poll(() => page.locator('.status').getAttribute('data-outcome'), { timeout: 15_000 })
        .toBe('sent');
      expect(browser.errors).toEqual([]);

      const rows = await server.query((db) =>
        db.selectFrom('responses').select(['commune_code', 'answers']).execute(),
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.commune_code).toBe('01288');
      expect(rows[0]?.answers).toEqual(answers);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
