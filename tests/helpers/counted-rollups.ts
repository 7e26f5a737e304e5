import { sql } from 'kysely';
import type { Db } from '../../server/db/database.ts';

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

/**
 * The rollups as stored, sums as exact decimal text without trailing zeros: a sum that lost
 * an addend of many decimals by an exclusion keeps that addend's scale (`1.50` after taking
 * `0.25` out of `1.75`), which is the same number as the recomputation's `1.5`.
 */
export async function storedRollupsExact(db: Db): Promise<RollupRow[]> {
  const { rows } = await sql<RollupRow>`
    select commune_code, wave, measure, sex, age_band, n::int as n, trim_scale(sum)::text as sum,
      trim_scale(sum_squares)::text as sum_squares
    from rollups order by commune_code, wave, measure, sex, age_band`.execute(db);
  return rows.map((row) => ({ ...row, n: Number(row.n) }));
}

/**
 * The rollups recomputed from the stored responses that count (not excluded by review:
 * METHOD.md section 7), independently of the rollups and of the server's rebuild.
 */
export async function recomputedCountedRollups(db: Db): Promise<RollupRow[]> {
  const { rows } = await sql<RollupRow>`
    select commune_code, wave, measure,
      case when answers->>'sex' = 'female' then 'female'
        when answers->>'sex' = 'male' then 'male' else '' end as sex,
      case when answers->>'age_band' in ('18-29', '30-44', '45-59', '60+')
        then answers->>'age_band' else '' end as age_band,
      count(x)::int as n, trim_scale(sum(x))::text as sum,
      trim_scale(sum(x * x))::text as sum_squares
    from responses
    cross join lateral (values
      ('overall', score_overall::numeric), ('security', score_security::numeric),
      ('opportunity', score_opportunity::numeric), ('culture', score_culture::numeric),
      ('trust', score_trust::numeric)) as m(measure, x)
    where x is not null and review_state <> 'excluded'
    group by commune_code, wave, measure, sex, age_band
    order by commune_code, wave, measure, sex, age_band`.execute(db);
  return rows.map((row) => ({ ...row, n: Number(row.n) }));
}

type ReviewCountRow = {
  commune_code: string;
  wave: string;
  excluded: number;
  flagged_unreviewed: number;
};

/** The review counts as the triggers keep them, rows of zeros left out. */
export async function storedReviewCounts(db: Db): Promise<ReviewCountRow[]> {
  const { rows } = await sql<ReviewCountRow>`
    select commune_code, wave, excluded::int as excluded,
      flagged_unreviewed::int as flagged_unreviewed
    from review_counts where excluded <> 0 or flagged_unreviewed <> 0
    order by commune_code, wave`.execute(db);
  return rows.map((row) => ({
    ...row,
    excluded: Number(row.excluded),
    flagged_unreviewed: Number(row.flagged_unreviewed),
  }));
}

/** The same counts from the responses themselves. */
export async function recomputedReviewCounts(db: Db): Promise<ReviewCountRow[]> {
  const { rows } = await sql<ReviewCountRow>`
    select commune_code, wave,
      count(*) filter (where review_state = 'excluded')::int as excluded,
      count(*) filter (where review_state = 'unreviewed' and cardinality(flags) > 0)::int
        as flagged_unreviewed
    from responses
    group by commune_code, wave
    having count(*) filter (where review_state = 'excluded') > 0
      or count(*) filter (where review_state = 'unreviewed' and cardinality(flags) > 0) > 0
    order by commune_code, wave`.execute(db);
  return rows.map((row) => ({
    ...row,
    excluded: Number(row.excluded),
    flagged_unreviewed: Number(row.flagged_unreviewed),
  }));
}
