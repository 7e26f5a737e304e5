import { readCsvRecords } from '../../../server/csv-records.ts';
import type { MarginRowInput } from '../../../server/population/validate-margins.ts';

/** The columns a margins file must have, by name; others (a commune's name, say) are ignored. */
export const marginColumns = ['communeCode', 'variable', 'category', 'population'] as const;
type Column = (typeof marginColumns)[number];

/** A problem of the file itself, before its rows can be checked as margins. */
export type CsvProblem =
  | { kind: 'empty_file' }
  | { kind: 'missing_columns'; line: number; columns: Column[] }
  | { kind: 'no_rows'; line: number };

export type ParsedMargins =
  | {
      ok: true;
      rows: MarginRowInput[];
      /** The file's line (from 1) of each row, for saying where a problem is. */
      lines: number[];
      /** Each row's population as written in the file (a problem quotes it as it was). */
      populationText: string[];
    }
  | { ok: false; problem: CsvProblem };

/**
 * The records of a CSV text (server/csv-records.ts), each with the line it starts on. A line
 * with nothing on it (or only commas) is no record: spreadsheets leave them.
 */
export function csvRecords(text: string): Array<{ line: number; fields: string[] }> {
  return readCsvRecords(text)
    .filter((record) => record.fields.some((field) => field.trim() !== ''))
    .map(({ line, fields }) => ({ line, fields }));
}

/**
 * A count as written: digits only, maybe signed or with a decimal part (so "-5" and "12.5"
 * reach the margin rules, which name what is wrong); anything else (empty, "5.120,0",
 * "n/a") is NaN, which those rules report as not a whole number.
 */
function countOf(text: string): number {
  return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * Reads a margins file as a statistics office sends it: a header row naming `communeCode`,
 * `variable`, `category` and `population` (any order, any case, other columns ignored), then
 * one row per commune, variable and category. Values are trimmed and kept as text, so a
 * commune code keeps its leading zeros. Only the file's own shape is checked here; the
 * margin rules (`checkMargins`) check the rows.
 */
export function parseMarginsCsv(text: string): ParsedMargins {
  const records = csvRecords(text);
  const [header, ...body] = records;
  if (!header) return { ok: false, problem: { kind: 'empty_file' } };
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const index = Object.fromEntries(
    marginColumns.map((column) => [column, names.indexOf(column.toLowerCase())]),
  ) as Record<Column, number>;
  const missing = marginColumns.filter((column) => index[column] < 0);
  if (missing.length > 0) {
    return { ok: false, problem: { kind: 'missing_columns', line: header.line, columns: missing } };
  }
  if (body.length === 0) return { ok: false, problem: { kind: 'no_rows', line: header.line } };
  const value = (fields: string[], column: Column) => (fields[index[column]] ?? '').trim();
  return {
    ok: true,
    rows: body.map(({ fields }) => ({
      communeCode: value(fields, 'communeCode'),
      variable: value(fields, 'variable'),
      category: value(fields, 'category'),
      population: countOf(value(fields, 'population')),
    })),
    lines: body.map((record) => record.line),
    populationText: body.map(({ fields }) => value(fields, 'population')),
  };
}
