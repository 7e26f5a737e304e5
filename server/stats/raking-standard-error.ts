/**
 * The Taylor-linearised standard error of a raked mean, METHOD.md section 8, from cell sums.
 * Pure functions, no I/O.
 *
 * The method, per respondent i: r_i is the residual of m_i − mean_w from an ordinary
 * (unweighted) least-squares fit on the raking's design matrix X (an intercept and one
 * indicator per kept category but the first of each margin); u_i = w_i·r_i, ū their average;
 * se_w = √( n/(n−1) · Σ(u_i − ū)² ) / Σw_i. This is what R's `survey` package computes for a
 * raked design (`svyrecvar` replaces the influence values by their residuals on the
 * calibration variables, then takes the with-replacement variance of a single-stage sample).
 *
 * From cell sums: X is constant within a cell c (of the merged structure), so the fit is a
 * least-squares fit of the cell means on X weighted by n_c, with fitted value a_c. Write
 * d_c = cellMean_c − a_c. Within c, u_i − ū = w_c·(m_i − cellMean_c) + (w_c·d_c − ū), and the
 * first term sums to 0 over the cell, so
 *
 *     Σ_i∈c (u_i − ū)² = w_c²·Σ_i∈c (m_i − cellMean_c)² + n_c·(w_c·d_c − ū)²,
 *     ū = Σ_c n_c·w_c·d_c / n.
 *
 * Only n_c, cellMean_c and Σ(m − cellMean_c)² are needed, and identical answers give exactly 0.
 * The fit's intercept absorbs mean_w, so the cell means are fitted as they are (less a common
 * reference value, which keeps the arithmetic small and exact when all means are equal).
 */

import { solveLinearSystem } from './linear-system.ts';
import type { RakedCell } from './raking-weights.ts';

/** The row of X for a cell: intercept, then the indicators of all but the first category. */
function designRow(cell: RakedCell, sexCount: number, ageCount: number): number[] {
  const row = [1];
  for (let s = 1; s < sexCount; s += 1) row.push(cell.sexIndex === s ? 1 : 0);
  for (let a = 1; a < ageCount; a += 1) row.push(cell.ageIndex === a ? 1 : 0);
  return row;
}

/**
 * d_c = cellMean_c − a_c for each cell. With one margin kept, every merged cell is one
 * category and the fit reproduces the cell means: d_c = 0 exactly. With both, the additive fit
 * (intercept + sex + age group) is solved from its normal equations Xᵀ N X β = Xᵀ N y.
 */
function cellResiduals(cells: readonly RakedCell[], sexCount: number, ageCount: number): number[] {
  if (sexCount === 1 || ageCount === 1) return cells.map(() => 0);
  const reference = cells[0]?.mean ?? 0;
  const rows = cells.map((cell) => designRow(cell, sexCount, ageCount));
  const size = rows[0]?.length ?? 0;
  const normal = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const rhs = new Array<number>(size).fill(0);
  for (const [c, cell] of cells.entries()) {
    const row = rows[c] as number[];
    const y = cell.mean - reference;
    for (let i = 0; i < size; i += 1) {
      rhs[i] = (rhs[i] ?? 0) + cell.n * (row[i] ?? 0) * y;
      const normalRow = normal[i] as number[];
      for (let j = 0; j < size; j += 1) {
        normalRow[j] = (normalRow[j] ?? 0) + cell.n * (row[i] ?? 0) * (row[j] ?? 0);
      }
    }
  }
  const beta = solveLinearSystem(normal, rhs);
  return cells.map((cell, c) => {
    const fitted = (rows[c] as number[]).reduce((sum, x, i) => sum + x * (beta[i] ?? 0), 0);
    return cell.mean - reference - fitted;
  });
}

/**
 * se_w of METHOD.md section 8 for raked cells (n = Σ n_c ≥ 2), with `sexCount` and `ageCount`
 * the number of categories of each margin (1 for a dropped margin).
 */
export function linearisedStandardError(
  cells: readonly RakedCell[],
  sexCount: number,
  ageCount: number,
): number {
  const n = cells.reduce((sum, cell) => sum + cell.n, 0);
  const weightTotal = cells.reduce((sum, cell) => sum + cell.n * cell.weight, 0);
  const residuals = cellResiduals(cells, sexCount, ageCount);
  const uBar =
    cells.reduce((sum, cell, c) => sum + cell.n * cell.weight * (residuals[c] ?? 0), 0) / n;
  const spread = cells.reduce((sum, cell, c) => {
    const offset = cell.weight * (residuals[c] ?? 0) - uBar;
    return sum + cell.weight * cell.weight * cell.sumSquaresAboutMean + cell.n * offset * offset;
  }, 0);
  return Math.sqrt((n / (n - 1)) * spread) / weightTotal;
}
