import { z } from 'zod';
import type { CsvRecord } from '../csv-records.ts';
import { findTimestampProblems } from '../responses/schema.ts';
import type { ImportProblem } from './schema.ts';

/** The columns that are not questions (server/API.md "Paper and import"). */
export const rowIdColumn = 'row_id';
export const communeColumn = 'commune_code';
export const completedAtColumn = 'completed_at';
const requiredColumns = [rowIdColumn, communeColumn] as const;
const reservedColumns = new Set<string>([rowIdColumn, communeColumn, completedAtColumn]);
const maxRowIdLength = 100;

/** One data row of the file, as read: its problems so far, and its answer cells by question. */
export type ImportRow = {
  line: number;
  rowId: string;
  communeCode: string;
  /** UTC ISO instant, or null when the file gives none. */
  completedAt: string | null;
  cells: Array<[question: string, text: string]>;
  problems: ImportProblem[];
};

export type ImportRows =
  | { rows: ImportRow[]; headerLine: number; questionColumns: string[] }
  | { fileProblem: ImportProblem };

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });

/**
 * A `completed_at` cell as a UTC instant. A bare date is taken at noon in Việt Nam, so its
 * day there (which decides the wave) is the day written.
 */
function completionOf(text: string): string | null {
  if (isoDate.safeParse(text).success) return new Date(`${text}T12:00:00+07:00`).toISOString();
  if (isoDateTime.safeParse(text).success) return new Date(text).toISOString();
  return null;
}

const isBlank = (record: CsvRecord) => record.fields.every((field) => field.trim() === '');

/**
 * The data rows of an import file, each with its line and the problems that need no
 * questionnaire: the record's shape, its row id (present, at most 100 characters, once in
 * the file), its commune, its completion time. The header must name `row_id` and
 * `commune_code`, each column once; otherwise nothing can be read line by line
 * (`fileProblem`). Blank lines are no rows.
 */
export function readImportRows(
  records: readonly CsvRecord[],
  options: {
    communeCodes: ReadonlySet<string>;
    receivedAt: Date;
  },
): ImportRows {
  const nonBlank = records.filter((record) => !isBlank(record));
  const header = nonBlank[0];
  if (!header) {
    return { fileProblem: { line: 1, column: null, message: 'the file is empty' } };
  }
  if (header.problem) {
    return { fileProblem: { line: header.line, column: null, message: header.problem } };
  }
  const names = header.fields.map((field) => field.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '' || seen.has(name)) {
      return {
        fileProblem: {
          line: header.line,
          column: name === '' ? null : name,
          message: name === '' ? 'a column has no name' : `the column "${name}" is named twice`,
        },
      };
    }
    seen.add(name);
  }
  const missing = requiredColumns.filter((name) => !seen.has(name));
  if (missing.length > 0) {
    return {
      fileProblem: {
        line: header.line,
        column: null,
        message: `the header row must name the columns ${missing.join(', ')}`,
      },
    };
  }
  const rowIdAt = names.indexOf(rowIdColumn);
  const communeAt = names.indexOf(communeColumn);
  const completionAt = names.indexOf(completedAtColumn);
  const questionColumns = names
    .map((name, index) => [name, index] as const)
    .filter(([name]) => !reservedColumns.has(name));

  const rows: ImportRow[] = [];
  const linesOfRowId = new Map<string, number[]>();
  for (const record of nonBlank.slice(1)) {
    const cell = (index: number) => record.fields[index] ?? '';
    const problems: ImportProblem[] = [];
    const problem = (column: string | null, message: string) =>
      problems.push({ line: record.line, column, message });
    if (record.problem) problem(null, record.problem);
    if (record.fields.length !== names.length) {
      problem(null, `has ${record.fields.length} fields; the header has ${names.length}`);
    }
    const rowId = cell(rowIdAt).trim();
    if (rowId === '') problem(rowIdColumn, 'the row id is missing');
    else if (rowId.length > maxRowIdLength) {
      problem(rowIdColumn, `the row id is longer than ${maxRowIdLength} characters`);
    } else linesOfRowId.set(rowId, [...(linesOfRowId.get(rowId) ?? []), record.line]);
    const communeCode = cell(communeAt).trim();
    if (communeCode === '') problem(communeColumn, 'the commune code is missing');
    else if (!options.communeCodes.has(communeCode)) {
      problem(communeColumn, `unknown commune "${communeCode}"`);
    }
    let completion: string | null = null;
    const completedText = completionAt === -1 ? '' : cell(completionAt).trim();
    if (completedText !== '') {
      completion = completionOf(completedText);
      if (completion === null) {
        problem(
          completedAtColumn,
          'must be a date (2026-03-14) or a date and time with its offset (2026-03-14T09:30:00+07:00)',
        );
      } else {
        for (const { message } of findTimestampProblems(
          { completedAt: completion },
          options.receivedAt,
        )) {
          problem(completedAtColumn, message);
        }
      }
    }
    const cells = questionColumns.map(([name, index]) => [name, cell(index)] as [string, string]);
    rows.push({
      line: record.line,
      rowId,
      communeCode,
      completedAt: completion,
      cells,
      problems,
    });
  }
  for (const row of rows) {
    const lines = linesOfRowId.get(row.rowId);
    if (!lines || lines.length < 2) continue;
    const others = lines.filter((line) => line !== row.line);
    const more = others.length > 5 ? ` and ${others.length - 5} more` : '';
    row.problems.push({
      line: row.line,
      column: rowIdColumn,
      message: `the row id "${row.rowId}" is also on line ${others.slice(0, 5).join(', ')}${more}`,
    });
  }
  return { rows, headerLine: header.line, questionColumns: questionColumns.map(([name]) => name) };
}

/** Problems of line 1: the question columns that none of these questionnaires asks. */
export function unknownColumnProblems(
  read: { headerLine: number; questionColumns: readonly string[] },
  questionnaires: ReadonlyArray<{ questions: ReadonlyMap<string, unknown> }>,
): ImportProblem[] {
  return read.questionColumns
    .filter((name) => questionnaires.every((questionnaire) => !questionnaire.questions.has(name)))
    .map((name) => ({
      line: read.headerLine,
      column: name,
      message: `"${name}" is not a question of the questionnaire`,
    }));
}
