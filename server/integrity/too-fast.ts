/** Seconds a resident needs at least per answered question (METHOD.md section 7). */
export const secondsPerAnswer = 2;

/**
 * How many questions a submission answers: every question with any answer, missing codes
 * (98 "don't know", 99 "not applicable") included. A skipped question (absent, `null`, empty
 * text or an empty list of choices) is not answered.
 *
 * @example countAnswered({ a: 7, b: 98, c: null, d: '', e: 'Tốt' }) // 3 (a, b and e)
 */
export function countAnswered(answers: Record<string, unknown>): number {
  let answered = 0;
  for (const value of Object.values(answers)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    answered += 1;
  }
  return answered;
}

/**
 * `too_fast` (METHOD.md section 7): both `startedAt` and `completedAt` are present and
 * `completedAt − startedAt` < 2 seconds × the number of questions answered. Without either
 * time (a paper form typed in later) nothing can be said, so the rule does not apply.
 *
 * Worked example: 28 answers need at least 56 s. Started 10:00:00, completed 10:00:55 (55 s)
 * is too fast; completed 10:00:56 (56 s) is not: the bound itself is allowed.
 *
 * @example isTooFast('2026-05-01T10:00:00Z', '2026-05-01T10:00:55Z', 28) // true
 * @example isTooFast('2026-05-01T10:00:00Z', '2026-05-01T10:00:56Z', 28) // false
 * @example isTooFast(null, '2026-05-01T10:00:05Z', 28)                    // false
 */
export function isTooFast(
  startedAt: string | Date | null | undefined,
  completedAt: string | Date | null | undefined,
  answered: number,
): boolean {
  if (startedAt === null || startedAt === undefined) return false;
  if (completedAt === null || completedAt === undefined) return false;
  const elapsedMs = new Date(completedAt).getTime() - new Date(startedAt).getTime();
  return elapsedMs < secondsPerAnswer * 1000 * answered;
}
