/**
 * Whether to ask "send anyway?" before completing: fewer than half of the questions the
 * person could answer are answered. "Don't know" (98) and "not applicable" (99) count as
 * answered: the person did answer. An empty form (no questions) never asks.
 *
 * @example fewerThanHalfAnswered(4, 29)  // true: 4 of 29
 * @example fewerThanHalfAnswered(14, 29) // true: 14 is less than 14.5
 * @example fewerThanHalfAnswered(15, 29) // false
 * @example fewerThanHalfAnswered(15, 30) // false: exactly half is enough
 * @example fewerThanHalfAnswered(0, 0)   // false
 */
export function fewerThanHalfAnswered(answered: number, total: number) {
  return total > 0 && answered * 2 < total;
}
