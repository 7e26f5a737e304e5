import type { Scoring, ScoringItem } from '../questionnaires/schema.ts';

/**
 * What an answer to a scored item is (METHOD.md section 2):
 * - `valid`: an integer v with min ≤ v ≤ max;
 * - `missing`: absent, `null`, or one of the questionnaire's missing codes ("don't know",
 *   "not applicable"), whether or not the form offers that code for this item;
 * - `invalid`: anything else (out of range, fractional, a string, …). An invalid answer
 *   rejects the whole submission; it is never quietly treated as missing, because that
 *   would hide a broken client behind a lower response rate.
 *
 * @example classifyAnswer({ min: 0, max: 10 }, [98, 99], 7)    // { kind: 'valid', value: 7 }
 * @example classifyAnswer({ min: 0, max: 10 }, [98, 99], 98)   // { kind: 'missing' }
 * @example classifyAnswer({ min: 0, max: 10 }, [98, 99], 7.5)  // { kind: 'invalid', reason: … }
 */
export function classifyAnswer(
  item: Pick<ScoringItem, 'min' | 'max'>,
  missing: Scoring['missing'],
  answer: unknown,
): AnswerClass {
  if (answer === undefined || answer === null) return { kind: 'missing' };
  if (typeof answer !== 'number' || !Number.isFinite(answer)) {
    return { kind: 'invalid', reason: `must be an integer from ${item.min} to ${item.max}` };
  }
  if (missing.includes(answer)) return { kind: 'missing' };
  if (!Number.isInteger(answer)) {
    return { kind: 'invalid', reason: `must be a whole number, got ${answer}` };
  }
  if (answer < item.min || answer > item.max) {
    return { kind: 'invalid', reason: `must be from ${item.min} to ${item.max}, got ${answer}` };
  }
  return { kind: 'valid', value: answer };
}

export type AnswerClass =
  | { kind: 'valid'; value: number }
  | { kind: 'missing' }
  | { kind: 'invalid'; reason: string };
