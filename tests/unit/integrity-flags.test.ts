import { describe, expect, it } from 'vitest';
import { answersFingerprint } from '../../server/integrity/answers-fingerprint.ts';
import { burstMembers, burstWindowMs } from '../../server/integrity/burst.ts';
import { ownFlags } from '../../server/integrity/own-flags.ts';
import { isStraightLine } from '../../server/integrity/straight-line.ts';
import { countAnswered, isTooFast } from '../../server/integrity/too-fast.ts';
import { questionnaire } from '../helpers/test-app.ts';

const minute = 60_000;
const { scoring, questions } = questionnaire;
const names = scoring.items.map((item) => item.name);

/** The first `count` scored items answered `value`, the rest "don't know". */
const sameOn = (count: number, value: number) =>
  Object.fromEntries(names.map((name, i) => [name, i < count ? value : 98]));

/** A plain oracle: for each time, does some window [s, s + 10 min) with s a time hold > 10 and it? */
function oracle(times: number[]): boolean[] {
  return times.map((t) =>
    times.some(
      (s) =>
        s <= t &&
        t < s + burstWindowMs &&
        times.filter((u) => u >= s && u < s + burstWindowMs).length > 10,
    ),
  );
}

describe('burst (METHOD.md section 7)', () => {
  it('exactly 10 in a window is allowed; 11 flag all eleven', () => {
    const ten = Array.from({ length: 10 }, (_, i) => i * 0.5 * minute);
    expect(burstMembers(ten)).toEqual(ten.map(() => false));
    expect(burstMembers([...ten, 5 * minute])).toEqual([...ten, 0].map(() => true));
  });

  it('is half-open: 11 times spanning exactly 10 minutes are no burst, 9.99 minutes are', () => {
    const spanTen = Array.from({ length: 11 }, (_, i) => i * minute);
    expect(burstMembers(spanTen).some(Boolean)).toBe(false);
    const spanLess = [...spanTen.slice(0, 10), 9.99 * minute];
    expect(burstMembers(spanLess).every(Boolean)).toBe(true);
  });

  it('flags only members of a burst window, in any input order', () => {
    const burst = Array.from({ length: 11 }, (_, i) => 100 * minute + i * 20_000);
    const times = [0, ...burst, 200 * minute].reverse();
    expect(burstMembers(times)).toEqual(times.map((t) => t !== 0 && t !== 200 * minute));
  });

  it('counts ties: 11 completions at the same instant are a burst', () => {
    expect(burstMembers(Array.from({ length: 11 }, () => 5 * minute)).every(Boolean)).toBe(true);
  });

  it('agrees with a plain reading of the rule on random kiosk days', () => {
    let state = 12345;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    for (let run = 0; run < 200; run++) {
      const n = Math.floor(random() * 40);
      const spread = (5 + random() * 60) * minute;
      const times = Array.from({ length: n }, () => Math.floor(random() * spread));
      expect(burstMembers(times)).toEqual(oracle(times));
    }
  });
});

describe('straight_line (METHOD.md section 7)', () => {
  it('needs at least 12 valid items: 11 the same are not a straight line, 12 are', () => {
    expect(isStraightLine(scoring, sameOn(11, 7))).toBe(false);
    expect(isStraightLine(scoring, sameOn(12, 7))).toBe(true);
  });

  it('counts raw values, so the same answer on a reverse item is part of the line', () => {
    const reverse = scoring.items.find((item) => item.reverse);
    expect(reverse).toBeDefined();
    const all10 = Object.fromEntries(names.map((name) => [name, 10]));
    expect(isStraightLine(scoring, all10)).toBe(true);
    const honestBest = Object.fromEntries(
      scoring.items.map((item) => [item.name, item.reverse ? 0 : 10]),
    );
    expect(isStraightLine(scoring, honestBest)).toBe(false);
  });

  it('ignores missing codes and skips, and any other valid value breaks it', () => {
    expect(isStraightLine(scoring, { ...sameOn(24, 4), [names[3] as string]: 99 })).toBe(true);
    const skipped = sameOn(24, 4);
    delete skipped[names[3] as string];
    expect(isStraightLine(scoring, skipped)).toBe(true);
    expect(isStraightLine(scoring, { ...sameOn(24, 4), [names[3] as string]: 5 })).toBe(false);
  });
});

describe('too_fast (METHOD.md section 7)', () => {
  it('counts every question with any answer, missing codes included', () => {
    expect(countAnswered({ a: 7, b: 98, c: null, d: '', e: 'Tốt', f: [], g: ['x'] })).toBe(4);
  });

  it('is strictly under 2 s per answer, and needs both times', () => {
    const t0 = '2026-05-01T10:00:00.000Z';
    expect(isTooFast(t0, '2026-05-01T10:00:55.999Z', 28)).toBe(true);
    expect(isTooFast(t0, '2026-05-01T10:00:56.000Z', 28)).toBe(false);
    expect(isTooFast(null, '2026-05-01T10:00:01.000Z', 28)).toBe(false);
    expect(isTooFast(t0, null, 28)).toBe(false);
  });

  it('goes together with straight_line in ownFlags', () => {
    const answers = Object.fromEntries(names.map((name) => [name, 10]));
    expect(
      ownFlags(scoring, {
        answers,
        startedAt: '2026-05-01T10:00:00Z',
        completedAt: '2026-05-01T10:00:20Z',
      }),
    ).toEqual(['too_fast', 'straight_line']);
    expect(
      ownFlags(scoring, { answers: sameOn(5, 3), startedAt: null, completedAt: null }),
    ).toEqual([]);
  });
});

describe('answers fingerprint (duplicate)', () => {
  const base = sameOn(24, 6);
  it('ignores free text, key order and skipped questions', () => {
    expect(questions.get('comment')?.type).toBe('comment');
    const a = answersFingerprint(questions, { ...base, comment: 'Tốt lắm' });
    const b = answersFingerprint(
      questions,
      Object.fromEntries(Object.entries({ comment: 'Khác', ...base }).reverse()),
    );
    const c = answersFingerprint(questions, { ...base, sex: null });
    expect(a).toBe(b);
    expect(a).toBe(c);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when any answer that is not free text differs', () => {
    expect(answersFingerprint(questions, base)).not.toBe(
      answersFingerprint(questions, { ...base, [names[0] as string]: 5 }),
    );
    expect(answersFingerprint(questions, base)).not.toBe(
      answersFingerprint(questions, { ...base, sex: 'female' }),
    );
  });
});
