import { type DimensionKey, dimensionKeys, type MeasureKey } from '../questionnaires/schema.ts';
import {
  communeStatus,
  headline,
  orderByRank,
  rankCommunes,
  type Summary,
  summarise,
} from '../stats/index.ts';
import type { MeasureRollup, ReviewCounts } from './queries.ts';
import type { CommuneResult, MeasureSummary, WaveResults } from './schema.ts';

/** The rules of METHOD.md section 6, with their defaults 90, 30 and 0.9 set in configuration. */
export type ResultRules = { threshold: number; minN: number; targetShare: number };

const emptyRollup = { n: 0, sum: 0, sumSquaresAboutMean: 0 };
const noReviews: ReviewCounts = { excluded: 0, flaggedUnreviewed: 0 };

export function toMeasureSummary(summary: Summary): MeasureSummary {
  return { n: summary.n, mean: summary.mean, ciLow: summary.ciLow, ciHigh: summary.ciHigh };
}

/**
 * A wave's results for every commune of the reference list, from its rollups alone
 * (METHOD.md sections 5 and 6). Pure: the same rollups give the same figures anywhere.
 * Communes are listed in rank order, then the insufficient ones by code; a commune with no
 * responses is listed too, as insufficient with n 0. The rollups hold only responses not
 * excluded by review; `reviewCounts` (none when absent) says how many were excluded and how
 * many flagged ones await review.
 */
export function computeWaveResults(input: {
  wave: string;
  communes: ReadonlyArray<{ code: string; name: string }>;
  rollups: readonly MeasureRollup[];
  rules: ResultRules;
  reviewCounts?: ReadonlyMap<string, ReviewCounts>;
}): Omit<WaveResults, 'questionnaireId'> {
  const { rules } = input;
  const byKey = new Map(input.rollups.map((r) => [`${r.communeCode}/${r.measure}`, r]));
  const summaryOf = (code: string, measure: MeasureKey) =>
    summarise(byKey.get(`${code}/${measure}`) ?? emptyRollup, rules.threshold);

  const unranked = input.communes.map((commune) => {
    const overall = summaryOf(commune.code, 'overall');
    const standing = communeStatus(overall.n, overall.mean, overall.ciLow, rules);
    const dimensions = Object.fromEntries(
      dimensionKeys.map((key) => [key, toMeasureSummary(summaryOf(commune.code, key))]),
    ) as Record<DimensionKey, MeasureSummary>;
    return {
      code: commune.code,
      name: commune.name,
      n: overall.n,
      status: standing.status,
      rank: null as number | null,
      confident: standing.confident,
      pMeets: overall.pMeets,
      overall: toMeasureSummary(overall),
      dimensions,
      ...(input.reviewCounts?.get(commune.code) ?? noReviews),
    } satisfies CommuneResult;
  });
  const ranks = rankCommunes(
    unranked.map((c) => ({ code: c.code, mean: c.overall.mean, status: c.status })),
  );
  const communes = orderByRank(unranked.map((c) => ({ ...c, rank: ranks.get(c.code) ?? null })));
  const meeting = communes.filter((c) => c.status === 'meets').length;
  return {
    wave: input.wave,
    threshold: rules.threshold,
    minN: rules.minN,
    headline: headline({ total: communes.length, meeting, targetShare: rules.targetShare }),
    communes,
  };
}

/**
 * The dimension that most holds a commune below the threshold: the largest weighted
 * shortfall W_d·(threshold − D̄_d). With equal weights this is simply the lowest dimension
 * below the threshold; null when no dimension falls short (or none has a mean).
 */
export function weakestDimension(
  dimensions: Record<DimensionKey, { mean: number | null }>,
  weights: Record<DimensionKey, number>,
  threshold: number,
): DimensionKey | null {
  let weakest: DimensionKey | null = null;
  let largest = 0;
  for (const key of dimensionKeys) {
    const mean = dimensions[key].mean;
    if (mean === null) continue;
    const shortfall = weights[key] * (threshold - mean);
    if (shortfall > largest) {
      largest = shortfall;
      weakest = key;
    }
  }
  return weakest;
}
