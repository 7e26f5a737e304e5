import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commune } from '../../server/communes/schema.ts';
import type { Questionnaire } from '../../server/questionnaires/schema.ts';
import type { WaveResults } from '../../server/results/schema.ts';
import { questionTitles } from '../../web/src/staff/question-titles.ts';
import {
  type BrowserContext,
  chromiumMissing,
  expectAccessible,
  launchBrowser,
  type Page,
} from '../helpers/browser.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];
/** Sign-in, two screens, sixty decisions and the audit, on a busy machine. */
const browserTimeout = 360_000;
const viewport = { width: 1280, height: 720 };
const analyst = { email: 'analyst.review@cbhpi.test', password: 'analyst password for tests' };
const honestCount = 30;
/** More than a page of the queue (50) and of the audit log, so "load more" is needed. */
const burstCount = 60;

type Scoring = Questionnaire['scoring'];
type Submitted = { id: string; scores: { overall: number | null } };
type ResultsRow = WaveResults['communes'][number] & { excluded: number; flaggedUnreviewed: number };

/** A small seeded generator (mulberry32): every run plants the same residents. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A resident of a commune a little short of 90: each item 8 or 9 on its good side (reverse
 * items mirrored), so about 85 overall; no two alike, so none is a duplicate or a straight line.
 */
function honestAnswers(scoring: Scoring, seed: number) {
  const random = seeded(seed + 1);
  return Object.fromEntries(
    scoring.items.map((item) => {
      const value = random() < 0.5 ? 8 : 9;
      return [item.name, item.reverse ? item.max - value : value];
    }),
  );
}

/** The top answer everywhere (10, or 0 on a reverse-worded item): 100 overall. */
const topAnswers = (scoring: Scoring) =>
  Object.fromEntries(scoring.items.map((item) => [item.name, item.reverse ? item.min : item.max]));

async function send(
  server: WebServer,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    // As the staff page would send it: staff changes must come from this server's origin.
    headers: { 'content-type': 'application/json', origin: server.url, ...headers },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function signInCookie(server: WebServer, credentials: { email: string; password: string }) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!res.ok) throw new Error(`sign-in: ${res.status}`);
  return res.headers.get('set-cookie')?.split(';')[0] ?? '';
}

async function resultsRow(server: WebServer, cookie: string, code: string) {
  const results = (await (
    await fetch(`${server.url}/api/results`, { headers: { cookie } })
  ).json()) as WaveResults;
  const row = results.communes.find((c) => c.code === code) as ResultsRow | undefined;
  if (!row) throw new Error(`no results row for ${code}`);
  return { results, row };
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** axe on the page: no violation of any impact. */
async function accessible(page: Page, label: string) {
  const result = await expectAccessible(page, label);
  expect(
    result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length}`),
    `axe on ${label}, any impact`,
  ).toEqual([]);
}

const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

/**
 * What a person at 1280×720 sees, the screen and no more: the queue's full page is sixty
 * cards long, too tall to be worth a picture (and slow to take on a busy machine).
 */
async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/** The dashboard formats means the Vietnamese way: one decimal, a decimal comma. */
const formatMean = (mean: number) =>
  new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    mean,
  );

/** The staff page's review decisions sent from the browser, to prove a refusal sent none. */
function watchDecisions(context: BrowserContext) {
  const sent: string[] = [];
  context.on('request', (request) => {
    if (request.method() === 'POST' && /\/api\/responses\/[^/]+\/review$/.test(request.url())) {
      sent.push(request.url());
    }
  });
  return sent;
}

describe.each(suites)('integrity review in $name', () => {
  let server: WebServer;
  let commune: Commune;
  let questionnaire: Questionnaire;
  let adminCookie: string;
  let kioskLabel: string;
  let honest: Submitted[];
  let burstIds: string[];

  beforeAll(async () => {
    server = await startWebServer();
    const communes = (await (await fetch(`${server.url}/api/communes`)).json()) as Commune[];
    commune = communes[7] as Commune;
    questionnaire = (await (
      await fetch(`${server.url}/api/questionnaires/current`)
    ).json()) as Questionnaire;
    adminCookie = await signInCookie(server, server.admin);
    await send(server, '/api/users', { ...analyst, role: 'analyst' }, { cookie: adminCookie });
    kioskLabel = 'Bưu điện văn hoá xã';
    const kiosk = (await send(
      server,
      '/api/kiosks',
      { communeCode: commune.code, label: kioskLabel },
      { cookie: adminCookie },
    )) as { token: string };

    // Residents on the web, at their own pace: no flag.
    honest = [];
    for (let i = 0; i < honestCount; i += 10) {
      const batch = Array.from({ length: 10 }, (_, j) => ({
        id: randomUUID(),
        questionnaireId: questionnaire.id,
        communeCode: commune.code,
        channel: 'web',
        answers: honestAnswers(questionnaire.scoring, i + j),
      }));
      honest.push(
        ...((await Promise.all(
          batch.map((s) => send(server, '/api/responses', s)),
        )) as Submitted[]),
      );
    }
    const before = await resultsRow(server, adminCookie, commune.code);
    expect(before.row).toMatchObject({ status: 'below', n: honestCount, flaggedUnreviewed: 0 });

    // Then the kiosk: identical top answers 15 seconds apart, each "taking" five minutes.
    const endsAt = Date.now() - 60_000;
    const burst = Array.from({ length: burstCount }, (_, i) => {
      const completed = endsAt - (burstCount - 1 - i) * 15_000;
      return {
        id: randomUUID(),
        questionnaireId: questionnaire.id,
        communeCode: commune.code,
        channel: 'kiosk',
        answers: topAnswers(questionnaire.scoring),
        startedAt: new Date(completed - 5 * 60_000).toISOString(),
        completedAt: new Date(completed).toISOString(),
      };
    });
    burstIds = burst.map((s) => s.id);
    for (let i = 0; i < burst.length; i += 10) {
      await Promise.all(
        burst
          .slice(i, i + 10)
          .map((s) =>
            send(server, '/api/responses', s, { authorization: `Bearer ${kiosk.token}` }),
          ),
      );
    }
    const after = await resultsRow(server, adminCookie, commune.code);
    expect(after.row).toMatchObject({
      status: 'meets',
      n: honestCount + burstCount,
      flaggedUnreviewed: burstCount,
      excluded: 0,
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it(
    'an analyst sees the burst in the queue, excludes it with a reason, the commune falls below again, and the admin sees who did it in the audit log',
    async () => {
      const browser = await launchBrowser({ viewport });
      const decisions = watchDecisions(browser.context);
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.url}/staff`);
        await signIn(page, analyst.email, analyst.password);
        const row = page.locator(`table.ranking tr[data-code="${commune.code}"]`);
        await row.waitFor();

        // The ranking: the commune "meets", with 60 flags awaiting review, linked to its queue.
        expect(await row.locator('[data-col="status"]').textContent()).toMatch(/^Đạt/);
        expect(await row.locator('[data-col="excluded"]').textContent()).toBe('0');
        const flaggedLink = row.locator('[data-col="flaggedUnreviewed"] a');
        expect(await flaggedLink.textContent()).toBe(String(burstCount));
        await row.scrollIntoViewIfNeeded();
        await screenshot(page, 'review-ranking-before');
        await flaggedLink.click();

        await page.getByRole('heading', { level: 1, name: 'Kiểm tra phiếu có cảnh báo' }).waitFor();
        const hash = new URL(page.url()).hash;
        expect(hash).toContain(`communeCode=${commune.code}`);
        expect(hash).toContain('state=flagged');
        const cards = page.locator('article.review-item');
        await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(50);
        expect(await page.getByLabel('Xã, phường').inputValue()).toBe(commune.code);
        expect(await page.getByLabel('Tình trạng xem xét').inputValue()).toBe('flagged');
        expect(await page.locator('.queue-count').textContent()).toBe(
          'Đang hiện 50 phiếu; còn nữa.',
        );

        // Each card says in plain words why it is flagged, where and when it came from.
        const first = cards.first();
        const firstId = (await first.getAttribute('data-response')) ?? '';
        expect(burstIds).toContain(firstId);
        expect(await first.locator('[data-flag="burst"]').textContent()).toBe(
          'Dồn dập từ một ki-ốt: ki-ốt này có hơn 10 phiếu hoàn thành trong cùng 10 phút, trong khi mỗi lần chỉ một người dùng và mỗi phiếu mất vài phút.',
        );
        expect(await first.locator('[data-flag="duplicate"]').textContent()).toMatch(
          /^Trùng lặp: giống hệt từng câu trả lời/,
        );
        expect(await first.locator('[data-meta="channel"]').textContent()).toBe('Ki-ốt');
        expect(await first.locator('[data-meta="kiosk"]').textContent()).toContain(kioskLabel);
        expect(await first.locator('[data-meta="duration"]').textContent()).toBe('300 giây');
        expect(await first.locator('.status-band').textContent()).toBe('Chưa xem xét');
        // Its answers, under the questions' wording, folded away until asked for.
        await first.locator('details summary').click();
        const item = questionnaire.scoring.items.find((i) => !i.reverse);
        const title = item && questionTitles(questionnaire.survey).get(item.name)?.vi;
        if (!item || !title) throw new Error('no item with a title');
        const answer = first.locator('table.answers tbody tr', { hasText: ` ${item.name}` });
        expect(await answer.locator('th').textContent()).toBe(`${title} ${item.name}`);
        expect(await answer.locator('td').textContent()).toBe(String(item.max));

        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, 'review-queue');

        // "Load more" brings the rest of the burst.
        await page.getByRole('button', { name: 'Tải thêm' }).click();
        await expect.poll(() => cards.count()).toBe(burstCount);
        expect(await page.locator('.queue-count').textContent()).toBe('Đang hiện 60 phiếu.');
        expect(await page.getByRole('button', { name: 'Tải thêm' }).isHidden()).toBe(true);
        await accessible(page, 'review queue');
        await screenshot(page, 'review-queue-more');

        // One response by keyboard alone: the dialog takes focus and refuses a short reason
        // without asking the server.
        const short = firstId.slice(0, 8);
        await first.getByRole('button', { name: `Loại khỏi kết quả: phiếu ${short}` }).focus();
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog', { name: `Loại phiếu ${short} khỏi kết quả` });
        await dialog.waitFor();
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
        await page.keyboard.type('abc');
        await dialog.getByRole('button', { name: 'Loại phiếu' }).click();
        expect(await dialog.getByRole('alert').textContent()).toBe(
          'Hãy ghi lý do, ít nhất 5 ký tự (mới có 3).',
        );
        expect(await dialog.getByLabel('Lý do (bắt buộc)').getAttribute('aria-invalid')).toBe(
          'true',
        );
        expect(decisions).toEqual([]);
        await accessible(page, 'decision dialog');
        await screenshot(page, 'review-dialog-short-reason');

        // A reason the server refuses (it takes at most 2,000 characters) is shown in words,
        // the dialog and the reason kept, nothing changed.
        await dialog.getByLabel('Lý do (bắt buộc)').fill('x'.repeat(2001));
        await dialog.getByRole('button', { name: 'Loại phiếu' }).click();
        await expect
          .poll(() => dialog.getByRole('alert').textContent())
          .toMatch(/^Dữ liệu chưa hợp lệ: /);
        expect(decisions).toHaveLength(1);
        expect(await dialog.isVisible()).toBe(true);
        expect(await first.locator('.status-band').textContent()).toBe('Chưa xem xét');
        await screenshot(page, 'review-dialog-refused');

        const reason = 'Dồn phiếu từ ki-ốt: 60 phiếu giống hệt nhau, mỗi phiếu cách 15 giây';
        await dialog.getByLabel('Lý do (bắt buộc)').fill(reason);
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await dialog.waitFor({ state: 'detached' });
        const firstNow = page.locator(`article[data-response="${firstId}"]`);
        expect(await firstNow.locator('.status-band').textContent()).toBe('Đã loại khỏi kết quả');
        expect(await firstNow.textContent()).toContain(`bởi ${analyst.email}`);
        expect(await firstNow.textContent()).toContain(reason);
        // Focus is back in the card, on the decision that would undo it.
        expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
          `Đưa trở lại: phiếu ${short}`,
        );
        expect(await page.locator('.queue-count').textContent()).toBe(
          `Đã loại phiếu ${short} khỏi kết quả.`,
        );

        // The other 59 at once, with the same reason (each decided and logged on its own).
        await page
          .getByRole('button', { name: `Loại cả ${burstCount - 1} phiếu chưa xem xét đang hiện` })
          .click();
        const many = page.getByRole('dialog', {
          name: `Loại ${burstCount - 1} phiếu chưa xem xét đang hiện khỏi kết quả`,
        });
        await many.getByLabel('Lý do (bắt buộc)').fill(reason);
        await many.getByRole('button', { name: 'Loại phiếu' }).click();
        await many.waitFor({ state: 'detached', timeout: 60_000 });
        expect(await page.locator('.queue-count').textContent()).toBe(
          `Đã loại ${burstCount - 1} phiếu khỏi kết quả.`,
        );
        expect(await page.locator('article.review-excluded').count()).toBe(burstCount);
        expect(decisions).toHaveLength(1 + burstCount);

        // The ranking has changed: the commune is below again, its figures the honest ones.
        await page.getByRole('link', { name: 'Xếp hạng' }).click();
        await row.waitFor();
        expect(await row.locator('[data-col="status"]').textContent()).toBe('Chưa đạt');
        expect(await row.locator('[data-col="n"]').textContent()).toBe(String(honestCount));
        expect(await row.locator('[data-col="flaggedUnreviewed"]').textContent()).toBe('0');
        expect(await row.locator('[data-col="excluded"] a').textContent()).toBe(String(burstCount));
        const { row: api } = await resultsRow(server, adminCookie, commune.code);
        const honestMean =
          honest.reduce((sum, r) => sum + (r.scores.overall ?? 0), 0) / honest.length;
        expect(api).toMatchObject({
          status: 'below',
          n: honestCount,
          excluded: burstCount,
          flaggedUnreviewed: 0,
        });
        expect(api.overall.mean).toBeCloseTo(honestMean, 9);
        expect(await row.locator('[data-col="mean"]').textContent()).toBe(formatMean(honestMean));
        await row.scrollIntoViewIfNeeded();
        await screenshot(page, 'review-ranking-after');

        // The commune page says the same, and leads to the excluded responses.
        await row.getByRole('link', { name: commune.name, exact: true }).click();
        await page
          .getByRole('heading', { level: 1, name: `${commune.name} (${commune.code})` })
          .waitFor();
        await page.locator('[data-figure="excluded"]').waitFor();
        expect(await page.locator('[data-figure="flaggedUnreviewed"]').textContent()).toBe('0');
        expect(await page.locator('[data-figure="excluded"]').textContent()).toBe(
          String(burstCount),
        );
        expect(await page.locator('[data-figure="n"]').textContent()).toBe(String(honestCount));
        await accessible(page, 'commune page with integrity counts');
        await screenshot(page, 'review-commune');
        await page.locator('[data-figure="excluded"] a').click();
        await page.getByRole('heading', { level: 1, name: 'Kiểm tra phiếu có cảnh báo' }).waitFor();
        expect(await page.getByLabel('Tình trạng xem xét').inputValue()).toBe('excluded');
        await expect.poll(() => cards.count()).toBe(50);

        // In English too.
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { level: 1, name: 'Review flagged responses' }).waitFor();
        expect(await cards.first().locator('[data-flag="burst"] strong').textContent()).toBe(
          'Kiosk burst: ',
        );
        await screenshot(page, 'review-queue-en');
        await page.getByRole('button', { name: 'Tiếng Việt' }).click();

        // An analyst has no audit log; they decide paper forms' conflicts.
        expect(await page.locator('.staff-bar nav a').allTextContents()).toEqual([
          'Xếp hạng',
          'Kiểm tra phiếu',
          'Tiến độ',
          'Trọng số',
          'Phiếu lệch',
        ]);
        await page.getByRole('button', { name: 'Đăng xuất' }).click();

        // The admin's audit log: newest first, who excluded, why, a page at a time.
        await signIn(page, server.admin.email, server.admin.password);
        // Signed in again, the admin is back on the screen the form came up on.
        await page.getByRole('heading', { level: 1, name: 'Kiểm tra phiếu có cảnh báo' }).waitFor();
        await page.getByRole('link', { name: 'Nhật ký' }).click();
        await page.getByRole('heading', { level: 1, name: 'Nhật ký thao tác' }).waitFor();
        const entries = page.locator('table.audit tbody tr');
        await expect.poll(() => entries.count()).toBe(50);
        const top = entries.first();
        expect(await top.locator('[data-col="actor"]').textContent()).toBe(analyst.email);
        expect(await top.locator('[data-col="action"]').textContent()).toBe(
          'Loại phiếu khỏi kết quả review.exclude',
        );
        expect(await top.locator('[data-col="reason"]').textContent()).toBe(reason);
        expect(burstIds).toContain(await top.locator('[data-col="target"]').textContent());
        await page.getByRole('button', { name: 'Tải thêm' }).click();
        // 60 decisions, the kiosk, the analyst's account and, oldest of all, the first admin the
        // server created on its first start: the oldest entries come last.
        await expect.poll(() => entries.count()).toBe(burstCount + 3);
        expect(await entries.nth(burstCount).getAttribute('data-action')).toBe('kiosk.create');
        expect(await entries.nth(burstCount + 1).getAttribute('data-action')).toBe('user.create');
        expect(await entries.nth(burstCount + 2).getAttribute('data-action')).toBe('user.create');
        expect(
          await entries
            .nth(burstCount + 2)
            .locator('[data-col="actor"]')
            .textContent(),
        ).toBe('server:first-start');
        const times = await entries.evaluateAll((trs) =>
          trs.map((tr) => tr.getAttribute('data-at') ?? ''),
        );
        expect(times).toEqual([...times].sort().reverse());

        // Filtered to one actor and one action.
        await page.getByLabel('Hành động').selectOption('user.create');
        await page.getByRole('button', { name: 'Lọc' }).click();
        await expect.poll(() => entries.count()).toBe(2);
        expect(await entries.locator('[data-col="actor"]').allTextContents()).toEqual([
          server.admin.email,
          'server:first-start',
        ]);
        expect(new URL(page.url()).hash).toBe('#/audit?action=user.create');
        await page.getByLabel('Hành động').selectOption('');
        await page.getByLabel('Người thực hiện').fill(analyst.email);
        await page.getByRole('button', { name: 'Lọc' }).click();
        await expect
          .poll(() => page.locator('.audit-count').textContent())
          .toBe('Đang hiện 50 mục; còn nữa.');
        expect(new Set(await entries.locator('[data-col="actor"]').allTextContents())).toEqual(
          new Set([analyst.email]),
        );
        await accessible(page, 'audit log');
        await screenshot(page, 'review-audit');
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );

  it(
    'a commune officer has no review queue and sees the counts without a way in',
    async () => {
      const officer = {
        email: 'officer.review@cbhpi.test',
        password: 'officer password for tests',
      };
      await send(
        server,
        '/api/users',
        { ...officer, role: 'commune_officer', communeCode: commune.code },
        { cookie: adminCookie },
      );
      const browser = await launchBrowser({ viewport });
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.url}/staff`);
        await signIn(page, officer.email, officer.password);
        await page
          .getByRole('heading', { level: 1, name: `${commune.name} (${commune.code})` })
          .waitFor();
        await page.locator('[data-figure="excluded"]').waitFor();
        expect(await page.locator('.staff-bar nav a').allTextContents()).toEqual([
          'Xã của tôi',
          'Tiến độ',
        ]);
        expect(await page.locator('section.integrity a').count()).toBe(0);
        await page.goto(`${server.url}/staff#/review?communeCode=${commune.code}`);
        await page.getByRole('heading', { level: 1, name: 'Không được phép' }).waitFor();
        await page.goto(`${server.url}/staff#/audit`);
        await page.getByRole('heading', { level: 1, name: 'Không được phép' }).waitFor();
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );
});
