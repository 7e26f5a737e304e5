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

/** The sizes of issue 8: two phones upright, a tablet, the commune-office kiosk. */
const viewports = [
  { width: 320, height: 640, layout: 'column' },
  { width: 360, height: 740, layout: 'column' },
  { width: 768, height: 1024, layout: 'row' },
  { width: 1280, height: 800, layout: 'row' },
] as const;

type Box = { x: number; y: number; width: number; height: number };
type ScaleBoxes = { points: Box[]; min: Box | null; max: Box | null; missing: Box[] };

/**
 * The boxes of one scale question's points (0–10 in order), end labels and missing-answer
 * choices, relative to the form's container, so scrolling the page does not count as moving.
 */
const scaleBoxes = (page: Page, name: string) =>
  page.evaluate((name): ScaleBoxes => {
    const origin = document.querySelector('.sd-container-modern')?.getBoundingClientRect();
    const question = document.querySelector(`[data-name="${name}"]`);
    if (!origin || !question) throw new Error(`no question ${name}`);
    const box = (element: Element | null): Box | null => {
      if (!element) return null;
      const r = element.getBoundingClientRect();
      return { x: r.x - origin.x, y: r.y - origin.y, width: r.width, height: r.height };
    };
    const labelOf = (value: number) =>
      question.querySelector(`input[value="${value}"]`)?.closest('label') ?? null;
    const points = Array.from({ length: 11 }, (_, i) => {
      const b = box(labelOf(i));
      if (!b) throw new Error(`${name}: no point ${i}`);
      return b;
    });
    return {
      points,
      min: box(question.querySelector('.scale__end--min')),
      max: box(question.querySelector('.scale__end--max')),
      missing: [98, 99].flatMap((v) => {
        const b = box(labelOf(v));
        return b ? [b] : [];
      }),
    };
  }, name);

const right = (b: Box) => b.x + b.width;
const bottom = (b: Box) => b.y + b.height;
const middleY = (b: Box) => b.y + b.height / 2;

/** The layout rules of issue 8 item 3, checked on one question's boxes. */
function expectOneScale(name: string, boxes: ScaleBoxes, layout: 'row' | 'column') {
  const { points, min, max, missing } = boxes;
  const [zero, ten] = [points[0] as Box, points[10] as Box];
  for (const [i, p] of points.entries()) {
    // At least 44 px both ways, so in the direction it is tapped whatever the layout.
    expect(p.width, `${name} point ${i} width`).toBeGreaterThanOrEqual(44);
    expect(p.height, `${name} point ${i} height`).toBeGreaterThanOrEqual(44);
  }
  for (let i = 1; i < points.length; i += 1) {
    const [before, p] = [points[i - 1] as Box, points[i] as Box];
    if (layout === 'row') {
      expect(Math.abs(p.y - zero.y), `${name} point ${i} on the row of 0`).toBeLessThanOrEqual(1);
      expect(p.x, `${name} point ${i} after point ${i - 1}`).toBeGreaterThanOrEqual(right(before));
    } else {
      expect(Math.abs(p.x - zero.x), `${name} point ${i} in the column of 0`).toBeLessThanOrEqual(
        1,
      );
      expect(p.y, `${name} point ${i} below point ${i - 1}`).toBeGreaterThanOrEqual(bottom(before));
    }
  }
  expect(min, `${name} has a worst-end label`).not.toBeNull();
  expect(max, `${name} has a best-end label`).not.toBeNull();
  if (!min || !max) return;
  if (layout === 'row') {
    // Above 0 and above 10, flush with their outer edges, neither reaching the other.
    expect(Math.abs(min.x - zero.x), `${name} worst label starts at 0`).toBeLessThanOrEqual(1);
    expect(Math.abs(right(max) - right(ten)), `${name} best label ends at 10`).toBeLessThanOrEqual(
      1,
    );
    for (const label of [min, max]) {
      expect(bottom(label), `${name} label above the points`).toBeLessThanOrEqual(zero.y);
      expect(zero.y - bottom(label), `${name} label right above the points`).toBeLessThan(16);
    }
    expect(right(min), `${name} labels apart`).toBeLessThan(max.x);
    expect(right(min), `${name} worst label short of the middle`).toBeLessThanOrEqual(
      (points[5] as Box).x,
    );
    expect(max.x, `${name} best label past the middle`).toBeGreaterThanOrEqual(
      right(points[5] as Box),
    );
  } else {
    // To the right of 0 and of 10, level with them.
    for (const [label, point, end] of [
      [min, zero, 'worst'],
      [max, ten, 'best'],
    ] as const) {
      expect(label.x, `${name} ${end} label right of its point`).toBeGreaterThanOrEqual(
        right(point),
      );
      expect(label.x - right(point), `${name} ${end} label beside its point`).toBeLessThan(24);
      expect(middleY(label), `${name} ${end} label level with its point`).toBeGreaterThan(point.y);
      expect(middleY(label), `${name} ${end} label level with its point`).toBeLessThan(
        bottom(point),
      );
    }
  }
  // "Don't know" and "not applicable" come after the scale and its labels, set apart.
  const scaleBottom = Math.max(...points.map(bottom), bottom(min), bottom(max));
  for (const m of missing) {
    expect(m.height, `${name} missing answer height`).toBeGreaterThanOrEqual(44);
    expect(m.y - scaleBottom, `${name} missing answers set apart below`).toBeGreaterThanOrEqual(8);
  }
}

/** Every box of the question, in one list, to compare before and after a tap. */
const allBoxes = (b: ScaleBoxes) => [
  ...b.points,
  ...(b.min ? [b.min] : []),
  ...(b.max ? [b.max] : []),
  ...b.missing,
];

function expectSameBoxes(before: Box[], after: Box[], what: string) {
  expect(after).toHaveLength(before.length);
  for (const [i, b] of before.entries()) {
    const a = after[i] as Box;
    for (const key of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs(a[key] - b[key]), `${what}: box ${i} ${key} moved`).toBeLessThanOrEqual(0.5);
    }
  }
}

/** Opens the resident's form; `shot` names a screenshot of its first page (full title). */
async function openForm(page: Page, url: string, shot: string) {
  await page.goto(`${url}/`);
  await page.locator('select').selectOption('01288');
  await page.getByRole('button', { name: /Bắt đầu|Start/ }).click();
  await page.locator('.sd-navigation__next-btn:visible').first().waitFor();
  await screenshot(page, shot);
  await page.locator('.sd-navigation__next-btn:visible').first().click();
}

const settle = (page: Page) =>
  page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );

type SurveyPage = { name: string; elements: Array<{ type: string; name: string }> };
const surveyPages = (questionnaire.survey as { pages: SurveyPage[] }).pages;
const pageNames = surveyPages.map((p) => p.name);
const scaleNames = (pageName: string) =>
  (surveyPages.find((p) => p.name === pageName)?.elements ?? [])
    .filter((e) => e.type === 'rating')
    .map((e) => e.name);

describe.each(suites)('the 0–10 scale in $name', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(viewports)(
    'at $width×$height: one $layout of 0…10 with the end labels at 0 and 10, the same on every question; nothing moves on a tap',
    { timeout: 120_000 },
    async ({ width, height, layout }) => {
      const browser = await launchBrowser({ viewport: { width, height } });
      try {
        const page = await browser.context.newPage();
        await openForm(page, server.url, `scale-${width}x${height}-intro`);
        const security = scaleNames('security');
        expect(security.length).toBeGreaterThanOrEqual(6);
        await page.locator(`[data-name="${security[0]}"] .scale`).waitFor();

        // Short ("Rất kém") and long ("Được giúp kịp thời, đầy đủ") labels alike.
        const before = new Map<string, ScaleBoxes>();
        for (const name of security) {
          const boxes = await scaleBoxes(page, name);
          expectOneScale(name, boxes, layout);
          expect(boxes.missing, `${name}: don't know and not applicable`).toHaveLength(2);
          before.set(name, boxes);
        }
        // One design: every question's points at the same places across and of the same size.
        const first = before.get(security[0] as string) as ScaleBoxes;
        for (const [name, boxes] of before) {
          for (const [i, p] of boxes.points.entries()) {
            const q = first.points[i] as Box;
            expect(Math.abs(p.x - q.x), `${name} point ${i} x as on the first`).toBeLessThanOrEqual(
              0.5,
            );
            expect(Math.abs(p.width - q.width), `${name} point ${i} width`).toBeLessThanOrEqual(
              0.5,
            );
            expect(Math.abs(p.height - q.height), `${name} point ${i} height`).toBeLessThanOrEqual(
              0.5,
            );
          }
        }

        // Taps: a point, another point of the same question, "don't know", both ends.
        const taps: Array<[string, number]> = [
          [security[0] as string, 5],
          [security[0] as string, 9],
          [security[1] as string, 98],
          [security[4] as string, 0],
          [security[5] as string, 10],
          [security[2] as string, 99],
        ];
        for (const [name, value] of taps) {
          const point = page.locator(`[data-name="${name}"] label:has(input[value="${value}"])`);
          await point.click();
          await expect.poll(() => point.locator('input').isChecked(), { timeout: 5000 }).toBe(true);
          await settle(page);
          for (const [other, boxes] of before) {
            expectSameBoxes(
              allBoxes(boxes),
              allBoxes(await scaleBoxes(page, other)),
              `${other} after a tap on ${value} of ${name}`,
            );
          }
        }
        await screenshot(page, `scale-${width}x${height}-security`);
        await page.locator(`[data-name="${security[4]}"]`).screenshot({
          path: `test-results/screenshots/scale-${width}x${height}-long-labels.png`,
        });
        await expectAccessible(page, `scale at ${width}×${height}`);

        // The last page's life satisfaction: no missing answers, the same scale.
        const lastScale = scaleNames(pageNames.at(-1) as string);
        for (let i = 2; i < pageNames.length; i += 1) {
          await page.locator('.sd-navigation__next-btn:visible').first().click();
        }
        const life = lastScale[0] as string;
        await page.locator(`[data-name="${life}"] .scale`).waitFor();
        const lifeBoxes = await scaleBoxes(page, life);
        expectOneScale(life, lifeBoxes, layout);
        for (const [i, p] of lifeBoxes.points.entries()) {
          const q = first.points[i] as Box;
          expect(Math.abs(p.x - q.x), `${life} point ${i} x as on page 1`).toBeLessThanOrEqual(0.5);
          expect(Math.abs(p.width - q.width), `${life} point ${i} width`).toBeLessThanOrEqual(0.5);
        }
        await page.locator(`[data-name="${life}"] label:has(input[value="7"])`).click();
        await settle(page);
        expectSameBoxes(allBoxes(lifeBoxes), allBoxes(await scaleBoxes(page, life)), life);
        await page
          .locator(`[data-name="${life}"]`)
          .screenshot({ path: `test-results/screenshots/scale-${width}x${height}-life.png` });
        expect(browser.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});
