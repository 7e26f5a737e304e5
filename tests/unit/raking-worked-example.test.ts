import { describe, expect, it } from 'vitest';
import { summariseRaked } from '../../server/stats/raked-summary.ts';
import { type CellSums, rakeCommune, rakeMean } from '../../server/stats/raking.ts';

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

  it('step 5: the linearised standard error', () => {
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
