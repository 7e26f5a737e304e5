import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { MeasureKey } from '../questionnaires/schema.ts';

/**
 * A rollup as the statistics need it. `sumSquaresAboutMean` (Σ(x − mean)²) is derived from
 * n·Σx² − (Σx)², computed exactly on numeric in the database and divided by n only here, so
 * a commune whose answers are all equal gets exactly 0, not a rounding residue.
 */
export type MeasureRollup = {
  communeCode: string;
  wave: string;
  measure: MeasureKey;
  n: number;
  sum: number;
  sumSquaresAboutMean: number;
};

type RollupRow = {
  commune_code: string;
  wave: string;
  measure: MeasureKey;
  n: number;
  sum: string;
  n_ss: string;
};

const toRollup = (row: RollupRow): MeasureRollup => {
  const n = Number(row.n);
  return {
    communeCode: row.commune_code,
    wave: row.wave,
    measure: row.measure,
    n,
    sum: Number(row.sum),
    sumSquaresAboutMean: n > 0 ? Number(row.n_ss) / n : 0,
  };
};

/** Every rollup of a wave: at most 56 communes × 5 measures, whatever the number of responses. */
export async function findWaveRollups(db: Db, wave: string): Promise<MeasureRollup[]> {
  const { rows } = await sql<RollupRow>`
    select commune_code, wave, measure, n, sum::text as sum,
      (n * sum_squares - sum * sum)::text as n_ss
    from rollups where wave = ${wave}`.execute(db);
  return rows.map(toRollup);
}

/** The overall rollups of every wave, for the trend. */
export async function findOverallRollups(db: Db): Promise<MeasureRollup[]> {
  const { rows } = await sql<RollupRow>`
    select commune_code, wave, measure, n, sum::text as sum,
      (n * sum_squares - sum * sum)::text as n_ss
    from rollups where measure = 'overall' order by wave`.execute(db);
  return rows.map(toRollup);
}

/** The province pooled per wave: every scored response counted once, as one sample. */
export async function findProvinceRollups(db: Db): Promise<MeasureRollup[]> {
  const { rows } = await sql<RollupRow>`
    select '' as commune_code, wave, 'overall' as measure, sum(n)::int as n,
      sum(sum)::text as sum, (sum(n) * sum(sum_squares) - sum(sum) * sum(sum))::text as n_ss
    from rollups where measure = 'overall' group by wave order by wave`.execute(db);
  return rows.map(toRollup);
}

/** The latest wave with scored responses, or null on an empty database. */
export async function findLatestWave(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('rollups')
    .select((eb) => eb.fn.max('wave').as('wave'))
    .executeTakeFirst();
  return row?.wave ?? null;
}

/** Which of these questionnaires have responses in the wave (an index probe each). */
export async function findWaveQuestionnaires(db: Db, wave: string, ids: readonly string[]) {
  const used: string[] = [];
  for (const id of ids) {
    const hit = await db
      .selectFrom('responses')
      .select('id')
      .where('questionnaire_id', '=', id)
      .where('wave', '=', wave)
      .limit(1)
      .executeTakeFirst();
    if (hit) used.push(id);
  }
  return used;
}

/**
 * The answers of one commune in one wave that count (not excluded by review: METHOD.md
 * section 7), served by the commune·wave index.
 */
export async function findCommuneAnswers(db: Db, communeCode: string, wave: string) {
  const rows = await db
    .selectFrom('responses')
    .select(['questionnaire_id', 'answers'])
    .where('commune_code', '=', communeCode)
    .where('wave', '=', wave)
    .where('review_state', '<>', 'excluded')
    .execute();
  return rows;
}

/** Per commune: responses excluded by review, and flagged ones not reviewed yet. */
export type ReviewCounts = { excluded: number; flaggedUnreviewed: number };

/**
 * The review counts of every commune in a wave. Only flagged or decided responses can count,
 * so each commune's part repeats the predicate of the partial index `responses_review_idx`
 * and reads its (commune, wave) range of that small index: one range per commune, never a
 * scan of the wave (which the planner picked for one query over all communes at 1,000,000
 * rows, 35,000 of them flagged: 850 ms).
 */
export async function findReviewCounts(db: Db, wave: string): Promise<Map<string, ReviewCounts>> {
  const { rows } = await sql<{ commune_code: string; excluded: number; flagged: number }>`
    select c.code as commune_code, counts.excluded, counts.flagged
    from communes c
    cross join lateral (
      select count(*) filter (where r.review_state = 'excluded')::int as excluded,
        count(*) filter (where r.review_state = 'unreviewed' and cardinality(r.flags) > 0)::int
          as flagged
      from responses r
      where r.commune_code = c.code and r.wave = ${wave}
        and (cardinality(r.flags) > 0 or r.review_state <> 'unreviewed')
    ) as counts
    where counts.excluded > 0 or counts.flagged > 0`.execute(db);
  return new Map(
    rows.map((row) => [
      row.commune_code,
      { excluded: Number(row.excluded), flaggedUnreviewed: Number(row.flagged) },
    ]),
  );
}
