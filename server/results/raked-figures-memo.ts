import {
  ageBands,
  type CellSums,
  type PopulationMargins,
  type RakedSummary,
  sexCategories,
} from '../stats/index.ts';

/**
 * The raked figures of a commune·measure, kept by the very numbers they are computed from: the
 * threshold, the commune's margins and its placed cells (sex, age band, n, Σm, Σ(m − mean)²).
 *
 * Why: `GET /api/results` rakes 56 communes × 5 measures on every request, and while a
 * commune's rollups and margins are unchanged its figures are too. A key made of every input
 * number, compared bit for bit, is exact by construction, so there is nothing to invalidate:
 * new responses or new margins make another key, and a figure is only ever served for exactly
 * the inputs it came from. Each cell has its place in the key (sex × age band), so the order
 * the database lists them in does not matter, as it does not to the raking; two cells for the
 * same place (which the raking pools, in their order) are not kept at all.
 *
 * Why numbers and not a text key: printing some forty doubles per commune·measure cost more
 * than the lookups saved. The key is hashed from the doubles' bits; entries whose hashes
 * collide are told apart by comparing all their bits.
 *
 * Bounded: beyond `RAKED_FIGURES_KEPT` the least recently used go first. That is several times
 * one request's 280 commune·measures, so the trend's waves and both weightings fit too.
 */
export const RAKED_FIGURES_KEPT = 4096;

type Figures = RakedSummary | null;
type Entry = { key: Uint32Array; figures: Figures };

/** Threshold, which margins are given, six populations, then n, Σm, Σ(m − mean)² per place. */
const HEAD = 8;
const PER_CELL = 3;
const KEY_LENGTH = HEAD + PER_CELL * sexCategories.length * ageBands.length;
const scratch = new Float64Array(KEY_LENGTH);
const scratchBits = new Uint32Array(scratch.buffer);

/** Map order is recency order: a hit is moved to the end, the front is the oldest. */
const kept = new Map<number, Entry[]>();
let keptCount = 0;

/**
 * Writes the key into `scratch`; false for two cells in one place, or a cell with no place or
 * no respondent. A place without a cell keeps n 0, which is how the raking reads it.
 */
function writeKey(
  cells: readonly CellSums[],
  margins: PopulationMargins,
  threshold: number,
): boolean {
  const { sex, ageBand } = margins;
  scratch.fill(0);
  scratch[0] = threshold;
  // A missing category is set apart from a given 0 (the same figures, but not the same input).
  scratch[1] =
    (sex.female === undefined ? 0 : 1) |
    (sex.male === undefined ? 0 : 2) |
    (ageBand['18-29'] === undefined ? 0 : 4) |
    (ageBand['30-44'] === undefined ? 0 : 8) |
    (ageBand['45-59'] === undefined ? 0 : 16) |
    (ageBand['60+'] === undefined ? 0 : 32);
  scratch[2] = sex.female ?? 0;
  scratch[3] = sex.male ?? 0;
  scratch[4] = ageBand['18-29'] ?? 0;
  scratch[5] = ageBand['30-44'] ?? 0;
  scratch[6] = ageBand['45-59'] ?? 0;
  scratch[7] = ageBand['60+'] ?? 0;
  for (const cell of cells) {
    const s = sexCategories.indexOf(cell.sex);
    const a = ageBands.indexOf(cell.ageBand);
    // Anything the raking would refuse or read otherwise is left to it, unkept.
    if (s < 0 || a < 0 || !(cell.n > 0)) return false;
    const at = HEAD + PER_CELL * (s * ageBands.length + a);
    if (scratch[at] !== 0) return false;
    scratch[at] = cell.n;
    scratch[at + 1] = cell.sum;
    scratch[at + 2] = cell.sumSquaresAboutMean;
  }
  return true;
}

/** A 32-bit hash of the key's bits (FNV-1a over 32-bit words, with a final avalanche). */
function hashKey(): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < scratchBits.length; i += 1) {
    hash = Math.imul(hash ^ (scratchBits[i] as number), 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

function sameKey(key: Uint32Array): boolean {
  for (let i = 0; i < key.length; i += 1) {
    if (key[i] !== scratchBits[i]) return false;
  }
  return true;
}

function forgetOldest(): void {
  const oldest = kept.entries().next();
  if (oldest.done) return;
  const [hash, entries] = oldest.value;
  entries.shift();
  keptCount -= 1;
  if (entries.length === 0) kept.delete(hash);
}

/**
 * The figures kept for these inputs, else those `compute` gives (then kept). `null` is a result
 * too (raking does not apply) and is kept like any other; a `compute` that throws keeps nothing.
 */
export function keptRakedFigures(
  cells: readonly CellSums[],
  margins: PopulationMargins,
  threshold: number,
  compute: () => Figures,
): Figures {
  if (!writeKey(cells, margins, threshold)) return compute();
  const hash = hashKey();
  const entries = kept.get(hash);
  const found = entries?.find((entry) => sameKey(entry.key));
  if (entries !== undefined && found !== undefined) {
    kept.delete(hash);
    kept.set(hash, entries);
    return found.figures;
  }
  const key = scratchBits.slice();
  const figures = compute();
  const list = entries ?? [];
  list.push({ key, figures });
  kept.delete(hash);
  kept.set(hash, list);
  keptCount += 1;
  if (keptCount > RAKED_FIGURES_KEPT) forgetOldest();
  return figures;
}

/** How many figures are kept now (for the test of the bound). */
export function keptRakedFiguresCount(): number {
  return keptCount;
}
