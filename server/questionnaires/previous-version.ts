import type { Db } from '../db/database.ts';

/**
 * The version published before `id`: the newest other one, as the versions list orders them.
 * What a new version takes its recordings and translations from.
 */
export async function findPreviousVersionId(trx: Db, id: string): Promise<string | null> {
  const row = await trx
    .selectFrom('questionnaires')
    .select('id')
    .where('id', '!=', id)
    .orderBy('published', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
