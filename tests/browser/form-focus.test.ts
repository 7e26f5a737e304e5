import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumMissing,
  expectAccessible,
  launchBrowser,
  type Page,
  screenshot,
} from '../helpers/browser.ts';
import { questionnaire } from '../helpers/test-app.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];

type SurveyPage = { name: string; elements: Array<{ type: string; name: string }> };
const surveyPages = (questionnaire.survey as { pages: SurveyPage[] }).pages;
/** The first question of each page, as the questionnaire lists them. */
const firstOf = (index: number) => surveyPages[index]?.elements[0]?.name as string;
const lastPage = surveyPages.at(-1) as SurveyPage;
const singleChoice = lastPage.elements.filter((e) => e.type === 'radiogroup').map((e) => e.name);

async function openForm(page: Page, url: string) {
  await page.goto(`${url}/`);
  await page.locator('select').selectOption('01288');
  await page.getByRole('button', { name: /Bắt đầu|Start/ }).click();
  await page.locator('.sd-navigation__next-btn:visible').first().waitFor();
}

const next = (page: Page) => page.locator('.sd-navigation__next-btn:visible').first();
const complete = (page: Page) => page.locator('.sd-navigation__complete-btn:visible').first();

/** What has focus: its id, the question it is in, and its text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return {
      id: active?.id ?? '',
      question: active?.closest('[data-name]')?.getAttribute('data-name') ?? null,
      tag: active?.tagName.toLowerCase() ?? '',
      value: (active as HTMLInputElement | null)?.value ?? null,
      text: active?.textContent?.trim() ?? '',
    };
  });

/**
 * The focus ring a person sees for what has focus: on the focused element when it has a box
 * of its own, else on the label around a hidden or transparent input.
 */
const visibleRing = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return null;
    const own = active.getBoundingClientRect();
    const hidden =
      own.width < 4 || own.height < 4 || Number(getComputedStyle(active).opacity) === 0;
    const shown = (hidden ? active.closest('label') : active) as HTMLElement | null;
    if (!shown) return { what: active.outerHTML.slice(0, 80), width: 0, style: 'none', box: 0 };
    const style = getComputedStyle(shown);
    const box = shown.getBoundingClientRect();
    return {
      what: `${shown.tagName.toLowerCase()}.${shown.className}`.slice(0, 80),
      width: Number.parseFloat(style.outlineWidth),
      style: style.outlineStyle,
      box: Math.min(box.width, box.height),
    };
  });

/** Tabs through the page until `until` has focus, checking the ring at every stop. */
async function expectRingsUntil(
  page: Page,
  until: (f: Awaited<ReturnType<typeof focused>>) => boolean,
) {
  const stops: string[] = [];
  for (let i = 0; i < 80; i += 1) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    const ring = await visibleRing(page);
    expect(ring, `a focus stop after ${stops.join(', ')}`).not.toBeNull();
    if (!ring) break;
    stops.push(ring.what);
    expect(ring.style, `ring style on ${ring.what}`).not.toBe('none');
    expect(ring.width, `ring width on ${ring.what}`).toBeGreaterThanOrEqual(3);
    expect(ring.box, `the ringed element is visible: ${ring.what}`).toBeGreaterThanOrEqual(24);
    if (until(f)) return stops;
  }
  throw new Error(`never reached the end: ${stops.join(', ')}`);
}

const titleId = (page: Page, name: string) =>
  page.locator(`[data-name="${name}"] .sd-question__title`).getAttribute('id');

async function expectFocusOnFirstQuestion(page: Page, pageIndex: number) {
  const name = firstOf(pageIndex);
  await page.locator(`[data-name="${name}"]`).waitFor();
  const id = await titleId(page, name);
  expect(id).toBeTruthy();
  await expect.poll(async () => (await focused(page)).id, { timeout: 5000 }).toBe(id);
  const f = await focused(page);
  expect(f.question).toBe(name);
  // What a screen reader reads on focus: the question itself.
  expect(f.text).toBe(
    (await page.locator(`[data-name="${name}"] .sd-question__title`).textContent())?.trim(),
  );
}

describe.each(suites)('form targets and focus in $name', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a visible 3 px ring on every control; focus goes to the first question of a new page; whole rows select', {
    timeout: 120_000,
  }, async () => {
    const browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
    try {
      const page = await browser.context.newPage();
      await openForm(page, server.url);

      // Keyboard: from the intro to "next", which has the strongest ring.
      await expectRingsUntil(page, (f) => f.value === 'Tiếp theo');
      const nextRing = await visibleRing(page);
      expect(nextRing?.width).toBeGreaterThanOrEqual(4);
      await page.keyboard.press('Enter');
      await expectFocusOnFirstQuestion(page, 1);
      // One Tab from the question to its first answer, not five from the bottom of the page.
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ question: firstOf(1), tag: 'input', value: '0' });
      await screenshot(page, 'form-focus-scale-point');
      // Every stop of the page (a point of each scale, then "back" and "next") is ringed.
      const stops = await expectRingsUntil(page, (f) => f.value === 'Tiếp theo');
      expect(stops.filter((s) => s.startsWith('label.scale__point')).length).toBe(
        (surveyPages[1]?.elements.length ?? 0) - 1,
      );

      // With the mouse too: "next" and "back" each land on the first question of their page.
      await next(page).click();
      await expectFocusOnFirstQuestion(page, 2);
      await page.getByRole('button', { name: 'Trở về' }).click();
      await expectFocusOnFirstQuestion(page, 1);
      for (let i = 2; i < surveyPages.length; i += 1) {
        await next(page).click();
        await expectFocusOnFirstQuestion(page, i);
      }

      // The last page: the single-choice rows, the comment box, "back" and "complete".
      await expectRingsUntil(page, (f) => f.value === 'Hoàn thành');
      expect(singleChoice.length).toBeGreaterThanOrEqual(3);
      for (const name of singleChoice) {
        const question = page.locator(`[data-name="${name}"]`);
        const content = await question.locator('.sd-question__content').boundingBox();
        const rows = question.locator('label:has(input[type="radio"])');
        const count = await rows.count();
        expect(count).toBeGreaterThanOrEqual(3);
        for (let i = 0; i < count; i += 1) {
          const row = rows.nth(i);
          await row.scrollIntoViewIfNeeded();
          const box = await row.boundingBox();
          if (!box || !content) throw new Error(`${name}: no box`);
          expect(box.height, `${name} row ${i} height`).toBeGreaterThanOrEqual(44);
          expect(box.width, `${name} row ${i} spans the question`).toBeGreaterThanOrEqual(
            content.width * 0.9,
          );
          // A tap near the row's right end, far from the circle and its words, selects it.
          await page.mouse.click(box.x + box.width - 6, box.y + box.height / 2);
          await expect.poll(() => row.locator('input').isChecked()).toBe(true);
        }
      }
      await screenshot(page, 'form-focus-last-page');
      await expectAccessible(page, 'last page with rows chosen');
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('"Gửi luôn" sends at once; half of the questions answered sends without asking', {
    timeout: 120_000,
  }, async () => {
    const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await browser.context.newPage();
      await openForm(page, server.url);
      await next(page).click();
      const only = firstOf(1);
      await page.locator(`[data-name="${only}"] label:has(input[value="3"])`).click();
      for (let i = 2; i < surveyPages.length; i += 1) await next(page).click();
      await complete(page).click();
      const ask = page.locator('dialog[open]');
      await expect.poll(() => ask.textContent()).toContain('Ông/Bà mới trả lời 1 câu. Gửi luôn?');
      expect(await ask.count()).toBe(1);
      await ask.getByRole('button', { name: 'Gửi luôn' }).click();
      await page.getByRole('heading', { name: /Cảm ơn|Thank you/ }).waitFor();

      // Half: every scale question of the first pages until half of all are answered.
      const all = surveyPages.flatMap((p) => p.elements).filter((e) => e.type !== 'html');
      const half = Math.ceil(all.length / 2);
      const chosen = all.filter((e) => e.type === 'rating').slice(0, half);
      expect(chosen).toHaveLength(half);
      await openForm(page, server.url);
      for (let i = 1; i < surveyPages.length; i += 1) {
        await next(page).click();
        for (const e of surveyPages[i]?.elements ?? []) {
          if (!chosen.includes(e)) continue;
          await page.locator(`[data-name="${e.name}"] label:has(input[value="6"])`).click();
        }
      }
      await complete(page).click();
      await page.getByRole('heading', { name: /Cảm ơn|Thank you/ }).waitFor();
      expect(await page.getByRole('dialog').count()).toBe(0);
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('asks once before sending fewer than half of the answers; a second "complete" sends', {
    timeout: 120_000,
  }, async () => {
    const browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
    try {
      const page = await browser.context.newPage();
      await openForm(page, server.url);
      await next(page).click();
      const [a, b] = [firstOf(1), surveyPages[1]?.elements[1]?.name as string];
      await page.locator(`[data-name="${a}"] label:has(input[value="7"])`).click();
      await page.locator(`[data-name="${b}"] label:has(input[value="98"])`).click();
      for (let i = 2; i < surveyPages.length; i += 1) await next(page).click();

      await complete(page).click();
      // One modal question, in Vietnamese, named by its title.
      const ask = page.locator('dialog[open]');
      await ask.waitFor();
      expect(await ask.count()).toBe(1);
      expect(await ask.getAttribute('aria-labelledby')).toBeTruthy();
      expect(await page.getByRole('dialog', { name: 'Gửi phiếu?' }).count()).toBe(1);
      await expect.poll(() => ask.textContent()).toContain('Ông/Bà mới trả lời 2 câu. Gửi luôn?');
      await screenshot(page, 'form-few-answers-ask');
      await expectAccessible(page, 'the few-answers question');
      await ask.getByRole('button', { name: 'Trả lời tiếp' }).click();
      await ask.waitFor({ state: 'detached' });
      // Still the form, not sent, focus in it rather than lost on the page.
      expect(await page.getByRole('heading', { name: /Cảm ơn|Thank you/ }).count()).toBe(0);
      expect(await page.locator('.sd-root-modern').isVisible()).toBe(true);
      await expect.poll(async () => (await focused(page)).value).toBe('Hoàn thành');
      // Should the page have moved meanwhile, back to "complete".
      for (let i = 0; i < surveyPages.length && !(await complete(page).isVisible()); i += 1) {
        await next(page).click();
      }

      await complete(page).click();
      await page.getByRole('heading', { name: /Cảm ơn|Thank you/ }).waitFor();
      expect(await page.getByRole('dialog').count()).toBe(0);
      // Sent once, with just those two answers (the earlier test sent two responses).
      const mine = (rows: Array<{ answers: unknown }>) =>
        rows.filter((r) => isDeepStrictEqual(r.answers, { [a]: 7, [b]: 98 }));
      await expect
        .poll(
          async () =>
            mine(await server.query((db) => db.selectFrom('responses').select('answers').execute()))
              .length,
          { timeout: 20_000 },
        )
        .toBe(1);
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
