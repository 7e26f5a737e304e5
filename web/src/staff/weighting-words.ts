import type { MeasureSummary, Weighting } from '../../../server/results/schema.ts';

/** A message of the staff catalogue and the figures that fill it, before any language is chosen. */
export type Phrase = { key: string; values?: Record<string, string | number> };

/**
 * The effective sample size in whole people: `(Σw)² / Σw²` (METHOD.md section 8) is rarely a
 * whole number, and "24.6 people" reads as a flaw rather than an estimate. Never below one
 * while some response was weighted, since one response is as precise as one person.
 */
export function effectivePeople(effectiveN: number, placed: number) {
  if (placed <= 0 || !Number.isFinite(effectiveN)) return 0;
  return Math.max(1, Math.round(effectiveN));
}

/**
 * Whether one measure was raked, from its own fields: a dimension of a raked commune can fall
 * back to unweighted on its own (raking needs placed responses for that measure), and only a
 * raked measure carries an effective sample size.
 */
export function measureWeighting(measure: MeasureSummary): Weighting {
  return measure.effectiveN === undefined ? 'none' : 'raked';
}

/**
 * What to say about one figure's weighting: a headline (weighted or not, and why not when it is
 * known) and, for a weighted figure, how precise it is as a random sample of people and how many
 * responses could not be weighted (no female/male, or no age band).
 *
 * `hasMargins` is whether the commune has population figures: `false` says so; `true` with an
 * unweighted figure means the responses could not be raked (none placed, or too few categories
 * with a response); left out, the headline only says "not weighted".
 */
export function weightingPhrases(input: {
  weighting: Weighting;
  measure: MeasureSummary;
  hasMargins?: boolean;
}): { headline: Phrase; details: Phrase[] } {
  const { measure } = input;
  if (input.weighting !== 'raked') {
    const key =
      input.hasMargins === false
        ? 'weighting.noMargins'
        : input.hasMargins === true
          ? 'weighting.cannotRake'
          : 'weighting.none';
    return { headline: { key }, details: [] };
  }
  const unplaced = measure.unplaced ?? 0;
  const placed = measure.n - unplaced;
  const details: Phrase[] = [];
  if (measure.effectiveN !== undefined && placed > 0) {
    details.push({
      key: 'weighting.effective',
      values: { placed, effective: effectivePeople(measure.effectiveN, placed) },
    });
  }
  if (unplaced === 0) details.push({ key: 'weighting.allPlaced' });
  else if (unplaced === 1) details.push({ key: 'weighting.unplacedOne' });
  else details.push({ key: 'weighting.unplaced', values: { count: unplaced } });
  return { headline: { key: 'weighting.raked' }, details };
}
