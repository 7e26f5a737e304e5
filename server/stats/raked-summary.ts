/**
 * The interval and chance of meeting the threshold of a raked mean: METHOD.md section 8, "The
 * interval is mean_w ± t(0.975, n−1)·se_w and pMeets uses T_{n−1} with mean_w and se_w, as in
 * section 5". Pure, no I/O.
 */

import type { RakedMean } from './raking.ts';
import { studentTCdf, studentTQuantile } from './t-distribution.ts';

/** The weighted figures of one measure; `null` where the method says "none" (n < 2). */
export interface RakedSummary {
  /** Placed responses used. */
  n: number;
  /** mean_w. */
  mean: number;
  /** se_w; null when n < 2. */
  se: number | null;
  /** mean_w − t(0.975, n − 1)·se_w; null when n < 2. */
  ciLow: number | null;
  /** mean_w + t(0.975, n − 1)·se_w; null when n < 2. */
  ciHigh: number | null;
  /** 1 − T_{n−1}((threshold − mean_w)/se_w); 1 or 0 by mean_w ≥ threshold when se_w = 0. */
  pMeets: number | null;
  /** (Σw)² / Σw². */
  effectiveN: number;
}

/**
 * Section 5's interval and pMeets with the raked mean and its linearised standard error, with
 * the same edges as `summarise`: n < 2 gives no interval and no pMeets; se_w = 0 gives a
 * zero-width interval and pMeets 1 or 0 by mean_w ≥ threshold. pMeets is computed as
 * T_{n−1}((mean_w − threshold)/se_w), equal by symmetry and without cancellation when tiny.
 * The degrees of freedom are those of the placed responses used (n − 1), as API.md says.
 *
 * @example
 * summariseRaked({ n: 3, mean: 90, se: 5, weightTotal: 1000, effectiveN: 2.5, margins: ['sex'] }, 90);
 * // t(0.975, 2) ≈ 4.3027: ciLow ≈ 68.487, ciHigh ≈ 111.513; pMeets = 0.5.
 */
export function summariseRaked(raked: RakedMean, threshold: number): RakedSummary {
  const { n, mean, se, effectiveN } = raked;
  if (!Number.isFinite(threshold)) {
    throw new RangeError(`threshold must be finite, got ${threshold}`);
  }
  if (n < 2 || se === null) {
    return { n, mean, se: null, ciLow: null, ciHigh: null, pMeets: null, effectiveN };
  }
  const halfWidth = studentTQuantile(0.975, n - 1) * se;
  const pMeets =
    se === 0 ? (mean >= threshold ? 1 : 0) : studentTCdf((mean - threshold) / se, n - 1);
  return { n, mean, se, ciLow: mean - halfWidth, ciHigh: mean + halfWidth, pMeets, effectiveN };
}
