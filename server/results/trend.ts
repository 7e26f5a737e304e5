import type { Db } from '../db/database.ts';
import { summarise } from '../stats/index.ts';
import { computeWaveResults, type ResultRules, toMeasureSummary } from './compute-results.ts';
import { findPopulationMargins } from './population-margins.ts';
import { findOverallRollups, findProvinceRollups } from './queries.ts';
import type { Weighting } from './schema.ts';

/**
 * Every wave's headline, the province's pooled overall score and each commune's overall
 * score (raked where the commune has margins, METHOD.md section 8; the province's pooled
 * score is unweighted): the road to the target year. From the rollups alone, so its cost grows with the
 * number of waves, never with the number of responses.
 */
export async function computeTrend(
  db: Db,
  options: {
    communes: ReadonlyArray<{ code: string; name: string }>;
    rules: ResultRules;
    targetYear: number;
    weights?: Weighting;
  },
) {
  const weights = options.weights ?? 'raked';
  const margins = weights === 'raked' ? await findPopulationMargins(db) : undefined;
  const [overall, province] = await Promise.all([
    findOverallRollups(db, [...(margins?.keys() ?? [])]),
    findProvinceRollups(db),
  ]);
  const waves = [...new Set(overall.totals.map((r) => r.wave))].sort();
  return {
    threshold: options.rules.threshold,
    minN: options.rules.minN,
    targetYear: options.targetYear,
    waves: waves.map((wave) => {
      const results = computeWaveResults({
        wave,
        communes: options.communes,
        rollups: overall.totals.filter((r) => r.wave === wave),
        cells: overall.cells.filter((r) => r.wave === wave),
        margins,
        weights,
        rules: options.rules,
      });
      const pooled = province.find((r) => r.wave === wave) ?? {
        n: 0,
        sum: 0,
        sumSquaresAboutMean: 0,
      };
      return {
        wave,
        headline: results.headline,
        province: toMeasureSummary(summarise(pooled, options.rules.threshold)),
        communes: results.communes
          .map((c) => ({
            code: c.code,
            n: c.n,
            mean: c.overall.mean,
            ciLow: c.overall.ciLow,
            ciHigh: c.overall.ciHigh,
            status: c.status,
          }))
          .sort((a, b) => a.code.localeCompare(b.code)),
      };
    }),
  };
}
