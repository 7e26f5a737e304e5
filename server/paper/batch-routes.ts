import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit, staffActor } from '../audit/append-audit.ts';
import { staffOf, staffRoles } from '../auth/access.ts';
import { AppError, type ErrorDetail, validationFailed } from '../errors.ts';
import { findVersion } from '../questionnaires/find-version.ts';
import { errorSchema } from '../shared-schemas.ts';
import { findWave } from '../waves/queries.ts';
import { lateArrivalDeadline } from '../waves/wave-dates.ts';
import { batchLanguage } from './batch-language.ts';
import { findBatch, insertBatch, listBatches } from './queries.ts';
import type { PaperRoutesOptions } from './routes.ts';
import {
  batchCreatedSchema,
  batchListQuerySchema,
  batchParamsSchema,
  batchSchema,
  batchSummarySchema,
  newBatchSchema,
} from './schema.ts';
import { formatSerial } from './serial.ts';

/** The language a batch is printed in when the admin names none. */
export const defaultBatchLanguage = 'vi';

const serialsOf = (batch: { communeCode: string; number: number; count: number }) =>
  Array.from({ length: batch.count }, (_, index) =>
    formatSerial({ communeCode: batch.communeCode, batch: batch.number, form: index + 1 }),
  );

/** Printing numbered forms: `POST/GET /api/paper/batches` (server/API.md "Paper and import"). */
export const batchRoutes: FastifyPluginAsyncZod<PaperRoutesOptions> = async (app, options) => {
  const { db, catalog, communeCodes, languageFiles } = options;
  const now = options.now ?? (() => new Date());

  app.post(
    '/paper/batches',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: 'Print a batch of numbered paper forms for a commune and a wave',
        description:
          "The batch takes the commune's next number and the wave's questionnaire; its serials " +
          'are the forms 1..count. Refused for a wave that no longer takes responses.',
        tags: ['paper'],
        body: newBatchSchema,
        response: { 201: batchCreatedSchema, 400: errorSchema },
      },
    },
    async (request, reply) => {
      const { communeCode, count } = request.body;
      const language = request.body.language ?? defaultBatchLanguage;
      const problems: ErrorDetail[] = [];
      if (!communeCodes.has(communeCode)) {
        problems.push({ path: 'communeCode', message: `unknown commune "${communeCode}"` });
      }
      const wave = await findWave(db, request.body.wave);
      if (!wave) problems.push({ path: 'wave', message: `no wave "${request.body.wave}"` });
      else if (now() >= lateArrivalDeadline(wave)) {
        problems.push({ path: 'wave', message: `wave "${wave.id}" no longer takes responses` });
      }
      const questionnaire = wave ? await findVersion(db, catalog, wave.questionnaireId) : null;
      if (wave && !questionnaire) {
        problems.push({ path: 'wave', message: `wave "${wave.id}" has no known questionnaire` });
      }
      if (questionnaire) {
        const printed = await batchLanguage(db, languageFiles, questionnaire, language);
        if (!printed?.complete) {
          problems.push({
            path: 'language',
            message: printed
              ? `"${language}" is not completely translated for ${questionnaire.id}`
              : `no language "${language}"`,
          });
        }
      }
      if (!wave || !questionnaire || problems.length > 0) throw validationFailed(problems);

      const staff = staffOf(request);
      const batch = await db.transaction().execute(async (trx) => {
        const stored = await insertBatch(trx, {
          communeCode,
          wave: wave.id,
          questionnaireId: questionnaire.id,
          language,
          count,
          createdBy: staff.email,
        });
        if (!stored) {
          throw validationFailed([
            {
              path: 'communeCode',
              message: `commune ${communeCode} has used all 9999 batch numbers`,
            },
          ]);
        }
        await appendAudit(trx, {
          actor: staffActor(staff),
          action: 'paper.batch_create',
          target: stored.id,
          details: {
            communeCode,
            number: stored.number,
            wave: wave.id,
            questionnaireId: questionnaire.id,
            language,
            count,
          },
        });
        return stored;
      });
      return reply
        .status(201)
        .send({ id: batch.id, serials: serialsOf({ communeCode, number: batch.number, count }) });
    },
  );

  app.get(
    '/paper/batches',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: 'Printed batches, newest first, of a commune and/or a wave',
        tags: ['paper'],
        querystring: batchListQuerySchema,
        response: { 200: z.array(batchSummarySchema) },
      },
    },
    async (request) => listBatches(db, request.query),
  );

  app.get(
    '/paper/batches/:id',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: 'One batch with what its print page needs: serials and the texts in its language',
        tags: ['paper'],
        params: batchParamsSchema,
        response: { 200: batchSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const batch = await findBatch(db, request.params.id);
      if (!batch) throw new AppError(404, 'not_found', 'No such batch');
      const questionnaire = await findVersion(db, catalog, batch.questionnaireId);
      const printed = questionnaire
        ? await batchLanguage(db, languageFiles, questionnaire, batch.language)
        : null;
      return { ...batch, serials: serialsOf(batch), strings: printed?.texts.strings ?? {} };
    },
  );
};
