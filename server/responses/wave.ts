/**
 * The calendar year in Asia/Ho_Chi_Minh at an instant: the wave a response belonged to before
 * waves were records (v1 rule), and still the id of the calendar-year waves made from such
 * data and of a new install's first wave. Submissions are assigned by server/waves/assign-wave.ts.
 * A response received at 23:30 UTC on 31 December is in the next year, because it is already
 * 1 January in Cao Bằng.
 */
export function waveOf(receivedAt: Date): string {
  // Việt Nam has kept UTC+7 all year since 1975, with no summer time: a fixed offset is exact
  // and costs nothing on the submission path (Intl's time-zone lookup cost 20 µs a call).
  return String(new Date(receivedAt.getTime() + vietnamOffsetMs).getUTCFullYear());
}

const vietnamOffsetMs = 7 * 3600_000;
