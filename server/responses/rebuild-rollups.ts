import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { cellAgeBandOf, cellSexOf } from './response-cell.ts';
import { scoreMeasuresOfR } from './score-measures.ts';

/**
 * Recomputes the rollups of the given waves (all waves when none are given) from the rows in
 * `responses` that count (not excluded by review: METHOD.md section 7), replacing what was
 * there.
 *
 * Why it exists: `insertResponseOnce` keeps the rollups current one response at a time, but
 * bulk loads (the demo data) and deletions (removing the demo data) bypass it, and a rollup
 * that disagrees with its rows would silently skew every result. The arithmetic is the insert
 * path's exactly: each score is cast `float8 → numeric` and summed in numeric, so a rebuilt
 * rollup equals both a recomputation and what per-insert updates would have made.
 *
 * Everything happens in one transaction (the caller's when given one, else its own), so
 * readers see the old rollups or the new, never none. The lock (`share row exclusive`: readers
 * go on, writers of rollups wait) makes it safe next to a running server: a submission that
 * already updated a rollup has committed before the recomputation reads `responses`, and one
 * that arrives later waits and adds itself on top of the rebuilt row. An empty `waves` list
 * rebuilds nothing.
 */
export async function rebuildRollups(
  db: Db,
  options: { waves?: readonly string[] | undefined } = {},
): Promise<void> {
  const { waves } = options;
  if (waves?.length === 0) return;
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => rebuildRollups(trx, options));
    return;
  }
  const inWaves = (column: string) =>
    waves ? sql`and ${sql.ref(column)} in (${sql.join(waves)})` : sql``;
  await sql`lock table rollups in share row exclusive mode`.execute(db);
  await sql`delete from rollups where true ${inWaves('wave')}`.execute(db);
  await sql`
    insert into rollups (commune_code, wave, measure, sex, age_band, n, sum, sum_squares)
    select r.commune_code, r.wave, m.measure, ${cellSexOf(sql`r.answers`)},
      ${cellAgeBandOf(sql`r.answers`)}, count(m.x), sum(m.x), sum(m.x * m.x)
    from responses r
    ${scoreMeasuresOfR}
    where m.x is not null and r.review_state <> 'excluded' ${inWaves('r.wave')}
    group by 1, 2, 3, 4, 5
  `.execute(db);
}
