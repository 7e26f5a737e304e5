/**
 * The wave a response belongs to (v1 rule, server/API.md): the calendar year in
 * Asia/Ho_Chi_Minh when the server receives it. A response received at 23:30 UTC on 31
 * December counts for the next year, because it is already 1 January in Cao Bằng.
 */
export function waveOf(receivedAt: Date): string {
  // Việt Nam has kept UTC+7 all year since 1975, with no summer time: a fixed offset is exact
  // and costs nothing on the submission path (Intl's time-zone lookup cost 20 µs a call).
  return String(new Date(receivedAt.getTime() + vietnamOffsetMs).getUTCFullYear());
}

const vietnamOffsetMs = 7 * 3600_000;
