/**
 * What the outbox does with the server's answer to one submission. Pure (no DOM, no clock
 * but the `now` given), so the rule is tested on its own.
 *
 * - `stored`: 200 or 201 with the receipt of this very response: delete it from the device.
 * - `retry`: the server may take it later. 5xx (503 `database_unavailable` while the database
 *   is away, 500, a proxy's 502/504), no answer at all (offline, connection reset), 429 and
 *   408 (temporary by definition), and anything that is not the API's receipt (a captive
 *   portal's login page answers 200 with HTML). The server's idempotency makes retries safe.
 * - `final`: any other 4xx. The server has judged this request (invalid, conflicting, too
 *   large, a revoked kiosk token) and sending it again would only repeat that, for ever.
 */
export type Verdict =
  | { kind: 'stored' }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'final'; status: number };

/** The answer as the outbox saw it: `null` when fetch itself failed (no network). */
export type Answer = {
  status: number;
  /** The `Retry-After` header, when the answer had one. */
  retryAfter: string | null;
  /** Whether the body was a receipt for the item's id (only looked at on 200/201). */
  receiptMatches: boolean;
} | null;

/** 2 s, 4 s, 8 s … up to 5 minutes, with jitter so a village's phones do not retry in step. */
export function retryDelay(attempts: number, random = Math.random) {
  const base = Math.min(2000 * 2 ** attempts, 5 * 60_000);
  return base / 2 + random() * (base / 2);
}

/** Longer than this, a `Retry-After` is not believed: an answer must not wait for days. */
const maxRetryAfterMs = 60 * 60_000;

/**
 * `Retry-After` in milliseconds from `now` (seconds, or an HTTP date), or null when absent
 * or unreadable. Capped at an hour.
 */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  // V8 reads "1.5" or "-5" as dates; an HTTP date always has letters (a day or month name).
  const ms = /^\d+$/.test(text)
    ? Number(text) * 1000
    : /[a-z]/i.test(text)
      ? Date.parse(text) - now
      : Number.NaN;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), maxRetryAfterMs);
}

/**
 * The verdict on one answer, for an item already tried `attempts` times before this one.
 * On 429 the server's `Retry-After` is honoured, spread over up to half as long again so
 * phones behind one address (one rate limit) do not all come back in the same second.
 */
export function judgeAnswer(
  answer: Answer,
  attempts: number,
  now: number,
  random = Math.random,
): Verdict {
  const backoff = () => ({ kind: 'retry' as const, delayMs: retryDelay(attempts, random) });
  if (answer === null) return backoff();
  const { status } = answer;
  if (status === 200 || status === 201) {
    return answer.receiptMatches ? { kind: 'stored' } : backoff();
  }
  if (status === 429) {
    const wait = parseRetryAfter(answer.retryAfter, now);
    if (wait === null) return backoff();
    return { kind: 'retry', delayMs: Math.max(wait * (1 + random() / 2), 1000) };
  }
  if (status === 408) return backoff();
  if (status >= 400 && status < 500) return { kind: 'final', status };
  return backoff();
}
