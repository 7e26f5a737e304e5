import type { CommunesTable } from '../communes/communes.table.ts';
import { type DimensionKey, dimensionKeys } from '../questionnaires/schema.ts';
import { integerBetween, normal, type Random } from './random.ts';

export type DemoCommune = Pick<CommunesTable, 'code' | 'kind'>;

/** The survey rounds the demo fills: a baseline year and the current one. */
export const demoWaves = ['2025', '2026'] as const;

/** One commune in one wave: how many answer, and how well off its residents are. */
export type DemoCell = {
  communeCode: string;
  kind: DemoCommune['kind'];
  wave: string;
  count: number;
  /** The typical item score (0–100) of a resident, per dimension, before personal variation. */
  levels: Record<DimensionKey, number>;
  /** Share answering on the web; the rest are paper forms typed in later. */
  webShare: number;
  /** Relative weights of the `ethnicity` choices in this commune. */
  ethnicity: Record<string, number>;
};

/**
 * Province-wide shares of the main groups (Cao Bằng is mostly Tày and Nùng); each commune
 * varies around them, and wards hold more Kinh.
 */
const provinceEthnicity: Record<string, number> = {
  tay: 40,
  nung: 30,
  hmong: 10,
  dao: 10,
  kinh: 6,
  san_chay: 2,
  lo_lo: 1,
  other: 1,
};

/**
 * How dimensions tend to differ across the province (centred on 0): opportunity (jobs, roads,
 * signal) lags in a mountainous border province; community life and culture are strong.
 */
const provincePattern: Record<DimensionKey, number> = {
  security: 2,
  opportunity: -4,
  culture: 3,
  trust: -1,
};

/**
 * The latent level that comes out as a commune mean of about 90–93: answers are capped at the
 * top of the scale, so a commune has to sit above 90 to average 90.
 */
const highLevel = { min: 94, max: 98 };
const usualLevel = { mean: 75, sd: 7, min: 60, max: 87 };

/**
 * Decides, from the seed, what every commune looks like in every wave: a handful (5–8) that
 * already reach 90, most between about 60 and 88, wave 2026 a little better than 2025 on
 * average, and 3–4 communes with too few responses in one wave to be ranked (fewer than 30,
 * whatever the total). The rest of the responses go to communes by a size weight.
 */
export function planDemo(
  random: Random,
  communes: readonly DemoCommune[],
  responses: number,
): DemoCell[] {
  const sorted = [...communes].sort((a, b) => a.code.localeCompare(b.code));
  const high = pickDistinct(random, sorted, integerBetween(random, 5, 8), (commune) =>
    commune.kind === 'ward' ? 3 : 1,
  );
  const sparse = pickDistinct(
    random,
    sorted.filter((commune) => !high.has(commune)),
    integerBetween(random, 3, 4),
    () => 1,
  );
  const cells: Array<DemoCell & { size: number; sparse: boolean }> = [];
  for (const commune of sorted) {
    const latest = high.has(commune)
      ? highLevel.min + random.float() * (highLevel.max - highLevel.min)
      : clamp(normal(random, usualLevel.mean, usualLevel.sd), usualLevel.min, usualLevel.max);
    const gain = normal(random, 1.8, 1.6);
    const offsets = dimensionOffsets(random, latest);
    const size = Math.exp(normal(random, 0, 0.4)) * (commune.kind === 'ward' ? 1.4 : 1);
    const webShare =
      commune.kind === 'ward' ? 0.75 + 0.15 * random.float() : 0.4 + 0.3 * random.float();
    const ethnicity = communeEthnicity(random, commune.kind);
    const sparseWave = sparse.has(commune) ? demoWaves[integerBetween(random, 0, 1)] : null;
    for (const wave of demoWaves) {
      const level = wave === '2026' ? latest : latest - gain;
      const levels = Object.fromEntries(
        dimensionKeys.map((key) => [
          key,
          clamp(level + offsets[key] + normal(random, 0, 1), 0, 100),
        ]),
      ) as Record<DimensionKey, number>;
      cells.push({
        communeCode: commune.code,
        kind: commune.kind,
        wave,
        count: 0,
        levels,
        webShare,
        ethnicity,
        size: size * Math.exp(normal(random, 0, 0.1)),
        sparse: wave === sparseWave,
      });
    }
  }
  allocateCounts(random, cells, responses);
  return cells.map(({ size: _size, sparse: _sparse, ...cell }) => cell);
}

/** Dimension offsets around the commune level, narrower near the top of the scale. */
function dimensionOffsets(random: Random, level: number): Record<DimensionKey, number> {
  const spread = clamp((100 - level) / 20, 0.25, 1);
  const raw = dimensionKeys.map((key) => provincePattern[key] + normal(random, 0, 3.5));
  const mean = raw.reduce((sum, x) => sum + x, 0) / raw.length;
  return Object.fromEntries(
    dimensionKeys.map((key, i) => [key, ((raw[i] ?? 0) - mean) * spread]),
  ) as Record<DimensionKey, number>;
}

function communeEthnicity(random: Random, kind: DemoCommune['kind']): Record<string, number> {
  return Object.fromEntries(
    Object.entries(provinceEthnicity).map(([group, share]) => {
      const urban = kind === 'ward' ? ({ kinh: 4, hmong: 0.3, dao: 0.5 }[group] ?? 1) : 1;
      return [group, share * urban * Math.exp(normal(random, 0, 0.5))];
    }),
  );
}

/**
 * Sparse cells get 8–27 responses (never more than half a fair share, so a tiny demo stays
 * proportionate); the others share the rest by size, by largest remainder so the total is
 * exactly `responses`.
 */
function allocateCounts(
  random: Random,
  cells: Array<{ count: number; size: number; sparse: boolean }>,
  responses: number,
) {
  const sparseCap = Math.floor(responses / (cells.length * 2));
  let left = responses;
  for (const cell of cells) {
    if (!cell.sparse) continue;
    cell.count = Math.min(integerBetween(random, 8, 27), sparseCap);
    left -= cell.count;
  }
  const others = cells.filter((cell) => !cell.sparse);
  const totalSize = others.reduce((sum, cell) => sum + cell.size, 0);
  const shares = others.map((cell) => (left * cell.size) / totalSize);
  others.forEach((cell, i) => {
    cell.count = Math.floor(shares[i] ?? 0);
  });
  let remainder = left - others.reduce((sum, cell) => sum + cell.count, 0);
  const byFraction = others
    .map((cell, i) => ({ cell, fraction: (shares[i] ?? 0) - cell.count }))
    .sort((a, b) => b.fraction - a.fraction);
  for (const { cell } of byFraction) {
    if (remainder <= 0) break;
    cell.count += 1;
    remainder -= 1;
  }
}

/** `count` distinct items drawn with probability proportional to `weight`. */
function pickDistinct<T>(
  random: Random,
  items: readonly T[],
  count: number,
  weight: (item: T) => number,
): Set<T> {
  const picked = new Set<T>();
  while (picked.size < Math.min(count, items.length)) {
    const open = items.filter((item) => !picked.has(item));
    const total = open.reduce((sum, item) => sum + weight(item), 0);
    let left = random.float() * total;
    const choice = open.find((item) => {
      left -= weight(item);
      return left < 0;
    });
    picked.add(choice ?? (open[open.length - 1] as T));
  }
  return picked;
}

function clamp(x: number, min: number, max: number) {
  return Math.min(max, Math.max(min, x));
}
