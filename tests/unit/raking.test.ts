import { describe, expect, it } from 'vitest';
import {
  type CellSums,
  type PopulationMargins,
  rakeCommune,
  rakeMean,
  rakingStructure,
} from '../../server/stats/raking.ts';

/** Cell sums of values in hand, two passes so equal values give exactly 0. */
function cell(sex: CellSums['sex'], ageBand: CellSums['ageBand'], values: number[]): CellSums {
  const sum = values.reduce((total, value) => total + value, 0);
  const mean = sum / values.length;
  const sumSquaresAboutMean = values.reduce((total, value) => total + (value - mean) ** 2, 0);
  return { sex, ageBand, n: values.length, sum, sumSquaresAboutMean };
}

const even: PopulationMargins = {
  sex: { female: 500, male: 500 },
  ageBand: { '18-29': 250, '30-44': 250, '45-59': 250, '60+': 250 },
};

/** One respondent in every cell, female answers 80, male 60. */
const fullSample = (['female', 'male'] as const).flatMap((sex) =>
  (['18-29', '30-44', '45-59', '60+'] as const).map((band) =>
    cell(sex, band, sex === 'female' ? [80, 82] : [60]),
  ),
);

describe('rakeMean against R (survey 4.1.1, calibrate raking, svymean)', () => {
  it('two sexes × two age groups with two empty bands (computed by tests/fixtures/raking)', () => {
    // R: m = 70, 90 (f, 18-29); 65, 70, 75 (f, 60+); 90 (m, 18-29); 70 (m, 60+);
    // population (Intercept) 1000, sexm 500, age 60+ group 1000·510/1010.
    const raked = rakeMean(
      [
        cell('female', '18-29', [70, 90]),
        cell('female', '60+', [65, 70, 75]),
        cell('male', '18-29', [90]),
        cell('male', '60+', [70]),
      ],
      { sex: { female: 500, male: 500 }, ageBand: { '18-29': 500, '60+': 510 } },
    );
    expect(raked?.mean).toBeCloseTo(77.67826884760544, 8);
    expect(raked?.se).toBeCloseTo(2.31156421353062, 8);
    expect(raked?.weightTotal).toBeCloseTo(1000, 8);
    expect(raked?.margins).toEqual(['sex', 'ageBand']);
  });
});

describe('rakeMean: raking', () => {
  it('meets both margins to 1e-10 relative and the weights sum to the sex total', () => {
    const margins: PopulationMargins = {
      sex: { female: 5120, male: 4880 },
      ageBand: { '18-29': 2210, '30-44': 2900, '45-59': 2700, '60+': 2250 },
    };
    const raking = rakeCommune(fullSample, margins);
    expect(raking).not.toBeNull();
    const cells = raking?.cells ?? [];
    const bySex = [0, 0];
    const byAge = [0, 0, 0, 0];
    for (const c of cells) {
      bySex[c.sexIndex] = (bySex[c.sexIndex] ?? 0) + c.n * c.weight;
      byAge[c.ageIndex] = (byAge[c.ageIndex] ?? 0) + c.n * c.weight;
    }
    expect(Math.abs((bySex[0] ?? 0) / 5120 - 1)).toBeLessThan(1e-10);
    expect(Math.abs((bySex[1] ?? 0) / 4880 - 1)).toBeLessThan(1e-10);
    const scale = 10000 / 10060; // age bands scaled to the sex total
    for (const [i, population] of [2210, 2900, 2700, 2250].entries()) {
      expect(Math.abs((byAge[i] ?? 0) / (population * scale) - 1)).toBeLessThan(1e-10);
    }
    expect(rakeMean(fullSample, margins)?.weightTotal).toBeCloseTo(10000, 6);
  });

  it('is exact for equal answers: mean the answer, se 0', () => {
    const cells = fullSample.map((c) => ({ ...c, sum: 90 * c.n, sumSquaresAboutMean: 0 }));
    const raked = rakeMean(cells, even);
    expect(raked?.mean).toBe(90);
    expect(raked?.se).toBe(0);
  });
});

describe('rakeMean: empty categories', () => {
  const counts = (filled: [number, number][]) => {
    const table = [
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ];
    for (const [s, a] of filled) (table[s] as number[])[a] = 1;
    return table;
  };
  const members = (margins: PopulationMargins, filled: [number, number][]) =>
    rakingStructure(counts(filled), margins)?.ageBand?.map((group) => group.members) ?? null;

  it('an empty band merges with the next older one', () => {
    expect(
      members(even, [
        [0, 0],
        [1, 2],
        [0, 3],
        [1, 0],
      ]),
    ).toEqual([['18-29'], ['30-44', '45-59'], ['60+']]);
  });

  it('an empty oldest band merges with the next younger one', () => {
    expect(
      members(even, [
        [0, 0],
        [1, 1],
        [0, 2],
        [1, 0],
      ]),
    ).toEqual([['18-29'], ['30-44'], ['45-59', '60+']]);
  });

  it('merging continues until the group has a respondent', () => {
    expect(
      members(even, [
        [0, 0],
        [1, 3],
        [0, 3],
        [1, 0],
      ]),
    ).toEqual([['18-29'], ['30-44', '45-59', '60+']]);
  });

  it('an age margin left with one category is dropped; the sex margin is kept', () => {
    const raked = rakeMean([cell('female', '30-44', [70, 80]), cell('male', '30-44', [90])], even);
    expect(raked?.margins).toEqual(['sex']);
    // weights 250 each for the women, 500 for the man: (250·150 + 500·90) / 1000.
    expect(raked?.mean).toBeCloseTo(82.5, 10);
  });

  it('a sex with people and no respondent drops the sex margin', () => {
    const raked = rakeMean([cell('female', '18-29', [70]), cell('female', '60+', [90])], even);
    expect(raked?.margins).toEqual(['ageBand']);
  });

  it('a category with population 0 and no respondent is left out', () => {
    const margins: PopulationMargins = {
      sex: { female: 600, male: 400 },
      ageBand: { '18-29': 0, '30-44': 500, '45-59': 500 },
    };
    const structure = rakingStructure(
      counts([
        [0, 1],
        [1, 2],
        [1, 1],
      ]),
      margins,
    );
    expect(structure?.ageBand?.map((group) => group.population)).toEqual([500, 500]);
  });

  it('no placed response, or both margins dropped, gives null (unweighted)', () => {
    expect(rakeMean([], even)).toBeNull();
    expect(rakeMean([cell('female', '18-29', [70, 80])], even)).toBeNull();
  });
});
