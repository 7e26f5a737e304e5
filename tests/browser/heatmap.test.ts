import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commune } from '../../server/communes/schema.ts';
import type { WaveItemMeans } from '../../server/results/item-means-schema.ts';
import type { CommuneResult, WaveResults } from '../../server/results/schema.ts';
import {
  chromiumMissing,
  expectAccessible,
  launchBrowser,
  type Page,
  screenshot,
} from '../helpers/browser.ts';
import { makeSubmission, scoredItems } from '../helpers/submissions.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];
const browserTimeout = 180_000;
type Dimension = 'security' | 'opportunity' | 'culture' | 'trust';
const dimensions: Dimension[] = ['security', 'opportunity', 'culture', 'trust'];
const measures = ['overall', ...dimensions] as const;

/** Each dimension's items answered `value` (0–10), reverse items mirrored: item score value × 10. */
function answersBy(values: Record<Dimension, number | null>) {
  return Object.fromEntries(
    scoredItems.map((item) => {
      const value = values[item.dimension];
      // null: "don't know" to every item of the dimension, so it (and the overall) has no score.
      if (value === null) return [item.name, 98];
      return [item.name, item.reverse ? item.max - value : value];
    }),
  );
}

/** As the dashboard prints a mean: one decimal, a decimal comma. */
const formatMean = (mean: number | null) =>
  mean === null
    ? '–'
    : new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
        mean,
      );
const formatInterval = (low: number | null, high: number | null) =>
  low === null || high === null ? '–' : `${formatMean(low)}–${formatMean(high)}`;
const formatPercent = (value: number) =>
  new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 0 }).format(value);

/** The bands, as the test reads the issue: 90 or more, then under 5, 5–10, 10–20, over 20 short. */
function expectedBand(commune: CommuneResult, mean: number | null) {
  if (commune.status === 'insufficient' || mean === null) return 'none';
  const short = 90 - mean;
  if (short <= 0) return 'reached';
  if (short <= 5) return 'near';
  if (short <= 10) return 'short';
  if (short <= 20) return 'far';
  return 'veryFar';
}
const meanOf = (c: CommuneResult, m: (typeof measures)[number]) =>
  m === 'overall' ? c.overall.mean : c.dimensions[m].mean;

const shotDir = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));
/** Only what is on the screen (the first screen), not the whole page. */
async function firstScreen(page: Page, name: string) {
  mkdirSync(shotDir, { recursive: true });
  await page.screenshot({ path: join(shotDir, `${name}.png`) });
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** No part of the page sticks out sideways: wide tables scroll inside their own box. */
const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.each(suites)('staff insight in $name', () => {
  let server: WebServer;
  let cookie: string;
  let results: WaveResults;
  let items: WaveItemMeans;
  /** A meets 90; B and C fall short in different dimensions; D has too few responses. */
  let a: Commune;
  let b: Commune;
  let c: Commune;
  let d: Commune;

  beforeAll(async () => {
    server = await startWebServer();
    const communes = (await (await fetch(`${server.url}/api/communes`)).json()) as Commune[];
    const pick = (index: number) => {
      const commune = communes[index];
      if (!commune) throw new Error(`no commune ${index}`);
      return commune;
    };
    [a, b, c, d] = [pick(0), pick(5), pick(10), pick(20)];
    const plan: Array<{ commune: Commune; count: number; answers: (i: number) => object }> = [
      {
        commune: a,
        count: 32,
        // sec_income: 3 "don't know" and 2 "not applicable", to be reported apart.
        answers: (i) => ({
          ...answersBy({
            security: i % 2 ? 10 : 9,
            opportunity: i % 2 ? 10 : 9,
            culture: i % 2 ? 10 : 9,
            trust: i % 2 ? 10 : 9,
          }),
          ...(i < 3 ? { sec_income: 98 } : i < 5 ? { sec_income: 99 } : {}),
        }),
      },
      {
        commune: b,
        count: 33,
        // The last response says "don't know" to all of trust: no overall score, but it still
        // counts in the other three dimensions, whose n is then 33 against the overall 32.
        answers: (i) =>
          answersBy({
            security: i % 4 ? 9 : 8,
            opportunity: i % 2 ? 8 : 7,
            culture: i % 2 ? 10 : 9,
            trust: i === 32 ? null : i % 4 ? 8 : 9,
          }),
      },
      {
        commune: c,
        count: 32,
        answers: (i) =>
          answersBy({
            security: i % 2 ? 6 : 5,
            opportunity: i % 4 ? 7 : 8,
            culture: i % 2 ? 10 : 9,
            trust: 6,
          }),
      },
      {
        commune: d,
        count: 12,
        answers: () => answersBy({ security: 9, opportunity: 9, culture: 9, trust: 9 }),
      },
    ];
    const submissions = plan.flatMap(({ commune, count, answers }) =>
      Array.from({ length: count }, (_, i) =>
        makeSubmission({
          communeCode: commune.code,
          answers: answers(i) as Record<string, number>,
        }),
      ),
    );
    for (let i = 0; i < submissions.length; i += 20) {
      await Promise.all(
        submissions.slice(i, i + 20).map(async (s) => {
          const res = await fetch(`${server.url}/api/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: server.url },
            body: JSON.stringify(s),
          });
          if (!res.ok) throw new Error(`submission: ${res.status} ${await res.text()}`);
        }),
      );
    }
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(server.admin),
    });
    cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    results = (await (
      await fetch(`${server.url}/api/results`, { headers: { cookie } })
    ).json()) as WaveResults;
    items = (await (
      await fetch(`${server.url}/api/results/items`, { headers: { cookie } })
    ).json()) as WaveItemMeans;
  });
  afterAll(async () => {
    await server?.close();
  });

  it(
    'the heatmap shows every commune × dimension as the API gives it, sorts worst first and opens a cell',
    async () => {
      const browser = await launchBrowser({ viewport: { width: 1280, height: 720 } });
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.url}/staff`);
        await signIn(page, server.admin.email, server.admin.password);
        const rows = page.locator('table.heatmap tbody tr');
        await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(56);

        // The heatmap starts within the first screen at 1280 × 720.
        const top = await page
          .locator('table.heatmap')
          .evaluate((t) => t.getBoundingClientRect().top);
        expect(top).toBeLessThan(720 - 100);
        await page.locator('table.items-first tbody tr').first().waitFor();
        await firstScreen(page, 'heatmap-1280x720');

        // Every cell: the API's mean, printed, in the band its distance from 90 gives.
        const shown = await rows.evaluateAll((trs) =>
          trs.map((tr) => ({
            code: tr.getAttribute('data-commune'),
            cells: [...tr.querySelectorAll('td')].map((td) => ({
              col: td.getAttribute('data-col'),
              text: td.textContent,
              band: td.getAttribute('data-band'),
              href: td.querySelector('a')?.getAttribute('href'),
              label: td.querySelector('a')?.getAttribute('aria-label') ?? '',
            })),
            need: tr.querySelector('.need')?.textContent ?? null,
          })),
        );
        expect(shown.map((r) => r.code).sort()).toEqual(results.communes.map((x) => x.code).sort());
        for (const row of shown) {
          const commune = results.communes.find((x) => x.code === row.code);
          if (!commune) throw new Error(`no ${row.code}`);
          expect(row.cells.map(({ label: _, ...cell }) => cell)).toEqual(
            measures.map((m) => ({
              col: m,
              text: formatMean(meanOf(commune, m)),
              band: expectedBand(commune, meanOf(commune, m)),
              href: `#/commune/${commune.code}?dimension=${m}`,
            })),
          );
          // Too few responses: grey, how many more are needed, and no verdict in any cell.
          if (commune.status === 'insufficient') {
            expect(row.need).toBe(`Chưa đủ mẫu: cần thêm ${30 - commune.n} phiếu`);
            for (const cell of row.cells) {
              expect(cell.label).toContain('Chưa đủ phiếu để kết luận');
              expect(cell.label).not.toMatch(/Còn thiếu|Đạt từ/);
            }
          } else expect(row.need).toBeNull();
        }
        const bands = new Set(shown.flatMap((r) => r.cells.map((cell) => cell.band)));
        expect([...bands].sort()).toEqual(['far', 'near', 'none', 'reached', 'short', 'veryFar']);
        const dRow = shown.find((r) => r.code === d.code);
        expect(dRow?.cells.every((cell) => cell.band === 'none' && cell.text === '90,0')).toBe(
          true,
        );

        // Worst first by the overall score, then the communes without a verdict.
        const order = () =>
          rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-commune')));
        expect((await order()).slice(0, 3)).toEqual([c.code, b.code, a.code]);
        const header = (name: string) =>
          page.locator('table.heatmap th', { has: page.getByRole('button', { name }) });
        expect(await header('Điểm chung').getAttribute('aria-sort')).toBe('ascending');
        // Any column: worst first on the first click, best first on the second.
        await header('An sinh').getByRole('button').click();
        expect(await header('An sinh').getAttribute('aria-sort')).toBe('ascending');
        expect(await header('Điểm chung').getAttribute('aria-sort')).toBeNull();
        const bySecurity = [a, b, c]
          .map((x) => results.communes.find((r) => r.code === x.code))
          .sort((x, y) => (x?.dimensions.security.mean ?? 0) - (y?.dimensions.security.mean ?? 0))
          .map((x) => x?.code);
        expect((await order()).slice(0, 3)).toEqual(bySecurity);
        await header('An sinh').getByRole('button').click();
        expect(await header('An sinh').getAttribute('aria-sort')).toBe('descending');
        expect((await order()).slice(0, 3)).toEqual([...bySecurity].reverse());
        // Communes without a verdict stay last whichever way.
        expect((await order()).slice(3)).toContain(d.code);
        await header('Niềm tin').getByRole('button').click();
        expect((await order())[0]).toBe(c.code);
        const names = page.locator('table.heatmap th', {
          has: page.getByRole('button', { name: /^Xã, phường/ }),
        });
        await names.getByRole('button').click();
        const listed = await rows.locator('th a').allTextContents();
        expect(listed).toEqual([...listed].sort((x, y) => x.localeCompare(y, 'vi')));

        // Beside it: per dimension, and per item, how many communes it holds below 90.
        const judged = results.communes.filter((x) => x.status !== 'insufficient');
        for (const dimension of dimensions) {
          const below = judged.filter((x) => (x.dimensions[dimension].mean ?? 100) < 90).length;
          expect(
            await page
              .locator(`table.priorities tr[data-dimension="${dimension}"] td`)
              .textContent(),
          ).toBe(`${below} / ${judged.length}`);
        }
        await page.locator('details.more-items summary').click();
        const itemRows = page.locator('table.items-first tbody tr');
        expect(await itemRows.count()).toBe(items.items.length);
        const counted = await itemRows.evaluateAll((trs) =>
          trs.map((tr) => ({
            name: tr.getAttribute('data-item'),
            text: tr.querySelector('th')?.textContent ?? '',
            count: tr.querySelectorAll('td')[1]?.textContent,
          })),
        );
        const belowOf = (index: number) =>
          items.communes.filter(
            (x) => judged.some((j) => j.code === x.code) && (x.items[index]?.mean ?? 100) < 90,
          ).length;
        const expectedCounts = items.items.map((item, index) => ({
          name: item.name,
          count: `${belowOf(index)} / ${judged.length}`,
        }));
        expect(
          counted
            .map(({ name, count }) => ({ name, count }))
            .sort((x, y) => (x.name ?? '').localeCompare(y.name ?? '')),
        ).toEqual(expectedCounts.sort((x, y) => x.name.localeCompare(y.name)));
        const belowCounts = counted.map((x) => Number(x.count?.split(' / ')[0]));
        expect(belowCounts).toEqual([...belowCounts].sort((x, y) => y - x));
        // Questions in words, never their internal names.
        for (const row of counted) expect(row.text).not.toContain(row.name ?? '');

        await expectAccessible(page, 'ranking with the heatmap');
        await screenshot(page, 'heatmap-ranking-full');

        // A cell opens that commune at that dimension, focused there.
        await page.locator(`tr[data-commune="${c.code}"] td[data-col="trust"] a`).click();
        await page.getByRole('heading', { level: 1, name: `${c.name} (${c.code})` }).waitFor();
        expect(new URL(page.url()).hash).toBe(`#/commune/${c.code}?dimension=trust`);
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.id))
          .toBe('measure-trust');
        expect(await page.locator('#measure-trust').textContent()).toBe('Niềm tin');
        const inView = await page.locator('#measure-trust').evaluate((th) => {
          const r = th.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= window.innerHeight;
        });
        expect(inView).toBe(true);
        await firstScreen(page, 'heatmap-opened-trust-1280x720');
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );

  it(
    'a commune page explains its interval and chance in words, and gives no verdict on too few responses',
    async () => {
      const browser = await launchBrowser({ viewport: { width: 1280, height: 720 } });
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.url}/staff#/commune/${c.code}`);
        await signIn(page, server.admin.email, server.admin.password);
        await page.getByRole('heading', { level: 1, name: `${c.name} (${c.code})` }).waitFor();
        const cResult = results.communes.find((x) => x.code === c.code);
        if (!cResult) throw new Error('no C');

        // The "?" beside the interval, from the keyboard: Enter opens, Escape closes.
        const why = page.getByRole('button', {
          name: 'Giải thích: Khoảng tin cậy 95%',
          exact: true,
        });
        await why.focus();
        await page.keyboard.press('Enter');
        expect(await why.getAttribute('aria-expanded')).toBe('true');
        const note = page.locator(`#${await why.getAttribute('aria-controls')}`);
        expect(await note.textContent()).toContain(
          `Điểm thật của xã có 95% khả năng nằm trong khoảng ${formatInterval(cResult.overall.ciLow, cResult.overall.ciHigh)} điểm.`,
        );
        expect(await note.textContent()).toContain(`trung bình của ${cResult.n} phiếu`);
        await page.keyboard.press('Escape');
        expect(await why.getAttribute('aria-expanded')).toBe('false');
        expect(await note.isVisible()).toBe(false);
        const chance = page.getByRole('button', { name: /^Giải thích: Xác suất đạt/ });
        await chance.click();
        const chanceNote = page.locator(`#${await chance.getAttribute('aria-controls')}`);
        expect(await chanceNote.textContent()).toBe(
          'Khả năng điểm thật của xã đạt từ 90 trở lên là < 1%. Gần như chắc chắn xã chưa đạt 90.',
        );
        // Each dimension's interval has its own "?", in this commune's figures.
        const trustWhy = page.getByRole('button', {
          name: 'Giải thích: Khoảng tin cậy 95%, Niềm tin',
        });
        await trustWhy.click();
        expect(
          await page.locator(`#${await trustWhy.getAttribute('aria-controls')}`).textContent(),
        ).toContain(
          `Điểm thật của xã về Niềm tin có 95% khả năng nằm trong khoảng ${formatInterval(cResult.dimensions.trust.ciLow, cResult.dimensions.trust.ciHigh)} điểm.`,
        );
        await expectAccessible(page, 'commune page, explanations open');
        await firstScreen(page, 'commune-explained-1280x720');

        // B: a dimension's n above the commune's, said in words.
        await page.goto(`${server.url}/staff#/commune/${b.code}`);
        await page.getByRole('heading', { level: 1, name: `${b.name} (${b.code})` }).waitFor();
        const bResult = results.communes.find((x) => x.code === b.code);
        expect(bResult?.dimensions.security.n).toBeGreaterThan(bResult?.n ?? 0);
        expect(await page.locator('.n-note').textContent()).toContain(
          `lớn hơn số phiếu của điểm chung (${bResult?.n})`,
        );

        // A: "don't know" and "not applicable" apart, the question in words.
        await page.goto(`${server.url}/staff#/commune/${a.code}`);
        await page.getByRole('heading', { level: 1, name: `${a.name} (${a.code})` }).waitFor();
        const income = page.locator('table.items tr[data-item="sec_income"]');
        await income.waitFor();
        expect(await income.locator('[data-col="missing-98"]').textContent()).toBe(
          formatPercent(3 / 32),
        );
        expect(await income.locator('[data-col="missing-99"]').textContent()).toBe(
          formatPercent(2 / 32),
        );
        expect(await page.locator('table.items thead').textContent()).toContain(
          'Tỷ lệ “Không áp dụng”',
        );
        expect(await page.locator('table.items').textContent()).not.toContain('sec_income');

        // D: too few responses. No chance, no rank, no weakest dimension: how many more it needs.
        await page.goto(`${server.url}/staff#/commune/${d.code}?dimension=security`);
        await page.getByRole('heading', { level: 1, name: `${d.name} (${d.code})` }).waitFor();
        await page.locator('.dimensions table').waitFor();
        expect(await page.locator('[data-figure="need"]').textContent()).toContain(
          'Cần thêm 18 phiếu',
        );
        expect(await page.locator('[data-figure="pMeets"]').count()).toBe(0);
        expect(await page.locator('[data-figure="rank"]').count()).toBe(0);
        expect(await page.locator('.weakest-note').count()).toBe(0);
        expect(await page.locator('.dimensions p.hint').first().textContent()).toBe(
          'Chưa đủ phiếu để kết luận khía cạnh nào yếu nhất: cần thêm 18 phiếu (ít nhất 30).',
        );
        expect(await page.locator('.dimensions tbody td:last-child').allTextContents()).toEqual([
          '–',
          '–',
          '–',
          '–',
        ]);
        expect(await page.getByText(/Xác suất/).count()).toBe(0);
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.id))
          .toBe('measure-security');
        await expectAccessible(page, 'insufficient commune page');
        await firstScreen(page, 'commune-insufficient-1280x720');
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );

  it(
    'the staff screens stay usable at 320 px and at 200% zoom, nothing sticking out sideways',
    async () => {
      // 200% zoom of a 1280 × 720 window is a 640 × 360 page; 320 px is a small phone.
      for (const viewport of [
        { width: 640, height: 360 },
        { width: 320, height: 720 },
      ]) {
        const browser = await launchBrowser({ viewport });
        try {
          const page = await browser.context.newPage();
          await page.goto(`${server.url}/staff`);
          await signIn(page, server.admin.email, server.admin.password);
          await expect
            .poll(() => page.locator('table.heatmap tbody tr').count(), { timeout: 15_000 })
            .toBe(56);
          await page.locator('table.ranking tbody tr').first().waitFor();
          expect(await pageOverflow(page), `ranking at ${viewport.width} px`).toBeLessThanOrEqual(
            0,
          );
          // The sort buttons are still there to press, and press.
          await page
            .locator('table.heatmap th', { has: page.getByRole('button', { name: 'Văn hoá' }) })
            .getByRole('button')
            .click();
          expect(
            await page
              .locator('table.heatmap th', { has: page.getByRole('button', { name: 'Văn hoá' }) })
              .getAttribute('aria-sort'),
          ).toBe('ascending');
          await screenshot(page, `heatmap-${viewport.width}x${viewport.height}`);
          await page.goto(`${server.url}/staff#/commune/${a.code}`);
          await page.locator('table.items tbody tr').first().waitFor();
          expect(await pageOverflow(page), `commune at ${viewport.width} px`).toBeLessThanOrEqual(
            0,
          );
          await screenshot(page, `commune-${viewport.width}x${viewport.height}`);
          expect(browser.errors).toEqual([]);
        } finally {
          await browser.close();
        }
      }
    },
    browserTimeout,
  );
});
