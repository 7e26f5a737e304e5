/**
 * The wave a response belongs to (v1 rule, API.md): the calendar year in Asia/Ho_Chi_Minh
 * when the server receives it. A response received at 23:30 UTC on 31 December counts for
 * the next year, because it is already 1 January in Cao Bằng.
 */
export function waveOf(receivedAt: Date): string {
  return yearFormat.format(receivedAt);
}

const yearFormat = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' });
