import { type DimensionKey, dimensionKeys, type MeasureKey } from '../questionnaires/schema.ts';
import {
  communeStatus,
  headline,
  orderByRank,
  type PopulationMargins,
  rankCommunes,
  type Summary,
} from '../stats/index.ts';
import type { CellRollup, MeasureRollup, ReviewCounts } from './queries.ts';
import type { CommuneResult, MeasureSummary, WaveResults, Weighting } from './schema.ts';
import { measureFigures } from './weighted-measure.ts';

/** The rules of METHOD.md section 6, with their defaults 90, 30 and 0.9 set in configuration. */
export type ResultRules = { threshold: number; minN: number; targetShare: number };

const noReviews: ReviewCounts = { excluded: 0, flaggedUnreviewed: 0 };

export function toMeasureSummary(summary: Summary): MeasureSummary {
  return { n: summary.n, mean: summary.mean, ciLow: summary.ciLow, ciHigh: summary.ciHigh };
}

/**
 * A wave's results for every commune of the reference list, from its rollups alone
 * (METHOD.md sections 5, 6 and 8). Pure: the same rollups give the same figures anywhere.
 * Communes are listed in rank order, then the insufficient ones by code; a commune with no
 * responses is listed too, as insufficient with n 0. The rollups hold only responses not
 * excluded by review; `reviewCounts` (none when absent) says how many were excluded and how
 * many flagged ones await review.
 *
 * Weighting: a commune with `margins` is raked (section 8) unless `weights` is `none`. Its
 * status still needs the unweighted n ≥ minN; meeting, confidence, rank and the headline then
 * use the weighted mean and interval.
 */
export function computeWaveResults(input: {
  wave: string;
  communes: ReadonlyArray<{ code: string; name: string }>;
  rollups: readonly MeasureRollup[];
  cells?: readonly CellRollup[];
  margins?: ReadonlyMap<string, PopulationMargins>;
  weights?: Weighting;
  rules: ResultRules;
  reviewCounts?: ReadonlyMap<string, ReviewCounts>;
}): Omit<WaveResults, 'questionnaireId'> {
  const { rules } = input;
  const weights = input.weights ?? 'raked';
  const totals = new Map(input.rollups.map((r) => [`${r.communeCode}/${r.measure}`, r]));
  const cells = new Map<string, CellRollup[]>();
  for (const cell of input.cells ?? []) {
    const key = `${cell.communeCode}/${cell.measure}`;
    const list = cells.get(key);
    if (list) list.push(cell);
    else cells.set(key, [cell]);
  }
  const figuresOf = (code: string, measure: MeasureKey) =>
    measureFigures({
      total: totals.get(`${code}/${measure}`),
      cells: cells.get(`${code}/${measure}`) ?? [],
      margins: input.margins?.get(code),
      weights,
      threshold: rules.threshold,
    });

  const unranked = input.communes.map((commune) => {
    const overall = figuresOf(commune.code, 'overall');
    const n = overall.summary.n;
    const standing = communeStatus(n, overall.summary.mean, overall.summary.ciLow, rules);
    const dimensions = Object.fromEntries(
      dimensionKeys.map((key) => [key, figuresOf(commune.code, key).summary]),
    ) as Record<DimensionKey, MeasureSummary>;
    return {
      code: commune.code,
      name: commune.name,
      weighting: overall.weighting,
      n,
      status: standing.status,
      rank: null as number | null,
      confident: standing.confident,
      pMeets: overall.pMeets,
      overall: overall.summary,
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
