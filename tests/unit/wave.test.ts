import { describe, expect, it } from 'vitest';
import { waveOf } from '../../server/responses/wave.ts';

// Cao Bằng keeps Asia/Ho_Chi_Minh time, UTC+7 all year: a new year starts at 17:00 UTC on
// 31 December.
describe('waveOf', () => {
  it.each([
    ['2026-12-31T16:59:59Z', '2026'],
    ['2026-12-31T16:59:59.999Z', '2026'],
    ['2026-12-31T17:00:00Z', '2027'],
    ['2026-12-31T23:30:00Z', '2027'],
    ['2027-01-01T00:00:00Z', '2027'],
    ['2025-12-31T17:00:00Z', '2026'],
    ['2026-01-01T00:00:00+07:00', '2026'],
    ['2025-12-31T23:59:59+07:00', '2025'],
    ['2026-06-15T12:00:00Z', '2026'],
    ['2026-07-01T03:00:00+07:00', '2026'],
    ['2030-03-01T00:00:00Z', '2030'],
  ])('%s → %s', (iso, expected) => {
    expect(waveOf(new Date(iso))).toBe(expected);
  });

  it('gives a four-digit year string', () => {
    expect(waveOf(new Date('2026-06-15T12:00:00Z'))).toMatch(/^\d{4}$/);
  });
});
