import { describe, expect, it } from 'vitest';
import { judgeWave } from '../../server/waves/assign-wave.ts';
import { projectTargetDay } from '../../server/waves/progress.ts';
import type { WaveRecord } from '../../server/waves/queries.ts';
import { datesOverlap, vietnamDate, waveState } from '../../server/waves/wave-dates.ts';

const wave: WaveRecord = {
  id: '2026-dot1',
  name: 'Đợt 1 năm 2026',
  opensOn: '2026-03-01',
  closesOn: '2026-06-30',
  questionnaireId: 'q',
  target: null,
  closedAt: null,
};
const at = (iso: string) => new Date(iso);
const assigned = (completed: string, received = completed) =>
  'wave' in judgeWave(wave, at(completed), at(received));

describe('wave assignment (server/API.md "Waves"), in UTC+7', () => {
  it('takes a completion from 00:00 on the opening day, not a millisecond before', () => {
    expect(assigned('2026-03-01T00:00:00+07:00')).toBe(true);
    expect(assigned('2026-02-28T17:00:00Z')).toBe(true); // the same instant
    expect(assigned('2026-02-28T23:59:59.999+07:00')).toBe(false);
  });

  it('takes a completion up to the end of the closing day, not at 00:00 the day after', () => {
    expect(assigned('2026-06-30T23:59:59.999+07:00')).toBe(true);
    expect(assigned('2026-07-01T00:00:00+07:00')).toBe(false);
  });

  it('takes a late arrival on day 14 after closing, all day, and refuses it on day 15', () => {
    const completed = '2026-06-30T20:00:00+07:00';
    expect(assigned(completed, '2026-07-14T00:00:00+07:00')).toBe(true);
    expect(assigned(completed, '2026-07-14T23:59:59.999+07:00')).toBe(true);
    const refused = judgeWave(wave, at(completed), at('2026-07-15T00:00:00+07:00'));
    expect(refused).toEqual({ refusal: expect.stringContaining('2026-07-14') });
  });

  it('refuses with no wave, and after an admin closed the wave early', () => {
    expect(
      judgeWave(null, at('2026-05-01T10:00:00+07:00'), at('2026-05-01T10:00:00+07:00')),
    ).toEqual({
      refusal: expect.stringContaining('2026-05-01'),
    });
    const closed = { ...wave, closesOn: '2026-05-01', closedAt: at('2026-05-01T10:00:00+07:00') };
    expect(
      'wave' in judgeWave(closed, at('2026-05-01T09:59:59+07:00'), at('2026-05-10T00:00:00Z')),
    ).toBe(true);
    expect(
      'wave' in judgeWave(closed, at('2026-05-01T10:00:00+07:00'), at('2026-05-01T10:00:00+07:00')),
    ).toBe(false);
  });

  it('says the state and the day as Cao Bằng sees them', () => {
    expect(vietnamDate(at('2026-02-28T17:00:00Z'))).toBe('2026-03-01');
    expect(waveState(wave, at('2026-02-28T16:59:59Z'))).toBe('planned');
    expect(waveState(wave, at('2026-02-28T17:00:00Z'))).toBe('open');
    expect(waveState(wave, at('2026-06-30T17:00:00Z'))).toBe('closed');
  });

  it('calls waves sharing one day overlapping, and neighbours not', () => {
    expect(datesOverlap(wave, { opensOn: '2026-06-30', closesOn: '2026-08-01' })).toBe(true);
    expect(datesOverlap(wave, { opensOn: '2026-07-01', closesOn: '2026-08-01' })).toBe(false);
    expect(datesOverlap(wave, { opensOn: '2026-01-01', closesOn: '2026-12-31' })).toBe(true);
  });
});

describe('projected day to reach a target', () => {
  it('goes at the last 7 days’ pace, rounded up to a whole day', () => {
    expect(projectTargetDay({ responses: 10, target: 30, lastSevenDays: 7 }, '2026-03-01')).toBe(
      '2026-03-21',
    );
    expect(projectTargetDay({ responses: 29, target: 30, lastSevenDays: 2 }, '2026-03-01')).toBe(
      '2026-03-05',
    );
  });
  it('has none when reached or with no recent pace', () => {
    expect(
      projectTargetDay({ responses: 30, target: 30, lastSevenDays: 7 }, '2026-03-01'),
    ).toBeNull();
    expect(
      projectTargetDay({ responses: 3, target: 30, lastSevenDays: 0 }, '2026-03-01'),
    ).toBeNull();
  });
});
