/**
 * The heatmap's colour bands: how far a mean is from the threshold, in points. Five bands
 * rather than a smooth scale, so that a reader can name a cell's band from the legend and a
 * test can check it; each band's text colour keeps at least 4.5:1 contrast on its fill.
 */
export type Band = 'reached' | 'near' | 'short' | 'far' | 'veryFar' | 'none';

/** Lower edges of the bands, as `mean − threshold`; `reached` is 0 or more. */
export const bandEdges = [
  { band: 'reached', from: 0 },
  { band: 'near', from: -5 },
  { band: 'short', from: -10 },
  { band: 'far', from: -20 },
  { band: 'veryFar', from: Number.NEGATIVE_INFINITY },
] as const satisfies ReadonlyArray<{ band: Band; from: number }>;

/**
 * The band of a mean against the threshold; `none` without a mean (no answers, or a
 * commune with too few responses to judge: the caller passes null for those).
 *
 * @example bandOf(91.2, 90) // 'reached'
 * @example bandOf(86.0, 90) // 'near'  (4 points short)
 * @example bandOf(80.0, 90) // 'short' (exactly 10 short: the edge belongs to the nearer band)
 * @example bandOf(65.0, 90) // 'veryFar'
 */
export function bandOf(mean: number | null, threshold: number): Band {
  if (mean === null || Number.isNaN(mean)) return 'none';
  const distance = mean - threshold;
  return bandEdges.find((edge) => distance >= edge.from)?.band ?? 'veryFar';
}
