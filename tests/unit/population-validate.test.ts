import { describe, expect, it } from 'vitest';
import {
  checkMargins,
  describeMarginProblem,
  type MarginRowInput,
  totalsDifference,
} from '../../server/population/validate-margins.ts';

const communes = new Set(['01273', '01279', '04036']);

/** Both margins of one commune: sex female/male, then the four age bands. */
function commune(code: string, sex: [number, number], ages: [number, number, number, number]) {
  const rows: MarginRowInput[] = [
    { communeCode: code, variable: 'sex', category: 'female', population: sex[0] },
    { communeCode: code, variable: 'sex', category: 'male', population: sex[1] },
  ];
  ['18-29', '30-44', '45-59', '60+'].forEach((category, i) => {
    rows.push({ communeCode: code, variable: 'age_band', category, population: ages[i] ?? 0 });
  });
  return rows;
}

const kinds = (rows: MarginRowInput[]) => {
  const check = checkMargins(rows, communes);
  return check.ok ? [] : check.problems.map((p) => [p.kind, p.row]);
};

describe('checkMargins', () => {
  it('passes complete margins and counts their communes', () => {
    const rows = [
      ...commune('01273', [5120, 4880], [2210, 3000, 2790, 2000]),
      ...commune('04036', [10, 0], [0, 0, 4, 6]),
    ];
    const check = checkMargins(rows, communes);
    expect(check).toEqual({ ok: true, rows, communes: 2 });
  });

  it('passes an empty list: no margins at all', () => {
    expect(checkMargins([], communes)).toEqual({ ok: true, rows: [], communes: 0 });
  });

  it('names an unknown commune, variable and category by row and field', () => {
    const rows = commune('01273', [50, 50], [25, 25, 25, 25]);
    rows.push({ communeCode: '1273', variable: 'sex', category: 'female', population: 1 });
    rows.push({ communeCode: '01279', variable: 'gender', category: 'female', population: 1 });
    rows.push({ communeCode: '01279', variable: 'sex', category: 'other', population: 1 });
    rows.push({ communeCode: '01279', variable: 'age_band', category: '60-69', population: 1 });
    const check = checkMargins(rows, communes);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual([
      { kind: 'unknown_commune', row: 6, field: 'communeCode', value: '1273' },
      { kind: 'unknown_variable', row: 7, field: 'variable', value: 'gender' },
      { kind: 'unknown_category', row: 8, field: 'category', variable: 'sex', value: 'other' },
      {
        kind: 'unknown_category',
        row: 9,
        field: 'category',
        variable: 'age_band',
        value: '60-69',
      },
    ]);
  });

  it('refuses negative, fractional, non-finite and too large counts', () => {
    const rows = commune('01273', [-1, 50.5], [25, Number.NaN, 25, 3e9]);
    expect(kinds(rows)).toEqual([
      ['negative', 0],
      ['not_whole_number', 1],
      ['not_whole_number', 3],
      ['too_large', 5],
    ]);
  });

  it('refuses a second row of the same commune, variable and category, naming the first', () => {
    const rows = commune('01273', [50, 50], [25, 25, 25, 25]);
    rows.push({ communeCode: '01273', variable: 'sex', category: 'male', population: 50 });
    const check = checkMargins(rows, communes);
    expect(check.ok ? [] : check.problems).toEqual([
      { kind: 'duplicate', row: 6, field: 'category', firstRow: 1 },
    ]);
  });

  it('refuses a commune with one margin, listing all its rows', () => {
    const rows = commune('01273', [50, 50], [25, 25, 25, 25]).slice(0, 2);
    const check = checkMargins(rows, communes);
    expect(check.ok ? [] : check.problems).toEqual([
      {
        kind: 'missing_margin',
        row: 0,
        rows: [0, 1],
        field: 'variable',
        communeCode: '01273',
        missing: 'age_band',
      },
    ]);
    const onlyAges = commune('01279', [50, 50], [25, 25, 25, 25]).slice(2);
    expect(kinds(onlyAges)).toEqual([['missing_margin', 0]]);
  });

  it('refuses a margin missing one of its categories (0 must be written)', () => {
    const rows = commune('01273', [50, 50], [25, 25, 25, 25]).filter(
      (row) => row.category !== '45-59',
    );
    const check = checkMargins(rows, communes);
    expect(check.ok ? [] : check.problems).toMatchObject([
      { kind: 'missing_category', variable: 'age_band', missing: '45-59', communeCode: '01273' },
    ]);
  });

  it('refuses totals more than 2% apart, saying by how much, and allows exactly 2%', () => {
    // 1000 against 970: 3%.
    const apart = commune('01273', [500, 500], [240, 240, 240, 250]);
    const check = checkMargins(apart, communes);
    expect(check.ok ? [] : check.problems).toEqual([
      {
        kind: 'totals_differ',
        row: 0,
        rows: [0, 1, 2, 3, 4, 5],
        field: 'population',
        communeCode: '01273',
        sexTotal: 1000,
        ageTotal: 970,
        difference: 0.03,
      },
    ]);
    if (!check.ok && check.problems[0]) {
      expect(describeMarginProblem(check.problems[0])).toContain('differ by 3.0%');
    }
    // 1000 against 980: 2%, allowed; the larger total is the reference either way.
    expect(kinds(commune('01273', [500, 500], [245, 245, 245, 245]))).toEqual([]);
    expect(kinds(commune('01273', [490, 490], [250, 250, 250, 250]))).toEqual([]);
    expect(kinds(commune('01273', [489, 490], [250, 250, 250, 250]))).toEqual([
      ['totals_differ', 0],
    ]);
  });

  it('refuses a commune whose every category is 0', () => {
    expect(kinds(commune('01273', [0, 0], [0, 0, 0, 0]))).toEqual([['zero_total', 0]]);
  });

  it('reports a commune rule only once its rows are sound, and every problem in row order', () => {
    // The typo in row 1 is one problem, not also "totals differ" or "missing category".
    const rows = [
      ...commune('01273', [500, -500], [250, 250, 250, 250]),
      ...commune('01279', [500, 500], [100, 100, 100, 100]),
      { communeCode: '99999', variable: 'sex', category: 'male', population: 1.5 },
    ];
    expect(kinds(rows)).toEqual([
      ['negative', 1],
      ['totals_differ', 6],
      ['unknown_commune', 12],
      ['not_whole_number', 12],
    ]);
  });
});

describe('totalsDifference', () => {
  it('is the gap over the larger total', () => {
    expect(totalsDifference(1000, 980)).toBeCloseTo(0.02, 12);
    expect(totalsDifference(980, 1000)).toBeCloseTo(0.02, 12);
    expect(totalsDifference(0, 0)).toBe(0);
    expect(totalsDifference(0, 5)).toBe(1);
  });
});
