import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export type ScoredResponse = {
  commune_code: string;
  wave: string;
  /** The response's cell (server/responses/response-cell.ts). */
  sex: string;
  age_band: string;
  score_overall: number | null;
  score_security: number | null;
  score_opportunity: number | null;
  score_culture: number | null;
  score_trust: number | null;
};

/**
 * Takes one response's scores out of its commune·wave·cell rollups (`sign` −1) or puts them back
 * (+1), in the caller's transaction. The arithmetic is the insert path's (each score cast
 * `float8 → numeric`, exact), so after any sequence of exclusions and inclusions the rollups
 * equal a recomputation from the responses that are not excluded.
 *
 * One `insert … on conflict do update`, rows in the fixed measure order, as the insert path
 * does: a decision and a submission for the same commune lock the rollup rows in the same
 * order and never deadlock. A rollup left with no responses is deleted, as a recomputation
 * would not have it (a submission racing with the delete re-inserts it: PostgreSQL retries
 * its `on conflict` when the row it waited for is gone).
 */
export async function moveInRollups(trx: Db, response: ScoredResponse, sign: -1 | 1) {
  const score = (value: number | null) => sql`${value}::float8::numeric`;
  await sql`
    insert into rollups as r (commune_code, wave, measure, sex, age_band, n, sum, sum_squares)
    select ${response.commune_code}, ${response.wave}, m.measure, ${response.sex}::text,
      ${response.age_band}::text, ${sign}::int,
      ${sign}::int * m.x, ${sign}::int * m.x * m.x
    from (values
      (1, 'overall', ${score(response.score_overall)}),
      (2, 'security', ${score(response.score_security)}),
      (3, 'opportunity', ${score(response.score_opportunity)}),
      (4, 'culture', ${score(response.score_culture)}),
      (5, 'trust', ${score(response.score_trust)})
    ) as m(position, measure, x)
    where m.x is not null
    order by m.position
    on conflict (commune_code, wave, measure, sex, age_band) do update set
      n = r.n + excluded.n, sum = r.sum + excluded.sum,
      sum_squares = r.sum_squares + excluded.sum_squares`.execute(trx);
  if (sign < 0) {
    await sql`delete from rollups
      where commune_code = ${response.commune_code} and wave = ${response.wave}
        and sex = ${response.sex} and age_band = ${response.age_band} and n = 0`.execute(trx);
  }
}
