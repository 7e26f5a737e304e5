import { setImmediate as nextTurnOfEventLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export type ResponsesFilter = { wave: string; communeCodes: readonly string[] };

/** What an export may show of a response; request_hash and kiosk_id are never read. */
const exportedColumns = [
  'id',
  'questionnaire_id',
  'commune_code',
  'wave',
  'channel',
  'is_demo',
  'answers',
  'score_overall',
  'score_security',
  'score_opportunity',
  'score_culture',
  'score_trust',
] as const;

/**
 * A time as ISO 8601 in UTC with milliseconds, as the API writes times (`toISOString`). Done
 * by the database: parsing into a Date and formatting again was a tenth of an export's CPU.
 */
const isoFormat = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';
const isoTime = (column: 'started_at' | 'completed_at' | 'received_at') =>
  sql<string | null>`to_char(${sql.ref(column)} at time zone 'UTC', ${sql.lit(isoFormat)})`.as(
    column,
  );

/**
 * Rows per page: about half a MB of answers, and on the embedded database (whose queries block
 * the process) a pause of a tenth of a second or so for other requests.
 */
export const responsesPageSize = 1000;

/**
 * The responses of a wave in the given communes, page by page: commune by commune (in the
 * order given), and within a commune in id order. For each commune, first its ids (served by
 * the commune·wave index), then its rows a page of ids at a time (primary-key lookups).
 *
 * Why not one cursor (`.stream()`): it needs `pg-cursor` in the PostgreSQL dialect, PGlite
 * cannot stream at all (it would load the whole result), and on PGlite a stream holds the one
 * connection, so every submission would wait for the whole export. Here each query is short
 * and on its own: other requests run between pages on both databases.
 *
 * Why not plain keyset pages (`where wave = ? and id > ? order by id limit ?`): no index
 * serves "wave, in id order", so unless the planner guesses to walk the whole primary key,
 * every page re-reads and sorts the rest of the wave: quadratic (measured: a 120,000-row wave
 * at 2,700 rows/s on PostgreSQL before it had analysed the freshly loaded table, each page
 * taking a second). The commune·wave
 * index bounds each query to one commune, so the export reads each row about twice, whatever
 * the size.
 *
 * Memory: one page of rows and one commune's ids (16-byte UUIDs as text: ~7 MB for a commune
 * of 100,000 responses), on both databases.
 *
 * The file is not one snapshot: responses are never updated and ids never reused, so every
 * response stored before the export began is in it exactly once; one stored during the export
 * may or may not be.
 */
export async function* pageResponses(
  db: Db,
  filter: ResponsesFilter,
  pageSize = responsesPageSize,
): AsyncGenerator<ExportedResponse[]> {
  for (const communeCode of filter.communeCodes) {
    const ids = await selectIds(db, communeCode, filter.wave);
    for (let start = 0; start < ids.length; start += pageSize) {
      // PGlite answers without a turn of the event loop (its queries resolve as microtasks),
      // so without this an export would starve every other request, even ones that never
      // touch the database, until it ends (measured: /api/communes waited 13 s).
      await nextTurnOfEventLoop();
      const page = await selectRows(db, ids.slice(start, start + pageSize));
      if (page.length > 0) yield page;
    }
  }
}

export type ExportedResponse = Awaited<ReturnType<typeof selectRows>>[number];

async function selectIds(db: Db, communeCode: string, wave: string) {
  const rows = await db
    .selectFrom('responses')
    .select('id')
    .where('commune_code', '=', communeCode)
    .where('wave', '=', wave)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

function selectRows(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('responses')
    .select(exportedColumns)
    .select([isoTime('started_at'), isoTime('completed_at'), isoTime('received_at')])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
}
