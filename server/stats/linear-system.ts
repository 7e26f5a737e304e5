/**
 * A small dense linear system A·x = b, solved by Gaussian elimination with partial pivoting
 * (W. H. Press et al., Numerical Recipes, 3rd ed., 2007, 2.1–2.2). Pure; for the raking's
 * normal equations and Newton steps, at most 5 × 5.
 *
 * A zero right-hand side gives exactly x = 0 (the standard error of equal answers relies on it).
 */
export function solveLinearSystem(
  matrix: readonly (readonly number[])[],
  rhs: readonly number[],
): number[] {
  const size = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i] ?? 0]);
  for (let column = 0; column < size; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < size; row += 1) {
      if (Math.abs(a[row]?.[column] ?? 0) > Math.abs(a[pivot]?.[column] ?? 0)) pivot = row;
    }
    const pivotRow = a[pivot] as number[];
    a[pivot] = a[column] as number[];
    a[column] = pivotRow;
    const divisor = pivotRow[column] ?? 0;
    if (divisor === 0) throw new Error('singular linear system');
    for (let row = column + 1; row < size; row += 1) {
      const current = a[row] as number[];
      const factor = (current[column] ?? 0) / divisor;
      if (factor === 0) continue;
      for (let k = column; k <= size; k += 1) {
        current[k] = (current[k] ?? 0) - factor * (pivotRow[k] ?? 0);
      }
    }
  }
  const x = new Array<number>(size).fill(0);
  for (let row = size - 1; row >= 0; row -= 1) {
    const current = a[row] as number[];
    let value = current[size] ?? 0;
    for (let k = row + 1; k < size; k += 1) value -= (current[k] ?? 0) * (x[k] ?? 0);
    x[row] = value / (current[row] ?? 1);
  }
  return x;
}
