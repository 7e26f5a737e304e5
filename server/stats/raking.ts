/**
 * The weighted (raked) commune mean of METHOD.md section 8 and its linearised standard error,
 * from per-cell sums. Pure functions, no database, clock or I/O.
 *
 * Why from cell sums: raking gives every respondent of one cell (sex × age band) the same
 * weight, so the weighted mean, the weights' totals and the standard error are all sums over at
 * most 8 cells of n, Σm and Σ(m − cell mean)². The results query keeps those per cell as
 * rollups and never reads single responses.
 *
 * The steps, for one measure's placed respondents (sex female/male, age band answered, measure
 * not null):
 * 1. merge or drop categories that lack people or respondents (`rakingStructure`);
 * 2. pool the original cells into the cells of the merged structure;
 * 3. rake: iterative proportional fitting of the cell weights to the margins, finished by
 *    Newton steps where it crawls (`rakeCells`);
 * 4. mean_w = Σ w·m / Σ w;
 * 5. se_w from the residuals of an ordinary least-squares fit of the cell means on the raking's
 *    design matrix (`linearisedStandardError`).
 *
 * Checked against R's `survey` package (`calibrate(…, calfun = "raking")` then `svymean`) on a
 * few hundred random communes, to about 1e-13 relative: tests/fixtures/raking/. A worked
 * example with every intermediate number is in surveys/METHOD.md ("Worked example: weights").
 */

import {
  type AgeBand,
  ageBands,
  type PopulationMargins,
  type RakingCategory,
  type RakingStructure,
  rakingStructure,
  type SexCategory,
  sexCategories,
} from './raking-categories.ts';
import { linearisedStandardError } from './raking-standard-error.ts';
import { type RakedCell, rakeCells } from './raking-weights.ts';

export {
  type AgeBand,
  ageBands,
  type PopulationMargins,
  type RakingStructure,
  rakingStructure,
  type SexCategory,
  sexCategories,
} from './raking-categories.ts';
export { RAKING_TOLERANCE, type RakedCell, rakeCells } from './raking-weights.ts';

/** One cell's sums for one measure: placed responses whose measure is not null. */
export type CellSums = {
  sex: SexCategory;
  ageBand: AgeBand;
  n: number;
  sum: number;
  sumSquaresAboutMean: number;
};

/** The raked figures of one measure in one commune and wave. */
export type RakedMean = {
  /** Placed responses used (Σ n over cells). */
  n: number;
  /** mean_w = Σ w_i·m_i / Σ w_i. */
  mean: number;
  /** se_w; null when n < 2. */
  se: number | null;
  /** Σ w_i, which equals the population after scaling (the sex total). */
  weightTotal: number;
  /** Kish's effective sample size (Σw)² / Σw². */
  effectiveN: number;
  /** The margins kept after the empty-category rule. */
  margins: ('sex' | 'ageBand')[];
};

/** The raking of one commune's measure: the merged structure and its weighted cells. */
export interface Raking {
  structure: RakingStructure;
  /** The non-empty cells of the merged structure. */
  cells: RakedCell[];
  /** IPF sweeps (a sex step and an age step each). */
  sweeps: number;
  /** Newton steps after slow sweeps (see `rakeCells`). */
  newtonSteps: number;
}

/** Negative Σ(m − mean)² beyond rounding (relative to n·mean²) is refused as inconsistent input. */
const ROUNDING_TOLERANCE = 1e-9;

function validateCell(cell: CellSums): void {
  if (!(Number.isInteger(cell.n) && cell.n >= 0)) {
    throw new RangeError(`cell n must be a whole number ≥ 0, got ${cell.n}`);
  }
  if (!Number.isFinite(cell.sum) || !Number.isFinite(cell.sumSquaresAboutMean)) {
    throw new RangeError(`cell sums must be finite (${cell.sex}, ${cell.ageBand})`);
  }
  if (!sexCategories.includes(cell.sex) || !ageBands.includes(cell.ageBand)) {
    throw new RangeError(`unknown cell category: ${cell.sex}, ${cell.ageBand}`);
  }
  const scale = cell.n === 0 ? 1 : Math.max(1, (cell.sum * cell.sum) / cell.n);
  if (cell.sumSquaresAboutMean < -ROUNDING_TOLERANCE * scale) {
    throw new RangeError(`Σ(m − mean)² cannot be negative: got ${cell.sumSquaresAboutMean}`);
  }
}

function validateMargins(margins: PopulationMargins): void {
  const populations = [...Object.values(margins.sex), ...Object.values(margins.ageBand)];
  for (const population of populations) {
    if (population !== undefined && !(Number.isFinite(population) && population >= 0)) {
      throw new RangeError(`populations must be finite and ≥ 0, got ${population}`);
    }
  }
}

/** Pooled n, Σm and Σ(m − mean)² of a group of cells (the parallel-axis rule). */
interface Pool {
  n: number;
  sum: number;
  sumSquaresAboutMean: number;
}

function addToPool(pool: Pool, cell: Pool): void {
  if (cell.n === 0) return;
  if (pool.n > 0) {
    const difference = cell.sum / cell.n - pool.sum / pool.n;
    pool.sumSquaresAboutMean += (difference * difference * pool.n * cell.n) / (pool.n + cell.n);
  }
  pool.n += cell.n;
  pool.sum += cell.sum;
  pool.sumSquaresAboutMean += Math.max(0, cell.sumSquaresAboutMean);
}

/** The original cells as a [sex][age band] table of pools (duplicate cells are added up). */
function tabulate(cells: readonly CellSums[]): Pool[][] {
  const table = sexCategories.map(() =>
    ageBands.map(() => ({ n: 0, sum: 0, sumSquaresAboutMean: 0 })),
  );
  for (const cell of cells) {
    validateCell(cell);
    const pool = table[sexCategories.indexOf(cell.sex)]?.[ageBands.indexOf(cell.ageBand)];
    if (pool !== undefined) addToPool(pool, cell);
  }
  return table;
}

function categoryIndex<C extends string>(
  categories: readonly RakingCategory<C>[] | null,
  original: C,
): number {
  if (categories === null) return 0;
  return categories.findIndex((category) => category.members.includes(original));
}

/** The original cells pooled into the non-empty cells of the merged structure. */
function mergeCells(table: Pool[][], structure: RakingStructure): Omit<RakedCell, 'weight'>[] {
  const sexIndexOf = sexCategories.map((sex) => categoryIndex(structure.sex, sex));
  const ageIndexOf = ageBands.map((band) => categoryIndex(structure.ageBand, band));
  // At most 2 × 4 merged cells, kept at index sexIndex·4 + ageIndex (sex first, as R orders).
  const merged: (Pool | undefined)[] = [];
  for (const [s, row] of table.entries()) {
    for (const [a, pool] of row.entries()) {
      if (pool.n === 0) continue;
      const slot = (sexIndexOf[s] ?? 0) * ageBands.length + (ageIndexOf[a] ?? 0);
      const entry = merged[slot] ?? { n: 0, sum: 0, sumSquaresAboutMean: 0 };
      addToPool(entry, pool);
      merged[slot] = entry;
    }
  }
  const cells: Omit<RakedCell, 'weight'>[] = [];
  for (const [slot, pool] of merged.entries()) {
    if (pool === undefined) continue;
    cells.push({
      sexIndex: Math.floor(slot / ageBands.length),
      ageIndex: slot % ageBands.length,
      n: pool.n,
      mean: pool.sum / pool.n,
      sumSquaresAboutMean: pool.sumSquaresAboutMean,
    });
  }
  return cells;
}

/**
 * The merged structure and raked cells of one measure in one commune, or `null` when there is
 * no placed response or both margins are dropped. `rakeMean` is built on it; it is exported for
 * the worked example and for anyone who wants to see the weights.
 */
export function rakeCommune(cells: readonly CellSums[], margins: PopulationMargins): Raking | null {
  validateMargins(margins);
  const table = tabulate(cells);
  const counts = table.map((row) => row.map((pool) => pool.n));
  if (counts.flat().every((count) => count === 0)) return null;
  const key = JSON.stringify([counts, margins.sex, margins.ageBand]);
  let fit = rakedFits.get(key);
  if (fit === undefined) {
    const structure = rakingStructure(counts, margins);
    if (structure === null) fit = null;
    else {
      const {
        cells: raked,
        sweeps,
        newtonSteps,
      } = rakeCells(mergeCells(table, structure), structure);
      fit = { structure, weights: raked.map((cell) => cell.weight), sweeps, newtonSteps };
    }
    if (rakedFits.size >= RAKED_FITS_KEPT) rakedFits.clear();
    rakedFits.set(key, fit);
  }
  if (fit === null) return null;
  const { structure, weights, sweeps, newtonSteps } = fit;
  const merged = mergeCells(table, structure);
  return {
    structure,
    cells: merged.map((cell, i) => ({ ...cell, weight: weights[i] as number })),
    sweeps,
    newtonSteps,
  };
}

/**
 * The weights of a raking depend only on how many respondents each cell holds and on the
 * margins, never on their answers. A commune's five measures nearly always have the same
 * respondents, and the same commune is raked again on every results request, so each fit is
 * kept by its counts and margins (a few thousand at most, then forgotten all at once):
 * the same input still gives the same output, only sooner.
 */
const rakedFits = new Map<
  string,
  { structure: RakingStructure; weights: number[]; sweeps: number; newtonSteps: number } | null
>();
const RAKED_FITS_KEPT = 5000;

/**
 * The raked mean of one measure in one commune (METHOD.md section 8), from the sums of its
 * placed respondents per cell. `null` when there is no placed response, or when both margins
 * are dropped (the commune is then unweighted and section 5's figures stand).
 *
 * The mean is formed as reference + Σ w_c·n_c·(cellMean_c − reference) / Σw, so that equal
 * answers give exactly that answer back.
 *
 * @example
 * // Women 70, 90 (18-29) and 65, 70, 75 (60+); men 90 (18-29) and 70 (60+). 30-44 and 45-59
 * // have no people and no respondent: left out. Age bands scaled from 1010 to 1000 people.
 * rakeMean(
 *   [
 *     { sex: 'female', ageBand: '18-29', n: 2, sum: 160, sumSquaresAboutMean: 200 },
 *     { sex: 'female', ageBand: '60+', n: 3, sum: 210, sumSquaresAboutMean: 50 },
 *     { sex: 'male', ageBand: '18-29', n: 1, sum: 90, sumSquaresAboutMean: 0 },
 *     { sex: 'male', ageBand: '60+', n: 1, sum: 70, sumSquaresAboutMean: 0 },
 *   ],
 *   { sex: { female: 500, male: 500 }, ageBand: { '18-29': 500, '60+': 510 } },
 * );
 * // Weights 111.136 and 92.576 (women), 272.777 and 227.223 (men): mean ≈ 77.6783,
 * // se ≈ 2.3116, weightTotal 1000, effectiveN ≈ 5.667 (R's svymean: 77.67827, 2.311564).
 */
export function rakeMean(cells: readonly CellSums[], margins: PopulationMargins): RakedMean | null {
  const raking = rakeCommune(cells, margins);
  if (raking === null) return null;
  const { structure, cells: raked } = raking;
  const n = raked.reduce((sum, cell) => sum + cell.n, 0);
  const weightTotal = raked.reduce((sum, cell) => sum + cell.n * cell.weight, 0);
  const weightSquares = raked.reduce((sum, cell) => sum + cell.n * cell.weight * cell.weight, 0);
  const reference = raked[0]?.mean ?? 0;
  const mean =
    reference +
    raked.reduce((sum, cell) => sum + cell.weight * cell.n * (cell.mean - reference), 0) /
      weightTotal;
  const sexCount = structure.sex?.length ?? 1;
  const ageCount = structure.ageBand?.length ?? 1;
  const kept: RakedMean['margins'] = [];
  if (structure.sex !== null) kept.push('sex');
  if (structure.ageBand !== null) kept.push('ageBand');
  return {
    n,
    mean,
    se: n < 2 ? null : linearisedStandardError(raked, sexCount, ageCount),
    weightTotal,
    effectiveN: (weightTotal * weightTotal) / weightSquares,
    margins: kept,
  };
}
