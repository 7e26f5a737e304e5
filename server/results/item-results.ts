import type { Scoring } from '../questionnaires/schema.ts';
import { classifyAnswer } from '../scoring/classify-answer.ts';
import { itemScore } from '../scoring/score-response.ts';

/** Above this share of "don't know" / "not applicable", an item is flagged (METHOD.md section 7). */
export const dontKnowFlagRate = 0.2;

/**
 * Per item of a commune·wave: how many valid answers, the mean item score (0–100), and the
 * share of responses that answered with a missing code. The share's denominator is every
 * response of the commune·wave, skips included: a question residents skip is a different
 * signal from one they say they cannot answer, and only the latter is counted.
 *
 * `dontKnowRate` adds every missing code together, as the flag of METHOD.md section 7 does;
 * `missing` keeps each code apart (98 "don't know" and 99 "not applicable" on the 2026 form),
 * because "I don't know" and "this does not apply to me" call for different actions.
 *
 * @example
 *   // 4 responses to sec_income: 8, 98, 99, skipped
 *   computeItemResults(scoring, rows)[0]
 *   // { n: 1, mean: 80, dontKnowRate: 0.5, missing: [{ code: 98, count: 1, rate: 0.25 },
 *   //                                                 { code: 99, count: 1, rate: 0.25 }], … }
 */
export function computeItemResults(
  scoring: Scoring,
  responses: ReadonlyArray<{ answers: Record<string, unknown> }>,
) {
  return scoring.items.map((item) => {
    let n = 0;
    let sum = 0;
    const byCode = new Map(scoring.missing.map((code) => [code, 0]));
    for (const { answers } of responses) {
      const answer = answers[item.name];
      const answerClass = classifyAnswer(item, scoring.missing, answer);
      if (answerClass.kind === 'valid') {
        n += 1;
        sum += itemScore(item, answerClass.value);
      } else if (typeof answer === 'number' && byCode.has(answer)) {
        byCode.set(answer, (byCode.get(answer) ?? 0) + 1);
      }
    }
    const rateOf = (count: number) => (responses.length > 0 ? count / responses.length : null);
    const dontKnow = [...byCode.values()].reduce((a, b) => a + b, 0);
    const dontKnowRate = rateOf(dontKnow);
    return {
      name: item.name,
      dimension: item.dimension,
      reverse: item.reverse,
      n,
      mean: n > 0 ? sum / n : null,
      dontKnowRate,
      dontKnowFlag: dontKnowRate !== null && dontKnowRate > dontKnowFlagRate,
      missing: [...byCode].map(([code, count]) => ({ code, count, rate: rateOf(count) })),
    };
  });
}
