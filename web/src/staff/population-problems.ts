import {
  type MarginProblem,
  marginCategories,
  maxTotalsDifference,
} from '../../../server/population/validate-margins.ts';
import { formatNumber } from '../shared/i18n.ts';
import { formatPercent } from './format.ts';
import { t } from './messages.ts';
import type { CsvProblem } from './population-csv.ts';

/** Where a file's problem is, for the person who will open the file to correct it. */
export type FileProblemText = { line: number; where: string; text: string };

/** What a row of the file says, for quoting it in a problem. */
export type FileRows = {
  /** The file's line of each row. */
  lines: readonly number[];
  /** Each row's population as written. */
  populationText: readonly string[];
};

const quoted = (value: string) => (value === '' ? t('population.empty') : `"${value}"`);
const count = (n: number) => formatNumber(n, 0);

function whereOf(problem: MarginProblem, rows: FileRows) {
  const lineOf = (row: number) => rows.lines[row] ?? row + 2;
  if (!('rows' in problem) || problem.rows.length < 2) {
    return t('population.line', { line: lineOf(problem.row) });
  }
  const lines = problem.rows.map(lineOf);
  return t('population.lines', { first: Math.min(...lines), last: Math.max(...lines) });
}

function problemText(problem: MarginProblem, rows: FileRows): string {
  const key = `population.problem.${problem.kind}`;
  switch (problem.kind) {
    case 'unknown_commune': {
      const text = t(key, { value: quoted(problem.value) });
      return /^\d{1,4}$/.test(problem.value)
        ? `${text} ${t('population.problem.shortCode')}`
        : text;
    }
    case 'unknown_variable':
      return t(key, { value: quoted(problem.value) });
    case 'unknown_category':
      return t(key, {
        value: quoted(problem.value),
        variable: t(`population.variable.${problem.variable}`),
        allowed: marginCategories[problem.variable].join(', '),
      });
    case 'not_whole_number':
    case 'negative':
    case 'too_large':
      return t(key, { value: quoted(rows.populationText[problem.row] ?? String(problem.value)) });
    case 'duplicate':
      return t(key, { first: rows.lines[problem.firstRow] ?? problem.firstRow + 2 });
    case 'missing_margin':
      return t(key, {
        commune: problem.communeCode,
        missing: t(`population.variable.${problem.missing}`),
      });
    case 'missing_category':
      return t(key, {
        commune: problem.communeCode,
        variable: t(`population.variable.${problem.variable}`),
        missing: problem.missing,
      });
    case 'zero_total':
      return t(key, { commune: problem.communeCode });
    case 'totals_differ':
      return t(key, {
        commune: problem.communeCode,
        sexTotal: count(problem.sexTotal),
        ageTotal: count(problem.ageTotal),
        difference: formatPercent(problem.difference, 1),
        allowed: formatPercent(maxTotalsDifference, 0),
      });
  }
}

/**
 * A margin problem in the staff language, with the line (or lines) of the file it is about:
 * "Dòng 7: số dân "-5" là số âm." The same words for a problem found here before sending
 * and for one the server found (its `details` carry the same problem).
 */
export function describeFileProblem(problem: MarginProblem, rows: FileRows): FileProblemText {
  return {
    line: rows.lines[problem.row] ?? problem.row + 2,
    where: whereOf(problem, rows),
    text: problemText(problem, rows),
  };
}

/** A problem of the file's shape (no header, no rows), in the staff language. */
export function describeCsvProblem(problem: CsvProblem): FileProblemText {
  const line = 'line' in problem ? problem.line : 1;
  const text =
    problem.kind === 'missing_columns'
      ? t('population.csv.missing_columns', { columns: problem.columns.join(', ') })
      : t(`population.csv.${problem.kind}`);
  return { line, where: t('population.line', { line }), text };
}
