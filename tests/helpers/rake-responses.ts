/**
 * METHOD.md section 8 done the long way, response by response, for the API tests: a check of
 * the server's raking from cell sums that shares no code with it. Weights are raked per
 * response (iterative proportional fitting), the residuals come from an ordinary least-squares
 * fit solved by Gaussian elimination, and the standard error is the section's formula summed
 * over the responses themselves.
 */

const ageOrder = ['18-29', '30-44', '45-59', '60+'];

export type PlacedValue = { sex: string; ageBand: string; value: number };
export type Margins = { sex: Record<string, number>; ageBand: Record<string, number> };
export type RakedByResponses = { n: number; mean: number; se: number; effectiveN: number };

/** The categories a margin keeps after the empty-category rule, each as the categories it merges. */
function mergedAgeBands(values: readonly PlacedValue[], population: Record<string, number>) {
  let groups = ageOrder
    .filter((band) => (population[band] ?? 0) > 0 || values.some((v) => v.ageBand === band))
    .map((band) => ({ bands: [band], population: population[band] ?? 0 }));
  const empty = (g: { bands: string[] }) => !values.some((v) => g.bands.includes(v.ageBand));
  for (let i = groups.findIndex(empty); i >= 0 && groups.length > 1; i = groups.findIndex(empty)) {
    const into = i + 1 < groups.length ? i + 1 : i - 1;
    const [a, b] = [groups[i], groups[into]];
    if (!a || !b) break;
    const merged = { bands: [...a.bands, ...b.bands], population: a.population + b.population };
    groups = groups.filter((_, k) => k !== i && k !== into);
    groups.splice(Math.min(i, into), 0, merged);
  }
  return groups.length > 1 ? groups : [];
}

function solve(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i] as number]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) {
      if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    }
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const p = a[col] as number[];
    for (let r = 0; r < n; r += 1) {
      if (r === col) continue;
      const row = a[r] as number[];
      const f = (row[col] as number) / (p[col] as number);
      for (let c = col; c <= n; c += 1) row[c] = (row[c] as number) - f * (p[c] as number);
    }
  }
  return a.map((row, i) => (row[n] as number) / (row[i] as number));
}

/** Null when the commune ends up unweighted (both margins dropped) or has nobody placed. */
export function rakeResponses(
  values: readonly PlacedValue[],
  margins: Margins,
): RakedByResponses | null {
  if (values.length === 0) return null;
  const sexGroups = ['female', 'male']
    .filter((s) => (margins.sex[s] ?? 0) > 0 || values.some((v) => v.sex === s))
    .map((s) => ({ bands: [s], population: margins.sex[s] ?? 0 }));
  const sexKept =
    sexGroups.length > 1 && sexGroups.every((g) => values.some((v) => v.sex === g.bands[0]))
      ? sexGroups
      : [];
  const ageKept = mergedAgeBands(values, margins.ageBand);
  if (sexKept.length === 0 && ageKept.length === 0) return null;
  const sexTotal = sexKept.reduce((t, g) => t + g.population, 0);
  const ageTotal = ageKept.reduce((t, g) => t + g.population, 0);
  if (sexKept.length > 0 && ageKept.length > 0) {
    for (const g of ageKept) g.population *= sexTotal / ageTotal;
  }
  const margin = [
    ...(sexKept.length > 0 ? [{ groups: sexKept, of: (v: PlacedValue) => v.sex }] : []),
    ...(ageKept.length > 0 ? [{ groups: ageKept, of: (v: PlacedValue) => v.ageBand }] : []),
  ];
  const groupOf = (m: (typeof margin)[number], v: PlacedValue) =>
    m.groups.findIndex((g) => g.bands.includes(m.of(v)));

  const w = values.map(() => 1);
  for (let iteration = 0; iteration < 10_000; iteration += 1) {
    let worst = 0;
    for (const m of margin) {
      const totals = m.groups.map(() => 0);
      values.forEach((v, i) => {
        const g = groupOf(m, v);
        totals[g] = (totals[g] as number) + (w[i] as number);
      });
      values.forEach((v, i) => {
        const g = groupOf(m, v);
        w[i] = (w[i] as number) * ((m.groups[g]?.population as number) / (totals[g] as number));
      });
    }
    for (const m of margin) {
      const totals = m.groups.map(() => 0);
      values.forEach((v, i) => {
        const g = groupOf(m, v);
        totals[g] = (totals[g] as number) + (w[i] as number);
      });
      m.groups.forEach((g, k) => {
        worst = Math.max(worst, Math.abs((totals[k] as number) / g.population - 1));
      });
    }
    if (worst < 1e-12) break;
  }

  const n = values.length;
  const sumW = w.reduce((t, x) => t + x, 0);
  const mean = values.reduce((t, v, i) => t + (w[i] as number) * v.value, 0) / sumW;
  // Design matrix: intercept, then one indicator per kept category but the first of each margin.
  const x = values.map((v) => [
    1,
    ...margin.flatMap((m) => m.groups.slice(1).map((_, k) => (groupOf(m, v) === k + 1 ? 1 : 0))),
  ]);
  const p = x[0]?.length ?? 1;
  const xtx = Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (_, b) =>
      x.reduce((t, row) => t + (row[a] as number) * (row[b] as number), 0),
    ),
  );
  const y = values.map((v) => v.value - mean);
  const xty = Array.from({ length: p }, (_, a) =>
    x.reduce((t, row, i) => t + (row[a] as number) * (y[i] as number), 0),
  );
  const beta = solve(xtx, xty);
  const u = values.map((_, i) => {
    const fitted = (x[i] as number[]).reduce((t, xi, k) => t + xi * (beta[k] as number), 0);
    return (w[i] as number) * ((y[i] as number) - fitted);
  });
  const uBar = u.reduce((t, ui) => t + ui, 0) / n;
  const se =
    n > 1 ? Math.sqrt((n / (n - 1)) * u.reduce((t, ui) => t + (ui - uBar) ** 2, 0)) / sumW : 0;
  const effectiveN = sumW ** 2 / w.reduce((t, wi) => t + wi * wi, 0);
  return { n, mean, se, effectiveN };
}
