import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commune } from '../../server/communes/schema.ts';
import type { WaveResults } from '../../server/results/schema.ts';
import type { User } from '../../server/users/schema.ts';
import {
  type BrowserContext,
  chromiumMissing,
  expectAccessible,
  launchBrowser,
  type Page,
  screenshot,
} from '../helpers/browser.ts';
import { makeSubmission, scoredItems } from '../helpers/submissions.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];

/** Every scored item answered so that its item score is `value` × 10, reverse items included. */
function answersScoring(value: number): Record<string, number> {
  return Object.fromEntries(
    scoredItems.map((item) => [item.name, item.reverse ? item.max - value : value]),
  );
}

/** The dashboard formats means the Vietnamese way: one decimal, a decimal comma. */
const formatMean = (mean: number | null) =>
  mean === null
    ? '–'
    : new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
        mean,
      );

const officerPassword = 'officer password for tests';
/** A whole walk through the dashboard in a real browser; generous for a busy machine. */
const browserTimeout = 180_000;

async function post(url: string, path: string, body: unknown, cookie?: string) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    // As the staff page would send it: staff changes must come from this server's origin.
    headers: { 'content-type': 'application/json', origin: url, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The session cookie the browser holds, as a `cookie` header for the test's own requests. */
async function sessionCookie(context: BrowserContext, url: string) {
  const cookie = (await context.cookies(url)).find((c) => c.name === 'cbhpi_session');
  if (!cookie) throw new Error('no session cookie in the browser');
  return `${cookie.name}=${cookie.value}`;
}

/** axe on the page: no serious or critical violation, and none of lesser impact either. */
async function accessible(page: Page, label: string) {
  const result = await expectAccessible(page, label);
  expect(
    result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length}`),
    `axe on ${label}, any impact`,
  ).toEqual([]);
}

/** What the page's Content Security Policy blocked (inline scripts, styles, other origins). */
function watchPolicyViolations(page: Page) {
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      blocked.push(message.text());
    }
  });
  return blocked;
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** How many of the canvas's pixels are painted: a drawn chart has thousands. */
function paintedPixels(page: Page, selector: string) {
  return page.locator(selector).evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (!context) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted += 1;
    return painted;
  });
}

describe.each(suites)('staff dashboard in $name', () => {
  let server: WebServer;
  let communes: Commune[];
  /** A meets 90 (and has a flagged item), B and C are below, D has too few responses. */
  let a: Commune;
  let b: Commune;
  let c: Commune;
  let d: Commune;

  beforeAll(async () => {
    server = await startWebServer();
    communes = (await (await fetch(`${server.url}/api/communes`)).json()) as Commune[];
    const pick = (index: number) => {
      const commune = communes[index];
      if (!commune) throw new Error(`no commune ${index}`);
      return commune;
    };
    [a, b, c, d] = [pick(0), pick(5), pick(10), pick(20)];
    const plan: Array<{ commune: Commune; count: number; answers: (i: number) => object }> = [
      {
        commune: a,
        count: 35,
        // 10 of 35 "don't know" on one item: 29% > 20%, so the item is flagged.
        answers: (i) => ({
          ...answersScoring(i % 2 ? 10 : 9),
          ...(i < 10 ? { sec_income: 98 } : {}),
        }),
      },
      { commune: b, count: 35, answers: (i) => answersScoring(i % 2 ? 8 : 7) },
      { commune: c, count: 35, answers: (i) => answersScoring(i % 3 ? 6 : 5) },
      { commune: d, count: 12, answers: () => answersScoring(9) },
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
        submissions.slice(i, i + 20).map((s) => post(server.url, '/api/responses', s)),
      );
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it(
    'an admin sees the headline, ranking, chart, commune page, kiosks and users as the API gives them',
    async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        const blocked = watchPolicyViolations(page);
        await page.goto(`${server.url}/staff`);
        await page.getByRole('heading', { name: 'Đăng nhập dành cho cán bộ' }).waitFor();
        await accessible(page, 'sign-in');
        await screenshot(page, 'staff-sign-in');

        await signIn(page, 'wrong@cbhpi.test', 'not the password');
        await expect.poll(() => page.getByRole('alert').textContent()).toContain('Sai email');
        await signIn(page, server.admin.email, server.admin.password);
        const rows = page.locator('table.ranking tbody tr');
        await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(56);
        expect(new URL(page.url()).hash).toBe('#/ranking');

        const cookie = await sessionCookie(browser.context, server.url);
        const results = (await (
          await fetch(`${server.url}/api/results`, { headers: { cookie } })
        ).json()) as WaveResults;
        expect(results.headline).toMatchObject({ total: 56, meeting: 1, needed: 51 });
        const figure = (name: string) => page.locator(`[data-figure="${name}"]`).textContent();
        expect(await figure('meeting')).toBe(
          `${results.headline.meeting} / ${results.headline.total}`,
        );
        expect(await figure('more')).toBe(
          String(results.headline.needed - results.headline.meeting),
        );
        expect(await figure('share')).toContain('1,8');

        // Every row as the API ranks it: rank, n and mean, in the API's order.
        const shown = await rows.evaluateAll((trs) =>
          trs.map((tr) => {
            const cell = (col: string) => tr.querySelector(`[data-col="${col}"]`)?.textContent;
            return {
              code: tr.getAttribute('data-code'),
              rank: cell('rank'),
              n: cell('n'),
              mean: cell('mean'),
            };
          }),
        );
        expect(shown).toEqual(
          results.communes.map((commune) => ({
            code: commune.code,
            rank: commune.rank === null ? '–' : String(commune.rank),
            n: String(commune.n),
            mean: formatMean(commune.overall.mean),
          })),
        );
        expect(shown.slice(0, 3).map((row) => row.code)).toEqual([a.code, b.code, c.code]);
        const rowOf = (code: string) => page.locator(`tr[data-code="${code}"]`);
        expect(await rowOf(a.code).locator('[data-col="status"]').textContent()).toMatch(/^Đạt/);
        expect(await rowOf(b.code).locator('[data-col="status"]').textContent()).toBe('Chưa đạt');
        expect(await rowOf(d.code).locator('[data-col="status"]').textContent()).toBe(
          'Chưa đủ mẫu: n = 12 < 30',
        );

        // The means chart and the share trend are drawn, and described for screen readers.
        const meansCanvas = 'figure.means canvas';
        await expect.poll(() => paintedPixels(page, meansCanvas)).toBeGreaterThan(5000);
        expect(await paintedPixels(page, '.share-trend canvas')).toBeGreaterThan(1000);
        expect(await page.locator(meansCanvas).getAttribute('role')).toBe('img');
        expect(await page.locator(meansCanvas).getAttribute('aria-label')).toContain(a.name);

        // Sorting: by mean, lowest first (the communes to act on), then highest first
        // (communes without a mean last either way).
        const meanHeader = page.locator('table.ranking th', {
          has: page.getByRole('button', { name: /Điểm trung bình/ }),
        });
        await meanHeader.getByRole('button').click();
        expect(await meanHeader.getAttribute('aria-sort')).toBe('ascending');
        expect(await rows.first().getAttribute('data-code')).toBe(c.code);
        await meanHeader.getByRole('button').click();
        expect(await meanHeader.getAttribute('aria-sort')).toBe('descending');
        expect(await rows.first().getAttribute('data-code')).toBe(a.code);
        expect(await page.locator('table.ranking th[aria-sort]').count()).toBe(1);
        const nameHeader = page.locator('table.ranking th', {
          has: page.getByRole('button', { name: /^Xã, phường/ }),
        });
        await nameHeader.getByRole('button').click();
        expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
        const names = await rows.locator('th a').allTextContents();
        expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y, 'vi')));
        await page.getByRole('button', { name: /Hạng/ }).click();

        // Searching without diacritics, by name or by code.
        const search = page.getByLabel('Tìm xã, phường');
        const folded = b.name
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/đ/gi, 'd');
        await search.fill(folded.toLowerCase());
        await expect
          .poll(() => rows.count())
          .toBe(communes.filter((x) => x.name === b.name).length);
        expect(await rows.first().getAttribute('data-code')).toBe(b.code);
        await search.fill(d.code);
        expect(await rows.count()).toBe(1);
        await search.fill('');
        expect(await rows.count()).toBe(56);

        await accessible(page, 'ranking');
        await screenshot(page, 'staff-ranking');

        // The language switch redraws the screen in English, sort and search state kept.
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { name: 'Commune ranking' }).waitFor();
        expect(await rows.count()).toBe(56);
        expect(await rowOf(d.code).locator('[data-col="status"]').textContent()).toBe(
          'Insufficient: n = 12 < 30',
        );
        await expect.poll(() => paintedPixels(page, meansCanvas)).toBeGreaterThan(5000);
        await screenshot(page, 'staff-ranking-en');
        await page.getByRole('button', { name: 'Tiếng Việt' }).click();
        await page.getByRole('heading', { name: 'Xếp hạng các xã, phường' }).waitFor();

        // The commune page: dimensions against 90, items with the don't-know flag, the trend.
        await rowOf(a.code).getByRole('link', { name: a.name }).click();
        await page.getByRole('heading', { level: 1, name: `${a.name} (${a.code})` }).waitFor();
        expect(new URL(page.url()).hash).toBe(`#/commune/${a.code}`);
        await page.locator('.dimensions table tbody tr').first().waitFor();
        expect(await page.locator('.dimensions table tbody tr').count()).toBe(4);
        expect(await page.locator('.weakest-note, .dimensions .hint').first().textContent()).toBe(
          'Không khía cạnh nào dưới 90 điểm.',
        );
        const flagged = page.locator('table.items tr.flagged');
        expect(await flagged.count()).toBe(1);
        // The question as residents read it; its internal name only behind the analyst's toggle.
        expect(await flagged.textContent()).not.toContain('sec_income');
        expect(await flagged.textContent()).toContain('Thu nhập của gia đình');
        expect(await flagged.textContent()).toContain('Hơn 20% không biết');
        await page.getByLabel(/Hiện tên nội bộ/).check();
        expect(await page.locator('table.items tr.flagged').textContent()).toContain('sec_income');
        expect(await page.locator('[data-figure="n"]').textContent()).toBe('35');
        await expect.poll(() => paintedPixels(page, '.dimensions canvas')).toBeGreaterThan(1000);
        await expect.poll(() => paintedPixels(page, '.commune-trend canvas')).toBeGreaterThan(500);
        expect(
          await page.getByRole('link', { name: /Câu trả lời của xã/ }).getAttribute('href'),
        ).toBe(`/api/exports/responses.csv?wave=${results.wave}&communeCode=${a.code}`);
        await accessible(page, 'commune page');
        await screenshot(page, 'staff-commune');

        // A commune below 90 names its weakest dimension.
        await page.goto(`${server.url}/staff#/commune/${c.code}`);
        await page.getByRole('heading', { level: 1, name: `${c.name} (${c.code})` }).waitFor();
        await expect
          .poll(() => page.locator('.weakest-note').textContent())
          .toMatch(/^Khía cạnh yếu nhất/);

        // Back returns to the ranking.
        await page.goBack();
        await page.goBack();
        await page.getByRole('heading', { name: 'Xếp hạng các xã, phường' }).waitFor();
        await expect.poll(() => rows.count()).toBe(56);

        // Kiosks: create one, see its token once, revoke it.
        await page.getByRole('link', { name: 'Ki-ốt' }).click();
        await page.getByRole('heading', { name: 'Ki-ốt khảo sát' }).waitFor();
        await page.getByLabel('Xã, phường').selectOption(a.code);
        await page.getByLabel('Tên ki-ốt').fill('Nhà văn hoá thôn Nà Mò');
        await page.getByRole('button', { name: 'Tạo ki-ốt' }).click();
        const token = page.getByLabel('Mã ki-ốt');
        await token.waitFor();
        expect(await token.getAttribute('readonly')).not.toBeNull();
        expect(await token.inputValue()).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
        await expect.poll(() => page.locator('tr[data-kiosk]').count()).toBe(1);
        expect(await page.locator('tr[data-kiosk]').textContent()).toContain('chưa lần nào');
        await accessible(page, 'kiosks');
        await screenshot(page, 'staff-kiosks');
        await page.getByRole('button', { name: 'Thu hồi ki-ốt Nhà văn hoá thôn Nà Mò' }).click();
        await page.getByRole('button', { name: 'Thu hồi “Nhà văn hoá thôn Nà Mò”' }).click();
        await expect
          .poll(() => page.locator('tr[data-kiosk]').textContent())
          .toContain('Đã thu hồi');
        const kiosks = (await (
          await fetch(`${server.url}/api/kiosks`, { headers: { cookie } })
        ).json()) as Array<{ revokedAt: string | null }>;
        expect(kiosks).toHaveLength(1);
        expect(kiosks[0]?.revokedAt).not.toBeNull();

        // Users: add a commune officer for A; disable and enable an analyst.
        const analyst = (await post(
          server.url,
          '/api/users',
          { email: 'analyst@cbhpi.test', password: 'analyst password 1', role: 'analyst' },
          cookie,
        )) as User;
        await page.getByRole('link', { name: 'Tài khoản' }).click();
        await page.getByRole('heading', { name: 'Tài khoản cán bộ' }).waitFor();
        await page.getByLabel('Email').fill('officer@cbhpi.test');
        await page.getByLabel('Mật khẩu ban đầu').fill(officerPassword);
        await page.getByLabel('Vai trò', { exact: true }).selectOption('commune_officer');
        await page.getByLabel('Xã, phường').selectOption(a.code);
        await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
        await expect.poll(() => page.locator('table.users tbody tr').count()).toBe(3);
        const userRow = (email: string) => page.locator('table.users tbody tr', { hasText: email });
        expect(await userRow('officer@cbhpi.test').textContent()).toContain('Cán bộ xã');
        expect(await userRow('officer@cbhpi.test').textContent()).toContain(a.name);
        await page.getByRole('button', { name: 'Khoá tài khoản analyst@cbhpi.test' }).click();
        await expect.poll(() => userRow('analyst@cbhpi.test').textContent()).toContain('Đã khoá');
        await page.getByRole('button', { name: 'Đổi vai trò của analyst@cbhpi.test' }).click();
        await page.getByLabel('Vai trò mới của analyst@cbhpi.test').selectOption('admin');
        await page.getByRole('button', { name: 'Lưu' }).click();
        await expect.poll(() => userRow('analyst@cbhpi.test').textContent()).toContain('Quản trị');
        const users = (await (
          await fetch(`${server.url}/api/users`, { headers: { cookie } })
        ).json()) as User[];
        expect(users.find((u) => u.id === analyst.id)).toMatchObject({
          role: 'admin',
          disabled: true,
        });
        expect(users.find((u) => u.email === 'officer@cbhpi.test')).toMatchObject({
          role: 'commune_officer',
          communeCode: a.code,
          disabled: false,
        });
        await accessible(page, 'users');
        await screenshot(page, 'staff-users');

        await page.getByRole('button', { name: 'Đăng xuất' }).click();
        await page.getByRole('heading', { name: 'Đăng nhập dành cho cán bộ' }).waitFor();
        expect(browser.errors).toEqual([]);
        expect(blocked).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );

  it(
    'a commune officer lands on their own commune and may not open another',
    async () => {
      const admin = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(server.admin),
      });
      const adminCookie = admin.headers.get('set-cookie')?.split(';')[0] ?? '';
      const email = 'officer.b@cbhpi.test';
      await post(
        server.url,
        '/api/users',
        { email, password: officerPassword, role: 'commune_officer', communeCode: b.code },
        adminCookie,
      );

      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        const blocked = watchPolicyViolations(page);
        // Even from a bookmark of the ranking, a fresh sign-in takes an officer to their commune.
        await page.goto(`${server.url}/staff#/ranking`);
        await signIn(page, email, officerPassword);
        await page.getByRole('heading', { level: 1, name: `${b.name} (${b.code})` }).waitFor();
        expect(new URL(page.url()).hash).toBe(`#/commune/${b.code}`);
        await page.locator('.dimensions table').waitFor();
        expect(await page.locator('.staff-bar nav a').allTextContents()).toEqual([
          'Xã của tôi',
          'Tiến độ',
        ]);
        expect(await page.locator('table.ranking').count()).toBe(0);
        await expect
          .poll(() => page.locator('.weakest-note').textContent())
          .toMatch(/^Khía cạnh yếu nhất/);
        await accessible(page, 'officer commune page');
        await screenshot(page, 'staff-officer');

        const cookie = await sessionCookie(browser.context, server.url);
        const other = await fetch(`${server.url}/api/results/${a.code}`, { headers: { cookie } });
        expect(other.status).toBe(403);
        await page.goto(`${server.url}/staff#/commune/${a.code}`);
        await page.getByRole('alert').waitFor();
        expect(await page.getByRole('alert').textContent()).toBe(
          'Tài khoản của bạn không được xem trang này.',
        );
        expect(await page.locator('.dimensions').count()).toBe(0);
        // A refused page names nothing it may not show: not the commune, not even its code.
        await page.getByRole('heading', { level: 1, name: 'Không được phép' }).waitFor();
        expect(await page.locator('main').textContent()).not.toContain(a.code);
        expect(await page.title()).not.toContain(a.code);
        await accessible(page, 'officer, another commune');
        await screenshot(page, 'staff-officer-forbidden');

        for (const screen of ['ranking', 'kiosks', 'users']) {
          await page.goto(`${server.url}/staff#/${screen}`);
          await page.getByRole('heading', { level: 1, name: 'Không được phép' }).waitFor();
        }
        await page.getByRole('link', { name: 'Xã của tôi' }).first().click();
        await page.getByRole('heading', { level: 1, name: `${b.name} (${b.code})` }).waitFor();
        expect(browser.errors).toEqual([]);
        expect(blocked).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );
});
