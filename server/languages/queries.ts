import type { Db } from '../db/database.ts';
import type { StoredTranslation } from './language-texts.ts';

/** Every stored translation; a few hundred rows per language, read whole. */
export async function readTranslations(db: Db): Promise<StoredTranslation[]> {
  return db
    .selectFrom('translations')
    .select(['language', 'scope', 'key', 'text'])
    .orderBy('language')
    .orderBy('scope')
    .orderBy('key')
    .execute();
}

/**
 * Replaces a language's rows in each of the given scopes with `rows`, inside the caller's
 * transaction: an import is whole, so a string the new file leaves out is gone too.
 */
export async function replaceTranslations(
  trx: Db,
  language: string,
  scopes: readonly string[],
  rows: readonly { scope: string; key: string; text: string }[],
  updatedBy: string,
) {
  if (scopes.length > 0) {
    await trx
      .deleteFrom('translations')
      .where('language', '=', language)
      .where('scope', 'in', [...scopes])
      .execute();
  }
  if (rows.length === 0) return;
  await trx
    .insertInto('translations')
    .values(rows.map((row) => ({ language, ...row, updated_by: updatedBy })))
    .execute();
}
