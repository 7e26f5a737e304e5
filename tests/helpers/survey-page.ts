import type { Page } from 'playwright-core';

/**
 * Answers the SurveyJS form the way a resident does, by clicking: page by page, each listed
 * question's choice, then "next", and finally "complete". Questions not listed are skipped.
 */
export async function fillSurveyByClicking(page: Page, answers: Record<string, string | number>) {
  for (let guard = 0; guard < 20; guard += 1) {
    for (const [name, value] of Object.entries(answers)) {
      const question = page.locator(`[data-name="${name}"]`);
      if ((await question.count()) === 0 || !(await question.first().isVisible())) continue;
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
      return;
    }
    await page.locator('.sd-navigation__next-btn:visible').first().click();
  }
  throw new Error('the survey never reached its last page');
}
