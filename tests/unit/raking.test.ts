import { describe, expect, it } from 'vitest';
import { summariseRaked } from '../../server/stats/raked-summary.ts';
import {
  type CellSums,
  type PopulationMargins,
  RAKING_TOLERANCE,
  type RakedMean,
  rakeCommune,
  rakeMean,
  rakingStructure,
} from '../../server/stats/raking.ts';
import { studentTCdf, studentTQuantile } from '../../server/stats/t-distribution.ts';

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
  it('two sexes × two age groups, two bands with no people and no respondent', () => {
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

/** Weighted totals per merged category of a raking, divided by their populations, minus 1. */
function relativeMisfits(cells: CellSums[], margins: PopulationMargins): number[] {
  const raking = rakeCommune(cells, margins);
  if (raking === null) throw new Error('expected a weighted commune');
  const { structure } = raking;
  const sexTargets = structure.sex?.map((c) => c.population) ?? [structure.total];
  const ageTargets = structure.ageBand?.map((g) => g.population) ?? [structure.total];
  const bySex = sexTargets.map(() => 0);
  const byAge = ageTargets.map(() => 0);
  for (const c of raking.cells) {
    bySex[c.sexIndex] = (bySex[c.sexIndex] ?? 0) + c.n * c.weight;
    byAge[c.ageIndex] = (byAge[c.ageIndex] ?? 0) + c.n * c.weight;
  }
  return [
    ...bySex.map((total, i) => total / (sexTargets[i] ?? 1) - 1),
    ...byAge.map((total, i) => total / (ageTargets[i] ?? 1) - 1),
  ];
}

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

describe('rakeMean: raking convergence', () => {
  // Women alone answered in 18-29 and 30-44, which hold `gap` fewer people than there are
  // women: the women aged 45-59 must carry only `gap` people between them, so their weight
  // tends to gap/3. Proportional fitting alone slows down as the gap closes.
  const nearEdge = (gap: number) => ({
    cells: [
      cell('female', '18-29', [70, 75, 80, 85, 90]),
      cell('female', '30-44', [72, 74, 76, 78, 80]),
      cell('female', '45-59', [60, 65, 70]),
      cell('male', '45-59', [80, 82, 84]),
      cell('male', '60+', [88, 90, 92, 94]),
    ],
    margins: {
      sex: { female: 5000, male: 5000 },
      ageBand: {
        '18-29': (5000 - gap) / 2,
        '30-44': (5000 - gap) / 2,
        '45-59': 3000 + gap,
        '60+': 2000,
      },
    },
  });

  it.each([1000, 100, 10, 1, 0.01, 1e-6])(
    'meets every margin to 1e-10 with %s people to spare, in few steps',
    (gap) => {
      const { cells, margins } = nearEdge(gap);
      for (const misfit of relativeMisfits(cells, margins)) {
        expect(Math.abs(misfit)).toBeLessThanOrEqual(RAKING_TOLERANCE);
      }
      const raking = rakeCommune(cells, margins);
      expect(raking?.structure.sexDropped).toBeNull();
      expect((raking?.sweeps ?? 0) + (raking?.newtonSteps ?? 0)).toBeLessThan(100);
      const womenAged45 = raking?.cells.find((c) => c.sexIndex === 0 && c.ageIndex === 2);
      expect(womenAged45?.weight).toBeCloseTo(gap / 3, 6);
    },
  );

  it('the weights approach the edge continuously (no jump in the mean)', () => {
    const means = [1, 0.01, 1e-6].map((gap) => {
      const { cells, margins } = nearEdge(gap);
      return rakeMean(cells, margins)?.mean ?? Number.NaN;
    });
    expect(Math.abs((means[0] ?? 0) - (means[2] ?? 0))).toBeLessThan(0.01);
    expect(Math.abs((means[1] ?? 0) - (means[2] ?? 0))).toBeLessThan(1e-4);
  });

  it('at the edge itself no positive weights exist: the sex margin is dropped', () => {
    const { cells, margins } = nearEdge(0);
    const raking = rakeCommune(cells, margins);
    expect(raking?.structure.sexDropped).toBe('infeasible');
    expect(rakeMean(cells, margins)?.margins).toEqual(['ageBand']);
  });

  it('an ordinary commune needs only proportional fitting', () => {
    const raking = rakeCommune(fullSample, even);
    expect(raking?.newtonSteps).toBe(0);
    expect(raking?.sweeps).toBeLessThanOrEqual(50);
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

  it('an empty youngest band merges with the next older one', () => {
    expect(
      members(even, [
        [0, 1],
        [1, 2],
        [0, 3],
        [1, 1],
      ]),
    ).toEqual([['18-29', '30-44'], ['45-59'], ['60+']]);
  });

  it('the populations of merged bands are added, then scaled to the sex total', () => {
    const margins: PopulationMargins = {
      sex: { female: 500, male: 500 },
      ageBand: { '18-29': 200, '30-44': 300, '45-59': 250, '60+': 260 },
    };
    const structure = rakingStructure(
      counts([
        [0, 0],
        [1, 2],
        [0, 3],
        [1, 0],
      ]),
      margins,
    );
    const scale = 1000 / 1010;
    expect(structure?.ageBand?.map((g) => g.population)).toEqual([
      200 * scale,
      (300 + 250) * scale,
      260 * scale,
    ]);
    expect(structure?.total).toBe(1000);
  });

  it('a band with respondents but population 0 is merged like an empty one', () => {
    const margins: PopulationMargins = {
      sex: { female: 500, male: 500 },
      ageBand: { '18-29': 250, '30-44': 250, '45-59': 500 },
    };
    expect(
      members(margins, [
        [0, 0],
        [1, 1],
        [0, 2],
        [1, 3],
      ]),
    ).toEqual([['18-29'], ['30-44'], ['45-59', '60+']]);
  });

  it('a sex with respondents but population 0 drops the sex margin', () => {
    const margins: PopulationMargins = { sex: { female: 1000, male: 0 }, ageBand: even.ageBand };
    const structure = rakingStructure(
      counts([
        [0, 0],
        [1, 1],
        [0, 2],
        [0, 3],
      ]),
      margins,
    );
    expect(structure?.sexDropped).toBe('empty');
    expect(structure?.ageBand).toHaveLength(4);
  });

  it('a sex with neither people nor respondents is left out, leaving one category: dropped', () => {
    const margins: PopulationMargins = { sex: { female: 1000 }, ageBand: even.ageBand };
    const structure = rakingStructure(
      counts([
        [0, 0],
        [0, 1],
        [0, 2],
        [0, 3],
      ]),
      margins,
    );
    expect(structure?.sexDropped).toBe('one-category');
    expect(structure?.sex).toBeNull();
  });

  it('a missing category means population 0', () => {
    const given = rakeMean(fullSample.slice(0, 6), {
      sex: even.sex,
      ageBand: { '18-29': 300, '30-44': 300, '45-59': 400 },
    });
    const zero = rakeMean(fullSample.slice(0, 6), {
      sex: even.sex,
      ageBand: { '18-29': 300, '30-44': 300, '45-59': 400, '60+': 0 },
    });
    expect(given).toEqual(zero);
  });

  it('no age group with both sexes: no positive weights meet both margins, sex is dropped', () => {
    // Two women aged 18-29 and 30-44, a man aged 60+ (45-59 empty, merged into 60+).
    const cells = [
      cell('female', '18-29', [70]),
      cell('female', '30-44', [80]),
      cell('male', '60+', [90]),
    ];
    const raking = rakeCommune(cells, even);
    expect(raking?.structure.sexDropped).toBe('infeasible');
    expect(raking?.structure.ageBand?.map((g) => g.members)).toEqual([
      ['18-29'],
      ['30-44'],
      ['45-59', '60+'],
    ]);
    // One respondent per age group: weights 250, 250, 500; se 0 (each group fitted exactly).
    const raked = rakeMean(cells, even);
    expect(raked?.mean).toBeCloseTo((250 * 70 + 250 * 80 + 500 * 90) / 1000, 10);
    expect(raked?.se).toBe(0);
  });

  it('women alone carrying age groups with more people than there are women: sex is dropped', () => {
    const margins: PopulationMargins = {
      sex: { female: 400, male: 600 },
      ageBand: { '18-29': 250, '30-44': 250, '45-59': 250, '60+': 250 },
    };
    const structure = rakingStructure(
      counts([
        [0, 0],
        [0, 1],
        [0, 2],
        [1, 2],
        [1, 3],
      ]),
      margins,
    );
    // Women alone in 18-29 and 30-44 (500 people) but the commune has 400 women.
    expect(structure?.sexDropped).toBe('infeasible');
  });

  it('no placed response, or both margins dropped, gives null (unweighted)', () => {
    expect(rakeMean([], even)).toBeNull();
    expect(rakeMean([cell('female', '18-29', [70, 80])], even)).toBeNull();
    expect(rakeMean([cell('male', '60+', [70])], even)).toBeNull();
    expect(rakeMean([cell('female', '18-29', [])], even)).toBeNull();
    expect(rakeMean(fullSample, { sex: {}, ageBand: {} })).toBeNull();
  });

  it('without a sex margin the commune is raked to its age bands, totalling the age total', () => {
    const raked = rakeMean(fullSample, { sex: {}, ageBand: even.ageBand });
    expect(raked?.margins).toEqual(['ageBand']);
    expect(raked?.weightTotal).toBeCloseTo(1000, 9);
  });
});

describe('rakeMean: cell sums', () => {
  it('duplicate cells are pooled, and empty cells ignored', () => {
    const split = [
      cell('female', '18-29', [70, 74]),
      cell('female', '18-29', [90]),
      { sex: 'male', ageBand: '30-44', n: 0, sum: 0, sumSquaresAboutMean: 0 } as const,
      ...fullSample.slice(1),
    ];
    const whole = [cell('female', '18-29', [70, 74, 90]), ...fullSample.slice(1)];
    const a = rakeMean(split, even) as RakedMean;
    const b = rakeMean(whole, even) as RakedMean;
    expect(a.n).toBe(b.n);
    for (const key of ['mean', 'se', 'weightTotal', 'effectiveN'] as const) {
      expect(a[key], key).toBeCloseTo(b[key] as number, 10);
    }
  });

  it('equal answers with one margin give se exactly 0', () => {
    const cells = [cell('female', '30-44', [85, 85]), cell('female', '60+', [85, 85, 85])];
    const raked = rakeMean(cells, even);
    expect(raked?.margins).toEqual(['ageBand']);
    expect(raked?.mean).toBe(85);
    expect(raked?.se).toBe(0);
  });

  it('the effective sample size is n when every weight is equal', () => {
    const raked = rakeMean([cell('female', '18-29', [70, 80]), cell('male', '18-29', [60, 90])], {
      sex: { female: 50, male: 50 },
      ageBand: { '18-29': 100 },
    });
    expect(raked?.effectiveN).toBeCloseTo(4, 12);
    // Weights 25 each: the unweighted mean; se = √(4/3 · Σ(25·r)²)/100 with residuals about
    // the sex means (±5, ±15): √(4/3 · 625 · 500)/100.
    expect(raked?.mean).toBeCloseTo(75, 12);
    expect(raked?.se).toBeCloseTo(Math.sqrt((4 / 3) * 625 * 500) / 100, 12);
  });

  it.each([
    [{ sex: 'female', ageBand: '18-29', n: -1, sum: 0, sumSquaresAboutMean: 0 }],
    [{ sex: 'female', ageBand: '18-29', n: 1.5, sum: 0, sumSquaresAboutMean: 0 }],
    [{ sex: 'female', ageBand: '18-29', n: 2, sum: Number.NaN, sumSquaresAboutMean: 0 }],
    [{ sex: 'female', ageBand: '18-29', n: 2, sum: 160, sumSquaresAboutMean: -5 }],
    [{ sex: 'other', ageBand: '18-29', n: 2, sum: 160, sumSquaresAboutMean: 0 }],
    [{ sex: 'female', ageBand: '15-17', n: 2, sum: 160, sumSquaresAboutMean: 0 }],
  ])('refuses inconsistent cell sums: %j', (bad) => {
    expect(() => rakeMean([bad as CellSums, ...fullSample], even)).toThrow(RangeError);
  });

  it('refuses a negative or non-finite population', () => {
    expect(() => rakeMean(fullSample, { ...even, sex: { female: -1, male: 500 } })).toThrow(
      RangeError,
    );
    expect(() =>
      rakeMean(fullSample, { ...even, ageBand: { '18-29': Number.POSITIVE_INFINITY } }),
    ).toThrow(RangeError);
  });
});

describe('summariseRaked', () => {
  const raked: RakedMean = {
    n: 12,
    mean: 88.5,
    se: 1.25,
    weightTotal: 1000,
    effectiveN: 9.5,
    margins: ['sex', 'ageBand'],
  };

  it("is section 5's interval and pMeets with mean_w, se_w and n − 1 degrees of freedom", () => {
    const summary = summariseRaked(raked, 90);
    const halfWidth = studentTQuantile(0.975, 11) * 1.25;
    expect(summary.ciLow).toBeCloseTo(88.5 - halfWidth, 12);
    expect(summary.ciHigh).toBeCloseTo(88.5 + halfWidth, 12);
    expect(summary.pMeets).toBeCloseTo(1 - studentTCdf((90 - 88.5) / 1.25, 11), 12);
    expect(summary).toMatchObject({ n: 12, mean: 88.5, se: 1.25, effectiveN: 9.5 });
  });

  it('se 0: a zero-width interval and pMeets 1 or 0 by mean ≥ threshold', () => {
    const exact = { ...raked, se: 0 };
    expect(summariseRaked(exact, 88.5)).toMatchObject({ ciLow: 88.5, ciHigh: 88.5, pMeets: 1 });
    expect(summariseRaked(exact, 88.6).pMeets).toBe(0);
  });

  it('n < 2: no se, interval or pMeets', () => {
    expect(summariseRaked({ ...raked, n: 1, se: null }, 90)).toEqual({
      n: 1,
      mean: 88.5,
      se: null,
      ciLow: null,
      ciHigh: null,
      pMeets: null,
      effectiveN: 9.5,
    });
  });

  it('a tiny pMeets keeps its precision', () => {
    const far = summariseRaked({ ...raked, mean: 60, se: 1 }, 90).pMeets ?? 1;
    expect(far).toBeGreaterThan(0);
    expect(far).toBeLessThan(1e-10);
  });
});
