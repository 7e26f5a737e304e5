import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { FlagName } from '../integrity/flag-names.ts';
import type { ResponseScores } from '../scoring/score-response.ts';
import { cellAgeBandOf, cellSexOf } from './response-cell.ts';

export type NewResponse = {
  id: string;
  questionnaireId: string;
  communeCode: string;
  wave: string;
  channel: 'web' | 'kiosk' | 'paper';
  answers: Record<string, unknown>;
  requestHash: string;
  scores: ResponseScores;
  startedAt: string | null;
  completedAt: string | null;
  receivedAt: Date;
  kioskId: string | null;
};

/** What the integrity rules (METHOD.md section 7) need to flag a new response. */
export type ResponseIntegrity = {
  /** `too_fast`, `straight_line`: from the response alone (server/integrity/own-flags.ts). */
  ownFlags: readonly FlagName[];
  /** server/integrity/answers-fingerprint.ts */
  fingerprint: string;
};

/**
 * Stores a response and adds its scores to the commune·wave rollups, in one statement and
 * so one transaction: either both happen or neither does.
 *
 * The id decides idempotency in the database, not in a read-then-write: `on conflict do
 * nothing` makes a concurrent second insert of the same id wait for the first and then do
 * nothing, so however many copies race, one row is stored and one rollup increment made.
 * Returns whether this call stored it. Rollup rows are touched in a fixed measure order, so
 * two submissions for the same commune never deadlock. The text is fixed, so PostgreSQL keeps
 * it prepared (see named-statements.ts).
 *
 * With `integrity` (the submission route always gives it, but in the bench's flags-off run;
 * tests that only need stored rows leave it out) the response is stored with its own flags
 * and fingerprint, and then `integrity_flag_new_response` (migrations/0016_flags_after_insert.ts)
 * adds `duplicate` and `burst` to it and to the earlier responses it completes a pair or a
 * window with, in this same statement: still one round trip, locked against concurrent
 * submissions that could make the same pair or window. It runs on the row the insert
 * returns, so a retry (nothing inserted) relates nothing, and before the rollups, which read
 * its result, so a submission waiting for its locks holds no rollup row.
 */
export async function insertResponseOnce(
  db: Db,
  response: NewResponse,
  integrity: ResponseIntegrity | null = null,
): Promise<boolean> {
  if (!integrity) return insertWithoutFlags(db, response);
  const { scores } = response;
  const receivedAt = response.receivedAt.toISOString();
  const result = await sql<{ inserted: number }>`/* statement: insert_response_flagged */
    with inserted as (
      insert into responses (id, questionnaire_id, commune_code, wave, channel, answers,
        request_hash, score_overall, score_security, score_opportunity, score_culture,
        score_trust, started_at, completed_at, received_at, kiosk_id, flags,
        answers_fingerprint)
      values (${response.id}::uuid, ${response.questionnaireId}::text, ${response.communeCode}::text,
        ${response.wave}::text, ${response.channel}::text, ${JSON.stringify(response.answers)}::jsonb,
        ${response.requestHash}::text, ${scores.overall}::float8, ${scores.security}::float8,
        ${scores.opportunity}::float8, ${scores.culture}::float8, ${scores.trust}::float8,
        ${response.startedAt}::timestamptz, ${response.completedAt}::timestamptz,
        ${receivedAt}::timestamptz, ${response.kioskId}::uuid,
        ${`{${integrity.ownFlags.join(',')}}`}::text[], ${integrity.fingerprint}::text)
      on conflict (id) do nothing
      returning id, kiosk_id, answers_fingerprint, coalesce(completed_at, received_at) as completion,
        commune_code, wave, answers, score_overall, score_security, score_opportunity,
        score_culture, score_trust
    ), related as (
      select integrity_flag_new_response(i.id, i.commune_code, i.wave, i.answers_fingerprint,
        i.kiosk_id, i.completion)
      from inserted i
    ), ${rolledUp(sql`inserted i cross join related`)}
    select (select count(*) from inserted)::int as inserted,
      (select count(*) from rolled_up)::int as measures
  `.execute(db);
  return result.rows[0]?.inserted === 1;
}

/**
 * Adds the inserted row's scores to its commune·wave rollups, in its cell (response-cell.ts),
 * in a fixed measure order. `source` names the inserted row `i`, joined to whatever must run
 * before the rollup rows are locked.
 */
const rolledUp = (source: RawBuilder<unknown>) => sql`rolled_up as (
      insert into rollups as r (commune_code, wave, measure, sex, age_band, n, sum, sum_squares)
      select i.commune_code, i.wave, m.measure, ${cellSexOf(sql`i.answers`)},
        ${cellAgeBandOf(sql`i.answers`)}, 1, m.x, m.x * m.x
      from ${source}
      cross join lateral (values
        (1, 'overall', i.score_overall::numeric),
        (2, 'security', i.score_security::numeric),
        (3, 'opportunity', i.score_opportunity::numeric),
        (4, 'culture', i.score_culture::numeric),
        (5, 'trust', i.score_trust::numeric)
      ) as m(position, measure, x)
      where m.x is not null
      order by m.position
      on conflict (commune_code, wave, measure, sex, age_band) do update set
        n = r.n + 1, sum = r.sum + excluded.sum, sum_squares = r.sum_squares + excluded.sum_squares
      returning 1
    )`;

/**
 * The submission path as it was before the flags: the bench measures it beside the flagged
 * one (BENCH_WITHOUT_FLAGS), so the cost of flagging is a measured number, not a guess.
 */
async function insertWithoutFlags(db: Db, response: NewResponse): Promise<boolean> {
  const { scores } = response;
  const result = await sql<{ inserted: number }>`/* statement: insert_response_once */
    with inserted as (
      insert into responses (id, questionnaire_id, commune_code, wave, channel, answers,
        request_hash, score_overall, score_security, score_opportunity, score_culture,
        score_trust, started_at, completed_at, received_at, kiosk_id)
      values (${response.id}, ${response.questionnaireId}, ${response.communeCode},
        ${response.wave}, ${response.channel}, ${JSON.stringify(response.answers)}::jsonb,
        ${response.requestHash}, ${scores.overall}::float8, ${scores.security}::float8,
        ${scores.opportunity}::float8, ${scores.culture}::float8, ${scores.trust}::float8,
        ${response.startedAt}::timestamptz, ${response.completedAt}::timestamptz,
        ${response.receivedAt.toISOString()}::timestamptz, ${response.kioskId}::uuid)
      on conflict (id) do nothing
      returning commune_code, wave, answers, score_overall, score_security,
        score_opportunity, score_culture, score_trust
    ), ${rolledUp(sql`inserted i`)}
    select (select count(*) from inserted)::int as inserted,
      (select count(*) from rolled_up)::int as measures
  `.execute(db);
  return result.rows[0]?.inserted === 1;
}

/** What was stored under an id, to answer a retry (200) or a conflict (409). */
export async function findStoredResponse(db: Db, id: string) {
  return db
    .selectFrom('responses')
    .select([
      'id',
      'wave',
      'request_hash',
      'score_overall',
      'score_security',
      'score_opportunity',
      'score_culture',
      'score_trust',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}
