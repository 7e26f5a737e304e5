import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit, staffActor } from '../audit/append-audit.ts';
import { staffOf, staffRoles } from '../auth/access.ts';
import { AppError, validationFailed } from '../errors.ts';
import { findAnswerProblems } from '../questionnaires/find-answer-problems.ts';
import { errorSchema } from '../shared-schemas.ts';
import { findWave } from '../waves/queries.ts';
import { findDifferences, resolveForm, type TypedForm } from './double-entry.ts';
import { batchQuestionnaire, completedOnProblems } from './entry-routes.ts';
import {
  type EntryRow,
  findBatch,
  listConflictForms,
  listEntries,
  listEntriesOf,
  lockExistingForm,
  setFormState,
} from './queries.ts';
import type { PaperRoutesOptions } from './routes.ts';
import {
  conflictSchema,
  conflictsQuerySchema,
  formParamsSchema,
  resolutionSchema,
  resolvedSchema,
} from './schema.ts';
import { parseSerial } from './serial.ts';
import { storePaperResponse } from './store-paper-response.ts';

const typed = (entry: EntryRow): TypedForm => ({
  answers: entry.answers,
  completedOn: entry.completedOn,
});

/** Forms whose two entries disagree, and their resolution (server/API.md "Paper and import"). */
export const conflictRoutes: FastifyPluginAsyncZod<PaperRoutesOptions> = async (app, options) => {
  const { db, catalog, communeCodes } = options;
  const now = options.now ?? (() => new Date());

  app.get(
    '/paper/conflicts',
    {
      config: { access: staffRoles.analysts },
      schema: {
        summary: 'Paper forms whose two entries disagree, with exactly the differing answers',
        tags: ['paper'],
        querystring: conflictsQuerySchema,
        response: { 200: z.array(conflictSchema), 400: errorSchema },
      },
    },
    async (request) => {
      const { communeCode } = request.query;
      if (communeCode !== undefined && !communeCodes.has(communeCode)) {
        throw validationFailed([
          { path: 'communeCode', message: `unknown commune "${communeCode}"` },
        ]);
      }
      const forms = await listConflictForms(db, communeCode);
      const entries = await listEntriesOf(
        db,
        forms.map((form) => form.serial),
      );
      const conflicts = [];
      for (const form of forms) {
        const questionnaire = await batchQuestionnaire(db, catalog, {
          id: form.serial,
          questionnaireId: form.questionnaireId,
        });
        const [first, second] = entries.get(form.serial) ?? [];
        if (!first || !second) continue;
        conflicts.push({
          ...form,
          differences: findDifferences(typed(first), typed(second), [
            ...questionnaire.questions.keys(),
          ]),
          entries: [first, second].map((entry) => ({
            enteredBy: entry.enteredByEmail,
            enteredAt: entry.enteredAt,
          })),
        });
      }
      return conflicts;
    },
  );

  app.post(
    '/paper/conflicts/:serial/resolve',
    {
      config: { access: staffRoles.analysts },
      schema: {
        summary: 'Decide the differing answers of a form in conflict, from the paper',
        description:
          'Stores one response with the answers both entries agree on and the decisions; ' +
          'both entries are kept. Every differing answer (and `completedOn` if the dates ' +
          'differ) must be decided; `null` decides a blank. A form not in conflict: 409 ' +
          '`not_in_conflict`.',
        tags: ['paper'],
        params: formParamsSchema,
        body: resolutionSchema,
        response: { 200: resolvedSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const parsed = parseSerial(request.params.serial);
      if (!parsed.ok) throw validationFailed([{ path: 'serial', message: parsed.reason }]);
      const { serial } = parsed;
      const at = now();
      return db.transaction().execute(async (trx) => {
        const form = await lockExistingForm(trx, serial);
        if (!form) throw new AppError(404, 'not_found', `Form ${serial} has not been entered`);
        if (form.state !== 'conflict') {
          throw new AppError(
            409,
            'not_in_conflict',
            `Form ${serial} is ${form.state}, not in conflict`,
          );
        }
        const batch = await findBatch(trx, form.batch_id);
        if (!batch) throw new Error(`form ${serial} names unknown batch ${form.batch_id}`);
        const [questionnaire, wave, entries] = await Promise.all([
          batchQuestionnaire(trx, catalog, batch),
          findWave(trx, batch.wave),
          listEntries(trx, serial),
        ]);
        const [first, second] = entries;
        if (!first || !second || !wave)
          throw new Error(`form ${serial} in conflict without two entries`);
        const order = [...questionnaire.questions.keys()];
        const resolved = resolveForm(typed(first), typed(second), request.body, order);
        if ('problems' in resolved) throw validationFailed(resolved.problems);
        const problems = [
          ...findAnswerProblems(questionnaire, resolved.form.answers),
          ...completedOnProblems(resolved.form.completedOn, wave, at),
        ];
        if (problems.length > 0) throw validationFailed(problems);

        const responseId = await storePaperResponse(
          trx,
          questionnaire,
          { ...resolved.form, serial, communeCode: batch.communeCode, wave: batch.wave },
          at,
        );
        await setFormState(trx, serial, {
          state: 'verified',
          responseId,
          resolution: { by: staff.email, reason: request.body.reason },
        });
        const differences = findDifferences(typed(first), typed(second), order);
        await appendAudit(trx, {
          actor: staffActor(staff),
          action: 'paper.resolve',
          target: serial,
          reason: request.body.reason,
          details: {
            responseId,
            differences,
            decisions: Object.fromEntries(
              differences.map(({ question }) => [
                question,
                question === 'completedOn'
                  ? resolved.form.completedOn
                  : (resolved.form.answers[question] ?? null),
              ]),
            ),
          },
        });
        return { serial, state: 'verified' as const, responseId };
      });
    },
  );
};
