import type { Scoring } from '../questionnaires/schema.ts';
import { classifyAnswer } from '../scoring/classify-answer.ts';

/** Fewer valid scored answers than this say too little to call a pattern (METHOD.md section 7). */
export const straightLineMinItems = 12;

/**
 * `straight_line` (METHOD.md section 7): at least 12 scored items have a valid answer and all
 * those valid answers are the same raw value. Raw, not item score: with reverse-worded items
 * in every dimension, the same raw answer everywhere means opposite views on half the
 * questions, which no honest respondent holds; an honest "all good" (10s, and 0 on the
 * reverse items) is therefore not a straight line. Missing codes and skipped items are left
 * out, neither breaking nor making the pattern.
 *
 * Worked examples (0–10 items, missing codes 98 and 99):
 * - 12 items all answered 10, reverse items too: straight line.
 * - 11 items answered 10 and 13 answered 98: only 11 valid, not a straight line.
 * - 24 items answered 10 except the reverse items answered 0: not a straight line.
 */
export function isStraightLine(
  scoring: Pick<Scoring, 'items' | 'missing'>,
  answers: Record<string, unknown>,
): boolean {
  let valid = 0;
  let first: number | undefined;
  for (const item of scoring.items) {
    const answer = classifyAnswer(item, scoring.missing, answers[item.name]);
    if (answer.kind !== 'valid') continue;
    if (first === undefined) first = answer.value;
    else if (answer.value !== first) return false;
    valid += 1;
  }
  return valid >= straightLineMinItems;
}
