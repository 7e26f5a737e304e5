import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumMissing,
  expectAccessible,
  launchBrowser,
  type Page,
  screenshot,
} from '../helpers/browser.ts';
import {
  adminCookie,
  createKiosk,
  currentQuestionnaireId,
  uploadRecording,
} from '../helpers/web-admin.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'chromium' }];

/** No device voice: every button here is a recording's, never a read-aloud. */
function noVoices(page: Page) {
  return page.addInitScript(() => {
    window.speechSynthesis.getVoices = () => [];
  });
}

async function pairedKiosk(page: Page, server: WebServer, cookie: string, search = '') {
  const kiosk = await createKiosk(server, { cookie });
  await page.goto(`${server.url}/kiosk${search}`);
  await page.locator('#pairing-code').waitFor();
  for (const symbol of kiosk.pairingCode.replace('-', '')) {
    await page.locator(`.keypad [data-key="${symbol}"]`).click();
  }
  await page.getByRole('button', { name: 'Ghép nối', exact: true }).click();
  await page.locator('.sd-root-modern').waitFor();
}

async function nextPage(page: Page, firstQuestion: string) {
  await page.locator('.sd-navigation__next-btn:visible').first().click();
  await page.locator(`[data-name="${firstQuestion}"]`).waitFor();
}

/** The button of a question (`sec_income`) or of one answer (`sec_income.0`). */
const listen = (page: Page, key: string) => page.locator(`.listen-button[data-listen="${key}"]`);

/** What the page's one audio element plays, and whether it really plays. */
const audioState = (page: Page) =>
  page.evaluate(() => {
    const audio = document.querySelector<HTMLAudioElement>('audio.listen-audio');
    return {
      src: audio?.getAttribute('src') ?? '',
      playing: !!audio && !audio.paused && audio.currentTime > 0,
    };
  });

const pressedButtons = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.listen-button[aria-pressed="true"]')].map((b) =>
      b.getAttribute('data-listen'),
    ),
  );

/** The text the button's `aria-describedby` points at. */
const description = (page: Page, key: string) =>
  listen(page, key).evaluate((button) =>
    (button.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim(),
  );

/**
 * Whether any answer button of the page overlaps a label that chooses an answer, and the
 * smallest choosing label (width and height): a button must take nothing from an answer.
 */
const layoutOfAnswers = (page: Page) =>
  page.evaluate(() => {
    const buttons = [...document.querySelectorAll('.listen-button--answer')].map((b) =>
      b.getBoundingClientRect(),
    );
    const labels = [...document.querySelectorAll('.sd-question label')]
      .map((l) => l.getBoundingClientRect())
      .filter((r) => r.width > 0);
    const meet = (a: DOMRect, b: DOMRect) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return {
      buttons: buttons.length,
      overlapping: buttons.filter((b) => labels.some((l) => meet(b, l))).length,
      smallestLabel: Math.min(...labels.map((l) => Math.min(l.width, l.height))),
      smallestButton: Math.min(...buttons.map((b) => Math.min(b.width, b.height))),
    };
  });

describe.each(suites)('listen buttons on answers in $name', () => {
  let server: WebServer;
  let cookie: string;
  let questionnaireId: string;
  beforeAll(async () => {
    server = await startWebServer();
    cookie = await adminCookie(server);
    questionnaireId = await currentQuestionnaireId(server);
    for (const key of [
      'sec_income',
      'sec_health',
      'sec_housing',
      'sec_income.0',
      'sec_income.98',
      'sex.female',
    ]) {
      await uploadRecording(server, cookie, questionnaireId, key);
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it('puts a button beside each recorded answer, which plays it, chooses nothing, and plays alone', async () => {
    const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await browser.context.newPage();
      await noVoices(page);
      await pairedKiosk(page, server, cookie);
      await nextPage(page, 'sec_income');

      // The scale's recorded end and its recorded "don't know"; no other answer has one.
      const worstEnd = listen(page, 'sec_income.0');
      await worstEnd.waitFor();
      await listen(page, 'sec_income.98').waitFor();
      expect(await listen(page, 'sec_income.10').count()).toBe(0);
      expect(await listen(page, 'sec_income.99').count()).toBe(0);
      expect(await page.locator('[data-name="sec_health"] .answer-listen').count()).toBe(0);
      expect(await page.locator('.listen-button--answer').count()).toBe(2);
      // Beside the end's words, outside every label that chooses an answer.
      expect(
        await worstEnd.evaluate((b) => !!b.closest('.scale__end--min') && !b.closest('label')),
      ).toBe(true);
      expect(await listen(page, 'sec_income.98').evaluate((b) => b.closest('label') === null)).toBe(
        true,
      );

      // Named by the word, described by the answer's words; a target of at least 44 px.
      expect(
        await page
          .locator('[data-name="sec_income"]')
          .getByRole('button', { name: 'Nghe', exact: true })
          .count(),
      ).toBe(3);
      expect(await description(page, 'sec_income.0')).toBe('Hoàn toàn không đủ');
      expect(await description(page, 'sec_income.98')).toBe('Không biết');
      const box = await worstEnd.boundingBox();
      expect(box?.width).toBeGreaterThanOrEqual(44);
      expect(box?.height).toBeGreaterThanOrEqual(44);
      // The point 0 is still described by the end's words alone, not by the button's.
      expect(
        await page
          .locator('[data-name="sec_income"] .scale__point--0 input')
          .evaluate(
            (input) =>
              document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent,
          ),
      ).toBe('Hoàn toàn không đủ');
      await screenshot(page, 'answer-listen-scale');
      await expectAccessible(page, 'kiosk scale with answer listen buttons');

      // Pressed: its recording plays, and the question stays unanswered.
      await worstEnd.click();
      await expect.poll(() => worstEnd.getAttribute('aria-pressed')).toBe('true');
      await expect
        .poll(() => audioState(page), { timeout: 10_000 })
        .toMatchObject({
          playing: true,
          src: expect.stringContaining('/vi/sec_income.0?v='),
        });
      expect(await page.locator('[data-name="sec_income"] input:checked').count()).toBe(0);
      expect(await page.locator('[data-name="sec_income"] .scale__point--checked').count()).toBe(0);

      // A question's button then: it alone plays.
      await listen(page, 'sec_health').click();
      await expect.poll(() => pressedButtons(page)).toEqual(['sec_health']);
      await expect
        .poll(() => audioState(page), { timeout: 10_000 })
        .toMatchObject({ playing: true, src: expect.stringContaining('/vi/sec_health?v=') });
      // And an answer's after it: the question's stops.
      await listen(page, 'sec_income.98').click();
      await expect.poll(() => pressedButtons(page)).toEqual(['sec_income.98']);
      await expect
        .poll(() => audioState(page), { timeout: 10_000 })
        .toMatchObject({ playing: true, src: expect.stringContaining('/vi/sec_income.98?v=') });
      expect(await page.locator('audio').count()).toBe(1);
      expect(await page.locator('[data-name="sec_income"] input:checked').count()).toBe(0);
      // Pressed again, it stops.
      await listen(page, 'sec_income.98').click();
      await expect.poll(() => pressedButtons(page)).toEqual([]);

      // The answer chosen by its own label: the button stays beside it.
      await page.locator('[data-name="sec_income"] .scale__point--3').click();
      await expect
        .poll(() => page.locator('[data-name="sec_income"] .scale__point--checked').count())
        .toBe(1);
      expect(await listen(page, 'sec_income.0').count()).toBe(1);

      // A single choice: the recorded answer has its button in its row, the others none.
      await nextPage(page, 'opp_jobs');
      await nextPage(page, 'cul_language');
      await nextPage(page, 'tru_commune');
      await nextPage(page, 'life_sat');
      const female = listen(page, 'sex.female');
      await female.waitFor();
      expect(await listen(page, 'sex.male').count()).toBe(0);
      expect(await description(page, 'sex.female')).toBe('Nữ');
      expect(await female.evaluate((b) => !!b.closest('.sd-item') && !b.closest('label'))).toBe(
        true,
      );
      const femaleBox = await female.boundingBox();
      expect(femaleBox?.height).toBeGreaterThanOrEqual(44);
      await female.click();
      await expect
        .poll(() => audioState(page), { timeout: 10_000 })
        .toMatchObject({ playing: true, src: expect.stringContaining('/vi/sex.female?v=') });
      expect(await page.locator('[data-name="sex"] input:checked').count()).toBe(0);
      // Its label still chooses it, the whole row but the button.
      await page.locator('[data-name="sex"] label').filter({ hasText: 'Nữ' }).click();
      await expect
        .poll(() => page.locator('[data-name="sex"] input[value="female"]').isChecked())
        .toBe(true);
      expect(await female.count()).toBe(1);
      await screenshot(page, 'answer-listen-choice');
      await expectAccessible(page, 'kiosk choices with an answer listen button');
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it.each([
    { width: 360, height: 740 },
    { width: 1280, height: 900 },
  ])('leaves every answer its whole target at $width×$height', async (viewport) => {
    const browser = await launchBrowser({ viewport });
    try {
      const page = await browser.context.newPage();
      await noVoices(page);
      await pairedKiosk(page, server, cookie);
      await nextPage(page, 'sec_income');
      await listen(page, 'sec_income.98').waitFor();
      expect(await layoutOfAnswers(page)).toMatchObject({ buttons: 2, overlapping: 0 });
      const scale = await layoutOfAnswers(page);
      expect(scale.smallestLabel).toBeGreaterThanOrEqual(44);
      expect(scale.smallestButton).toBeGreaterThanOrEqual(44);
      await page
        .locator('[data-name="sec_income"]')
        .screenshot({ path: `test-results/screenshots/answer-listen-scale-${viewport.width}.png` });
      for (const name of ['opp_jobs', 'cul_language', 'tru_commune', 'life_sat']) {
        await nextPage(page, name);
      }
      await listen(page, 'sex.female').waitFor();
      const choices = await layoutOfAnswers(page);
      expect(choices).toMatchObject({ buttons: 1, overlapping: 0 });
      expect(choices.smallestLabel).toBeGreaterThanOrEqual(44);
      expect(choices.smallestButton).toBeGreaterThanOrEqual(44);
    } finally {
      await browser.close();
    }
  });

  it("autoplays the page's question recordings in order, and stops for good on a press or an answer", async () => {
    const browser = await launchBrowser({ args: ['--autoplay-policy=no-user-gesture-required'] });
    try {
      const page = await browser.context.newPage();
      await noVoices(page);
      await pairedKiosk(page, server, cookie, '?listen=auto');
      await nextPage(page, 'sec_income');

      // The questions in the page's order, each on its own button; never the answers'.
      await expect.poll(() => pressedButtons(page), { timeout: 10_000 }).toEqual(['sec_income']);
      await expect
        .poll(() => audioState(page), { timeout: 10_000 })
        .toMatchObject({ playing: true, src: expect.stringContaining('/vi/sec_income?v=') });
      await expect.poll(() => pressedButtons(page), { timeout: 10_000 }).toEqual(['sec_health']);
      await expect
        .poll(() => audioState(page), { timeout: 10_000 })
        .toMatchObject({ playing: true, src: expect.stringContaining('/vi/sec_health?v=') });

      // A press (an answer's button) ends the turn: that one plays, and nothing after it.
      await listen(page, 'sec_income.0').click();
      await expect.poll(() => pressedButtons(page)).toEqual(['sec_income.0']);
      await expect.poll(() => pressedButtons(page), { timeout: 10_000 }).toEqual([]);
      await page.waitForTimeout(1500);
      expect(await pressedButtons(page)).toEqual([]);
      expect((await audioState(page)).src).toContain('/vi/sec_income.0?v=');

      // Back to the page is a new visit: its turn starts again; an answer silences it.
      await nextPage(page, 'opp_jobs');
      await page.locator('.sd-navigation__prev-btn:visible').first().click();
      await page.locator('[data-name="sec_income"]').waitFor();
      await expect.poll(() => pressedButtons(page), { timeout: 10_000 }).toEqual(['sec_income']);
      await page.locator('[data-name="sec_income"] .scale__point--7').click();
      await expect.poll(() => pressedButtons(page)).toEqual([]);
      expect((await audioState(page)).playing).toBe(false);
      await page.waitForTimeout(3500);
      expect(await pressedButtons(page)).toEqual([]);
      expect((await audioState(page)).src).toContain('/vi/sec_income?v=');
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
