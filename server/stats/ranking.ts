/**
 * Status, rank and the province's target: METHOD.md section 6.
 */

export type CommuneStatus = 'insufficient' | 'meets' | 'below';

/** The two settings of section 6 (defaults in METHOD.md: minN 30, threshold 90). */
export interface StatusRules {
  /** A commune with fewer overall responses than this is `insufficient`. */
  minN: number;
  /** The CB-HPI a commune must reach, on the 0–100 scale. */
  threshold: number;
}

export interface CommuneStanding {
  status: CommuneStatus;
  /** The whole 95% interval is at or above the threshold. */
  confident: boolean;
}

/**
 * A commune's status and whether its meeting the threshold is statistically clear.
 *
 * Why: the target counts communes that meet the threshold, but a mean from a handful of
 * answers says little, so below `minN` overall responses a commune is `insufficient`: shown to
 * staff, never ranked, never counted as meeting. A null mean (no responses) is insufficient
 * too, whatever `minN` is. Otherwise `meets` when the unrounded overall mean ≥ threshold, else
 * `below`; `confident` when, besides, the interval's lower end is ≥ threshold (never for an
 * insufficient commune or a missing interval).
 *
 * @example
 * const rules = { minN: 30, threshold: 90 };
 * communeStatus(12, 95, 91, rules); // { status: 'insufficient', confident: false }: n < 30
 * communeStatus(40, 92.5, 90.2, rules); // { status: 'meets', confident: true }
 * communeStatus(40, 91, 88.4, rules); // { status: 'meets', confident: false }: 88.4 < 90
 * communeStatus(40, 89.99, 87, rules); // { status: 'below', confident: false }
 */
export function communeStatus(
  overallN: number,
  overallMean: number | null,
  ciLow: number | null,
  rules: StatusRules,
): CommuneStanding {
  if (overallN < rules.minN || overallMean === null) {
    return { status: 'insufficient', confident: false };
  }
  return {
    status: overallMean >= rules.threshold ? 'meets' : 'below',
    confident: ciLow !== null && ciLow >= rules.threshold,
  };
}

/** What `rankCommunes` needs of each commune. */
export interface RankInput {
  code: string;
  /** The overall mean, unrounded; may be null only for an insufficient commune. */
  mean: number | null;
  status: CommuneStatus;
}

/**
 * The rank of every commune by overall mean, as METHOD.md section 6 defines it.
 *
 * Why rounded: a mean of 89.994 and one of 89.9949 are shown alike (89.99), and ranking them
 * apart would claim a difference no published figure shows. The key is exactly the method's
 * `Math.round(mean × 100)`, floating-point product and all, so that anyone recomputing in
 * JavaScript gets the same ranks: 89.995 × 100 is 8999.5 in doubles and ranks as 90.00.
 * Highest first; equal keys share a rank and the next rank skips ("competition ranking":
 * 1, 2, 2, 4). Insufficient communes get null.
 *
 * @example
 * rankCommunes([
 *   { code: '01', mean: 93, status: 'meets' },
 *   { code: '02', mean: 89.994, status: 'below' },
 *   { code: '03', mean: 89.9949, status: 'below' }, // 8999 like '02'
 *   { code: '04', mean: 80, status: 'below' },
 *   { code: '05', mean: 99, status: 'insufficient' },
 * ]); // Map { '01' → 1, '02' → 2, '03' → 2, '04' → 4, '05' → null }
 */
export function rankCommunes(rows: readonly RankInput[]): Map<string, number | null> {
  const ranks = new Map<string, number | null>();
  const keys: { code: string; key: number }[] = [];
  for (const row of rows) {
    if (ranks.has(row.code)) {
      throw new RangeError(`commune ${row.code} appears twice`);
    }
    ranks.set(row.code, null);
    if (row.status === 'insufficient') {
      continue;
    }
    if (row.mean === null || !Number.isFinite(row.mean)) {
      throw new RangeError(`commune ${row.code} is ${row.status} but has no finite mean`);
    }
    keys.push({ code: row.code, key: Math.round(row.mean * 100) });
  }
  keys.sort((a, b) => b.key - a.key);
  let rank = 0;
  keys.forEach((entry, index) => {
    if (keys[index - 1]?.key !== entry.key) {
      rank = index + 1;
    }
    ranks.set(entry.code, rank);
  });
  return ranks;
}

function compareCodes(a: string, b: string): number {
  // Plain code-unit order: commune codes are digit strings, and a locale must not reorder them.
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Communes in the order of the results page and API: ranked ones by rank (equal ranks by
 * code), then the unranked (insufficient) ones by code. Returns a new array.
 *
 * Why a helper: server/API.md fixes this order, and both the route and the page's exports
 * need it.
 *
 * @example
 * orderByRank([
 *   { code: '03', rank: 2 },
 *   { code: '05', rank: null },
 *   { code: '04', rank: null },
 *   { code: '02', rank: 2 },
 *   { code: '01', rank: 1 },
 * ]).map((row) => row.code); // ['01', '02', '03', '04', '05']
 */
export function orderByRank<T extends { code: string; rank: number | null }>(
  rows: readonly T[],
): T[] {
  return [...rows].sort((a, b) => {
    if (a.rank === null || b.rank === null) {
      if (a.rank !== b.rank) {
        return a.rank === null ? 1 : -1;
      }
      return compareCodes(a.code, b.code);
    }
    return a.rank - b.rank || compareCodes(a.code, b.code);
  });
}

export interface HeadlineInput {
  /** Communes in the reference list (56 for Cao Bằng), counted whether or not they answered. */
  total: number;
  /** Communes whose status is `meets`. */
  meeting: number;
  /** The share the target requires more than (0.9: "more than 90% of communes"). */
  targetShare: number;
}

export interface Headline {
  total: number;
  meeting: number;
  /** meeting / total. */
  share: number;
  targetShare: number;
  /** share > targetShare, strictly. */
  targetMet: boolean;
  /** The fewest meeting communes that would meet the target. */
  needed: number;
}

/**
 * The wave's headline: how many communes meet the threshold, and whether the province's
 * target ("more than 90% of communes") is met.
 *
 * Why `needed` is searched, not computed as ⌈total·targetShare⌉: the target is strict, and
 * floating point blurs the boundary (10 × 0.9 is exactly 9, yet 9 of 10 is not more than 90%;
 * 0.7 is a hair below 7/10 as a double). So `needed` is the smallest k for which k / total >
 * targetShare holds with exactly the comparison that decides `targetMet`, starting from
 * ⌊total·targetShare⌋ + 1 and stepping until that holds and k − 1 does not; hence
 * `targetMet === meeting >= needed` always.
 *
 * @example
 * headline({ total: 56, meeting: 51, targetShare: 0.9 });
 * // { total: 56, meeting: 51, share: 0.9107…, targetShare: 0.9, targetMet: true, needed: 51 }
 * // (50/56 ≈ 0.893 is not more than 0.9; 51/56 ≈ 0.911 is)
 * headline({ total: 10, meeting: 9, targetShare: 0.9 }).needed; // 10: 9/10 is not more than 90%
 */
export function headline({ total, meeting, targetShare }: HeadlineInput): Headline {
  if (!(Number.isInteger(total) && total >= 1)) {
    throw new RangeError(`total must be a whole number ≥ 1, got ${total}`);
  }
  if (!(Number.isInteger(meeting) && meeting >= 0 && meeting <= total)) {
    throw new RangeError(`meeting must be a whole number from 0 to ${total}, got ${meeting}`);
  }
  if (!(targetShare >= 0 && targetShare < 1)) {
    // At 1 or more, no share could be "more than" it.
    throw new RangeError(`targetShare must be at least 0 and below 1, got ${targetShare}`);
  }
  const exceeds = (count: number) => count / total > targetShare;
  let needed = Math.min(total, Math.floor(total * targetShare) + 1);
  while (needed > 1 && exceeds(needed - 1)) {
    needed--;
  }
  while (!exceeds(needed)) {
    needed++;
  }
  const share = meeting / total;
  return { total, meeting, share, targetShare, targetMet: exceeds(meeting), needed };
}
