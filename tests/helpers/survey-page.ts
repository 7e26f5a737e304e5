import type { BrowserContext, Page, Route } from 'playwright-core';

/**
 * Answers the SurveyJS form the way a resident does, by clicking: page by page, each listed
 * question's choice, then "next", and finally "complete". Questions not listed are skipped.
 * `onPage`, when given, runs on each page (numbered from 0) before it is answered.
 */
export async function fillSurveyByClicking(
  page: Page,
  answers: Record<string, string | number>,
  onPage?: (index: number) => Promise<void>,
) {
  for (let guard = 0; guard < 20; guard += 1) {
    await onPage?.(guard);
    // One look at the page for the questions it shows, rather than one per listed answer.
    const shown = new Set(
      await page.$$eval('[data-name]', (elements) =>
        elements
          .filter((e) => (e as HTMLElement).offsetParent !== null)
          .map((e) => e.getAttribute('data-name') ?? ''),
      ),
    );
    for (const [name, value] of Object.entries(answers)) {
      if (!shown.has(name)) continue;
      const question = page.locator(`[data-name="${name}"]`);
      const quoted = JSON.stringify(String(value));
      const choice = question.locator(`input[value=${quoted}]`);
      if ((await choice.count()) > 0) {
        await question.locator(`label:has(input[value=${quoted}])`).first().click();
      } else {
        await question.locator('textarea, input[type="text"]').first().fill(String(value));
      }
    }
    const complete = page.locator(
      '.sd-navigation__complete-btn:visible, input[value="Hoàn thành"]:visible',
    );
    if ((await complete.count()) > 0) {
      await complete.first().click();
      await sendIfAskedAboutFewAnswers(page);
      return;
    }
    await page.locator('.sd-navigation__next-btn:visible').first().click();
  }
  throw new Error('the survey never reached its last page');
}

/**
 * With fewer than half of the questions answered, "complete" opens a modal asking whether to
 * send anyway (survey-form.ts); this answers "Gửi luôn", as a resident who meant it would.
 * Waits until either the question is open or the form has gone, so it never guesses.
 */
export async function sendIfAskedAboutFewAnswers(page: Page) {
  await page.waitForFunction(
    () =>
      document.querySelector('dialog[open]') !== null ||
      document.querySelector('.sd-navigation__complete-btn') === null,
  );
  const ask = page.locator('dialog[open]').filter({
    has: page.getByRole('button', { name: /^(Gửi luôn|Send now|Send it)$/ }),
  });
  if ((await ask.count()) === 0) return;
  await ask.getByRole('button', { name: /^(Gửi luôn|Send now|Send it)$/ }).click();
}

/** The scripts the resident page's HTML itself loads (its entry and module preloads). */
export async function firstScreenScripts(baseUrl: string) {
  const html = await (await fetch(`${baseUrl}/`)).text();
  const paths = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.js)"/g)].map(
    (match) => new URL(match[1] ?? '', baseUrl).pathname,
  );
  return new Set(paths);
}

/**
 * Holds back every request of the browser (pages and service workers) that `hold` picks, until
 * `release()`: to see what a page does while a slow part of it has not arrived yet.
 */
export async function holdRequests(context: BrowserContext, hold: (url: URL) => boolean) {
  const waiting: Route[] = [];
  const seen: string[] = [];
  let released = false;
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (released || !hold(url)) return route.continue();
    seen.push(url.pathname);
    waiting.push(route);
  });
  return {
    /** The paths held so far. */
    paths: () => [...seen],
    release() {
      released = true;
      for (const route of waiting.splice(0)) void route.continue().catch(() => {});
    },
  };
}
