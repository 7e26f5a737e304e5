import { formatNumber } from '../shared/i18n.ts';
import { t } from './messages.ts';
import { flagNames, type ReviewResponse } from './types.ts';

/** What the explanations need of the questionnaire: its scored items and missing codes. */
export type FlagContext = { scoredItems: readonly string[]; missing: readonly number[] };

/**
 * The questions a response answered, as METHOD.md section 7 counts them for `too_fast`: every
 * question with any answer, missing codes included, empty text not.
 *
 * @example answeredCount({ sec_income: 8, sec_health: 98, comment: '' }) // 2
 */
export function answeredCount(answers: Record<string, unknown>) {
  return Object.values(answers).filter(
    (value) =>
      value !== null &&
      value !== undefined &&
      !(typeof value === 'string' && value.trim() === '') &&
      !(Array.isArray(value) && value.length === 0),
  ).length;
}

/**
 * Seconds between start and completion, or null when either is missing (the rule then does
 * not apply) or the clock went backwards.
 *
 * @example secondsTaken({ startedAt: '2026-05-01T08:00:00Z', completedAt: '2026-05-01T08:00:31.5Z' }) // 31.5
 */
export function secondsTaken(response: Pick<ReviewResponse, 'startedAt' | 'completedAt'>) {
  if (!response.startedAt || !response.completedAt) return null;
  const ms = Date.parse(response.completedAt) - Date.parse(response.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : null;
}

/**
 * The one raw value a straight-lined response gave to all its valid scored answers, and how
 * many there were; null when the valid answers differ (or there are none).
 *
 * @example straightValue({ a: 10, b: 10, c: 98 }, { scoredItems: ['a', 'b', 'c'], missing: [98, 99] })
 * // { value: 10, count: 2 }
 */
export function straightValue(answers: Record<string, unknown>, context: FlagContext) {
  const valid = context.scoredItems
    .map((name) => answers[name])
    .filter((v): v is number => typeof v === 'number' && !context.missing.includes(v));
  const [first] = valid;
  if (first === undefined || valid.some((v) => v !== first)) return null;
  return { value: first, count: valid.length };
}

/**
 * One flag in plain words for a reviewer, with the response's own figures where the rule has
 * them: a speeder's seconds and questions, a straight-liner's value. Unknown flags (a rule
 * added later on the server) are shown by name rather than hidden.
 *
 * @example explainFlag('too_fast', { startedAt: '…08:00:00Z', completedAt: '…08:00:20Z', answers: 25 answers })
 * // "Trả lời quá nhanh: 20 giây cho 25 câu (dưới 2 giây mỗi câu)."
 */
export function explainFlag(flag: string, response: ReviewResponse, context: FlagContext) {
  switch (flag) {
    case 'too_fast': {
      const seconds = secondsTaken(response);
      const count = answeredCount(response.answers);
      return seconds === null
        ? t('flag.too_fast.plain')
        : t('flag.too_fast.explain', {
            seconds: formatNumber(seconds, seconds < 10 ? 1 : 0),
            count,
          });
    }
    case 'straight_line': {
      const straight = straightValue(response.answers, context);
      return straight ? t('flag.straight_line.explain', straight) : t('flag.straight_line.plain');
    }
    case 'duplicate':
      return t('flag.duplicate.explain');
    case 'burst':
      return t('flag.burst.explain');
    default:
      return t('flag.unknown', { flag });
  }
}

/** A flag's short name, for the filter and the badge. */
export const flagName = (flag: string) =>
  (flagNames as readonly string[]).includes(flag) ? t(`flag.${flag}`) : flag;
