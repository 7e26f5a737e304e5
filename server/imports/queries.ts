import type { Db } from '../db/database.ts';

/** Ids per lookup: far under PostgreSQL's 65,535 parameters, few round trips for a big file. */
const idsPerLookup = 1000;

/** The request hash stored under each of these ids, for the ones that are stored. */
export async function findStoredHashes(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (let start = 0; start < ids.length; start += idsPerLookup) {
    const rows = await db
      .selectFrom('responses')
      .select(['id', 'request_hash'])
      .where('id', 'in', ids.slice(start, start + idsPerLookup))
      .execute();
    for (const row of rows) hashes.set(row.id, row.request_hash);
  }
  return hashes;
}
