import { sql } from 'kysely';
import { listCommunes } from '../communes/queries.ts';
import type { Db } from '../db/database.ts';
import { demoMargins } from './demo-margins.ts';
import { replaceMargins } from './queries.ts';

/** Who the demo's margins are stored by (`population_source.updated_by`). */
export const demoMarginsAuthor = 'npm run demo';

/**
 * Stores the demo's margins for every commune (marked `is_demo`), sized by the demo
 * responses now in the database, replacing demo margins of an earlier run. Margins an admin
 * uploaded are real and are never replaced: then nothing is stored and this returns 0, else
 * the number of communes.
 */
export async function loadDemoMargins(db: Db, seed: number): Promise<number> {
  const communes = await listCommunes(db);
  const counts = await db
    .selectFrom('responses')
    .select(['commune_code', (eb) => eb.fn.countAll<string>().as('n')])
    .where('is_demo', '=', true)
    .groupBy('commune_code')
    .execute();
  const responses = new Map(counts.map((row) => [row.commune_code, Number(row.n)]));
  const rows = demoMargins(communes, responses, seed);
  return db.transaction().execute(async (trx) => {
    // The lock an admin's replacement takes, first: the check and the replacement are one step.
    await sql`lock table population_margins in share row exclusive mode`.execute(trx);
    const source = await trx.selectFrom('population_source').select('is_demo').executeTakeFirst();
    if (source && !source.is_demo) return 0;
    await replaceMargins(trx, rows, {
      source: 'Số liệu mẫu (demo), không phải số liệu thật',
      updatedBy: demoMarginsAuthor,
      isDemo: true,
    });
    return communes.length;
  });
}
