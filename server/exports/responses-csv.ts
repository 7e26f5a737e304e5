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
 * connections at once: below, the second connection and the spooling cost more than they save.
 */
export const parallelCopyFromRows = 50_000;

/**
 * How many parts (COPYs) a file written by two connections is cut into. Each connection runs
 * its parts one after the other (copy-csv.ts), so more parts than connections bring the first
 * records sooner, but every part scans the whole wave once (table order, see
 * responses-copy-statement.ts). Measured at 1,000,000 responses: 2 parts wrote the file in
 * 7.2 s (first byte 4.4 s), 4 parts in 7.9 s (first byte 2.6 s), 3 parts in 8.6 s.
 */
export const parallelCopyParts = 2;

/** The same file, byte for byte, formatted by PostgreSQL and streamed by COPY. */
export async function* copiedResponsesCsv(
  pool: pg.Pool,
  scope: ResponsesFileScope,
  questions: readonly string[],
  options: { parallelFromRows?: number; parts?: number } = {},
): AsyncGenerator<Buffer> {
  const head = Buffer.from(csvBom + formatCsvRow(responsesHeader(questions)), 'utf8');
  const { wave, communeCode } = scope;
  const cuts =
    communeCode === undefined && hasSpareConnection(pool)
      ? await cutCommunes(
          pool,
          wave,
          options.parallelFromRows ?? parallelCopyFromRows,
          options.parts ?? parallelCopyParts,
        )
      : [];
  const bounds = [undefined, ...cuts, undefined];
  const statements = bounds
    .slice(1)
    .map((before, i) =>
      responsesCopyStatement(
        { wave, communeCode, communes: { from: bounds[i], before } },
        questions,
      ),
    );
  yield* copyCsv(pool, statements, head, { settings: responsesCopySettings, connections: 2 });
}

/**
 * A second connection only when the pool has one to spare right now: exports waiting for each
 * other's connections must never hold the whole pool.
 */
const hasSpareConnection = (pool: pg.Pool) =>
  pool.idleCount > 1 || pool.totalCount + 1 < (pool.options.max ?? 10);

/**
 * The commune codes that cut the wave's responses into `parts` of about as many rows each
 * (`cutsByRows`), or none for one COPY: a wave below `fromRows`. The counts are the rollups'
 * (a hint, read at once; the COPYs read the rows themselves), so a cut never costs a scan of
 * the responses.
 */
async function cutCommunes(
  pool: pg.Pool,
  wave: string,
  fromRows: number,
  parts: number,
): Promise<string[]> {
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
  return total < fromRows ? [] : cutsByRows(counts, parts);
}

/**
 * Where to cut communes (in code order, with their row counts) into `parts` runs of about as
 * many rows: the codes that start the second run, the third, and so on. A commune is never
 * cut: it goes to the run its middle row falls in (a row exactly on a boundary stays in the
 * earlier run). So a commune holding most rows makes fewer runs, and no run is ever empty.
 */
export function cutsByRows(
  counts: ReadonlyArray<{ code: string; n: number }>,
  parts: number,
): string[] {
  const total = counts.reduce((sum, { n }) => sum + n, 0);
  if (total === 0) return [];
  const cuts: string[] = [];
  let before = 0;
  let previousRun = 0;
  for (const [i, { code, n }] of counts.entries()) {
    // In integers: the middle row, before + n/2, against the boundaries total·k/parts.
    const run = Math.min(
      parts - 1,
      Math.max(0, Math.ceil(((2 * before + n) * parts) / (2 * total)) - 1),
    );
    if (i > 0 && run > previousRun) cuts.push(code);
    previousRun = run;
    before += n;
  }
  return cuts;
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
