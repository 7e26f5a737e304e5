import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumMissing,
  expectAccessible,
  launchBrowser,
  type Page,
  screenshot,
} from '../helpers/browser.ts';
import { fillSurveyByClicking } from '../helpers/survey-page.ts';
import { createKiosk } from '../helpers/web-admin.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'chromium' }];

/** What the page keeps: storage keys, and how many responses wait in the outbox. */
const pageStorage = (page: Page) =>
  page.evaluate(async () => {
    const outbox = await new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('cbhpi-kiosk');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const count = db.transaction('outbox').objectStore('outbox').count();
        count.onsuccess = () => {
          db.close();
          resolve(count.result);
        };
        count.onerror = () => reject(count.error);
      };
    });
    return {
      local: Object.keys(localStorage).sort(),
      session: Object.keys(sessionStorage),
      outbox,
    };
  });

/** Anything a person chose that the DOM could still show. */
const answerTraces = (page: Page) =>
  page.evaluate(() => ({
    checked: document.querySelectorAll('input:checked').length,
    selected: document.querySelectorAll('.sd-item--checked, .sd-rating__item--selected').length,
    typed: [
      ...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
        'main textarea, main input[type="text"]',
      ),
    ].filter((field) => field.value !== '').length,
  }));

const waitingCount = (page: Page) => page.locator('#waiting').getAttribute('data-pending');

async function tapRating(page: Page, question: string, value: number) {
  await page.locator(`[data-name="${question}"] label:has(input[value="${value}"])`).click();
}

async function startForm(page: Page) {
  await page.locator('.sd-navigation__next-btn:visible').first().click();
  await page.locator('[data-name="sec_income"]').waitFor();
}

/**
 * The page needs no scrolling (the kiosk has no scroll bar a resident would find) and each of
 * these controls lies wholly on the screen.
 */
async function expectFitsScreen(page: Page, selectors: string[]) {
  const fit = await page.evaluate(() => ({
    scrollHeight: document.scrollingElement?.scrollHeight ?? Number.POSITIVE_INFINITY,
    innerHeight,
    innerWidth,
  }));
  expect(fit.scrollHeight).toBeLessThanOrEqual(fit.innerHeight);
  for (const selector of selectors) {
    const boxes = await page
      .locator(selector)
      .evaluateAll((elements) => elements.map((e) => e.getBoundingClientRect().toJSON()));
    expect(boxes.length, selector).toBeGreaterThan(0);
    for (const box of boxes as DOMRect[]) {
      expect(box.top, selector).toBeGreaterThanOrEqual(0);
      expect(box.bottom, selector).toBeLessThanOrEqual(fit.innerHeight);
      expect(box.right, selector).toBeLessThanOrEqual(fit.innerWidth);
    }
  }
}

/** Words on the Vietnamese page (its title, visible text, names) that say "kiosk", not "ki-ốt". */
const kioskWords = (page: Page) =>
  page.evaluate(() => {
    const names = [...document.querySelectorAll('[aria-label]')].map(
      (e) => e.getAttribute('aria-label') ?? '',
    );
    // biome-ignore lint/performance/useDomNodeTextContent: the text a resident sees, as rendered
    const texts = [document.title, document.body.innerText, ...names];
    return texts.flatMap((text) => text.match(/\bkiosks?\b/gi) ?? []);
  });

/** What staff do to reach the PIN while the exit button is hidden: hold the corner 2 s. */
async function holdStaffCorner(page: Page) {
  const box = await page.locator('#staff-corner').boundingBox();
  if (!box) throw new Error('no staff corner');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(2300);
  await page.mouse.up();
}

describe.each(suites)('kiosk in $name', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('pairs, takes responses one person after another, forgets each, and queues offline', async () => {
    const kiosk = await createKiosk(server, { label: 'Bưu điện xã' });
    const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/kiosk?thanks=3`);

      // Pairing, on the screen's keypad as on a touch screen with no keyboard.
      await page.locator('#pairing-code').waitFor();
      await expectAccessible(page, 'pairing screen');
      await screenshot(page, 'kiosk-pairing');
      for (const symbol of kiosk.pairingCode.replace('-', '')) {
        await page.locator(`.keypad [data-key="${symbol}"]`).click();
      }
      expect(await page.locator('#pairing-code').inputValue()).toBe(kiosk.pairingCode);
      await page.getByRole('button', { name: 'Ghép nối', exact: true }).click();

      // The first person answers a few questions and completes.
      await page.locator('.sd-root-modern').waitFor();
      expect(await page.locator('#kiosk-place').textContent()).toContain('Bưu điện xã');
      expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(['cbhpi.kiosk']);
      await startForm(page);
      await tapRating(page, 'sec_income', 7);
      await tapRating(page, 'sec_health', 98);
      await screenshot(page, 'kiosk-form');
      await expectAccessible(page, 'kiosk form');
      // (A second tap on a chosen rating clears it, so the helper gets only the rest.)
      await fillSurveyByClicking(page, { opp_jobs: 4, life_sat: 9 });
      const answers = { sec_income: 7, sec_health: 98, opp_jobs: 4, life_sat: 9 };
      await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà!' }).waitFor();
      await screenshot(page, 'kiosk-thanks');
      await expectAccessible(page, 'thank-you');

      // After the thank-you, a fresh form, and the response is on the server.
      await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà!' }).waitFor({ state: 'detached' });
      await page.locator('.sd-navigation__next-btn:visible').waitFor();
      expect(await answerTraces(page)).toEqual({ checked: 0, selected: 0, typed: 0 });
      await expect.poll(() => waitingCount(page), { timeout: 15_000 }).toBe('0');
      await expect.poll(async () => (await pageStorage(page)).outbox).toBe(0);
      const first = await server.query((db) =>
        db
          .selectFrom('responses')
          .select(['channel', 'commune_code', 'kiosk_id', 'answers'])
          .execute(),
      );
      expect(first).toEqual([
        { channel: 'kiosk', commune_code: '01279', kiosk_id: kiosk.id, answers },
      ]);

      // The second person switches to English, answers two questions, and walks away. The
      // first prompt is answered ("still here"): the answers stay; the second is not.
      await page.goto(`${server.url}/kiosk?idle=3&prompt=3&thanks=3`);
      await page.locator('.sd-root-modern').waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      await page.evaluate(() => sessionStorage.setItem('left-behind', 'x'));
      await startForm(page);
      await tapRating(page, 'sec_income', 2);
      await tapRating(page, 'sec_housing', 3);
      const prompt = page.getByRole('dialog', { name: 'Are you still there?' });
      await prompt.waitFor({ timeout: 10_000 });
      await screenshot(page, 'kiosk-idle');
      await page.getByRole('button', { name: "I'm still here" }).click();
      await prompt.waitFor({ state: 'detached' });
      expect((await answerTraces(page)).checked).toBe(2);
      await prompt.waitFor({ timeout: 10_000 });
      await prompt.waitFor({ state: 'detached', timeout: 10_000 });

      // Nothing of that person remains: not in the page, not in storage.
      await page.locator('.sd-navigation__next-btn:visible').waitFor();
      expect(await answerTraces(page)).toEqual({ checked: 0, selected: 0, typed: 0 });
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
      expect(await pageStorage(page)).toEqual({ local: ['cbhpi.kiosk'], session: [], outbox: 0 });
      expect(await waitingCount(page)).toBe('0');
      // Nothing waits: residents see neither a count nor a way out.
      expect(await page.locator('#waiting').isHidden()).toBe(true);
      expect(await page.locator('#exit-kiosk').isHidden()).toBe(true);
      expect(
        await server.query((db) => db.selectFrom('responses').select('id').execute()),
      ).toHaveLength(1);

      // Offline: the response waits on the device, counted, and goes once the line is back.
      await browser.context.setOffline(true);
      await startForm(page);
      await fillSurveyByClicking(page, { sec_income: 5, tru_commune: 6 });
      await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà!' }).waitFor();
      await expect.poll(() => waitingCount(page)).toBe('1');
      expect(await page.locator('#waiting').textContent()).toBe('Đang chờ gửi: 1');
      expect(await page.locator('#waiting').isVisible()).toBe(true);
      // Something waits: the count shows, and so does the staff's exit.
      expect(await page.locator('#exit-kiosk').isVisible()).toBe(true);
      await screenshot(page, 'kiosk-waiting');
      expect((await pageStorage(page)).outbox).toBe(1);
      await browser.context.setOffline(false);
      await expect.poll(() => waitingCount(page), { timeout: 30_000 }).toBe('0');
      expect((await pageStorage(page)).outbox).toBe(0);
      expect(await page.locator('#waiting').isHidden()).toBe(true);
      expect(await page.locator('#exit-kiosk').isHidden()).toBe(true);
      const rows = await server.query((db) =>
        db.selectFrom('responses').select(['channel', 'commune_code', 'answers']).execute(),
      );
      expect(rows).toHaveLength(2);
      expect(rows).toContainEqual({
        channel: 'kiosk',
        commune_code: '01279',
        answers: { sec_income: 5, tru_commune: 6 },
      });

      // Staff leave kiosk mode with the PIN, reached by holding the corner while nothing
      // waits; a resident's tap on it does nothing. A wrong PIN is refused.
      await page.locator('.sd-navigation__next-btn:visible').waitFor();
      const pinDialog = page.getByRole('dialog', { name: 'Mã PIN của cán bộ' });
      await page.locator('#staff-corner').click();
      await page.waitForTimeout(500);
      expect(await pinDialog.count()).toBe(0);
      await holdStaffCorner(page);
      await pinDialog.waitFor();
      const wrong = kiosk.exitPin.replace(/^./, (d) => String((Number(d) + 1) % 10));
      for (const digit of wrong) await pinDialog.locator(`[data-key="${digit}"]`).click();
      await pinDialog.getByText('Sai mã PIN.').waitFor();
      for (const digit of kiosk.exitPin) await pinDialog.locator(`[data-key="${digit}"]`).click();
      await page.getByRole('heading', { name: 'Đã thoát chế độ ki-ốt' }).waitFor();
      expect(await page.locator('#exit-kiosk').isHidden()).toBe(true);
      await screenshot(page, 'kiosk-ended');
      await expectAccessible(page, 'kiosk mode ended');

      // The device is paired again, to another kiosk, from a link such as a QR code carries.
      await page.getByRole('button', { name: 'Ghép nối lại máy này' }).click();
      await page.locator('#pairing-code').waitFor();
      expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
      const second = await createKiosk(server, { label: 'Trạm y tế' });
      await page.goto(`${server.url}/kiosk#pair=${second.pairingCode}`);
      await page.locator('.sd-root-modern').waitFor();
      expect(await page.locator('#kiosk-place').textContent()).toContain('Trạm y tế');
      expect(new URL(page.url()).hash).toBe('');
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
    // One person after another with real waits (thank-you, idle, prompt, offline retries).
  }, 180_000);
  it('fits pairing and the intro on a 1280×800 screen, says "ki-ốt", and lets staff out with the PIN only', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 768, height: 1024 },
    ]) {
      const size = `${viewport.width}x${viewport.height}`;
      const kiosk = await createKiosk(server, { label: `Máy ${size}` });
      const browser = await launchBrowser({ viewport });
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.url}/kiosk`);
        await page.locator('#pairing-code').waitFor();
        await screenshot(page, `kiosk-pairing-${size}`);
        // The kiosk's own screen is 1280×800; a portrait tablet may scroll, and is looked at.
        const kioskScreen = viewport.width === 1280;
        if (kioskScreen) {
          await expectFitsScreen(page, ['.keypad button', '.pairing-form button[type="submit"]']);
        }
        expect(await kioskWords(page)).toEqual([]);

        await page.locator('#pairing-code').fill(kiosk.pairingCode);
        await page.getByRole('button', { name: 'Ghép nối', exact: true }).click();
        await page.locator('.sd-navigation__next-btn:visible').waitFor();
        await page.getByRole('heading', { name: 'Kính chào Ông/Bà!' }).waitFor();
        await screenshot(page, `kiosk-intro-${size}`);
        if (kioskScreen) {
          await expectFitsScreen(page, ['.sd-navigation__next-btn:visible', '#staff-corner']);
        }
        expect(await kioskWords(page)).toEqual([]);
        await expectAccessible(page, `kiosk intro ${size}`);
        // Nothing waits: no count, no exit button for residents to find.
        expect(await page.locator('#waiting').isHidden()).toBe(true);
        expect(await page.locator('#exit-kiosk').isHidden()).toBe(true);

        // Staff with a keyboard (or a screen reader) reach the PIN from the named corner.
        const corner = page.getByRole('button', { name: /giữ 2 giây để thoát chế độ ki-ốt/ });
        await corner.focus();
        await page.keyboard.press('Enter');
        const pinDialog = page.getByRole('dialog', { name: 'Mã PIN của cán bộ' });
        await pinDialog.waitFor();
        await screenshot(page, `kiosk-pin-${size}`);
        expect(await kioskWords(page)).toEqual([]);
        for (const digit of kiosk.exitPin) await pinDialog.locator(`[data-key="${digit}"]`).click();
        await page.getByRole('heading', { name: 'Đã thoát chế độ ki-ốt' }).waitFor();
        expect(await kioskWords(page)).toEqual([]);
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    }
  }, 120_000);
});
