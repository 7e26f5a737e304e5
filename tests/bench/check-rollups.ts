import { connectDatabase } from '../../server/db/connect.ts';
import { recomputedRollups, storedRollups } from '../helpers/rows.ts';

/**
 * How many rollup rows differ from a recomputation over every stored response (count, exact
 * numeric sum and sum of squares per commune·wave·measure·cell); 0 when the rollups are right. The
 * same comparison the API tests make, at the bench's size.
 */
export async function countRollupMismatches(databaseUrl: string): Promise<number> {
  const { db } = await connectDatabase({ databaseUrl, dataDir: '', poolSize: 1 });
  try {
    const [stored, expected] = [await storedRollups(db), await recomputedRollups(db)];
    const key = (r: {
      commune_code: string;
      wave: string;
      measure: string;
      sex: string;
      age_band: string;
    }) => `${r.commune_code}/${r.wave}/${r.measure}/${r.sex}/${r.age_band}`;
    const byKey = new Map(stored.map((r) => [key(r), r]));
    let mismatches = Math.abs(stored.length - expected.length);
    for (const row of expected) {
      const got = byKey.get(key(row));
      if (!got || got.n !== row.n || got.sum !== row.sum || got.sum_squares !== row.sum_squares) {
        mismatches += 1;
      }
    }
    return mismatches;
  } finally {
    await db.destroy();
  }
}
