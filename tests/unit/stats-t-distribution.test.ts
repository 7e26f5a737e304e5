import { describe, expect, it } from 'vitest';
import { logBeta, regularizedIncompleteBeta } from '../../server/stats/beta.ts';
import { logGamma, regularizedGamma } from '../../server/stats/gamma.ts';
import { lowerNormalQuantile, normalUpperTail } from '../../server/stats/normal.ts';
import { studentTCdf, studentTQuantile } from '../../server/stats/t-distribution.ts';

/** |actual − expected| ≤ tolerance · max(1, |expected|). */
function expectNear(actual: number, expected: number, tolerance: number): void {
  const allowed = tolerance * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(allowed);
}

/** |actual − expected| ≤ tolerance · |expected|: for tails, where the size is the point. */
function expectRelative(actual: number, expected: number, tolerance: number): void {
  const error = Math.abs(actual - expected) / Math.abs(expected);
  expect(error, `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

/** C(n, k) in exact integer arithmetic (below 2⁵³ for the arguments used here). */
function binomial(n: number, k: number): number {
  let result = 1n;
  for (let i = 1n; i <= BigInt(k); i++) {
    result = (result * (BigInt(n) - BigInt(k) + i)) / i;
  }
  return Number(result);
}

describe('studentTQuantile against printed t tables (3 decimals)', () => {
  // Two-sided 95% points are p = 0.975; e.g. Abramowitz & Stegun table 26.10, or any
  // statistics textbook's t table.
  it.each([
    { p: 0.975, df: 1, table: 12.706 },
    { p: 0.975, df: 2, table: 4.303 },
    { p: 0.975, df: 5, table: 2.571 },
    { p: 0.975, df: 10, table: 2.228 },
    { p: 0.975, df: 29, table: 2.045 },
    { p: 0.975, df: 30, table: 2.042 },
    { p: 0.975, df: 100, table: 1.984 },
    { p: 0.975, df: 1e7, table: 1.96 },
    { p: 0.975, df: Number.POSITIVE_INFINITY, table: 1.96 },
    { p: 0.995, df: 10, table: 3.169 },
    { p: 0.95, df: 20, table: 1.725 },
    { p: 0.9, df: 4, table: 1.533 },
    { p: 0.999, df: 3, table: 10.215 },
  ])('t($p, $df) rounds to $table', ({ p, df, table }) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(table, 3);
    expect(studentTQuantile(1 - p, df)).toBeCloseTo(-table, 3);
  });

  it('gives the normal 97.5% point 1.959964 (tables to 6 decimals) for df = Infinity', () => {
    expect(studentTQuantile(0.975, Number.POSITIVE_INFINITY)).toBeCloseTo(1.959964, 6);
  });
});

describe('studentTQuantile against closed forms (1e-9)', () => {
  const probabilities = [1e-12, 1e-6, 0.001, 0.025, 0.1, 0.3, 0.49, 0.5, 0.51, 0.8, 0.975, 0.999];

  it.each(probabilities)('df = 1 (Cauchy): tan(π(p − ½)) at p = %s', (p) => {
    // Written as ∓cot(π·min(p, 1 − p)) below ¼ and above ¾: there p − ½ would be rounded
    // (1e-12 − 0.5 keeps only four digits of the 1e-12), while 1 − p is exact for p ≥ ½.
    const cauchy =
      p < 0.25
        ? -1 / Math.tan(Math.PI * p)
        : p > 0.75
          ? 1 / Math.tan(Math.PI * (1 - p))
          : Math.tan(Math.PI * (p - 0.5));
    expectNear(studentTQuantile(p, 1), cauchy, 1e-9);
  });

  it.each(probabilities)('df = 2: (2p − 1)·√(2 / (4p(1 − p))) at p = %s', (p) => {
    expectNear(studentTQuantile(p, 2), (2 * p - 1) * Math.sqrt(2 / (4 * p * (1 - p))), 1e-9);
  });

  it('df = 1 far out: the 1 − q quantile is 1/(πq) to first order', () => {
    // tan(π/2 − πq) = cot(πq) = 1/(πq) − πq/3 − …; the second term is 1e-24 relative here.
    const p = 1 - 1e-12;
    const q = 1 - p; // exact for p ≥ ½, and not quite 1e-12
    expectRelative(studentTQuantile(p, 1), 1 / (Math.PI * q), 1e-9);
    expectRelative(studentTQuantile(1e-300, 1), -1 / (Math.PI * 1e-300), 1e-9);
  });

  it('gives ±Infinity at p = 0 and 1, and 0 at p = ½', () => {
    expect(studentTQuantile(0, 5)).toBe(Number.NEGATIVE_INFINITY);
    expect(studentTQuantile(1, 5)).toBe(Number.POSITIVE_INFINITY);
    expect(studentTQuantile(0.5, 5)).toBe(0);
  });

  it.each([
    { p: -0.1, df: 5 },
    { p: 1.1, df: 5 },
    { p: Number.NaN, df: 5 },
    { p: 0.975, df: 0 },
    { p: 0.975, df: -3 },
    { p: 0.975, df: Number.NaN },
  ])('refuses p = $p, df = $df', ({ p, df }) => {
    expect(() => studentTQuantile(p, df)).toThrow(RangeError);
  });
});

describe('studentTCdf', () => {
  const cauchyPoints = [-1e3, -20, -3, -1, -0.25, 0, 0.25, 1, 3, 20, 1e3];

  it.each(cauchyPoints)('df = 1 is Cauchy: ½ + atan(t)/π at t = %s', (t) => {
    expectNear(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-14);
  });

  it.each(cauchyPoints)('df = 2: ½ + t / (2√(2 + t²)) at t = %s', (t) => {
    expectNear(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-14);
  });

  it('keeps the relative precision of far lower tails', () => {
    // Cauchy: P(T ≤ −t) = atan(1/t)/π, ≈ 1/(πt) − 1/(3πt³); df = 2: P(T ≤ −t) =
    // 1 / ((√(2 + t²) + t)·√(2 + t²)), the closed form above rearranged without cancellation.
    expectRelative(studentTCdf(-1e10, 1), 1 / (Math.PI * 1e10), 1e-12);
    expectRelative(studentTCdf(-1e200, 1), 1 / (Math.PI * 1e200), 1e-12);
    for (const t of [10, 1e3, 1e6]) {
      const root = Math.sqrt(2 + t * t);
      expectRelative(studentTCdf(-t, 2), 1 / ((root + t) * root), 1e-12);
    }
  });

  it("gives the tables' two-sided 95% points back as 0.975 (to the tables' rounding)", () => {
    // A 3-decimal t moves the cdf by at most 0.0005 times the density (< 0.4).
    for (const [t, df] of [
      [12.706, 1],
      [4.303, 2],
      [2.228, 10],
      [2.042, 30],
    ] as const) {
      expect(studentTCdf(t, df)).toBeCloseTo(0.975, 3);
    }
  });

  it('tends to the normal distribution (tables: Φ(1), Φ(2), Φ(3) to 7 decimals)', () => {
    // T_df differs from Φ by about (t³ + t)φ(t)/(4·df): 1.2e-7 at df = 1e6.
    for (const df of [1e6, 1e9, Number.POSITIVE_INFINITY]) {
      expect(studentTCdf(1, df)).toBeCloseTo(0.8413447, 6);
      expect(studentTCdf(2, df)).toBeCloseTo(0.9772499, 6);
      expect(studentTCdf(3, df)).toBeCloseTo(0.9986501, 6);
    }
  });

  it('handles infinite t, t = 0 and large df', () => {
    expect(studentTCdf(Number.POSITIVE_INFINITY, 3)).toBe(1);
    expect(studentTCdf(Number.NEGATIVE_INFINITY, 3)).toBe(0);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 1e6)).toBe(1);
    expect(studentTCdf(0, 1e6)).toBe(0.5);
    // About the normal's 4.9e-198, a little more for the heavier tail.
    expect(studentTCdf(-30, 1e6)).toBeGreaterThan(4.9e-198);
    expect(studentTCdf(-30, 1e6)).toBeLessThan(1e-196);
  });

  it('is symmetric: T(−t) + T(t) = 1', () => {
    for (const df of [0.5, 1, 2, 3, 7.5, 30, 1e4, 1e6]) {
      for (const t of [0.001, 0.3, 1, 2.5, 10, 1e3]) {
        expectNear(studentTCdf(-t, df) + studentTCdf(t, df), 1, 1e-15);
      }
    }
  });

  it('increases with t, and the quantile with p', () => {
    const decreases: string[] = [];
    for (const df of [1, 3, 29, 1e6]) {
      let previousCdf = 0;
      for (let t = -50; t <= 50; t += 0.125) {
        const cdf = studentTCdf(t, df);
        if (cdf < previousCdf) {
          decreases.push(`cdf at t = ${t}, df = ${df}`);
        }
        previousCdf = cdf;
      }
      let previousQuantile = Number.NEGATIVE_INFINITY;
      for (let p = 0.002; p < 1; p += 0.002) {
        const quantile = studentTQuantile(p, df);
        if (!(quantile > previousQuantile)) {
          decreases.push(`quantile at p = ${p}, df = ${df}`);
        }
        previousQuantile = quantile;
      }
    }
    expect(decreases).toEqual([]);
  });

  it('refuses NaN t and non-positive df', () => {
    expect(() => studentTCdf(Number.NaN, 3)).toThrow(RangeError);
    expect(() => studentTCdf(1, 0)).toThrow(RangeError);
  });
});

describe('studentTCdf ∘ studentTQuantile', () => {
  const dfs = [0.5, 1, 2, 3, 4.5, 10, 29, 100, 1000, 12345, 1e6, Number.POSITIVE_INFINITY];
  const probabilities = [1e-10, 1e-4, 0.001, 0.025, 0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-6];

  it.each(dfs)('returns p for df = %s', (df) => {
    for (const p of probabilities) {
      const t = studentTQuantile(p, df);
      expectNear(studentTCdf(t, df), p, 1e-14);
      if (p < 0.5) {
        expectRelative(studentTCdf(t, df), p, 1e-10);
      }
    }
  });

  it.each(dfs)('and the quantile of the cdf returns t for df = %s', (df) => {
    for (const t of [-30, -4, -1.5, -0.2, 0.2, 1.5]) {
      expectNear(studentTQuantile(studentTCdf(t, df), df), t, 1e-9);
    }
  });
});

describe('the special functions underneath', () => {
  it.each([
    [1, 1],
    [2, 1],
    [3, 2],
    [5, 24],
    [11, 3628800],
    [21, 2432902008176640000],
  ])('logGamma(%s) = ln %s', (x, factorial) => {
    expectNear(logGamma(x), Math.log(factorial), 1e-14);
  });

  it('logGamma(½) = ln √π and logGamma(1/10) by reflection', () => {
    expectNear(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    // Γ(0.1) = 9.513507698668731836… (A&S table 6.1 gives Γ(1.1) = 0.9513507699; Γ(x) = Γ(x + 1)/x).
    expectNear(logGamma(0.1), Math.log(9.513507698668732), 1e-14);
  });

  it.each([
    { a: 0.5, b: 0.5, expected: Math.log(Math.PI) },
    { a: 3, b: 4, expected: Math.log(1 / 60) },
    { a: 1e6, b: 1, expected: -Math.log(1e6) },
    { a: 5e5, b: 2, expected: -Math.log(5e5 * (5e5 + 1)) },
    // B(20, 30) = 19!·29!/49! = 1 / (30·C(49, 19)).
    { a: 20, b: 30, expected: -Math.log(30 * binomial(49, 19)) },
  ])(
    'logBeta($a, $b): B(a, 1) = 1/a, B(a, 2) = 1/(a(a + 1)), B(m, n) by factorials',
    ({ a, b, expected }) => {
      expectNear(logBeta(a, b), expected, 1e-14);
      expectNear(logBeta(b, a), expected, 1e-14);
    },
  );

  it('regularizedIncompleteBeta against polynomials and symmetry', () => {
    for (const x of [1e-9, 0.01, 0.3, 0.5, 0.77, 0.999]) {
      expectNear(regularizedIncompleteBeta(x, 1, 1).lower, x, 1e-15);
      expectRelative(regularizedIncompleteBeta(x, 3.5, 1).lower, x ** 3.5, 1e-13);
      expectRelative(regularizedIncompleteBeta(x, 1, 4).upper, (1 - x) ** 4, 1e-13);
      // I_x(2, 3) = Σ_{j=2..4} C(4, j) x^j (1 − x)^(4 − j).
      const binomial = 6 * x ** 2 * (1 - x) ** 2 + 4 * x ** 3 * (1 - x) + x ** 4;
      expectNear(regularizedIncompleteBeta(x, 2, 3).lower, binomial, 1e-14);
    }
    expectNear(regularizedIncompleteBeta(0.5, 7.25, 7.25).lower, 0.5, 1e-14);
    // Large a, x near 1: I_x(a, 1) = x^a with y = 1 − x passed exactly.
    const y = 3e-6;
    expectRelative(
      regularizedIncompleteBeta(1 - y, 5e5, 1, y).lower,
      Math.exp(5e5 * Math.log1p(-y)),
      1e-12,
    );
  });

  it('regularizedGamma: Q(1, x) = e^(−x), Q(2, x) = (1 + x)e^(−x)', () => {
    for (const x of [0.01, 0.5, 1.9, 2, 7, 50]) {
      expectRelative(regularizedGamma(1, x).upper, Math.exp(-x), 1e-14);
      expectRelative(regularizedGamma(2, x).upper, (1 + x) * Math.exp(-x), 1e-14);
    }
  });

  it('normal tail and quantile against tables', () => {
    expect(normalUpperTail(1.96)).toBeCloseTo(0.025, 5);
    expect(normalUpperTail(1)).toBeCloseTo(1 - 0.841345, 6);
    expect(normalUpperTail(0)).toBe(0.5);
    expect(lowerNormalQuantile(0.025)).toBeCloseTo(-1.959964, 6);
    expect(lowerNormalQuantile(0.005)).toBeCloseTo(-2.575829, 6);
    expect(lowerNormalQuantile(0.5)).toBe(0);
  });
});
