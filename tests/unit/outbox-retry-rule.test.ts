import { describe, expect, it } from 'vitest';
import {
  type Answer,
  judgeAnswer,
  parseRetryAfter,
  retryDelay,
} from '../../web/src/shared/outbox-retry-rule.ts';

const now = Date.parse('2026-03-01T08:00:00Z');
const answer = (status: number, extra: Partial<NonNullable<Answer>> = {}): Answer => ({
  status,
  retryAfter: null,
  receiptMatches: false,
  ...extra,
});
const middle = () => 0.5;

describe('judgeAnswer: what the outbox does with each answer', () => {
  it.each([200, 201])(
    '%i with the receipt of this response: stored, deleted from the device',
    (status) => {
      expect(judgeAnswer(answer(status, { receiptMatches: true }), 0, now)).toEqual({
        kind: 'stored',
      });
    },
  );

  it('200 that is not this response’s receipt (a captive portal’s page): kept and retried', () => {
    expect(judgeAnswer(answer(200), 0, now, middle)).toEqual({ kind: 'retry', delayMs: 1500 });
  });

  it.each([400, 401, 403, 404, 409, 413, 415, 422])('%i: final, never sent again', (status) => {
    expect(judgeAnswer(answer(status), 3, now)).toEqual({ kind: 'final', status });
  });

  it.each([500, 502, 503, 504])('%i: kept, retried with the backoff', (status) => {
    expect(judgeAnswer(answer(status), 0, now, middle)).toEqual({ kind: 'retry', delayMs: 1500 });
    expect(judgeAnswer(answer(status), 3, now, middle)).toEqual({
      kind: 'retry',
      delayMs: 12_000,
    });
  });

  it('no answer at all (offline, connection reset): kept, retried with the backoff', () => {
    expect(judgeAnswer(null, 1, now, middle)).toEqual({ kind: 'retry', delayMs: 3000 });
  });

  it('408 (the request timed out on the way): kept, retried', () => {
    expect(judgeAnswer(answer(408), 0, now, middle).kind).toBe('retry');
  });

  it('429 with Retry-After in seconds: waits at least that long, spread up to half again', () => {
    const limited = answer(429, { retryAfter: '60' });
    expect(judgeAnswer(limited, 0, now, () => 0)).toEqual({ kind: 'retry', delayMs: 60_000 });
    expect(judgeAnswer(limited, 0, now, () => 0.999_999).kind).toBe('retry');
    const latest = judgeAnswer(limited, 0, now, () => 0.999_999);
    expect(latest.kind === 'retry' && latest.delayMs).toBeGreaterThan(89_000);
    expect(latest.kind === 'retry' && latest.delayMs).toBeLessThan(90_000);
  });

  it('429 with Retry-After as a date: waits until then', () => {
    const at = new Date(now + 30_000).toUTCString();
    expect(judgeAnswer(answer(429, { retryAfter: at }), 0, now, () => 0)).toEqual({
      kind: 'retry',
      delayMs: 30_000,
    });
  });

  it('429 without a readable Retry-After: the usual backoff', () => {
    for (const retryAfter of [null, '', 'soon', '-5']) {
      expect(judgeAnswer(answer(429, { retryAfter }), 2, now, middle)).toEqual({
        kind: 'retry',
        delayMs: 6000,
      });
    }
  });

  it('429 with Retry-After 0 still waits a second, not a tight loop', () => {
    expect(judgeAnswer(answer(429, { retryAfter: '0' }), 0, now, () => 0)).toEqual({
      kind: 'retry',
      delayMs: 1000,
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and dates, and caps an absurd wait at an hour', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(new Date(now - 5000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('999999', now)).toBe(3_600_000);
    expect(parseRetryAfter('Fri, 01 Mar 2999 00:00:00 GMT', now)).toBe(3_600_000);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
  });
});

describe('retryDelay', () => {
  it('doubles from about 2 s up to 5 minutes, jittered over the upper half', () => {
    expect(retryDelay(0, () => 0)).toBe(1000);
    expect(retryDelay(0, () => 1)).toBe(2000);
    expect(retryDelay(4, () => 1)).toBe(32_000);
    expect(retryDelay(20, () => 0)).toBe(150_000);
    expect(retryDelay(20, () => 1)).toBe(300_000);
  });
});
