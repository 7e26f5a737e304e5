import { sql } from 'kysely';
import type { Db } from '../../server/db/database.ts';

type RollupRow = {
  commune_code: string;
  wave: string;
  measure: string;
  n: number;
  sum: string;
  sum_squares: string;
};

/**
 * The rollups as stored, sums as exact decimal text without trailing zeros: a sum that lost
 * an addend of many decimals by an exclusion keeps that addend's scale (`1.50` after taking
 * `0.25` out of `1.75`), which is the same number as the recomputation's `1.5`.
 */
export async function storedRollupsExact(db: Db): Promise<RollupRow[]> {
  const { rows } = await sql<RollupRow>`
    select commune_code, wave, measure, n::int as n, trim_scale(sum)::text as sum,
      trim_scale(sum_squares)::text as sum_squares
    from rollups order by commune_code, wave, measure`.execute(db);
  return rows.map((row) => ({ ...row, n: Number(row.n) }));
}

/**
 * The rollups recomputed from the stored responses that count (not excluded by review:
 * METHOD.md section 7), independently of the rollups and of the server's rebuild.
 */
export async function recomputedCountedRollups(db: Db): Promise<RollupRow[]> {
  const { rows } = await sql<RollupRow>`
    select commune_code, wave, measure, count(x)::int as n, trim_scale(sum(x))::text as sum,
      trim_scale(sum(x * x))::text as sum_squares
    from responses
    cross join lateral (values
      ('overall', score_overall::numeric), ('security', score_security::numeric),
      ('opportunity', score_opportunity::numeric), ('culture', score_culture::numeric),
      ('trust', score_trust::numeric)) as m(measure, x)
    where x is not null and review_state <> 'excluded'
    group by commune_code, wave, measure
    order by commune_code, wave, measure`.execute(db);
  return rows.map((row) => ({ ...row, n: Number(row.n) }));
}
