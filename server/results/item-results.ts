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
 */
export function computeItemResults(
  scoring: Scoring,
  responses: ReadonlyArray<{ answers: Record<string, unknown> }>,
) {
  return scoring.items.map((item) => {
    let n = 0;
    let sum = 0;
    let dontKnow = 0;
    for (const { answers } of responses) {
      const answer = answers[item.name];
      const answerClass = classifyAnswer(item, scoring.missing, answer);
      if (answerClass.kind === 'valid') {
        n += 1;
        sum += itemScore(item, answerClass.value);
      } else if (typeof answer === 'number' && scoring.missing.includes(answer)) {
        dontKnow += 1;
      }
    }
    const dontKnowRate = responses.length > 0 ? dontKnow / responses.length : null;
    return {
      name: item.name,
      dimension: item.dimension,
      reverse: item.reverse,
      n,
      mean: n > 0 ? sum / n : null,
      dontKnowRate,
      dontKnowFlag: dontKnowRate !== null && dontKnowRate > dontKnowFlagRate,
    };
  });
}
