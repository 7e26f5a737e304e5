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

/**
 * From how many responses (by the rollups' count) a file of every commune is written by two
 * COPYs at once: below, the second connection and the spooling cost more than they save.
 */
export const parallelCopyFromRows = 50_000;

/** The same file, byte for byte, formatted by PostgreSQL and streamed by COPY. */
export async function* copiedResponsesCsv(
  pool: pg.Pool,
  scope: ResponsesFileScope,
  questions: readonly string[],
  options: { parallelFromRows?: number } = {},
): AsyncGenerator<Buffer> {
  const head = Buffer.from(csvBom + formatCsvRow(responsesHeader(questions)), 'utf8');
  const { wave, communeCode } = scope;
  const split =
    communeCode === undefined && hasSpareConnection(pool)
      ? await splitCommunes(pool, wave, options.parallelFromRows ?? parallelCopyFromRows)
      : undefined;
  const statements =
    split === undefined
      ? [responsesCopyStatement({ wave, communeCode }, questions)]
      : [
          responsesCopyStatement({ wave, communeCode, communes: { before: split } }, questions),
          responsesCopyStatement({ wave, communeCode, communes: { from: split } }, questions),
        ];
  yield* copyCsv(pool, statements, head, responsesCopySettings);
}

/**
 * A second connection only when the pool has one to spare right now: exports waiting for each
 * other's connections must never hold the whole pool.
 */
const hasSpareConnection = (pool: pg.Pool) =>
  pool.idleCount > 1 || pool.totalCount + 1 < (pool.options.max ?? 10);

/**
 * The commune code that cuts the wave's responses in two halves of about as many rows (the
 * first part: the codes before it), or `undefined` for one COPY: a small wave, or one commune
 * holding nearly all. The counts are the rollups' (a hint, read at once; the COPYs read the
 * rows themselves), so a cut never costs a scan of the responses.
 */
async function splitCommunes(
  pool: pg.Pool,
  wave: string,
  fromRows: number,
): Promise<string | undefined> {
  const counts = await pool
    .query<{ code: string; n: number }>(
      `select commune_code as code, max(n)::int as n
        from (select commune_code, measure, sum(n) as n from rollups where wave = $1
              group by commune_code, measure) as per_measure
        group by commune_code order by commune_code`,
      [wave],
    )
    .then(
      ({ rows }) => rows,
      () => [],
    );
  const total = counts.reduce((sum, { n }) => sum + n, 0);
  if (total < fromRows) return undefined;
  let before = 0;
  for (const { code, n } of counts) {
    // The first code whose rows would take the first part past half goes to the second.
    if (before > 0 && before + n / 2 > total / 2) return code;
    before += n;
  }
  return undefined;
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
