import type { Db } from '../db/database.ts';
import {
  type CheckedQuestionnaire,
  checkQuestionnaire,
  describeProblem,
} from './check-questionnaire.ts';

/**
 * A version as the `questionnaires` table keeps it: the normalised definition (what the API
 * serves, without the form's question index) and the hash of the JSON it was read from.
 */
export function storedValues(questionnaire: CheckedQuestionnaire) {
  const { questions: _questions, contentHash: hash, ...definition } = questionnaire;
  return {
    content_hash: hash,
    definition: JSON.stringify(definition),
    published: questionnaire.published,
  };
}

/**
 * Stores a new version; false, storing nothing, when its id is already stored (by another
 * request or server a moment earlier): the caller then compares hashes.
 */
export async function insertVersion(trx: Db, questionnaire: CheckedQuestionnaire) {
  const inserted = await trx
    .insertInto('questionnaires')
    .values({ id: questionnaire.id, ...storedValues(questionnaire) })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

type StoredVersion =
  | { ok: true; id: string; questionnaire: CheckedQuestionnaire }
  | { ok: false; id: string; problems: string[] };

/**
 * A stored definition checked again, as a file would be, keeping the hash it was stored with
 * (the hash of the JSON as published, not of the normalised definition).
 */
function reload(row: { id: string; content_hash: string; definition: unknown }): StoredVersion {
  const checked = checkQuestionnaire(row.definition);
  if (!checked.ok)
    return { ok: false, id: row.id, problems: checked.problems.map(describeProblem) };
  return {
    ok: true,
    id: row.id,
    questionnaire: { ...checked.questionnaire, contentHash: row.content_hash },
  };
}

/** Every stored version but those named: the ones a starting server has no file for. */
export async function readStoredVersions(db: Db, options: { except: readonly string[] }) {
  let query = db.selectFrom('questionnaires').select(['id', 'content_hash', 'definition']);
  if (options.except.length > 0) query = query.where('id', 'not in', options.except);
  const rows = await query.orderBy('id').execute();
  return rows.map(reload);
}

/** One stored version, or null when the table has none under this id. */
export async function readStoredVersion(db: Db, id: string): Promise<StoredVersion | null> {
  const row = await db
    .selectFrom('questionnaires')
    .select(['id', 'content_hash', 'definition'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? reload(row) : null;
}

/** Every stored version, newest published first, with whether any response answers it. */
export async function listStoredVersions(db: Db) {
  return db
    .selectFrom('questionnaires as q')
    .select((eb) => [
      'q.id',
      'q.published',
      'q.content_hash',
      'q.loaded_at',
      eb
        .exists(
          eb
            .selectFrom('responses')
            .select('responses.id')
            .whereRef('responses.questionnaire_id', '=', 'q.id'),
        )
        .as('answered'),
    ])
    .orderBy('q.published', 'desc')
    .orderBy('q.id', 'desc')
    .execute();
}
