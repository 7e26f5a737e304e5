/**
 * Student's t distribution: the distribution function and its inverse, as METHOD.md section 5
 * needs them for the 95% interval (`t(0.975, n − 1)`) and for `pMeets` (`T_{n−1}`).
 *
 * Why our own code: the method promises that anyone can recompute every published number, so
 * the arithmetic lives here, with its references, rather than in a package that could change
 * underneath us.
 *
 * References:
 * - M. Abramowitz, I. A. Stegun, Handbook of Mathematical Functions (1964): 26.7.1 (t through
 *   the incomplete beta function), 26.7.5 (Cornish–Fisher expansion of the quantile).
 * - W. H. Press et al., Numerical Recipes, 3rd ed. (2007): 6.14 (Student's t), 9.4 (Newton's
 *   method kept inside a bracket, `rtsafe`).
 */

import { logBeta, regularizedIncompleteBeta } from './beta.ts';
import { lowerNormalQuantile, normalDensity, normalUpperTail } from './normal.ts';

/**
 * From here on the normal distribution stands in for t: they differ by at most 0.15/df
 * (the first term of Fisher's expansion, (t³ + t)·φ(t)/(4·df)), below 2e-11.
 */
const NORMAL_FROM_DF = 1e10;
/** Beyond this t/√df, the tail is its leading power-law term to within 1e-200 relative. */
const FAR_TAIL_W = 1e100;
const MAX_QUANTILE_STEPS = 200;
const QUANTILE_RELATIVE_TOLERANCE = 1e-13;

function assertDegreesOfFreedom(df: number): void {
  if (!(df > 0)) {
    throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
  }
}

/**
 * P(T > t) for t ≥ 0, computed directly rather than as 1 − cdf so that small tails keep their
 * precision (A&S 26.7.1: P(T > t) = ½ I_x(df/2, ½) with x = df / (df + t²)).
 */
function upperTail(t: number, df: number): number {
  if (df >= NORMAL_FROM_DF) {
    return normalUpperTail(t);
  }
  if (t === Number.POSITIVE_INFINITY) {
    return 0;
  }
  const w = t / Math.sqrt(df);
  if (w > FAR_TAIL_W) {
    // x = 1/(1 + w²) is 1/w² to far below rounding (and may underflow), and the first term of
    // the series for I_x(df/2, ½) = x^(df/2) (1 − x)^½ / ((df/2) B(df/2, ½)) · (1 + O(x)) is
    // all of it; for df = 1 this is the Cauchy tail 1/(πt).
    const a = df / 2;
    const logW = Math.log(t) - 0.5 * Math.log(df);
    return 0.5 * Math.exp(-2 * a * logW - Math.log(a) - logBeta(a, 0.5));
  }
  // x = 1/(1 + w²) and 1 − x = 1/(1 + 1/w²): 1 − x is not found by subtraction (near the
  // centre, x is within rounding of 1).
  const wSquared = w * w;
  const x = 1 / (1 + wSquared);
  const y = 1 / (1 + 1 / wSquared);
  return 0.5 * regularizedIncompleteBeta(x, df / 2, 0.5, y).lower;
}

/**
 * The density f(t) = (1 + t²/df)^(−(df+1)/2) / (√df · B(df/2, ½)): the slope that Newton's
 * method in `studentTQuantile` follows.
 */
function density(t: number, df: number): number {
  if (df >= NORMAL_FROM_DF) {
    return normalDensity(t);
  }
  const w = Math.abs(t) / Math.sqrt(df);
  // ln(1 + w²), without forming a w² that could overflow.
  const logOnePlusWSquared = w <= 1 ? Math.log1p(w * w) : 2 * Math.log(w) + Math.log1p(1 / (w * w));
  return Math.exp((-(df + 1) / 2) * logOnePlusWSquared - 0.5 * Math.log(df) - logBeta(df / 2, 0.5));
}

/**
 * The distribution function of Student's t with `df` degrees of freedom: P(T ≤ t).
 *
 * Why: `pMeets` in METHOD.md section 5 is 1 − T_{n−1}((threshold − mean) / se), the chance
 * that a commune's true mean reaches the threshold, given its sample.
 *
 * How: through the regularized incomplete beta function (A&S 26.7.1), itself a Lentz continued
 * fraction or a power series, with Lanczos log-gamma (see `beta.ts`). Absolute error about
 * 1e-15; the lower tail (t < 0) is computed directly and keeps a relative error near 1e-12
 * for df ≤ 10⁵, however small it is, degrading beyond (1e-11 at df = 10⁶, 1e-8 at 10⁹).
 * Any real df > 0 is accepted, not only whole numbers; df = Infinity (and any df ≥ 1e10,
 * where the two differ by less than 2e-11) gives the normal distribution. t = ±Infinity gives
 * 1 and 0.
 *
 * @example
 * studentTCdf(0, 7); // 0.5, by symmetry
 * studentTCdf(1, 1); // 0.75: df = 1 is the Cauchy distribution, ½ + atan(1)/π
 * studentTCdf(2.228, 10); // ≈ 0.975: the tables' two-sided 95% point for df = 10
 */
export function studentTCdf(t: number, df: number): number {
  assertDegreesOfFreedom(df);
  if (Number.isNaN(t)) {
    throw new RangeError('studentTCdf needs a number t, got NaN');
  }
  if (t === 0) {
    return 0.5;
  }
  const tail = upperTail(Math.abs(t), df);
  return t > 0 ? 1 - tail : tail;
}

/**
 * A first guess at the t with P(T > t) = q, 0 < q < ½: exact for df = 1 and 2; otherwise the
 * Cornish–Fisher expansion around the normal quantile z (A&S 26.7.5), within about 1e-4 for
 * df ≥ 5 and rough below (the bracket in `upperQuantile` copes with a poor guess).
 */
function startingPoint(q: number, df: number): number {
  if (df === 1) {
    return 1 / Math.tan(Math.PI * q);
  }
  if (df === 2) {
    return (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));
  }
  const z = -lowerNormalQuantile(q);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  const guess = z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
  return guess > 0 && Number.isFinite(guess) ? guess : Math.max(z, 1);
}

/**
 * The t > 0 with P(T > t) = q, 0 < q < ½: Newton's method on the exact tail, kept inside a
 * bracket [low, high] that always holds the root, bisecting whenever a Newton step would
 * leave it (Numerical Recipes 9.4).
 */
function upperQuantile(q: number, df: number): number {
  let t = startingPoint(q, df);
  let low = 0;
  while (upperTail(t, df) > q) {
    low = t;
    t *= 2;
    if (t === Number.POSITIVE_INFINITY) {
      // The tail underflows before it reaches q (only for q below about 1e-300).
      return t;
    }
  }
  let high = t;
  for (let step = 0; step < MAX_QUANTILE_STEPS; step++) {
    const excess = upperTail(t, df) - q;
    if (excess === 0) {
      return t;
    }
    if (excess > 0) {
      low = t;
    } else {
      high = t;
    }
    const newtonStep = excess / density(t, df);
    if (Math.abs(newtonStep) <= QUANTILE_RELATIVE_TOLERANCE * t) {
      return t + newtonStep;
    }
    let next = t + newtonStep;
    if (!(next > low && next < high)) {
      next = low + (high - low) / 2;
    }
    if (next === low || next === high) {
      return next;
    }
    t = next;
  }
  return t;
}

/**
 * The quantile of Student's t with `df` degrees of freedom: the t with P(T ≤ t) = p.
 *
 * Why: the 95% interval of METHOD.md section 5 is mean ± t(0.975, n − 1) · se; with the small
 * samples a commune may have, the normal 1.96 would make intervals too narrow (for n = 3 the
 * factor is 4.303).
 *
 * How: a starting point (closed form for df = 1 and 2, Cornish–Fisher otherwise), refined by
 * Newton steps on the exact tail, safeguarded by bisection, until a step is below 1e-13 of t.
 * Checked against 50-digit values for p from 1e-300 to 1 − 1e-15: error below
 * 1e-13·max(1, |t|) for df ≤ 10⁵, 1e-12 at df = 10⁶. p = 0 and p = 1 give −Infinity and
 * Infinity, as does a quantile beyond the double range (only for df < 1 with p extremely
 * close to 0 or 1); df as in `studentTCdf`.
 *
 * @example
 * studentTQuantile(0.975, 10); // ≈ 2.228138851986 (tables: 2.228)
 * studentTQuantile(0.975, 1); // tan(0.475π) ≈ 12.706204736175 (tables: 12.706)
 * studentTQuantile(0.025, 10); // ≈ -2.228138851986, by symmetry
 * studentTQuantile(0.975, Infinity); // ≈ 1.959963984540 (the normal 1.96)
 */
export function studentTQuantile(p: number, df: number): number {
  assertDegreesOfFreedom(df);
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`studentTQuantile needs 0 ≤ p ≤ 1, got ${p}`);
  }
  if (p === 0.5) {
    return 0;
  }
  if (p < 0.5) {
    return p === 0 ? Number.NEGATIVE_INFINITY : -upperQuantile(p, df);
  }
  // For p in [½, 1], 1 − p is exact in floating point (Sterbenz's lemma).
  return p === 1 ? Number.POSITIVE_INFINITY : upperQuantile(1 - p, df);
}
