/**
 * The standard normal distribution: the limit of Student's t as the degrees of freedom grow,
 * used by `t-distribution.ts` for df = Infinity and df ≥ 1e10, and (its quantile) as the
 * starting point of `studentTQuantile`.
 *
 * References:
 * - M. Abramowitz, I. A. Stegun, Handbook of Mathematical Functions (1964), 26.2.30 (the
 *   normal tail through the incomplete gamma function, via 7.1.2 and 6.5.17).
 * - P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution
 *   function" (2003), rational approximation with relative error below 1.15e-9.
 */

import { regularizedGamma } from './gamma.ts';

const INVERSE_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);

const CENTRAL_NUMERATOR = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
  -3.066479806614716e1, 2.506628277459239,
] as const;
const CENTRAL_DENOMINATOR = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
  -1.328068155288572e1, 1,
] as const;
const TAIL_NUMERATOR = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
] as const;
const TAIL_DENOMINATOR = [
  7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416, 1,
] as const;
const TAIL_START = 0.02425;

/**
 * P(Z > z) for z ≥ 0, computed directly (not as 1 − Φ) so small tails keep their relative
 * precision: P(|Z| > z) = Q(½, z²/2), half of which lies above z.
 *
 * @example
 * normalUpperTail(0); // 0.5
 * normalUpperTail(1.959963984540054); // ≈ 0.025
 */
export function normalUpperTail(z: number): number {
  if (!(z >= 0)) {
    throw new RangeError(`normalUpperTail needs z ≥ 0, got ${z}`);
  }
  return 0.5 * regularizedGamma(0.5, 0.5 * z * z).upper;
}

/**
 * The standard normal density φ(z) = e^(−z²/2) / √(2π).
 *
 * @example
 * normalDensity(0); // 1/√(2π) ≈ 0.3989422804014327
 */
export function normalDensity(z: number): number {
  return INVERSE_SQRT_TWO_PI * Math.exp(-0.5 * z * z);
}

function polynomial(coefficients: readonly number[], x: number): number {
  return coefficients.reduce((sum, coefficient) => sum * x + coefficient, 0);
}

/**
 * The z with Φ(z) = p, for 0 < p ≤ ½ (the lower half, where p carries full precision; for an
 * upper quantile pass the upper-tail probability and negate). Acklam's approximation, relative
 * error below 1.15e-9: a starting point to refine, not a final answer.
 *
 * @example
 * lowerNormalQuantile(0.025); // ≈ -1.959963985 (the familiar 1.96)
 */
export function lowerNormalQuantile(p: number): number {
  if (!(p > 0 && p <= 0.5)) {
    throw new RangeError(`lowerNormalQuantile needs 0 < p ≤ 0.5, got ${p}`);
  }
  if (p < TAIL_START) {
    const q = Math.sqrt(-2 * Math.log(p));
    return polynomial(TAIL_NUMERATOR, q) / polynomial(TAIL_DENOMINATOR, q);
  }
  const q = p - 0.5;
  const r = q * q;
  return (q * polynomial(CENTRAL_NUMERATOR, r)) / polynomial(CENTRAL_DENOMINATOR, r);
}
