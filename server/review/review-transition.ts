import type { ReviewDecision, ReviewState } from './schema.ts';

/**
 * What a review decision does (METHOD.md section 7, server/API.md "Integrity"): `exclude`
 * makes a response `excluded`; `keep` and `include` make it `kept`. Only a change of
 * inclusion moves its scores in the rollups: `-1` takes them out, `1` puts them back, `0`
 * leaves the rollups as they are (a second `exclude`, or `keep` on an unreviewed response).
 * Pure, so the route and its tests agree on every case.
 *
 * @example reviewTransition('unreviewed', 'exclude') // { state: 'excluded', rollups: -1 }
 * @example reviewTransition('excluded', 'exclude')   // { state: 'excluded', rollups: 0 }
 * @example reviewTransition('excluded', 'include')   // { state: 'kept', rollups: 1 }
 * @example reviewTransition('unreviewed', 'keep')    // { state: 'kept', rollups: 0 }
 */
export function reviewTransition(
  current: ReviewState,
  decision: ReviewDecision,
): { state: Exclude<ReviewState, 'unreviewed'>; rollups: -1 | 0 | 1 } {
  const state = decision === 'exclude' ? 'excluded' : 'kept';
  const wasCounted = current !== 'excluded';
  const isCounted = state !== 'excluded';
  return { state, rollups: wasCounted === isCounted ? 0 : isCounted ? 1 : -1 };
}
