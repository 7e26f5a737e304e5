// Imports nothing: the staff page runs these same rules on a CSV before anything is sent.

/**
 * The two margins of METHOD.md section 8 and their categories, as the questionnaire codes the
 * answers `sex` and `age_band` (a respondent's `other` sex is never placed, so it has none).
 */
export const marginCategories = {
  sex: ['female', 'male'],
  age_band: ['18-29', '30-44', '45-59', '60+'],
} as const;

export type MarginVariable = keyof typeof marginCategories;
export const marginVariables = Object.keys(marginCategories) as MarginVariable[];

/** How far apart (relative) a commune's two margin totals may be; METHOD.md section 8. */
export const maxTotalsDifference = 0.02;

/** The largest count the database column holds (a PostgreSQL `integer`). */
export const maxPopulation = 2_147_483_647;

/** One row as sent or read from a file; only the types are known, nothing else yet. */
export type MarginRowInput = {
  communeCode: string;
  variable: string;
  category: string;
  population: number;
};

/** A row that passed every rule. */
export type MarginRow = {
  communeCode: string;
  variable: MarginVariable;
  category: string;
  population: number;
};

/**
 * One thing wrong, by the row (index in the list, from 0) and field it is about. A problem of
 * a whole commune (a margin missing, totals apart) names the commune's first row and lists
 * all of its rows in `rows`, so a file's reader can point at every line involved.
 */
export type MarginProblem =
  | { kind: 'unknown_commune'; row: number; field: 'communeCode'; value: string }
  | { kind: 'unknown_variable'; row: number; field: 'variable'; value: string }
  | {
      kind: 'unknown_category';
      row: number;
      field: 'category';
      variable: MarginVariable;
      value: string;
    }
  | { kind: 'not_whole_number'; row: number; field: 'population'; value: number }
  | { kind: 'negative'; row: number; field: 'population'; value: number }
  | { kind: 'too_large'; row: number; field: 'population'; value: number }
  | { kind: 'duplicate'; row: number; field: 'category'; firstRow: number }
  | {
      kind: 'missing_margin';
      row: number;
      rows: number[];
      field: 'variable';
      communeCode: string;
      missing: MarginVariable;
    }
  | {
      kind: 'missing_category';
      row: number;
      rows: number[];
      field: 'category';
      communeCode: string;
      variable: MarginVariable;
      missing: string;
    }
  | {
      kind: 'zero_total';
      row: number;
      rows: number[];
      field: 'population';
      communeCode: string;
    }
  | {
      kind: 'totals_differ';
      row: number;
      rows: number[];
      field: 'population';
      communeCode: string;
      sexTotal: number;
      ageTotal: number;
      /** |sex − age| / the larger total: 0.035 is 3.5%. */
      difference: number;
    };

export type MarginsCheck =
  | { ok: true; rows: MarginRow[]; communes: number }
  | { ok: false; problems: MarginProblem[] };

const isVariable = (value: string): value is MarginVariable =>
  Object.hasOwn(marginCategories, value);

const isCategoryOf = (variable: MarginVariable, value: string) =>
  (marginCategories[variable] as readonly string[]).includes(value);

/**
 * The relative gap between a commune's sex total and age-band total: their difference over
 * the larger one, so the rule reads the same whichever margin is the bigger.
 *
 * @example totalsDifference(1000, 980) // 0.02: allowed (not more than 2%)
 * @example totalsDifference(1000, 970) // 0.03: refused
 * @example totalsDifference(0, 0)      // 0
 */
export function totalsDifference(sexTotal: number, ageTotal: number) {
  const larger = Math.max(sexTotal, ageTotal);
  return larger === 0 ? 0 : Math.abs(sexTotal - ageTotal) / larger;
}

/**
 * Checks a complete set of population margins (METHOD.md section 8) as `PUT /api/population`
 * stores it, and lists every problem rather than the first:
 *
 * - per row: a commune in `communeCodes`; a variable `sex` or `age_band`; a category of that
 *   variable; a whole number of people from 0 up; no second row for the same commune,
 *   variable and category;
 * - per commune (only once its rows are themselves sound, so one typo is not reported three
 *   times): both margins present, each with every one of its categories (a category where
 *   nobody lives is a row with 0), not all zero, and the two totals within 2% of each other.
 *
 * An empty list passes: it means "no margins", so every commune is unweighted.
 *
 * @example
 * checkMargins([{ communeCode: '01273', variable: 'sex', category: 'female', population: 10 }],
 *   new Set(['01273']))
 * // { ok: false, problems: [{ kind: 'missing_margin', missing: 'age_band', … }, …] }
 */
export function checkMargins(
  input: readonly MarginRowInput[],
  communeCodes: ReadonlySet<string>,
): MarginsCheck {
  const problems: MarginProblem[] = [];
  /** First row of each commune·variable·category, to find the second. */
  const seen = new Map<string, number>();
  /** Rows of each commune, in order, that have no problem of their own. */
  const byCommune = new Map<string, { rows: number[]; sound: boolean }>();

  input.forEach((margin, row) => {
    const before = problems.length;
    const commune = byCommune.get(margin.communeCode) ?? { rows: [], sound: true };
    if (!communeCodes.has(margin.communeCode)) {
      problems.push({
        kind: 'unknown_commune',
        row,
        field: 'communeCode',
        value: margin.communeCode,
      });
    }
    if (!isVariable(margin.variable)) {
      problems.push({ kind: 'unknown_variable', row, field: 'variable', value: margin.variable });
    } else if (!isCategoryOf(margin.variable, margin.category)) {
      problems.push({
        kind: 'unknown_category',
        row,
        field: 'category',
        variable: margin.variable,
        value: margin.category,
      });
    } else {
      const key = `${margin.communeCode}\u0000${margin.variable}\u0000${margin.category}`;
      const firstRow = seen.get(key);
      if (firstRow === undefined) seen.set(key, row);
      else problems.push({ kind: 'duplicate', row, field: 'category', firstRow });
    }
    const { population } = margin;
    if (!Number.isInteger(population)) {
      problems.push({ kind: 'not_whole_number', row, field: 'population', value: population });
    } else if (population < 0) {
      problems.push({ kind: 'negative', row, field: 'population', value: population });
    } else if (population > maxPopulation) {
      problems.push({ kind: 'too_large', row, field: 'population', value: population });
    }
    if (communeCodes.has(margin.communeCode)) {
      commune.rows.push(row);
      if (problems.length > before) commune.sound = false;
      byCommune.set(margin.communeCode, commune);
    }
  });

  for (const [communeCode, { rows, sound }] of byCommune) {
    if (sound) problems.push(...communeProblems(input, communeCode, rows));
  }
  if (problems.length > 0) {
    return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };
  }
  return {
    ok: true,
    rows: input.map((margin) => ({ ...margin, variable: margin.variable as MarginVariable })),
    communes: byCommune.size,
  };
}

/** The whole-commune rules, on rows already known to be sound one by one. */
function communeProblems(
  input: readonly MarginRowInput[],
  communeCode: string,
  rows: number[],
): MarginProblem[] {
  const row = rows[0] ?? 0;
  const totals: Record<MarginVariable, number> = { sex: 0, age_band: 0 };
  const present: Record<MarginVariable, Set<string>> = { sex: new Set(), age_band: new Set() };
  for (const index of rows) {
    const margin = input[index];
    if (!margin || !isVariable(margin.variable)) continue;
    totals[margin.variable] += margin.population;
    present[margin.variable].add(margin.category);
  }
  const problems: MarginProblem[] = [];
  for (const variable of marginVariables) {
    if (present[variable].size === 0) {
      problems.push({
        kind: 'missing_margin',
        row,
        rows,
        field: 'variable',
        communeCode,
        missing: variable,
      });
      continue;
    }
    for (const category of marginCategories[variable]) {
      if (present[variable].has(category)) continue;
      problems.push({
        kind: 'missing_category',
        row,
        rows,
        field: 'category',
        communeCode,
        variable,
        missing: category,
      });
    }
  }
  // Totals are compared only between two complete margins.
  if (problems.length > 0) return problems;
  if (totals.sex === 0 && totals.age_band === 0) {
    return [{ kind: 'zero_total', row, rows, field: 'population', communeCode }];
  }
  const difference = totalsDifference(totals.sex, totals.age_band);
  if (difference > maxTotalsDifference) {
    problems.push({
      kind: 'totals_differ',
      row,
      rows,
      field: 'population',
      communeCode,
      sexTotal: totals.sex,
      ageTotal: totals.age_band,
      difference,
    });
  }
  return problems;
}

/** A share as a percentage with one decimal, e.g. 0.0347 → "3.5%". */
export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/**
 * A problem in plain English, for the API's `details` (the staff page words it in Vietnamese
 * and English itself, from the same problem).
 *
 * @example describeMarginProblem({ kind: 'negative', row: 3, field: 'population', value: -5 })
 * // "population must not be negative (got -5)"
 */
export function describeMarginProblem(problem: MarginProblem): string {
  switch (problem.kind) {
    case 'unknown_commune':
      return `unknown commune "${problem.value}"`;
    case 'unknown_variable':
      return `unknown variable "${problem.value}" (use sex or age_band)`;
    case 'unknown_category':
      return `unknown ${problem.variable} category "${problem.value}" (use ${marginCategories[problem.variable].join(', ')})`;
    case 'not_whole_number':
      return `population must be a whole number (got ${problem.value})`;
    case 'negative':
      return `population must not be negative (got ${problem.value})`;
    case 'too_large':
      return `population is too large (got ${problem.value})`;
    case 'duplicate':
      return `the same commune, variable and category as row ${problem.firstRow}`;
    case 'missing_margin':
      return `commune ${problem.communeCode} has no ${problem.missing} margin (both sex and age_band are needed)`;
    case 'missing_category':
      return `commune ${problem.communeCode} has no row for ${problem.variable} "${problem.missing}" (give 0 if nobody)`;
    case 'zero_total':
      return `commune ${problem.communeCode} has a population of 0 in every category`;
    case 'totals_differ':
      return (
        `commune ${problem.communeCode}: the sex total (${problem.sexTotal}) and the age_band ` +
        `total (${problem.ageTotal}) differ by ${percent(problem.difference)}, more than ` +
        `${percent(maxTotalsDifference)}`
      );
  }
}
