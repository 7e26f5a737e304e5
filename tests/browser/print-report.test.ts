import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Commune } from '../../server/communes/schema.ts';
import type { WaveResults } from '../../server/results/schema.ts';
import { chromiumMissing, expectAccessible, launchBrowser, type Page } from '../helpers/browser.ts';
import { pdfPages } from '../helpers/pdf-text.ts';
import { makeSubmission, scoredItems } from '../helpers/submissions.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];
const browserTimeout = 180_000;
const pdfDir = fileURLToPath(new URL('../../test-results/print', import.meta.url));

/** Every scored item answered so that its item score is `value` × 10, reverse items included. */
function answersScoring(value: number): Record<string, number> {
  return Object.fromEntries(
    scoredItems.map((item) => [item.name, item.reverse ? item.max - value : value]),
  );
}

/** As the reports write figures: one decimal with the Vietnamese decimal comma. */
const formatMean = (mean: number | null) =>
  mean === null
    ? '–'
    : new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
        mean,
      );

async function post(url: string, path: string, body: unknown) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** axe on the page: no violation of any impact. */
async function accessible(page: Page, label: string) {
  const result = await expectAccessible(page, label);
  expect(
    result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length}`),
    `axe on ${label}, any impact`,
  ).toEqual([]);
}

/** The page printed to an A4 PDF as the browser's print would, saved for a person to look at. */
async function printed(page: Page, name: string) {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  mkdirSync(pdfDir, { recursive: true });
  writeFileSync(join(pdfDir, `${name}.pdf`), pdf);
  return { pdf, pages: pdfPages(pdf) };
}

/** The band of the colour key: points short of 90 (under 5, 5–10, 10–20, over 20). */
function bandOf(mean: number | null) {
  if (mean === null) return 'none';
  const short = 90 - mean;
  if (short <= 0) return 'reached';
  if (short <= 5) return 'near';
  if (short <= 10) return 'short';
  return short <= 20 ? 'far' : 'veryFar';
}

/** A4 in PostScript points (210 × 297 mm), as Chromium writes a page's MediaBox. */
const a4 = { width: (210 / 25.4) * 72, height: (297 / 25.4) * 72 };

describe.each(suites)('printed reports in $name', () => {
  let server: WebServer;
  let communes: Commune[];
  /** A meets 90, B is below with a weak dimension, D has too few responses. */
  let a: Commune;
  let b: Commune;
  let d: Commune;

  beforeAll(async () => {
    server = await startWebServer();
    communes = (await (await fetch(`${server.url}/api/communes`)).json()) as Commune[];
    const pick = (index: number) => {
      const commune = communes[index];
      if (!commune) throw new Error(`no commune ${index}`);
      return commune;
    };
    [a, b, d] = [pick(0), pick(5), pick(20)];
    const trustItems = new Set(
      scoredItems.filter((item) => item.dimension === 'trust').map((item) => item.name),
    );
    const plan: Array<{ commune: Commune; count: number; answers: (i: number) => object }> = [
      { commune: a, count: 34, answers: (i) => answersScoring(i % 2 ? 10 : 9) },
      {
        commune: b,
        count: 33,
        // Trust answered low: the weakest dimension, and its items the weakest questions.
        answers: (i) =>
          Object.fromEntries(
            Object.entries(answersScoring(i % 3 ? 9 : 8)).map(([name, value]) => {
              const item = scoredItems.find((s) => s.name === name);
              if (!trustItems.has(name) || !item) return [name, value];
              return [name, item.reverse ? item.max - 4 : 4];
            }),
          ),
      },
      { commune: d, count: 11, answers: () => answersScoring(9) },
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
    "a commune's report and the province report print on A4 with the figures of /api/results",
    async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.url}/staff`);
        await page.getByLabel('Email').fill(server.admin.email);
        await page.getByLabel('Mật khẩu').fill(server.admin.password);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        await page.locator('table.ranking tbody tr').first().waitFor();
        const cookie = (await browser.context.cookies(server.url))
          .filter((c) => c.name === 'cbhpi_session')
          .map((c) => `${c.name}=${c.value}`)
          .join('');
        const results = (await (
          await fetch(`${server.url}/api/results`, { headers: { cookie } })
        ).json()) as WaveResults;
        const resultOf = (code: string) => {
          const found = results.communes.find((c) => c.code === code);
          if (!found) throw new Error(`no result for ${code}`);
          return found;
        };

        // The downloads say, Vietnamese first, which file is for Excel and which for machines.
        await page.goto(`${server.url}/staff#/commune/${b.code}`);
        const people = page.locator('section.download-group', {
          has: page.getByRole('heading', { name: /^Để đọc và in bằng Excel/ }),
        });
        const machines = page.locator('section.download-group', {
          has: page.getByRole('heading', { name: /^Cho máy tính/ }),
        });
        await people.waitFor();
        expect(await people.getByRole('link').getAttribute('href')).toBe(
          `/api/exports/responses.xlsx?wave=${results.wave}&communeCode=${b.code}`,
        );
        expect(
          await machines
            .getByRole('link')
            .evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
        ).toEqual([
          `/api/exports/responses.csv?wave=${results.wave}&communeCode=${b.code}`,
          `/api/exports/responses-dictionary.csv?wave=${results.wave}`,
        ]);
        expect(await machines.textContent()).toContain('Excel đổi mã 01318 thành 1318');

        // The commune below 90: its report, opened from the commune page's "In báo cáo".
        const rb = resultOf(b.code);
        expect(rb.status).toBe('below');
        await page.locator('a.print-link').click();
        await page.waitForURL(`**/staff#/print/commune/${b.code}?wave=${results.wave}`);
        const title = `Báo cáo: ${b.name} (${b.code})`;
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        const figure = (name: string) => page.locator(`[data-figure="${name}"]`).textContent();
        expect(await figure('mean')).toBe(formatMean(rb.overall.mean));
        expect(await figure('interval')).toBe(
          `${formatMean(rb.overall.ciLow)}–${formatMean(rb.overall.ciHigh)}`,
        );
        expect(await figure('status')).toBe('Chưa đạt');
        expect(await figure('n')).toBe(String(rb.n));
        expect(await page.locator('table.dimensions tbody tr').count()).toBe(4);
        expect(await page.locator('.verdict').textContent()).toBe(
          'Khía cạnh kéo điểm xuống nhiều nhất: Niềm tin.',
        );
        expect(await page.locator('table.items tbody tr').count()).toBe(5);
        await accessible(page, 'commune report');

        const commune = await printed(page, 'commune-report');
        // One A4 page.
        expect(commune.pages).toHaveLength(1);
        for (const p of commune.pages) {
          // Chromium rounds the page to whole CSS pixels: within a point or so of A4.
          expect(Math.abs(p.width - a4.width)).toBeLessThan(2);
          expect(Math.abs(p.height - a4.height)).toBeLessThan(2);
        }
        const text = commune.pages.map((p) => p.text).join('\n');
        for (const expected of [
          title,
          formatMean(rb.overall.mean),
          `${formatMean(rb.overall.ciLow)}–${formatMean(rb.overall.ciHigh)}`,
          'Chưa đạt',
          ...(['security', 'opportunity', 'culture', 'trust'] as const).map((key) =>
            formatMean(rb.dimensions[key].mean),
          ),
          'Bốn khía cạnh so với ngưỡng 90 điểm',
          'Các câu hỏi có điểm thấp nhất',
          'Điểm CB-HPI qua các đợt',
          'CB-HPI method v1',
        ]) {
          expect(text, expected).toContain(expected);
        }
        // Only the report is printed: no dashboard bar, no print button.
        expect(text).not.toContain('Đăng xuất');
        expect(text).not.toContain('In trang này');

        // A commune with too few responses: no verdict, only how many more it needs.
        const rd = resultOf(d.code);
        expect(rd.status).toBe('insufficient');
        await page.goto(`${server.url}/staff#/print/commune/${d.code}`);
        await page
          .getByRole('heading', { level: 1, name: `Báo cáo: ${d.name} (${d.code})` })
          .waitFor();
        expect(await figure('status')).toBe('Chưa đủ số phiếu');
        expect(await page.locator('[data-figure="pMeets"]').count()).toBe(0);
        expect(await page.locator('.verdict').count()).toBe(0);
        expect(await page.locator('.report-summary').textContent()).toContain(
          `còn thiếu ${30 - rd.n} phiếu`,
        );

        // The province: headline, the commune × dimension table by rank, coloured by band.
        await page.goto(`${server.url}/staff#/print/province?wave=${results.wave}`);
        await page.getByRole('heading', { level: 1, name: /^Báo cáo toàn tỉnh/ }).waitFor();
        const rows = page.locator('table.province tbody tr');
        expect(await rows.count()).toBe(56);
        expect(
          await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code'))),
        ).toEqual(results.communes.map((c) => c.code));
        const cells = (code: string) =>
          page
            .locator(`table.province tr[data-code="${code}"] td.num`)
            .evaluateAll((tds) => tds.map((td) => ({ text: td.textContent, band: td.className })));
        const bRow = await cells(b.code);
        // rank, n, overall, interval, then the four dimensions.
        expect(bRow[2]?.text).toBe(formatMean(rb.overall.mean));
        expect(bRow[2]?.band).toContain(`band-${bandOf(rb.overall.mean)}`);
        expect(bRow[7]?.text).toBe(formatMean(rb.dimensions.trust.mean));
        expect(bRow[7]?.band).toContain(`band-${bandOf(rb.dimensions.trust.mean)}`);
        expect(bRow[7]?.band).toMatch(/band-(far|veryFar)/);
        expect((await cells(a.code))[2]?.band).toContain('band-reached');
        // Too few responses: grey, no band, in every score cell (not the interval, index 3).
        const dRow = await cells(d.code);
        for (const at of [2, 4, 5, 6, 7]) expect(dRow[at]?.band, String(at)).toContain('band-none');
        expect(await page.locator('.headline-sentence').textContent()).toContain(
          `${results.headline.meeting} / ${results.headline.total} xã, phường đạt từ 90 điểm`,
        );
        await accessible(page, 'province report');

        const province = await printed(page, 'province-report');
        expect(province.pages.length).toBeGreaterThanOrEqual(1);
        expect(province.pages.length).toBeLessThanOrEqual(3);
        for (const p of province.pages) {
          // Chromium rounds the page to whole CSS pixels: within a point or so of A4.
          expect(Math.abs(p.width - a4.width)).toBeLessThan(2);
          expect(Math.abs(p.height - a4.height)).toBeLessThan(2);
        }
        const provinceText = province.pages.map((p) => p.text).join('\n');
        for (const c of results.communes) expect(provinceText, c.name).toContain(c.name);
        expect(provinceText).toContain(formatMean(rb.dimensions.trust.mean));
        expect(provinceText).toContain('CB-HPI method v1');
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    browserTimeout,
  );
});
