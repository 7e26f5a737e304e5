import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash } from '../canonical-json.ts';
import type { Db } from '../db/database.ts';
import { type LoadedQuestionnaire, normaliseQuestionnaire } from './normalise-questionnaire.ts';
import { questionnaireFileSchema } from './schema.ts';

/** The questionnaires a server knows, by id, and the one residents are given now. */
export type QuestionnaireCatalog = {
  byId: ReadonlyMap<string, LoadedQuestionnaire & { contentHash: string }>;
  current: LoadedQuestionnaire;
};

/** A questionnaire file that cannot be used; the message names the file and the item. */
export class QuestionnaireFileError extends Error {}

/**
 * Reads and checks every `*.json` in the surveys folder. All problems of all files are
 * gathered before throwing, so an author fixes them in one pass.
 */
export function readQuestionnaires(dir: string, currentId?: string): QuestionnaireCatalog {
  const problems: string[] = [];
  const byId = new Map<string, LoadedQuestionnaire & { contentHash: string }>();
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
    const parsed = questionnaireFileSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        fail(`${describePath(raw, issue.path)}: ${issue.message}`);
      continue;
    }
    const normalised = normaliseQuestionnaire(parsed.data);
    if (!normalised.ok) {
      for (const problem of normalised.problems) fail(problem);
      continue;
    }
    if (byId.has(parsed.data.id)) {
      fail(`id "${parsed.data.id}" is used by another file`);
      continue;
    }
    byId.set(parsed.data.id, { ...normalised.questionnaire, contentHash: contentHash(raw) });
  }
  if (files.length === 0) problems.push(`no questionnaire (*.json) in ${dir}`);
  if (problems.length > 0) {
    throw new QuestionnaireFileError(
      `questionnaire files are invalid:\n  ${problems.join('\n  ')}`,
    );
  }
  const current = currentId ? byId.get(currentId) : [...byId.values()].sort(newestFirst)[0];
  if (!current) throw new QuestionnaireFileError(`no questionnaire has the id "${currentId}"`);
  return { byId, current };
}

/**
 * Newest published first; on the same day the higher id first (`…-v2` before `…-v1`), so the
 * current questionnaire never depends on the order the files were read in.
 */
export const newestFirst = (
  a: { published: string; id: string },
  b: { published: string; id: string },
) => b.published.localeCompare(a.published) || b.id.localeCompare(a.id);

/** `scoring.items.3.min` reads better as `scoring.items[3] "sec_road".min` (dimensions by key). */
function describePath(raw: unknown, path: ReadonlyArray<PropertyKey>): string {
  let node = raw as Record<PropertyKey, unknown> | undefined;
  return path
    .map((key) => {
      node = node?.[key] as Record<PropertyKey, unknown> | undefined;
      const label = node?.name ?? node?.key;
      const name = typeof label === 'string' ? ` "${label}"` : '';
      return typeof key === 'number' ? `[${key}]${name}` : `.${String(key)}`;
    })
    .join('')
    .replace(/^\./, '');
}

/**
 * Stores each version with its content hash. A version that already has responses is
 * immutable: if its file changed, the start is refused, because its stored answers were
 * scored against the old text and the results would silently mix two questionnaires.
 */
export async function storeQuestionnaires(db: Db, catalog: QuestionnaireCatalog) {
  for (const questionnaire of catalog.byId.values()) {
    const { questions: _questions, contentHash: hash, ...definition } = questionnaire;
    await db.transaction().execute(async (trx) => {
      const stored = await trx
        .selectFrom('questionnaires')
        .select('content_hash')
        .where('id', '=', questionnaire.id)
        .forUpdate()
        .executeTakeFirst();
      if (stored?.content_hash === hash) return;
      const values = {
        content_hash: hash,
        definition: JSON.stringify(definition),
        published: questionnaire.published,
      };
      if (!stored) {
        await trx
          .insertInto('questionnaires')
          .values({ id: questionnaire.id, ...values })
          .execute();
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
        .set(values)
        .where('id', '=', questionnaire.id)
        .execute();
    });
  }
}
