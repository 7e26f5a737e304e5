import type { Db } from '../db/database.ts';
import type { AgeBand, PopulationMargins, SexCategory } from '../stats/index.ts';

/**
 * The population margins in force, per commune, as the raking needs them (METHOD.md
 * section 8). At most 56 × 6 rows, read per request: a replacement takes effect at once.
 */
export async function findPopulationMargins(db: Db): Promise<Map<string, PopulationMargins>> {
  const rows = await db
    .selectFrom('population_margins')
    .select(['commune_code', 'variable', 'category', 'population'])
    .execute();
  const margins = new Map<string, PopulationMargins>();
  for (const row of rows) {
    let commune = margins.get(row.commune_code);
    if (!commune) {
      commune = { sex: {}, ageBand: {} };
      margins.set(row.commune_code, commune);
    }
    const population = Number(row.population);
    if (row.variable === 'sex') commune.sex[row.category as SexCategory] = population;
    else commune.ageBand[row.category as AgeBand] = population;
  }
  return margins;
}
