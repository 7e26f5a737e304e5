import { describe, expect, it } from 'vitest';
import { type Summary, summarise, summariseValues } from '../../server/stats/summary.ts';

/** t(0.975, 2) from the closed form of df = 2: (2p − 1)·√(2 / (4p(1 − p))); tables: 4.303. */
const T_975_DF2 = 0.95 * Math.sqrt(2 / (4 * 0.975 * 0.025));
/** t(0.975, 1) = tan(0.475π) (Cauchy); tables: 12.706. */
const T_975_DF1 = Math.tan(0.475 * Math.PI);

function expectSummary(actual: Summary, expected: Summary): void {
  expect(actual.n).toBe(expected.n);
  for (const key of ['mean', 'sd', 'se', 'ciLow', 'ciHigh', 'pMeets'] as const) {
    const value = expected[key];
    if (value === null) {
      expect(actual[key], key).toBeNull();
    } else {
      expect(actual[key], key).toBeCloseTo(value, 10);
    }
  }
}

describe('summarise, by hand', () => {
  // [80, 90, 100]: mean 90; Σ(x − mean)² = 100 + 0 + 100 = 200; sd = √(200/2) = 10;
  // se = 10/√3; t(0.975, 2) = 4.3027…; pMeets at 90 = 1 − T₂(0) = ½.
  const byHand: Summary = {
    n: 3,
    mean: 90,
    sd: 10,
    se: 10 / Math.sqrt(3),
    ciLow: 90 - (T_975_DF2 * 10) / Math.sqrt(3),
    ciHigh: 90 + (T_975_DF2 * 10) / Math.sqrt(3),
    pMeets: 0.5,
  };

  it.each([
    { input: { n: 3, sum: 270, sumSquares: 80 ** 2 + 90 ** 2 + 100 ** 2 }, via: 'Σx²' },
    { input: { n: 3, sum: 270, sumSquaresAboutMean: 200 }, via: 'Σ(x − mean)²' },
    { input: { n: 3, sum: 270, sumSquaresAboutMean: 200, sumSquares: 1 }, via: 'both' },
  ])('[80, 90, 100] from $via', ({ input }) => {
    expectSummary(summarise(input, 90), byHand);
  });

  it('[80, 90, 100] from the values', () => {
    expectSummary(summariseValues([80, 90, 100], 90), byHand);
  });

  it('agrees with the printed t table: 90 ± 4.303·5.7735', () => {
    const { ciLow, ciHigh } = summarise({ n: 3, sum: 270, sumSquaresAboutMean: 200 }, 90);
    // A 3-decimal table value moves the bound by at most 0.0005·5.7735 < 0.003.
    expect(ciLow).toBeCloseTo(90 - 4.303 * 5.7735, 2);
    expect(ciHigh).toBeCloseTo(90 + 4.303 * 5.7735, 2);
  });

  it('[80, 90, 100] against threshold 80: pMeets = T₂(√3) = ½ + √3/(2√5)', () => {
    // (mean − threshold)/se = 10/(10/√3) = √3; for df = 2, T(t) = ½ + t/(2√(2 + t²)).
    const { pMeets } = summarise({ n: 3, sum: 270, sumSquaresAboutMean: 200 }, 80);
    expect(pMeets).toBeCloseTo(0.5 + Math.sqrt(3) / (2 * Math.sqrt(5)), 12);
  });

  it('[70, 90] (n = 2, Cauchy): se 10, ci 80 ± 10·tan(0.475π), pMeets at 90 = 1 − T₁(1) = ¼', () => {
    // mean 80; Σ(x − mean)² = 200; sd = √(200/1); se = √200/√2 = 10; T₁(1) = ½ + atan(1)/π = ¾.
    expectSummary(summarise({ n: 2, sum: 160, sumSquares: 70 ** 2 + 90 ** 2 }, 90), {
      n: 2,
      mean: 80,
      sd: Math.sqrt(200),
      se: 10,
      ciLow: 80 - 10 * T_975_DF1,
      ciHigh: 80 + 10 * T_975_DF1,
      pMeets: 0.25,
    });
  });

  it('31 values (df = 30, tables 2.042): 15 × 80, 90, 15 × 100', () => {
    // mean 90; Σ(x − mean)² = 30·100 = 3000; sd = √(3000/30) = 10; se = 10/√31.
    const values = [...Array(15).fill(80), 90, ...Array(15).fill(100)];
    const summary = summariseValues(values, 90);
    expect(summary.mean).toBe(90);
    expect(summary.sd).toBeCloseTo(10, 12);
    expect(summary.se).toBeCloseTo(10 / Math.sqrt(31), 12);
    expect(summary.ciLow).toBeCloseTo(90 - (2.042 * 10) / Math.sqrt(31), 2);
    expect(summary.pMeets).toBe(0.5);
  });
});

describe('summarise, edges', () => {
  const none = { sd: null, se: null, ciLow: null, ciHigh: null, pMeets: null };

  it('n = 0 gives nothing but n', () => {
    expect(summarise({ n: 0, sum: 0 }, 90)).toEqual({ n: 0, mean: null, ...none });
    expect(summariseValues([], 90)).toEqual({ n: 0, mean: null, ...none });
  });

  it('n = 1 gives the mean only', () => {
    expect(summarise({ n: 1, sum: 93.5 }, 90)).toEqual({ n: 1, mean: 93.5, ...none });
    expect(summarise({ n: 1, sum: 93.5, sumSquares: 93.5 ** 2 }, 90)).toEqual({
      n: 1,
      mean: 93.5,
      ...none,
    });
  });

  it.each([
    { values: [95, 95, 95], threshold: 90, pMeets: 1 },
    { values: [90, 90], threshold: 90, pMeets: 1 }, // mean ≥ threshold, with equality
    { values: [85, 85, 85, 85], threshold: 90, pMeets: 0 },
  ])(
    'zero spread $values at $threshold: se 0, a point interval, pMeets $pMeets',
    ({ values, threshold, pMeets }) => {
      const mean = values[0] ?? 0;
      expect(summariseValues(values, threshold)).toEqual({
        n: values.length,
        mean,
        sd: 0,
        se: 0,
        ciLow: mean,
        ciHigh: mean,
        pMeets,
      });
    },
  );

  it('clamps a Σ(x − mean)² that rounding made slightly negative', () => {
    // 24300 = 3·90²: all three values 90; the Σx² is off by rounding in the last digits.
    const summary = summarise({ n: 3, sum: 270, sumSquares: 24300 - 1e-9 }, 90);
    expect(summary.se).toBe(0);
    expect(summary.pMeets).toBe(1);
    expect(summarise({ n: 3, sum: 270, sumSquaresAboutMean: -1e-12 }, 95).pMeets).toBe(0);
  });

  it('prefers the exact Σ(x − mean)² over Σx²', () => {
    // Three answers of 83⅓: the exact 0 decides, the (here nonsensical) Σx² is not used.
    const value = 250 / 3;
    const summary = summarise({ n: 3, sum: 250, sumSquaresAboutMean: 0, sumSquares: 1e9 }, 80);
    expect(summary).toMatchObject({ mean: value, se: 0, ciLow: value, pMeets: 1 });
  });

  it.each([
    { input: { n: -1, sum: 0 }, why: 'negative n' },
    { input: { n: 2.5, sum: 200 }, why: 'fractional n' },
    { input: { n: 3, sum: Number.NaN, sumSquaresAboutMean: 1 }, why: 'NaN sum' },
    { input: { n: 3, sum: 270 }, why: 'no spread for n ≥ 2' },
    { input: { n: 3, sum: 270, sumSquares: 20000 }, why: 'Σx² below (Σx)²/n' },
    { input: { n: 3, sum: 270, sumSquaresAboutMean: -5 }, why: 'negative Σ(x − mean)²' },
    { input: { n: 3, sum: 270, sumSquares: Number.POSITIVE_INFINITY }, why: 'infinite Σx²' },
  ])('refuses $why', ({ input }) => {
    expect(() => summarise(input, 90)).toThrow(RangeError);
  });
});
