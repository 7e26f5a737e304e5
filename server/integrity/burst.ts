/** The burst window of METHOD.md section 7: 10 minutes, half-open ([start, start + 10 min)). */
export const burstWindowMs = 10 * 60_000;
/** More responses than this from one kiosk inside one window make a burst. */
export const burstMaxPerWindow = 10;

/**
 * `burst` (METHOD.md section 7): which of one kiosk's responses lie inside a 10-minute window
 * holding more than 10 of its responses, by completion time (`completedAt`, else the time
 * received), never by arrival: an offline queue sent at once keeps the times it was filled
 * in. A window is half-open, `[start, start + 10 min)`: two completions exactly 10 minutes
 * apart are not in one window. Every response in such a window is flagged.
 *
 * Only windows that start at a response need looking at: any window can slide forward to
 * its earliest member without losing one. Takes completion times in ms, in any order, and
 * says for each whether it is in a burst. The database applies the same rule at insert time
 * (`integrity_flag_new_response`, as migrations/0016_flags_after_insert.ts wrote it) and in
 * the backfill.
 *
 * Worked examples (minutes after 10:00):
 * - 11 completions at 0, 0.5, 1, …, 5: a burst, all 11 flagged.
 * - 10 completions at 0 … 4.5: no burst (exactly 10 is allowed).
 * - 11 completions at 0, 1, …, 9 and 10: the first and the last are 10 minutes apart, so no
 *   window holds all 11 (each holds 10): no burst.
 * - 11 completions at 0, 1, …, 9 and 9.99: a burst.
 *
 * @example burstMembers([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((m) => m * 60_000)) // all false
 */
export function burstMembers(completionMs: readonly number[]): boolean[] {
  const order = completionMs
    .map((_, i) => i)
    .sort((a, b) => (completionMs[a] ?? 0) - (completionMs[b] ?? 0));
  const times = order.map((i) => completionMs[i] ?? 0);
  const flagged = new Array<boolean>(times.length).fill(false);
  let end = 0;
  let coveredUntil = -1;
  for (let start = 0; start < times.length; start++) {
    if (end < start) end = start;
    while (end + 1 < times.length && (times[end + 1] ?? 0) < (times[start] ?? 0) + burstWindowMs) {
      end += 1;
    }
    if (end - start + 1 > burstMaxPerWindow) {
      for (let i = Math.max(start, coveredUntil + 1); i <= end; i++) flagged[i] = true;
      coveredUntil = Math.max(coveredUntil, end);
    }
  }
  const result = new Array<boolean>(completionMs.length).fill(false);
  order.forEach((original, sorted) => {
    result[original] = flagged[sorted] ?? false;
  });
  return result;
}
