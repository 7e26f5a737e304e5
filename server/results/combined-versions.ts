import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import type { LoadedQuestionnaire } from '../questionnaires/normalise-questionnaire.ts';
import { sameScoring } from '../questionnaires/same-scoring.ts';
import { cellAgeBandOf, cellSexOf } from '../responses/response-cell.ts';
import { scoreMeasuresOfR } from '../responses/score-measures.ts';
import { type CellsWanted, findWaveRollups, splitRollupRows, type WaveRollups } from './queries.ts';
import type { WaveContext } from './wave-context.ts';

/**
 * The commune·wave rollups over the versions a wave's results combine (METHOD.md section 5,
 * surveys/METHOD.md "Versions of the questionnaire in one wave").
 *
 * The stored rollups add every response of a commune·wave, whatever its version. That is
 * exactly the combined sample as long as every version answered in the wave has the same
 * scoring block (the usual case: v1 and v2 of 2026 differ in wording only), so they are read
 * as they are. Only when a wave also holds responses under a version that scores differently
 * are the sums made here from the rows of the combined versions, with the rollups' arithmetic
 * (float8 → numeric, summed exactly), leaving the other version's responses out. Excluded
 * responses (METHOD.md section 7) are left out too, as they are from every commune figure.
 */
export async function findCombinedRollups(
  db: Db,
  context: WaveContext,
  cellsOf: CellsWanted = [],
): Promise<WaveRollups> {
  if (context.notCombined.length === 0) return findWaveRollups(db, context.wave, cellsOf);
  const ids = context.combined.map((q) => q.id);
  const { rows } = await sql<Parameters<typeof splitRollupRows>[0][number]>`
    with counted as (
      select r.commune_code, m.measure, m.x, ${cellSexOf(sql`r.answers`)} as sex,
        ${cellAgeBandOf(sql`r.answers`)} as age_band
      from responses r
      ${scoreMeasuresOfR}
      where r.wave = ${context.wave} and r.questionnaire_id in (${sql.join(ids)})
        and r.review_state <> 'excluded' and m.x is not null
    )
    select commune_code, ${context.wave} as wave, measure, sex, age_band, count(x)::int as n,
      sum(x)::text as sum, (count(x) * sum(x * x) - sum(x) * sum(x))::text as n_ss
    from counted
    group by grouping sets ((commune_code, measure), (commune_code, measure, sex, age_band))`.execute(
    db,
  );
  const { totals, cells } = splitRollupRows(rows);
  const wanted = new Set(cellsOf);
  return {
    totals,
    cells: cells.filter((c) => wanted.has(c.communeCode) && c.sex !== '' && c.ageBand !== ''),
  };
}

/**
 * Whether a stored response counts in the item results and don't-know rates stated in
 * `questionnaire`: it was answered under a version with the same scoring block (itself, or one
 * that only rewords it). The same rule as `WaveContext.combined`, for one row at a time.
 *
 * @example
 *   const counts = scoredAlike(catalog, v2);
 *   counts({ questionnaire_id: 'cb-hpi-2026-v1' }) // true: v1 and v2 share their scoring block
 *   counts({ questionnaire_id: 'unknown-v9' })     // false
 */
export function scoredAlike(catalog: QuestionnaireCatalog, questionnaire: LoadedQuestionnaire) {
  const ids = new Set(
    [...catalog.byId.values()]
      .filter((q) => sameScoring(q.scoring, questionnaire.scoring))
      .map((q) => q.id),
  );
  return (row: { questionnaire_id: string }) => ids.has(row.questionnaire_id);
}
