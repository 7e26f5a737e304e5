import pg from 'pg';

/**
 * How many rollup rows differ from a recomputation over every stored response (count, exact
 * numeric sum and sum of squares per commune·wave·measure); 0 when the rollups are right.
 */
export async function countRollupMismatches(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`
      with expected as (
        select r.commune_code, r.wave, m.measure, count(*)::int as n, sum(m.x) as sum,
          sum(m.x * m.x) as sum_squares
        from responses r
        cross join lateral (values
          ('overall', r.score_overall::numeric),
          ('security', r.score_security::numeric),
          ('opportunity', r.score_opportunity::numeric),
          ('culture', r.score_culture::numeric),
          ('trust', r.score_trust::numeric)
        ) as m(measure, x)
        where m.x is not null
        group by r.commune_code, r.wave, m.measure
      )
      select count(*)::int as n
      from expected e
      full join rollups r using (commune_code, wave, measure)
      where e.n is distinct from r.n or e.sum is distinct from r.sum
        or e.sum_squares is distinct from r.sum_squares`);
    return rows[0]?.n ?? -1;
  } finally {
    await client.end();
  }
}
