import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { carryRecordings } from '../audio/carry-recordings.ts';
import { appendAudit, staffActor } from '../audit/append-audit.ts';
import { staffOf, staffRoles } from '../auth/access.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { carryTranslations } from '../languages/carry-translations.ts';
import type { LanguageFiles } from '../languages/read-language-files.ts';
import { errorSchema } from '../shared-schemas.ts';
import { checkQuestionnaire } from './check-questionnaire.ts';
import { findVersion } from './find-version.ts';
import { addToCatalog, type QuestionnaireCatalog } from './load-questionnaires.ts';
import type { QuestionnaireProblem } from './normalise-questionnaire.ts';
import { findPreviousVersionId } from './previous-version.ts';
import {
  questionnaireCheckSchema,
  questionnaireDefinitionSchema,
  questionnaireUploadSchema,
  questionnaireVersionSchema,
} from './publish-schemas.ts';
import { findServedQuestionnaire } from './served-questionnaire.ts';
import { insertVersion, listStoredVersions } from './stored-versions.ts';

export type PublishRoutesOptions = {
  db: Db;
  catalog: QuestionnaireCatalog;
  /**
   * The languages' files: the previous version's strings carried to a new one, and the words
   * a carried recording must still say. Without them, no language is known, so no translation
   * is carried, and the Vietnamese decides for every recording.
   */
  languageFiles?: LanguageFiles;
  now?: () => Date;
};

/** The API's `details`: the usual `path` and `message`, and the item at fault. */
const problemDetail = (problem: QuestionnaireProblem) => ({
  path: problem.where,
  item: problem.item,
  message: problem.message,
});

function refused(problems: QuestionnaireProblem[]) {
  const shown = problems.slice(0, 3).map((p) => `${p.where}: ${p.message}`);
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
  return new AppError(
    400,
    'validation_failed',
    `The questionnaire was not published: ${shown.join('; ')}${more}`,
    problems.map(problemDetail),
  );
}

const takenMessage =
  'is already published with other content; a published version cannot change: give this one a new id';

const idParams = z.object({ id: z.string().min(1).max(64) });

/**
 * Questionnaire versions from the dashboard (issue 12 item 3): an admin checks an upload
 * (nothing stored), then publishes it under a new id; staff download any version to start
 * the next one from. The checks are the file loader's own (check-questionnaire.ts).
 */
export const publishRoutes: FastifyPluginAsyncZod<PublishRoutesOptions> = async (
  app,
  { db, catalog, languageFiles = new Map(), now = () => new Date() },
) => {
  const storedHash = async (id: string) =>
    (
      await db
        .selectFrom('questionnaires')
        .select('content_hash')
        .where('id', '=', id)
        .executeTakeFirst()
    )?.content_hash ?? null;

  app.post(
    '/questionnaires/check',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: 'Every problem the loader finds in a questionnaire JSON; stores nothing',
        tags: ['questionnaires'],
        body: questionnaireUploadSchema,
        response: { 200: questionnaireCheckSchema, 400: errorSchema, 413: errorSchema },
      },
    },
    async (request) => {
      const checked = checkQuestionnaire(request.body);
      const rawId = (request.body as { id?: unknown }).id;
      if (!checked.ok) {
        return {
          ok: false,
          id: typeof rawId === 'string' ? rawId : null,
          contentHash: null,
          alreadyPublished: false,
          problems: checked.problems,
        };
      }
      const { id, contentHash } = checked.questionnaire;
      const stored = await storedHash(id);
      const problems =
        stored !== null && stored !== contentHash
          ? [{ where: 'id', item: id, message: takenMessage }]
          : [];
      return {
        ok: problems.length === 0,
        id,
        contentHash,
        alreadyPublished: stored === contentHash,
        problems,
      };
    },
  );

  /** Every stored version as the list shows it; "current" is what residents are given now. */
  const describeVersions = async () => {
    const [rows, served] = await Promise.all([
      listStoredVersions(db),
      findServedQuestionnaire(db, catalog, now()),
    ]);
    return rows.map((row) => ({
      id: row.id,
      published: row.published,
      storedAt: new Date(row.loaded_at).toISOString(),
      contentHash: row.content_hash,
      fromDashboard: !catalog.fromFiles.has(row.id),
      current: row.id === served.questionnaire.id,
      answered: Boolean(row.answered),
    }));
  };
  const versionOf = async (id: string) => {
    const version = (await describeVersions()).find((v) => v.id === id);
    if (!version) throw new AppError(404, 'not_found', `No questionnaire "${id}"`);
    return version;
  };

  app.post(
    '/questionnaires',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: 'Publish a questionnaire under its new id (immutable once published)',
        description:
          'Refused with every problem in `details` (each with `path`, `item` and `message`) ' +
          'when the check finds any; 409 when the id is published with other content; the same ' +
          'content again answers 200 and changes nothing. The new version is known to this ' +
          'server at once. Each recording of the previous version whose key and words are ' +
          'unchanged is copied to it, and each of its translations whose key and source words ' +
          '(Vietnamese, English) are unchanged. Audited (`questionnaire.publish`).',
        tags: ['questionnaires'],
        body: questionnaireUploadSchema,
        response: {
          200: questionnaireVersionSchema,
          201: questionnaireVersionSchema,
          400: errorSchema,
          409: errorSchema,
          413: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const checked = checkQuestionnaire(request.body);
      if (!checked.ok) throw refused(checked.problems);
      const { questionnaire } = checked;
      const staff = staffOf(request);
      const created = await db.transaction().execute(async (trx) => {
        if (!(await insertVersion(trx, questionnaire))) return false;
        const previousId = await findPreviousVersionId(trx, questionnaire.id);
        const previous = previousId ? await findVersion(trx, catalog, previousId) : null;
        const recordingsCarried = previous
          ? await carryRecordings(trx, languageFiles, previous, questionnaire)
          : 0;
        const translationsCarried = previous
          ? await carryTranslations(trx, languageFiles, previous, questionnaire)
          : {};
        await appendAudit(trx, {
          actor: staffActor(staff),
          action: 'questionnaire.publish',
          target: questionnaire.id,
          details: {
            contentHash: questionnaire.contentHash,
            published: questionnaire.published,
            recordingsFrom: previous?.id ?? null,
            recordingsCarried,
            translationsCarried,
          },
        });
        return true;
      });
      if (!created) {
        const stored = await storedHash(questionnaire.id);
        if (stored !== questionnaire.contentHash) {
          throw new AppError(
            409,
            'id_conflict',
            `Questionnaire "${questionnaire.id}" ${takenMessage}`,
          );
        }
      }
      // Taken in only after the commit: a version this server knows is always stored.
      if (!catalog.byId.has(questionnaire.id)) addToCatalog(catalog, questionnaire);
      reply.status(created ? 201 : 200);
      return versionOf(questionnaire.id);
    },
  );

  app.get(
    '/questionnaires',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: 'Every published questionnaire version, newest first',
        tags: ['questionnaires'],
        response: { 200: z.array(questionnaireVersionSchema) },
      },
    },
    async () => describeVersions(),
  );

  app.get(
    '/questionnaires/:id',
    {
      config: { access: staffRoles.signedIn },
      schema: {
        summary: 'One version’s definition, to download and start the next version from',
        description:
          'The normalised definition (every scoring default filled in): uploaded again under a ' +
          'new id, it checks clean.',
        tags: ['questionnaires'],
        params: idParams,
        response: { 200: questionnaireDefinitionSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const version = await findVersion(db, catalog, request.params.id);
      if (!version) throw new AppError(404, 'not_found', `No questionnaire "${request.params.id}"`);
      const { id, published, title, scoring, survey } = version;
      return { id, published, title, scoring, survey };
    },
  );
};
