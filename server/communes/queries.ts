import type { Db } from '../db/database.ts';

/** All communes and wards, ordered by code. */
export function listCommunes(db: Db) {
  return db.selectFrom('communes').select(['code', 'name', 'kind']).orderBy('code').execute();
}
