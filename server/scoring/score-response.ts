import type { DimensionKey, Scoring, ScoringItem } from '../questionnaires/schema.ts';
import { classifyAnswer } from './classify-answer.ts';

/** A respondent's scores, 0–100, unrounded; `null` where the method gives none. */
export type ResponseScores = { overall: number | null } & Record<DimensionKey, number | null>;

/**
 * The item score (METHOD.md section 3): the answer placed on 0–100,
 * `s = 100 · (v − min) / (max − min)`, mirrored (`100 − s`) for reverse-worded items, so that
 * 100 is always the good end.
 *
 * @example itemScore({ min: 0, max: 10, reverse: false }, 8) // 80
 * @example itemScore({ min: 0, max: 10, reverse: true }, 2)  // 80
 * @example itemScore({ min: 1, max: 5, reverse: false }, 4)  // 75
 */
export function itemScore(item: Pick<ScoringItem, 'min' | 'max' | 'reverse'>, value: number) {
  const s = (100 * (value - item.min)) / (item.max - item.min);
  return item.reverse ? 100 - s : s;
}

/**
 * Scores one response (METHOD.md section 4). Pure: the questionnaire's scoring block and the
 * answers in, the five scores out. The caller must have rejected invalid answers first
 * (`findAnswerProblems`); here an invalid answer is simply not counted.
 *
 * Dimension score D_d over the valid items of d, with item weights w_i:
 * - `mean`:        D_d = Σ w_i·s_i / Σ w_i
 * - `sufficiency`: D_d = 100 · Σ w_i·[s_i ≥ cutoff] / Σ w_i
 * and D_d = null when fewer than `minAnswered` items of d are valid.
 * Overall H = Σ W_d·D_d / Σ W_d, null when any D_d is null: a respondent who skipped most of
 * one dimension has no overall score rather than one silently tilted to the other three.
 *
 * Worked example (METHOD.md): six 0–10 items of one dimension, weights 1, minAnswered 4,
 * answers 8, 9, 7, 98, 10 and a reverse item answered 2 → item scores 80, 90, 70, –, 100, 80;
 * five valid ≥ 4, so `mean` gives 420/5 = 84 and `sufficiency` (cutoff 70) gives 100·5/5 = 100.
 */
export function scoreResponse(scoring: Scoring, answers: Record<string, unknown>): ResponseScores {
  const dimensionScores = Object.fromEntries(
    scoring.dimensions.map((dimension) => {
      const items = scoring.items.filter((item) => item.dimension === dimension.key);
      return [dimension.key, scoreDimension(scoring, items, dimension.minAnswered, answers)];
    }),
  ) as Record<DimensionKey, number | null>;
  return { overall: overallScore(scoring, dimensionScores), ...dimensionScores };
}

function scoreDimension(
  scoring: Scoring,
  items: readonly ScoringItem[],
  minAnswered: number,
  answers: Record<string, unknown>,
): number | null {
  let answered = 0;
  let weightSum = 0;
  let weightedSum = 0;
  for (const item of items) {
    const answer = classifyAnswer(item, scoring.missing, answers[item.name]);
    if (answer.kind !== 'valid') continue;
    const s = itemScore(item, answer.value);
    answered += 1;
    weightSum += item.weight;
    weightedSum += item.weight * (scoring.method === 'mean' ? s : s >= scoring.cutoff ? 100 : 0);
  }
  return answered < minAnswered || answered === 0 ? null : clampScore(weightedSum / weightSum);
}

function overallScore(scoring: Scoring, scores: Record<DimensionKey, number | null>) {
  let weightSum = 0;
  let weightedSum = 0;
  for (const dimension of scoring.dimensions) {
    const score = scores[dimension.key];
    if (score === null) return null;
    weightSum += dimension.weight;
    weightedSum += dimension.weight * score;
  }
  return clampScore(weightedSum / weightSum);
}

/**
 * With fractional weights, floating point can put a weighted mean of 100s a hair above 100
 * (weights 1.1 and 2.2 give 100.00000000000001); the scale's ends are exact by definition.
 */
function clampScore(score: number) {
  return Math.min(100, Math.max(0, score));
}
