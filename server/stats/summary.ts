/**
 * Commune results for one measure (overall or one dimension) in one wave: METHOD.md section 5.
 */

import { studentTCdf, studentTQuantile } from './t-distribution.ts';

/**
 * What a query knows about the non-null values x of one measure, commune and wave.
 *
 * Give the spread either as `sumSquaresAboutMean` = Σ(x − mean)² (preferred) or as
 * `sumSquares` = Σx²; with n < 2 neither is needed. Σ(x − mean)² = Σx² − (Σx)²/n computed in
 * double precision cancels when the spread is small next to the mean: a commune of 300 whose
 * scores are all 90 would get an se near 1e-7 from rounding instead of 0. PostgreSQL can
 * compute it exactly on `numeric` columns, e.g.
 * `sum(x * x) - sum(x) * sum(x) / count(x)` or `var_samp(x) * (count(x) - 1)`; node-postgres
 * returns `numeric` as a string, so convert with `Number()` before calling `summarise`.
 */
export interface SummaryInput {
  /** Number of non-null values. */
  n: number;
  /** Σx. */
  sum: number;
  /** Σ(x − mean)², computed exactly elsewhere; wins over `sumSquares` when both are given. */
  sumSquaresAboutMean?: number | undefined;
  /** Σx², used when `sumSquaresAboutMean` is absent. */
  sumSquares?: number | undefined;
}

/** METHOD.md section 5 for one measure; `null` where the method says "none". */
export interface Summary {
  n: number;
  /** Σx / n; null when n = 0. */
  mean: number | null;
  /** √(Σ(x − mean)² / (n − 1)); null when n < 2. */
  sd: number | null;
  /** sd / √n; null when n < 2. */
  se: number | null;
  /** mean − t(0.975, n − 1)·se; null when n < 2. */
  ciLow: number | null;
  /** mean + t(0.975, n − 1)·se; null when n < 2. */
  ciHigh: number | null;
  /** P(true mean ≥ threshold) = 1 − T_{n−1}((threshold − mean)/se); null when n < 2. */
  pMeets: number | null;
}

/**
 * Negative Σ(x − mean)² beyond this fraction of (Σx)²/n is not rounding but inconsistent input
 * (a Σx² of another column, say), and is refused rather than clamped.
 */
const ROUNDING_TOLERANCE = 1e-9;

function sumSquaresAboutMean(input: SummaryInput): number {
  const { n, sum } = input;
  const raw =
    input.sumSquaresAboutMean ??
    (input.sumSquares === undefined ? undefined : input.sumSquares - (sum * sum) / n);
  if (raw === undefined || !Number.isFinite(raw)) {
    throw new RangeError(
      `summarise needs a finite sumSquaresAboutMean or sumSquares when n ≥ 2 (n = ${n})`,
    );
  }
  if (raw < -ROUNDING_TOLERANCE * Math.max(1, (sum * sum) / n)) {
    throw new RangeError(`Σ(x − mean)² cannot be negative: got ${raw} for n = ${n}, Σx = ${sum}`);
  }
  return Math.max(0, raw);
}

/**
 * The mean, spread, 95% interval and chance of meeting the threshold of one measure in one
 * commune and wave, exactly as METHOD.md section 5 defines them.
 *
 * Why from sums: the results query aggregates in the database (one row per commune and
 * measure) instead of shipping every response to the server; n, Σx and Σ(x − mean)² (or Σx²)
 * are all the method needs.
 *
 * Edges: n = 0 gives only n; n = 1 gives the mean and nothing else (no spread from one value);
 * se = 0 (all values equal) gives a zero-width interval and pMeets 1 or 0 by mean ≥ threshold.
 * pMeets is computed as T_{n−1}((mean − threshold)/se), equal to the method's
 * 1 − T_{n−1}((threshold − mean)/se) by symmetry, without the cancellation when it is tiny.
 *
 * @example
 * // Three respondents scoring 80, 90 and 100, threshold 90:
 * summarise({ n: 3, sum: 270, sumSquares: 24500 }, 90);
 * // mean 90; Σ(x − mean)² = 24500 − 270²/3 = 200, sd = √(200/2) = 10, se = 10/√3 ≈ 5.7735;
 * // t(0.975, 2) ≈ 4.3027, so ciLow ≈ 65.159 and ciHigh ≈ 114.841;
 * // pMeets = 1 − T₂(0) = 0.5.
 */
export function summarise(input: SummaryInput, threshold: number): Summary {
  const { n, sum } = input;
  if (!(Number.isInteger(n) && n >= 0)) {
    throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  }
  if (!Number.isFinite(sum) || !Number.isFinite(threshold)) {
    throw new RangeError(`sum and threshold must be finite, got ${sum} and ${threshold}`);
  }
  const none = { sd: null, se: null, ciLow: null, ciHigh: null, pMeets: null };
  if (n === 0) {
    return { n, mean: null, ...none };
  }
  const mean = sum / n;
  if (n === 1) {
    return { n, mean, ...none };
  }
  const df = n - 1;
  const sd = Math.sqrt(sumSquaresAboutMean(input) / df);
  const se = sd / Math.sqrt(n);
  const halfWidth = studentTQuantile(0.975, df) * se;
  const pMeets = se === 0 ? (mean >= threshold ? 1 : 0) : studentTCdf((mean - threshold) / se, df);
  return { n, mean, sd, se, ciLow: mean - halfWidth, ciHigh: mean + halfWidth, pMeets };
}

/**
 * `summarise` for values in hand (tests, small exports, a recomputation from raw scores):
 * forms n, Σx and Σ(x − mean)² by two passes over the values, so equal values give se = 0.
 *
 * @example
 * summariseValues([80, 90, 100], 90).sd; // √((10² + 0² + 10²)/2) = 10
 * summariseValues([95, 95, 95], 90); // se 0, ciLow = ciHigh = 95, pMeets 1
 */
export function summariseValues(values: readonly number[], threshold: number): Summary {
  const n = values.length;
  const sum = values.reduce((total, value) => total + value, 0);
  const mean = n === 0 ? 0 : sum / n;
  const squares = values.reduce((total, value) => total + (value - mean) ** 2, 0);
  return summarise({ n, sum, sumSquaresAboutMean: squares }, threshold);
}
