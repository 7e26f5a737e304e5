import {
  type AgeBand,
  ageBands,
  type CellSums,
  type PopulationMargins,
  type RakedSummary,
  rakeMean,
  type SexCategory,
  sexCategories,
  summarise,
  summariseRaked,
} from '../stats/index.ts';
import type { CellRollup, MeasureRollup } from './queries.ts';
import { keptRakedFigures } from './raked-figures-memo.ts';
import type { MeasureSummary, Weighting } from './schema.ts';

/** One measure of one commune, as a results row gives it, and its chance of meeting 90. */
export type MeasureFigures = {
  summary: MeasureSummary;
  pMeets: number | null;
  weighting: Weighting;
};

const emptyRollup = { n: 0, sum: 0, sumSquaresAboutMean: 0 };

const isSex = (value: string): value is SexCategory =>
  (sexCategories as readonly string[]).includes(value);
const isAgeBand = (value: string): value is AgeBand =>
  (ageBands as readonly string[]).includes(value);

/** The cells with a sex and an age band; the rest of the measure's n is unplaced. */
export function placedCells(cells: readonly CellRollup[]): CellSums[] {
  const placed: CellSums[] = [];
  for (const cell of cells) {
    if (cell.n === 0 || !isSex(cell.sex) || !isAgeBand(cell.ageBand)) continue;
    placed.push({
      sex: cell.sex,
      ageBand: cell.ageBand,
      n: cell.n,
      sum: cell.sum,
      sumSquaresAboutMean: cell.sumSquaresAboutMean,
    });
  }
  return placed;
}

/**
 * The raked figures of one measure's placed cells, or null when raking does not apply (no
 * placed response, both margins dropped). Kept by their inputs (`raked-figures-memo.ts`): a
 * results request asks again for every commune·measure whose rollups have not changed.
 */
function rakedFigures(
  placed: readonly CellSums[],
  margins: PopulationMargins,
  threshold: number,
): RakedSummary | null {
  if (placed.length === 0) return null;
  return keptRakedFigures(placed, margins, threshold, () => {
    const raked = rakeMean(placed, margins);
    return raked ? summariseRaked(raked, threshold) : null;
  });
}

/**
 * A measure's figures: raked to the commune's margins (METHOD.md section 8) when it has margins,
 * weighting is asked for and raking applies (some placed response, a margin kept), otherwise the
 * unweighted figures of section 5. `n` is always the count of responses with the measure; a
 * raked figure's interval and chance use only the placed ones.
 */
export function measureFigures(input: {
  total: MeasureRollup | undefined;
  cells: readonly CellRollup[];
  margins: PopulationMargins | undefined;
  weights: Weighting;
  threshold: number;
}): MeasureFigures {
  const total = input.total ?? emptyRollup;
  if (input.weights === 'raked' && input.margins) {
    const figures = rakedFigures(placedCells(input.cells), input.margins, input.threshold);
    if (figures) {
      return {
        weighting: 'raked',
        pMeets: figures.pMeets,
        summary: {
          n: total.n,
          mean: figures.mean,
          ciLow: figures.ciLow,
          ciHigh: figures.ciHigh,
          se: figures.se,
          effectiveN: figures.effectiveN,
          unplaced: total.n - figures.n,
        },
      };
    }
  }
  const plain = summarise(total, input.threshold);
  return {
    weighting: 'none',
    pMeets: plain.pMeets,
    summary: { n: plain.n, mean: plain.mean, ciLow: plain.ciLow, ciHigh: plain.ciHigh },
  };
}
