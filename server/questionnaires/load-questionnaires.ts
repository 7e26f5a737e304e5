import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/database.ts';
import {
  type CheckedQuestionnaire,
  checkQuestionnaire,
  describeProblem,
} from './check-questionnaire.ts';
import type { LoadedQuestionnaire } from './normalise-questionnaire.ts';
import { insertVersion, readStoredVersions, storedValues } from './stored-versions.ts';

/**
 * The questionnaires a server knows, by id, and the one residents are given now. `byId`
 * grows while the server runs (a version published from the dashboard, see
 * `addToCatalog`); a version is never removed or replaced.
 */
export type QuestionnaireCatalog = {
  byId: ReadonlyMap<string, CheckedQuestionnaire>;
  current: LoadedQuestionnaire;
  /** The ids read from `surveys/`; the others came from the table (published from the dashboard). */
  fromFiles: ReadonlySet<string>;
};

/** A questionnaire file that cannot be used; the message names the file and the item. */
export class QuestionnaireFileError extends Error {}

/**
 * Reads and checks every `*.json` in the surveys folder. All problems of all files are
 * gathered before throwing, so an author fixes them in one pass.
 */
export function readQuestionnaires(dir: string, currentId?: string): QuestionnaireCatalog {
  const problems: string[] = [];
  const byId = new Map<string, CheckedQuestionnaire>();
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  for (const file of files) {
    const fail = (message: string) => problems.push(`${file}: ${message}`);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      fail(`not valid JSON (${(error as Error).message})`);
      continue;
    }
    const checked = checkQuestionnaire(raw);
    if (!checked.ok) {
      for (const problem of checked.problems) fail(describeProblem(problem));
      continue;
    }
    const { questionnaire } = checked;
    if (byId.has(questionnaire.id)) {
      fail(`id "${questionnaire.id}" is used by another file`);
      continue;
    }
    byId.set(questionnaire.id, questionnaire);
  }
  if (files.length === 0) problems.push(`no questionnaire (*.json) in ${dir}`);
  if (problems.length > 0) {
    throw new QuestionnaireFileError(
      `questionnaire files are invalid:\n  ${problems.join('\n  ')}`,
    );
  }
  const current = currentId ? byId.get(currentId) : [...byId.values()].sort(newestFirst)[0];
  if (!current) throw new QuestionnaireFileError(`no questionnaire has the id "${currentId}"`);
  return { byId, current, fromFiles: new Set(byId.keys()) };
}

/**
 * Takes a version into the running catalog: one published from the dashboard, or one this
 * process finds in the table. Which version residents get (`current`) does not change.
 * Refuses to replace a version it already holds: a version is immutable under its id.
 */
export function addToCatalog(catalog: QuestionnaireCatalog, questionnaire: CheckedQuestionnaire) {
  const held = catalog.byId.get(questionnaire.id);
  if (held) {
    if (held.contentHash === questionnaire.contentHash) return;
    throw new QuestionnaireFileError(`questionnaire "${questionnaire.id}" is already loaded`);
  }
  // The one place the map grows; everything else reads it as a ReadonlyMap.
  (catalog.byId as Map<string, CheckedQuestionnaire>).set(questionnaire.id, questionnaire);
}

/**
 * Newest published first; on the same day the higher id first (`…-v2` before `…-v1`), so the
 * current questionnaire never depends on the order the files were read in.
 */
export const newestFirst = (
  a: { published: string; id: string },
  b: { published: string; id: string },
) => b.published.localeCompare(a.published) || b.id.localeCompare(a.id);

/**
 * Stores each version with its content hash. A version that already has responses is
 * immutable: if its file changed, the start is refused, because its stored answers were
 * scored against the old text and the results would silently mix two questionnaires.
 *
 * Then takes into the catalog every stored version it lacks: those published from the
 * dashboard have no file, and a server must know them to accept and score their answers.
 */
export async function storeQuestionnaires(db: Db, catalog: QuestionnaireCatalog) {
  for (const id of catalog.fromFiles) {
    const questionnaire = catalog.byId.get(id);
    if (!questionnaire) continue;
    const hash = questionnaire.contentHash;
    await db.transaction().execute(async (trx) => {
      const stored = await trx
        .selectFrom('questionnaires')
        .select('content_hash')
        .where('id', '=', questionnaire.id)
        .forUpdate()
        .executeTakeFirst();
      if (stored?.content_hash === hash) return;
      if (!stored) {
        await insertVersion(trx, questionnaire);
        return;
      }
      const answered = await trx
        .selectFrom('responses')
        .select('id')
        .where('questionnaire_id', '=', questionnaire.id)
        .limit(1)
        .executeTakeFirst();
      if (answered) {
        throw new QuestionnaireFileError(
          `questionnaire "${questionnaire.id}" has changed on disk, but it already has responses. ` +
            'Answered versions are immutable: restore the file and publish the change under a new id.',
        );
      }
      await trx
        .updateTable('questionnaires')
        .set(storedValues(questionnaire))
        .where('id', '=', questionnaire.id)
        .execute();
    });
  }
  const known = [...catalog.byId.keys()];
  for (const stored of await readStoredVersions(db, { except: known })) {
    if (!stored.ok) {
      throw new QuestionnaireFileError(
        `stored questionnaire "${stored.id}" no longer passes the checks:\n  ${stored.problems.join('\n  ')}`,
      );
    }
    addToCatalog(catalog, stored.questionnaire);
  }
}
