import { describe, expect, it } from 'vitest';
import { summariseRaked } from '../../server/stats/raked-summary.ts';
import { type CellSums, rakeCommune, rakeMean } from '../../server/stats/raking.ts';
import { summariseValues } from '../../server/stats/summary.ts';

/**
 * The worked example of surveys/METHOD.md, "Worked example: weights (section 8)", number for
 * number to the four decimals printed there. R's survey package gives the same mean and
 * standard error (svymean on calibrate(…, calfun = "raking")).
 */

const responses = [
  { sex: 'female', ageBand: '18-29', m: 72 },
  { sex: 'male', ageBand: '18-29', m: 64 },
  { sex: 'female', ageBand: '45-59', m: 80 },
  { sex: 'female', ageBand: '45-59', m: 88 },
  { sex: 'male', ageBand: '45-59', m: 76 },
  { sex: 'female', ageBand: '60+', m: 92 },
  { sex: 'female', ageBand: '60+', m: 84 },
  { sex: 'male', ageBand: '60+', m: 90 },
] as const;

const margins = {
  sex: { female: 520, male: 480 },
  ageBand: { '18-29': 250, '30-44': 260, '45-59': 240, '60+': 260 },
};

/** The per-cell sums the results rollups keep: n, Σm and Σ(m − cell mean)². */
function cellSums(): CellSums[] {
  const cells: CellSums[] = [];
  for (const { sex, ageBand } of responses) {
    if (cells.some((cell) => cell.sex === sex && cell.ageBand === ageBand)) continue;
    const values = responses.filter((r) => r.sex === sex && r.ageBand === ageBand).map((r) => r.m);
    const sum = values.reduce((total, value) => total + value, 0);
    const mean = sum / values.length;
    const spread = values.reduce((total, value) => total + (value - mean) ** 2, 0);
    cells.push({ sex, ageBand, n: values.length, sum, sumSquaresAboutMean: spread });
  }
  return cells;
}

const fourDecimals = (value: number | null | undefined) => Number((value ?? Number.NaN).toFixed(4));

describe('surveys/METHOD.md worked example of section 8', () => {
  const raking = rakeCommune(cellSums(), margins);
  const raked = rakeMean(cellSums(), margins);

  it('cell sums as the rollups keep them', () => {
    expect(cellSums()).toContainEqual({
      sex: 'female',
      ageBand: '45-59',
      n: 2,
      sum: 168,
      sumSquaresAboutMean: 32,
    });
  });

  it('step 1: 30-44 (260 people, no response) merges with 45-59 into one group of 500', () => {
    expect(raking?.structure.sex?.map((c) => c.members)).toEqual([['female'], ['male']]);
    expect(raking?.structure.ageBand?.map((g) => g.members)).toEqual([
      ['18-29'],
      ['30-44', '45-59'],
      ['60+'],
    ]);
  });

  it('step 2: the age groups are scaled from 1,010 to the sex total of 1,000', () => {
    expect(raking?.structure.total).toBe(1000);
    expect(raking?.structure.ageBand?.map((g) => fourDecimals(g.population))).toEqual([
      247.5248, 495.0495, 257.4257,
    ]);
  });

  it('step 3: the raked weights', () => {
    const weight = (sexIndex: number, ageIndex: number) =>
      fourDecimals(
        raking?.cells.find((c) => c.sexIndex === sexIndex && c.ageIndex === ageIndex)?.weight,
      );
    expect([weight(0, 0), weight(1, 0)]).toEqual([96.8274, 150.6974]);
    expect([weight(0, 1), weight(1, 1)]).toEqual([139.2015, 216.6465]);
    expect([weight(0, 2), weight(1, 2)]).toEqual([72.3848, 112.6562]);
    expect(fourDecimals(raked?.weightTotal)).toBe(1000);
  });

  it('step 4: the weighted mean and the effective sample size', () => {
    expect(fourDecimals(raked?.mean)).toBe(79.346);
    expect(fourDecimals(raked?.effectiveN)).toBe(7.0949);
    expect(raked?.n).toBe(8);
  });

  it('the unweighted figures it is compared with', () => {
    const plain = summariseValues(
      responses.map((r) => r.m),
      80,
    );
    expect([plain.mean, fourDecimals(plain.sd), fourDecimals(plain.se)]).toEqual([
      80.75, 9.6769, 3.4213,
    ]);
  });

  it('step 5: the printed residuals are the least-squares ones, and give the printed se', () => {
    // r_i in 33rds: 1.8182 = 60/33, −2.7879 = −92/33, …
    const residuals = [60, -60, -92, 172, -80, 62, -202, 140].map((r) => r / 33);
    expect(residuals.map(fourDecimals)).toEqual([
      1.8182, -1.8182, -2.7879, 5.2121, -2.4242, 1.8788, -6.1212, 4.2424,
    ]);
    // Least squares: orthogonal to every column of X (intercept, male, 30-59, 60+) …
    type Response = (typeof responses)[number];
    const male = (r: Response) => (r.sex === 'male' ? 1 : 0);
    const aged30to59 = (r: Response) => (r.ageBand === '45-59' ? 1 : 0);
    const aged60 = (r: Response) => (r.ageBand === '60+' ? 1 : 0);
    const columns = [() => 1, male, aged30to59, aged60];
    for (const column of columns) {
      const dot = responses.reduce((t, r, i) => t + column(r) * (residuals[i] ?? 0), 0);
      expect(Math.abs(dot)).toBeLessThan(1e-12);
    }
    // … and the fitted values m − r are the printed additive fit.
    const printedFit = (r: Response) =>
      70.1818 - 4.3636 * male(r) + 12.6061 * aged30to59(r) + 19.9394 * aged60(r);
    responses.forEach((r, i) => {
      expect(r.m - (residuals[i] ?? 0)).toBeCloseTo(printedFit(r), 3);
    });
    const cellOf = (r: Response) =>
      raking?.cells.find(
        (c) =>
          c.sexIndex === (r.sex === 'male' ? 1 : 0) &&
          c.ageIndex === ['18-29', '45-59', '60+'].indexOf(r.ageBand),
      );
    const u = responses.map((r, i) => (cellOf(r)?.weight ?? 0) * (residuals[i] ?? 0));
    expect(u.map(fourDecimals)).toEqual([
      176.0498, -273.9952, -388.077, 725.5352, -525.2035, 135.9957, -443.0827, 477.9352,
    ]);
    const uBar = u.reduce((t, x) => t + x, 0) / 8;
    const spread = u.reduce((t, x) => t + (x - uBar) ** 2, 0);
    expect([fourDecimals(uBar), fourDecimals(spread)]).toEqual([-14.3553, 1500501.2934]);
    expect(Math.sqrt((8 / 7) * spread) / 1000).toBeCloseTo(raked?.se ?? 0, 12);
    expect(fourDecimals(raked?.se)).toBe(1.3095);
  });

  it('step 6: the interval and pMeets at threshold 80', () => {
    if (raked === null) throw new Error('the example is weighted');
    const summary = summariseRaked(raked, 80);
    expect(fourDecimals(summary.ciLow)).toBe(76.2494);
    expect(fourDecimals(summary.ciHigh)).toBe(82.4425);
    expect(fourDecimals(summary.pMeets)).toBe(0.3164);
  });
});
