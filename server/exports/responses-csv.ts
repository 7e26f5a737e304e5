import type pg from 'pg';
import type { Db } from '../db/database.ts';
import type { LoadedQuestionnaire } from '../questionnaires/normalise-questionnaire.ts';
import { copyCsv } from './copy-csv.ts';
import { csvBom, csvChunks, formatCsvRow } from './csv.ts';
import {
  copyWritesTheSameFile,
  responsesCopySettings,
  responsesCopyStatement,
} from './responses-copy-statement.ts';
import { pageResponses } from './responses-query.ts';
import { questionColumns, responseRow, responsesHeader } from './responses-table.ts';

export type ResponsesFileScope = {
  wave: string;
  /** One commune, or `undefined` for every commune of `allCommuneCodes`. */
  communeCode: string | undefined;
  /** The reference list of communes (the responses table admits no other). */
  allCommuneCodes: readonly string[];
};

/**
 * The responses file built here, row by row, from keyset pages: the way on the embedded
 * database, which has no COPY to a client, and the reference the COPY file is tested against.
 */
export function pagedResponsesCsv(
  db: Db,
  scope: ResponsesFileScope,
  questions: readonly string[],
): AsyncIterable<string> {
  // Commune by commune in code order, as the COPY orders its rows.
  const communeCodes =
    scope.communeCode === undefined ? [...scope.allCommuneCodes].sort() : [scope.communeCode];
  async function* rows() {
    for await (const page of pageResponses(db, { wave: scope.wave, communeCodes })) {
      for (const row of page) yield responseRow(row, questions);
    }
  }
  return csvChunks(responsesHeader(questions), rows());
}

/** The same file, byte for byte, formatted by PostgreSQL and streamed with one COPY. */
export function copiedResponsesCsv(
  pool: pg.Pool,
  scope: ResponsesFileScope,
  questions: readonly string[],
): AsyncIterable<Buffer> {
  const head = Buffer.from(csvBom + formatCsvRow(responsesHeader(questions)), 'utf8');
  const statement = responsesCopyStatement(
    { wave: scope.wave, communeCode: scope.communeCode },
    questions,
  );
  return copyCsv(pool, statement, head, responsesCopySettings);
}

/**
 * The responses file of a wave: by COPY on PostgreSQL (the database formats the rows; this
 * process holds a few chunks), by pages on the embedded database or when the forms allow
 * answers COPY would write differently (`copyWritesTheSameFile`).
 */
export function responsesCsv(
  database: { db: Db; pool?: pg.Pool | undefined },
  scope: ResponsesFileScope,
  questionnaires: readonly LoadedQuestionnaire[],
): AsyncIterable<string | Buffer> {
  const questions = questionColumns(questionnaires);
  return database.pool && copyWritesTheSameFile(questionnaires)
    ? copiedResponsesCsv(database.pool, scope, questions)
    : pagedResponsesCsv(database.db, scope, questions);
}
