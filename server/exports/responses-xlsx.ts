import type { Db } from '../db/database.ts';
import type { LoadedQuestionnaire } from '../questionnaires/normalise-questionnaire.ts';
import type { ResponsesFileScope } from './responses-csv.ts';
import { dictionaryRows, responseColumns } from './responses-people.ts';
import { type ExportedResponse, pageResponses } from './responses-query.ts';
import { xlsxStream } from './xlsx.ts';

/**
 * The responses of a wave as an Excel workbook for people: the rows of responses.csv, in its
 * order (commune by commune in code order, then id), with words for codes, dates as dates in
 * the province's time, scores to one decimal, codes as text; then the column dictionary.
 *
 * Streamed like the CSV on the embedded database: keyset pages (two in memory at a time),
 * each row written into the sheet's XML and deflated into the zip as it comes. Nothing is
 * held whole: inline strings instead of a shared-strings table, sizes after the data.
 * `pages` is the row source, the database's pages unless a test gives its own.
 */
export function responsesXlsx(
  db: Db,
  scope: ResponsesFileScope & { communeNames: ReadonlyMap<string, string> },
  questionnaires: readonly LoadedQuestionnaire[],
  pages: AsyncIterable<readonly ExportedResponse[]> = pageResponses(db, {
    wave: scope.wave,
    communeCodes:
      scope.communeCode === undefined ? [...scope.allCommuneCodes].sort() : [scope.communeCode],
  }),
) {
  const columns = responseColumns(questionnaires);
  const communeName = (code: string) => scope.communeNames.get(code) ?? '';
  // The commune's name after its code: a person reads names, a code alone says little.
  const codeAt = columns.findIndex((column) => column.csv === 'commune_code');
  const withName = <T>(cells: T[], name: T) => [
    ...cells.slice(0, codeAt + 1),
    name,
    ...cells.slice(codeAt + 1),
  ];
  async function* rows() {
    yield withName(
      columns.map((column) => column.label),
      'Tên xã, phường (commune)',
    );
    for await (const page of pages) {
      for (const row of page) {
        yield withName(
          columns.map((column) => column.cell(row)),
          communeName(row.commune_code),
        );
      }
    }
  }
  return xlsxStream([
    {
      name: 'Câu trả lời (responses)',
      rows: rows(),
      headerRows: 1,
      widths: withName(
        columns.map((column) => column.width),
        20,
      ),
      formats: withName(
        columns.map((column) => column.format),
        undefined,
      ),
    },
    {
      name: 'Giải thích cột (columns)',
      rows: [
        ['Cột CSV (column)', 'Tiêu đề Excel (heading)', 'Ý nghĩa', 'Meaning', 'Giá trị (values)'],
        ...dictionaryRows(columns),
      ],
      headerRows: 1,
      widths: [18, 30, 50, 50, 50],
    },
  ]);
}
