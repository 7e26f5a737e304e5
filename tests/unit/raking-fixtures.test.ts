import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type CellSums,
  type PopulationMargins,
  type RakedMean,
  rakeCommune,
  rakeMean,
} from '../../server/stats/raking.ts';

/** One commune of tests/fixtures/raking/communes.json, written by generate.R. */
interface FixtureCommune {
  id: number;
  kind: string;
  cells: CellSums[];
  margins: PopulationMargins;
  structure: { sex: boolean; ageGroups: string[][] | null; infeasible: boolean };
  expected: (Omit<RakedMean, 'se'> & { se?: number | null }) | null;
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/raking/communes.json', import.meta.url), 'utf8'),
) as { survey: string; communes: FixtureCommune[] };

/** 1e-9 relative, or 1e-9 absolute near 0 (a standard error of exactly 0, say). */
function expectClose(actual: number | null | undefined, expected: number, what: string): void {
  expect(actual, what).toBeTypeOf('number');
  const error = Math.abs((actual as number) - expected);
  expect(error, `${what}: ${actual} vs R's ${expected}`).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(expected)),
  );
}

describe(`rakeMean against R's survey ${fixture.survey} (calibrate raking, svymean)`, () => {
  it('the fixture covers every case it is meant to', () => {
    const communes = fixture.communes;
    expect(communes.length).toBeGreaterThanOrEqual(300);
    const margins = (c: FixtureCommune) => c.expected?.margins.join('+') ?? 'unweighted';
    expect(new Set(communes.map(margins))).toEqual(
      new Set(['sex+ageBand', 'sex', 'ageBand', 'unweighted']),
    );
    expect(communes.some((c) => c.structure.infeasible)).toBe(true);
    expect(communes.some((c) => c.expected?.se === 0)).toBe(true);
    expect(communes.some((c) => (c.structure.ageGroups ?? []).some((g) => g.length > 1))).toBe(
      true,
    );
  });

  it.each(fixture.communes.map((commune) => [commune.id, commune.kind, commune] as const))(
    'commune %i (%s)',
    (_id, _kind, commune) => {
      const raked = rakeMean(commune.cells, commune.margins);
      const expected = commune.expected;
      if (expected === null) {
        expect(raked).toBeNull();
        return;
      }
      expect(raked).not.toBeNull();
      expect(raked?.n).toBe(expected.n);
      expect(raked?.margins).toEqual(expected.margins);
      expectClose(raked?.mean, expected.mean, 'mean');
      expectClose(raked?.weightTotal, expected.weightTotal, 'weightTotal');
      expectClose(raked?.effectiveN, expected.effectiveN, 'effectiveN');
      if (expected.se === undefined || expected.se === null) {
        expect(raked?.se).toBeNull();
      } else {
        expectClose(raked?.se, expected.se, 'se');
      }
      const structure = rakeCommune(commune.cells, commune.margins)?.structure;
      expect(structure?.sex !== null).toBe(commune.structure.sex);
      expect(structure?.ageBand?.map((group) => group.members) ?? null).toEqual(
        commune.structure.ageGroups,
      );
      expect(structure?.sexDropped === 'infeasible').toBe(commune.structure.infeasible);
    },
  );
});
