/**
 * CSV as RFC 4180 writes it, for files staff open in Excel or LibreOffice and in R or Stata:
 * comma separated, CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF,
 * quotes inside doubled. Pure: no I/O, so the rules are tested on their own.
 */

/** One field: text, a number, a yes/no, or nothing (an empty field). */
export type CsvValue = string | number | boolean | null | undefined;

/** Excel reads a CSV without a byte order mark as the local code page and garbles Vietnamese. */
export const csvBom = '\uFEFF';

const lineEnd = '\r\n';
const needsQuotes = /[",\r\n]/;
/**
 * What a spreadsheet would take for the start of a formula (OWASP "CSV injection"): a tab or
 * CR first, or = + - @ first or after leading spaces, tabs, CR or LF (spreadsheets skip those
 * before a formula), in ASCII or in the full-width forms ＝ ＋ － ＠ that an East Asian input
 * method types and some spreadsheets read as the ASCII ones. Written so that PostgreSQL's
 * regular expressions read it the same: the COPY export applies this very pattern in SQL.
 */
export const formulaStart = /^(?:[\t\r]|[ \t\r\n]*[=+\-@＝＋－＠])/;

/**
 * A text that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `-2+3`,
 * ` =1`) gets a leading apostrophe, so a resident's comment can never execute on an analyst's
 * machine. The price: such a text reads back with the apostrophe. Numbers never come here:
 * `formatCsvField` writes a number (a score, a rating, -1 from a form) as a number, so only
 * text a resident typed or chose is ever guarded.
 */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/**
 * One field. Numbers are written as JavaScript writes them (shortest text that reads back
 * as the same double, '.' as decimal separator, never rounded); non-finite ones as empty.
 */
export function formatCsvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutraliseFormula(value);
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, with its CRLF. */
export function formatCsvRow(values: readonly CsvValue[]): string {
  return `${values.map(formatCsvField).join(',')}${lineEnd}`;
}

/**
 * A whole file, BOM first, as text chunks of about `chunkChars` characters: a stream of
 * these keeps memory flat however many rows come, and avoids a write per row.
 */
export async function* csvChunks(
  header: readonly CsvValue[],
  rows: AsyncIterable<readonly CsvValue[]> | Iterable<readonly CsvValue[]>,
  chunkChars = 64 * 1024,
): AsyncGenerator<string> {
  let chunk = csvBom + formatCsvRow(header);
  for await (const row of rows) {
    chunk += formatCsvRow(row);
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
