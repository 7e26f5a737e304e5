import pg from 'pg';

/**
 * Plausible population margins for every commune (the sexes about even, fewer in each older
 * band, varied by commune), stored straight in the bench database so every commune is raked.
 * Returns a function that removes them again.
 */
export async function storeBenchMargins(databaseUrl: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      insert into population_margins (commune_code, variable, category, population)
      select c.code, m.variable, m.category,
        round(m.share * (4000 + (hashtext(c.code) & 8191)))::int
      from communes c
      cross join (values
        ('sex', 'female', 0.51), ('sex', 'male', 0.49),
        ('age_band', '18-29', 0.31), ('age_band', '30-44', 0.29),
        ('age_band', '45-59', 0.24), ('age_band', '60+', 0.16)
      ) as m(variable, category, share)`);
  } finally {
    await client.end();
  }
  return async () => {
    const again = new pg.Client({ connectionString: databaseUrl });
    await again.connect();
    try {
      await again.query('delete from population_margins');
    } finally {
      await again.end();
    }
  };
}
