import { sql } from 'kysely';

/**
 * One row per measure of a response aliased `r`, as `m(measure, x)`: the five stored scores
 * as numeric, so sums over them are exact and equal the rollups' own arithmetic. For queries
 * that recompute rollups from the rows (a rebuild, a wave that combines only some versions).
 */
export const scoreMeasuresOfR = sql`cross join lateral (values
      ('overall', r.score_overall::numeric),
      ('security', r.score_security::numeric),
      ('opportunity', r.score_opportunity::numeric),
      ('culture', r.score_culture::numeric),
      ('trust', r.score_trust::numeric)
    ) as m(measure, x)`;
