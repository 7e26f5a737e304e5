import { describe, expect, it } from 'vitest';
import {
  type CommuneStatus,
  communeStatus,
  headline,
  orderByRank,
  rankCommunes,
} from '../../server/stats/ranking.ts';

const rules = { minN: 30, threshold: 90 };

describe('communeStatus', () => {
  it.each([
    { n: 0, mean: null, ciLow: null, status: 'insufficient', confident: false },
    { n: 29, mean: 99, ciLow: 95, status: 'insufficient', confident: false },
    { n: 30, mean: 90, ciLow: 88, status: 'meets', confident: false },
    { n: 30, mean: 89.999, ciLow: 88, status: 'below', confident: false },
    { n: 200, mean: 93, ciLow: 90, status: 'meets', confident: true },
    { n: 200, mean: 93, ciLow: 89.99, status: 'meets', confident: false },
    { n: 200, mean: 93, ciLow: null, status: 'meets', confident: false },
  ] as const)('n $n, mean $mean, ciLow $ciLow → $status, confident $confident', (row) => {
    expect(communeStatus(row.n, row.mean, row.ciLow, rules)).toEqual({
      status: row.status,
      confident: row.confident,
    });
  });

  it('treats a missing mean as insufficient even when minN is 0', () => {
    expect(communeStatus(0, null, null, { minN: 0, threshold: 90 }).status).toBe('insufficient');
  });
});

interface Row {
  code: string;
  mean: number | null;
  status: CommuneStatus;
}

function ranksOf(rows: Row[]): Record<string, number | null> {
  return Object.fromEntries(rankCommunes(rows));
}

describe('rankCommunes', () => {
  it('shares ranks between equal means and skips the next (1, 2, 2, 4)', () => {
    expect(
      ranksOf([
        { code: 'a', mean: 95, status: 'meets' },
        { code: 'b', mean: 91, status: 'meets' },
        { code: 'c', mean: 91, status: 'meets' },
        { code: 'd', mean: 80, status: 'below' },
      ]),
    ).toEqual({ a: 1, b: 2, c: 2, d: 4 });
  });

  it('ranks by the mean rounded half up to 2 decimals', () => {
    // 89.994 → 8999.4 → 8999 and 89.9949 → 8999.49 → 8999: both 89.99, so they tie;
    // 89.995 → 8999.5 → 9000 (half up): 90.00, ahead of them.
    expect(
      ranksOf([
        { code: 'x', mean: 89.994, status: 'below' },
        { code: 'y', mean: 89.9949, status: 'below' },
        { code: 'z', mean: 89.995, status: 'below' },
        { code: 'w', mean: 89.98, status: 'below' },
      ]),
    ).toEqual({ z: 1, x: 2, y: 2, w: 4 });
  });

  it('leaves insufficient communes out, whatever their mean', () => {
    expect(
      ranksOf([
        { code: 'a', mean: 99, status: 'insufficient' },
        { code: 'b', mean: 92, status: 'meets' },
        { code: 'c', mean: null, status: 'insufficient' },
        { code: 'd', mean: 85, status: 'below' },
      ]),
    ).toEqual({ a: null, b: 1, c: null, d: 2 });
  });

  it('ranks every commune 1 when all means round alike, and handles no communes', () => {
    expect(
      ranksOf([
        { code: 'a', mean: 90.001, status: 'meets' },
        { code: 'b', mean: 90.004, status: 'meets' },
        { code: 'c', mean: 89.996, status: 'below' },
      ]),
    ).toEqual({ a: 1, b: 1, c: 1 });
    expect(rankCommunes([]).size).toBe(0);
  });

  it('refuses a ranked commune without a mean, and a code given twice', () => {
    expect(() => rankCommunes([{ code: 'a', mean: null, status: 'below' }])).toThrow(RangeError);
    expect(() =>
      rankCommunes([
        { code: 'a', mean: 90, status: 'meets' },
        { code: 'a', mean: 80, status: 'below' },
      ]),
    ).toThrow(RangeError);
  });
});

describe('orderByRank', () => {
  it('puts ranked communes in rank order (ties by code), then the rest by code', () => {
    const rows = [
      { code: '01300', rank: null },
      { code: '01279', rank: 2 },
      { code: '01273', rank: 2 },
      { code: '01290', rank: 1 },
      { code: '01276', rank: null },
      { code: '01288', rank: 4 },
    ];
    const before = rows.map((row) => row.code);
    expect(orderByRank(rows).map((row) => row.code)).toEqual([
      '01290',
      '01273',
      '01279',
      '01288',
      '01276',
      '01300',
    ]);
    expect(rows.map((row) => row.code)).toEqual(before);
  });
});

describe('headline', () => {
  it.each([
    // 56 communes: 50.4 < needed; 50/56 ≈ 0.893, 51/56 ≈ 0.911.
    { total: 56, meeting: 51, targetShare: 0.9, needed: 51, targetMet: true },
    { total: 56, meeting: 50, targetShare: 0.9, needed: 51, targetMet: false },
    { total: 56, meeting: 56, targetShare: 0.9, needed: 51, targetMet: true },
    { total: 56, meeting: 0, targetShare: 0.9, needed: 51, targetMet: false },
    // 9 of 10 is exactly 90%, not more.
    { total: 10, meeting: 9, targetShare: 0.9, needed: 10, targetMet: false },
    { total: 10, meeting: 10, targetShare: 0.9, needed: 10, targetMet: true },
    // 7 of 10 is exactly 70%, though 0.7 as a double is a hair below 7/10.
    { total: 10, meeting: 7, targetShare: 0.7, needed: 8, targetMet: false },
    { total: 1, meeting: 1, targetShare: 0.9, needed: 1, targetMet: true },
    { total: 1, meeting: 0, targetShare: 0.9, needed: 1, targetMet: false },
    // "More than 0%": one commune is enough, none is not.
    { total: 56, meeting: 0, targetShare: 0, needed: 1, targetMet: false },
    { total: 56, meeting: 1, targetShare: 0, needed: 1, targetMet: true },
    { total: 4, meeting: 3, targetShare: 0.75, needed: 4, targetMet: false },
  ])('$meeting of $total at $targetShare: needed $needed, met $targetMet', (row) => {
    expect(headline(row)).toEqual({
      total: row.total,
      meeting: row.meeting,
      share: row.meeting / row.total,
      targetShare: row.targetShare,
      targetMet: row.targetMet,
      needed: row.needed,
    });
  });

  it('matches integer arithmetic for decimal targets, for every total up to 120', () => {
    // targetShare = numerator/100 exactly as a decimal; k/total > numerator/100 exactly when
    // 100·k > numerator·total, so needed = ⌊numerator·total/100⌋ + 1.
    const mismatches: string[] = [];
    for (const numerator of [0, 10, 25, 30, 50, 60, 70, 75, 80, 90, 95, 99]) {
      const targetShare = numerator / 100;
      for (let total = 1; total <= 120; total++) {
        const needed = Math.floor((numerator * total) / 100) + 1;
        for (let meeting = 0; meeting <= total; meeting++) {
          const result = headline({ total, meeting, targetShare });
          if (result.needed !== needed || result.targetMet !== 100 * meeting > numerator * total) {
            mismatches.push(`${meeting} of ${total} at ${targetShare}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it.each([
    { total: 0, meeting: 0, targetShare: 0.9 },
    { total: 56.5, meeting: 0, targetShare: 0.9 },
    { total: 56, meeting: 57, targetShare: 0.9 },
    { total: 56, meeting: -1, targetShare: 0.9 },
    { total: 56, meeting: 1.5, targetShare: 0.9 },
    { total: 56, meeting: 1, targetShare: 1 },
    { total: 56, meeting: 1, targetShare: -0.1 },
    { total: 56, meeting: 1, targetShare: Number.NaN },
  ])('refuses total $total, meeting $meeting, targetShare $targetShare', (input) => {
    expect(() => headline(input)).toThrow(RangeError);
  });
});
