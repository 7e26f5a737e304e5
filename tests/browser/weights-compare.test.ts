import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commune } from '../../server/communes/schema.ts';
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
const ageBands = ['18-29', '30-44', '45-59', '60+'] as const;
const officerPassword = 'officer password for tests';

/** Every scored item answered so that its item score is `value` × 10, reverse items included. */
function answersScoring(value: number): Record<string, number> {
  return Object.fromEntries(
    scoredItems.map((item) => [item.name, item.reverse ? item.max - value : value]),
  );
}

/** As the screen writes them: one decimal, a decimal comma. */
const number1 = (value: number) =>
  new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    value,
  );
const mean = (m: number | null) => (m === null ? '–' : number1(m));
const interval = (c: CommuneResult) =>
  c.overall.ciLow === null || c.overall.ciHigh === null
    ? '–'
    : `${number1(c.overall.ciLow)}–${number1(c.overall.ciHigh)}`;

async function post(url: string, path: string, body: unknown, cookie?: string) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

async function accessible(page: Page, label: string) {
  const result = await expectAccessible(page, label);
  expect(
    result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length}`),
    `axe on ${label}, any impact`,
  ).toEqual([]);
}

const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.each(suites)('weighted and unweighted results side by side in $name', () => {
  let server: WebServer;
  let adminCookie: string;
  /** A is below unweighted and meets weighted; B is below both ways; C has no margins; D too few. */
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
    type Planned = { communeCode: string; score: number; sex: string; i: number };
    const planned: Planned[] = [];
    const add = (
      commune: Commune,
      count: number,
      score: (i: number) => number,
      sex: (i: number) => string,
    ) => {
      for (let i = 0; i < count; i += 1)
        planned.push({ communeCode: commune.code, score: score(i), sex: sex(i), i });
    };
    // A: 25 women at 80 or 90 (mean 85.2), 10 men at 90 or 100 (95) and 3 "other" at 80, so
    // unweighted 87.4 (below); its population is 30% women, so weighted about 92 (meets). The
    // 3 "other" cannot be placed in a cell.
    add(
      a,
      25,
      (i) => (i % 2 ? 8 : 9),
      () => 'female',
    );
    add(
      a,
      10,
      (i) => (i % 2 ? 10 : 9),
      () => 'male',
    );
    add(
      a,
      3,
      () => 8,
      () => 'other',
    );
    add(
      b,
      35,
      (i) => (i % 3 ? 7 : 8),
      (i) => (i % 2 ? 'male' : 'female'),
    );
    add(
      c,
      35,
      (i) => (i % 3 ? 9 : 8),
      (i) => (i % 2 ? 'male' : 'female'),
    );
    add(
      d,
      12,
      () => 9,
      (i) => (i % 2 ? 'male' : 'female'),
    );
    const submissions = planned.map((p) =>
      makeSubmission({
        communeCode: p.communeCode,
        answers: {
          ...answersScoring(p.score),
          sex: p.sex,
          age_band: ageBands[p.i % ageBands.length],
        } as unknown as Record<string, number>,
      }),
    );
    for (let i = 0; i < submissions.length; i += 20) {
      await Promise.all(
        submissions.slice(i, i + 20).map((s) => post(server.url, '/api/responses', s)),
      );
    }
    // The margins an admin would upload (PUT /api/population), written straight to the table.
    const margins = (code: string, female: number, male: number) => [
      { commune_code: code, variable: 'sex' as const, category: 'female', population: female },
      { commune_code: code, variable: 'sex' as const, category: 'male', population: male },
      ...ageBands.map((band) => ({
        commune_code: code,
        variable: 'age_band' as const,
        category: band,
        population: (female + male) / 4,
      })),
    ];
    await server.query((db) =>
      db
        .insertInto('population_margins')
        .values([
          ...margins(a.code, 300, 700),
          ...margins(b.code, 500, 500),
          ...margins(d.code, 400, 400),
        ])
        .execute(),
    );
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(server.admin),
    });
    adminCookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  });
  afterAll(async () => {
    await server?.close();
  });

  const results = async (query: string) =>
    (await (
      await fetch(`${server.url}/api/results${query}`, { headers: { cookie: adminCookie } })
    ).json()) as WaveResults;

  it(
    'shows every commune weighted and unweighted as the API gives them, the status change first and marked',
    async () => {
      const weighted = await results('');
      const unweighted = await results('?weights=none');
      const weightedA = weighted.communes.find((x) => x.code === a.code);
      const plainA = unweighted.communes.find((x) => x.code === a.code);
      // The data does what the test needs: A changes status with weighting, and only A.
      expect(weightedA).toMatchObject({ weighting: 'raked', status: 'meets' });
      expect(weightedA?.overall.unplaced).toBe(3);
      expect(plainA).toMatchObject({ weighting: 'none', status: 'below' });
      const changed = weighted.communes.filter(
        (w) => unweighted.communes.find((u) => u.code === w.code)?.status !== w.status,
      );
      expect(changed.map((x) => x.code)).toEqual([a.code]);

      const browser = await launchBrowser({ viewport: { width: 1280, height: 720 } });
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.url}/staff#/weights`);
        await signIn(page, server.admin.email, server.admin.password);
        await page
          .getByRole('heading', { level: 1, name: 'Kết quả có và chưa có trọng số' })
          .waitFor();
        const rows = page.locator('table.weights-compare tbody tr');
        await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(56);
        expect(await page.locator('.staff-bar nav a[aria-current="page"]').textContent()).toBe(
          'Trọng số',
        );

        // The changed commune is first, marked in words.
        const first = rows.first();
        expect(await first.getAttribute('data-code')).toBe(a.code);
        expect(await first.getAttribute('data-changed')).toBe('true');
        expect(await first.locator('[data-col="change"] strong').textContent()).toBe(
          'Đổi: Chưa đạt → Đạt',
        );
        expect(await first.locator('[data-col="change"]').textContent()).toContain(
          '3 phiếu không gia quyền được',
        );
        expect(await page.locator('tr[data-changed="true"]').count()).toBe(1);
        expect(await page.locator('.weights-summary').textContent()).toBe(
          '1 xã, phường đổi tình trạng khi có trọng số. 3 / 56 xã, phường có trọng số; 53 xã, phường chưa có số liệu dân số.',
        );

        // Every row's figures are the API's, weighted and unweighted.
        const shown = await rows.evaluateAll((trs) =>
          trs.map((tr) => {
            const cell = (col: string) =>
              tr.querySelector(`[data-col="${col}"]`)?.textContent ?? null;
            return {
              code: tr.getAttribute('data-code'),
              n: cell('n'),
              weightedMean: cell('weightedMean'),
              weightedInterval: cell('weightedInterval'),
              weightedStatus: cell('weightedStatus'),
              effectiveN: cell('effectiveN'),
              weighting: cell('weighting'),
              unweightedMean: cell('unweightedMean'),
              unweightedInterval: cell('unweightedInterval'),
              unweightedStatus: cell('unweightedStatus'),
            };
          }),
        );
        const statusWords = (x: CommuneResult) =>
          x.status === 'insufficient'
            ? `Chưa đủ mẫu: n = ${x.n} < ${weighted.minN}`
            : x.status === 'below'
              ? 'Chưa đạt'
              : x.confident
                ? 'Đạt, chắc chắn'
                : 'Đạt';
        for (const row of shown) {
          const w = weighted.communes.find((x) => x.code === row.code);
          const u = unweighted.communes.find((x) => x.code === row.code);
          if (!w || !u) throw new Error(`no results for ${row.code}`);
          expect(row.n, row.code ?? '').toBe(String(u.n));
          expect(row.unweightedMean).toBe(mean(u.overall.mean));
          expect(row.unweightedInterval).toBe(interval(u));
          expect(row.unweightedStatus).toBe(statusWords(u));
          if (w.weighting === 'raked') {
            expect(row.weightedMean).toBe(mean(w.overall.mean));
            expect(row.weightedInterval).toBe(interval(w));
            expect(row.weightedStatus).toBe(statusWords(w));
            expect(row.effectiveN).toBe(String(Math.max(1, Math.round(w.overall.effectiveN ?? 0))));
          } else {
            expect(row.weighting).toBe('Chưa có số liệu dân số');
          }
        }
        // The weighted figures differ from the unweighted ones where it matters.
        const rowA = shown.find((r) => r.code === a.code);
        expect(rowA?.weightedMean).not.toBe(rowA?.unweightedMean);
        expect(shown.find((r) => r.code === c.code)?.weighting).toBe('Chưa có số liệu dân số');
        expect(shown.find((r) => r.code === d.code)?.weightedStatus).toBe(
          'Chưa đủ mẫu: n = 12 < 30',
        );

        // Only the changes, then only the communes without margins.
        const filter = page.getByLabel('Hiện');
        await filter.selectOption('changed');
        expect(await rows.count()).toBe(1);
        expect(await page.getByRole('status').textContent()).toBe('Đang hiện 1 / 56 xã, phường');
        await filter.selectOption('noMargins');
        expect(await rows.count()).toBe(53);
        await filter.selectOption('all');
        expect(await rows.count()).toBe(56);

        await accessible(page, 'weights comparison');
        await screenshot(page, 'weights-compare-1280x720');
        await page.screenshot({
          path: 'test-results/screenshots/weights-compare-1280x720-first-screen.png',
        });
        // The table's first rows, where the changed commune is, for a person to look at.
        const box = await page.locator('table.weights-compare').boundingBox();
        await page.screenshot({
          path: 'test-results/screenshots/weights-compare-1280x720-table.png',
          fullPage: true,
          clip: { x: 0, y: box?.y ?? 0, width: 1280, height: 720 },
        });

        await page.getByRole('button', { name: 'English' }).click();
        await page
          .getByRole('heading', { level: 1, name: 'Weighted and unweighted results' })
          .waitFor();
        expect(await first.locator('[data-col="change"] strong').textContent()).toBe(
          'Changes: Below → Meets',
        );
        await accessible(page, 'weights comparison in English');
        await page.getByRole('button', { name: 'Tiếng Việt' }).click();

        await page.setViewportSize({ width: 320, height: 720 });
        await page
          .getByRole('heading', { level: 1, name: 'Kết quả có và chưa có trọng số' })
          .waitFor();
        await screenshot(page, 'weights-compare-320');
        expect(
          await pageOverflow(page),
          'nothing sticks out sideways at 320 px',
        ).toBeLessThanOrEqual(0);
        await accessible(page, 'weights comparison at 320 px');
        await page.screenshot({
          path: 'test-results/screenshots/weights-compare-320-first-screen.png',
        });
        const narrowBox = await page.locator('.weights-tools').boundingBox();
        await page.screenshot({
          path: 'test-results/screenshots/weights-compare-320-table.png',
          fullPage: true,
          clip: { x: 0, y: narrowBox?.y ?? 0, width: 320, height: 720 },
        });

        // The ranking tags the weighted commune only; its page says what the weighting means.
        await page.setViewportSize({ width: 1280, height: 720 });
        await page.goto(`${server.url}/staff#/ranking`);
        await page.locator('table.ranking tbody tr').first().waitFor();
        expect(await page.locator('table.ranking .weighting-tag').count()).toBe(
          weighted.communes.filter((x) => x.weighting === 'raked').length,
        );
        expect(
          await page.locator(`table.ranking tr[data-code="${c.code}"] .weighting-tag`).count(),
        ).toBe(0);
        expect(
          await page
            .locator(`table.ranking tr[data-code="${a.code}"] .weighting-tag`)
            .textContent(),
        ).toBe('Có trọng số theo dân số');
        await page.goto(`${server.url}/staff#/commune/${a.code}`);
        const note = page.locator('.commune-summary .weighting-note');
        await note.waitFor();
        expect(await note.textContent()).toContain('Có trọng số theo dân số.');
        expect(await note.textContent()).toContain('3 phiếu');
        await page.goto(`${server.url}/staff#/commune/${c.code}`);
        await page.locator('.commune-summary h2').waitFor();
        expect(await page.locator('.commune-summary .weighting-note').textContent()).toContain(
          'Chưa có trọng số',
        );
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );

  it(
    'is not in an officer’s bar and says “not allowed” when an officer opens it',
    async () => {
      const email = 'officer.weights@cbhpi.test';
      await post(
        server.url,
        '/api/users',
        { email, password: officerPassword, role: 'commune_officer', communeCode: b.code },
        adminCookie,
      );
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.url}/staff`);
        await signIn(page, email, officerPassword);
        await page.getByRole('heading', { level: 1, name: `${b.name} (${b.code})` }).waitFor();
        // Whatever else an officer's bar offers, the comparison is not in it.
        const links = await page.locator('.staff-bar nav a').allTextContents();
        expect(links).toContain('Xã của tôi');
        expect(links).not.toContain('Trọng số');
        expect(await page.locator('.staff-bar nav a[href="#/weights"]').count()).toBe(0);
        await page.goto(`${server.url}/staff#/weights`);
        await page.getByRole('heading', { level: 1, name: 'Không được phép' }).waitFor();
        expect(await page.locator('table.weights-compare').count()).toBe(0);
        await accessible(page, 'weights comparison, officer');
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );
});
