import { describe, expect, it } from 'vitest';
import {
  keptRakedFigures,
  keptRakedFiguresCount,
  RAKED_FIGURES_KEPT,
} from '../../server/results/raked-figures-memo.ts';
import { measureFigures } from '../../server/results/weighted-measure.ts';
import {
  type CellSums,
  type PopulationMargins,
  rakeMean,
  summariseRaked,
} from '../../server/stats/index.ts';

const margins: PopulationMargins = {
  sex: { female: 5200, male: 4800 },
  ageBand: { '18-29': 3000, '30-44': 3100, '45-59': 2400, '60+': 1500 },
};

const cells: CellSums[] = [
  { sex: 'female', ageBand: '18-29', n: 3, sum: 240, sumSquaresAboutMean: 50 },
  { sex: 'female', ageBand: '60+', n: 9, sum: 860, sumSquaresAboutMean: 120 },
  { sex: 'male', ageBand: '30-44', n: 4, sum: 330, sumSquaresAboutMean: 80 },
  { sex: 'male', ageBand: '60+', n: 6, sum: 560, sumSquaresAboutMean: 0 },
  { sex: 'female', ageBand: '45-59', n: 5, sum: 440, sumSquaresAboutMean: 30.5 },
];

/** The figures straight from the statistics, kept by nothing. */
const direct = (given: readonly CellSums[], m: PopulationMargins, threshold: number) => {
  const raked = rakeMean(given, m);
  return raked ? summariseRaked(raked, threshold) : null;
};

/** Counts how often the memo computes, so a test can tell a kept figure from a fresh one. */
function counted(given: readonly CellSums[], m: PopulationMargins, threshold: number) {
  let computed = 0;
  const figures = keptRakedFigures(given, m, threshold, () => {
    computed += 1;
    return direct(given, m, threshold);
  });
  return { figures, computed };
}

describe('raked figures kept by their inputs', () => {
  it('gives the figures of the statistics, computed once for the same inputs', () => {
    const first = counted(cells, margins, 91);
    const again = counted(cells, margins, 91);
    expect(first.computed).toBe(1);
    expect(again.computed).toBe(0);
    expect(again.figures).toEqual(direct(cells, margins, 91));
    expect(first.figures?.se).toBeGreaterThan(0);
  });

  it('computes afresh when any one input number changes, down to the last bit', () => {
    counted(cells, margins, 92);
    const nudged = (i: number, change: Partial<CellSums>) =>
      cells.map((cell, j) => (j === i ? { ...cell, ...change } : cell));
    const sum = cells[2]?.sum as number;
    const variants: [CellSums[], PopulationMargins, number][] = [
      [nudged(2, { sum: sum + sum * Number.EPSILON }), margins, 92],
      [nudged(0, { n: 4 }), margins, 92],
      [nudged(3, { sumSquaresAboutMean: 1e-300 }), margins, 92],
      [nudged(1, { ageBand: '45-59' }), margins, 92],
      [cells, { ...margins, sex: { female: 5201, male: 4800 } }, 92],
      [cells, { ...margins, ageBand: { ...margins.ageBand, '60+': 1501 } }, 92],
      [cells, margins, 92.000_000_000_001],
    ];
    for (const [given, m, threshold] of variants) {
      const result = counted(given, m, threshold);
      expect(result.computed).toBe(1);
      expect(result.figures).toEqual(direct(given, m, threshold));
    }
  });

  it('sets a missing category apart from one given as 0', () => {
    const given: PopulationMargins = { sex: { female: 500, male: 0 }, ageBand: margins.ageBand };
    const missing: PopulationMargins = { sex: { female: 500 }, ageBand: margins.ageBand };
    expect(counted(cells, given, 93).computed).toBe(1);
    expect(counted(cells, missing, 93).computed).toBe(1);
    expect(counted(cells, missing, 93).figures).toEqual(direct(cells, missing, 93));
  });

  it('finds the same cells listed in another order, which the raking does not mind', () => {
    counted(cells, margins, 94);
    const reversed = [...cells].reverse();
    const result = counted(reversed, margins, 94);
    expect(result.computed).toBe(0);
    expect(result.figures).toEqual(direct(reversed, margins, 94));
  });

  it('keeps nothing for two cells in one place, or a cell without respondents', () => {
    const twice = [...cells, { ...(cells[0] as CellSums), sum: 250 }];
    const empty = [
      ...cells,
      { sex: 'male', ageBand: '18-29', n: 0, sum: 0, sumSquaresAboutMean: 0 },
    ];
    for (const given of [twice, empty] as CellSums[][]) {
      expect(counted(given, margins, 95).computed).toBe(1);
      const again = counted(given, margins, 95);
      expect(again.computed).toBe(1);
      expect(again.figures).toEqual(direct(given, margins, 95));
    }
  });

  it('keeps a raking that does not apply (null) like any result, and nothing when it throws', () => {
    const oneSex: CellSums[] = [
      { sex: 'female', ageBand: '18-29', n: 2, sum: 160, sumSquaresAboutMean: 200 },
    ];
    expect(counted(oneSex, margins, 96)).toEqual({ figures: null, computed: 1 });
    expect(counted(oneSex, margins, 96)).toEqual({ figures: null, computed: 0 });
    const bad = [{ ...(cells[0] as CellSums), sumSquaresAboutMean: -1 }, ...cells.slice(1)];
    expect(() => counted(bad, margins, 96)).toThrow(RangeError);
    expect(() => counted(bad, margins, 96)).toThrow(RangeError);
  });

  it('keeps at most RAKED_FIGURES_KEPT, forgetting the least recently used first', () => {
    const input = (i: number): CellSums[] =>
      cells.map((cell, j) => (j === 0 ? { ...cell, sum: 200 + i / 64 } : cell));
    counted(input(0), margins, 97);
    counted(input(1), margins, 97);
    for (let i = 2; i < RAKED_FIGURES_KEPT + 50; i += 1) {
      counted(input(i), margins, 97);
      // Input 0 is used all along, so it stays; input 1 is not and goes.
      if (i % 1000 === 0) expect(counted(input(0), margins, 97).computed).toBe(0);
    }
    expect(keptRakedFiguresCount()).toBe(RAKED_FIGURES_KEPT);
    expect(counted(input(0), margins, 97).computed).toBe(0);
    expect(counted(input(RAKED_FIGURES_KEPT + 49), margins, 97).computed).toBe(0);
    expect(counted(input(1), margins, 97).computed).toBe(1);
    expect(keptRakedFiguresCount()).toBe(RAKED_FIGURES_KEPT);
  });
});

describe('measureFigures with kept figures', () => {
  const rollups = (sum: number) =>
    cells.map((cell) => ({
      ...cell,
      communeCode: '01273',
      wave: '2026',
      measure: 'overall' as const,
      sum: cell.sex === 'male' && cell.ageBand === '60+' ? sum : cell.sum,
    }));
  const total = { communeCode: '01273', wave: '2026', measure: 'overall' as const, n: 30 };

  it('answers a second request as the first, and new rollups with new figures', () => {
    const ask = (sum: number) =>
      measureFigures({
        total: { ...total, sum: 2400, sumSquaresAboutMean: 1000 },
        cells: rollups(sum),
        margins,
        weights: 'raked',
        threshold: 90,
      });
    const first = ask(560);
    expect(ask(560)).toEqual(first);
    const raked = direct(
      rollups(566).map(({ sex, ageBand, n, sum, sumSquaresAboutMean }) => ({
        sex,
        ageBand,
        n,
        sum,
        sumSquaresAboutMean,
      })) as CellSums[],
      margins,
      90,
    );
    const changed = ask(566);
    expect(changed.summary.mean).toBe(raked?.mean);
    expect(changed.summary.se).toBe(raked?.se);
    expect(changed.pMeets).toBe(raked?.pMeets);
    expect(changed.summary.mean).not.toBe(first.summary.mean);
    expect(changed.summary.unplaced).toBe(30 - 27);
  });
});
