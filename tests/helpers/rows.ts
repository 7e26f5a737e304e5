import { sql } from 'kysely';
import type { Db } from '../../server/db/database.ts';

export async function countResponses(db: Db) {
  const row = await db
    .selectFrom('responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countRollups(db: Db) {
  const row = await db
    .selectFrom('rollups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

type RollupRow = {
  commune_code: string;
  wave: string;
  measure: string;
  sex: string;
  age_band: string;
  n: number;
  sum: string;
  sum_squares: string;
};

/** The rollups as stored, in a fixed order, sums as exact decimal text. */
export async function storedRollups(db: Db): Promise<RollupRow[]> {
  const { rows } = await sql<RollupRow>`
    select commune_code, wave, measure, sex, age_band, n::int as n, sum::text as sum, sum_squares::text as sum_squares
    from rollups order by commune_code, wave, measure, sex, age_band`.execute(db);
  return rows.map((row) => ({ ...row, n: Number(row.n) }));
}

/** The same figures recomputed from every stored response, independently of the rollups. */
export async function recomputedRollups(db: Db): Promise<RollupRow[]> {
  const { rows } = await sql<RollupRow>`
    select commune_code, wave, measure,
      case when answers->>'sex' = 'female' then 'female'
        when answers->>'sex' = 'male' then 'male' else '' end as sex,
      case when answers->>'age_band' in ('18-29', '30-44', '45-59', '60+')
        then answers->>'age_band' else '' end as age_band,
      count(x)::int as n, sum(x)::text as sum,
      sum(x * x)::text as sum_squares
    from responses
    cross join lateral (values
      ('overall', score_overall::numeric), ('security', score_security::numeric),
      ('opportunity', score_opportunity::numeric), ('culture', score_culture::numeric),
      ('trust', score_trust::numeric)) as m(measure, x)
    where x is not null
    group by commune_code, wave, measure, sex, age_band
    order by commune_code, wave, measure, sex, age_band`.execute(db);
  return rows.map((row) => ({ ...row, n: Number(row.n) }));
}
