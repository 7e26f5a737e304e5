import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffActor } from '../audit/append-audit.ts';
import { staffOf, staffRoles } from '../auth/access.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { findVersion } from '../questionnaires/find-version.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import { errorSchema } from '../shared-schemas.ts';
import { importRecordings } from './import-recordings.ts';
import { recordingArchive } from './recording-archive.ts';
import {
  recordingArchiveQuerySchema,
  recordingImportQuerySchema,
  recordingImportSchema,
  recordingListParamsSchema,
} from './schema.ts';

/** A recordings archive: a few hundred recordings of at most 1 MB, compressed little. */
const archiveLimit = 256 * 1024 * 1024;
const zipTypes = ['application/zip', 'application/x-zip-compressed'];

/**
 * The translator's kit for recordings (server/API.md "Recorded audio"): a language's
 * recordings out as a zip with its manifest, and such a zip back in, checked as uploads are.
 */
export const audioArchiveRoutes: FastifyPluginAsyncZod<{
  db: Db;
  catalog: QuestionnaireCatalog;
}> = async (app, { db, catalog }) => {
  app.addContentTypeParser(
    zipTypes,
    { parseAs: 'buffer', bodyLimit: archiveLimit },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/audio/:questionnaireId/archive',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: "A language's recordings of a questionnaire version, as a zip for the kit",
        description:
          '`manifest.json` (questionnaireId, language, and per recording its key, file, ' +
          'sha256, type and seconds) and one file per recording, named after its key.',
        tags: ['audio'],
        params: recordingListParamsSchema,
        querystring: recordingArchiveQuerySchema,
        response: {
          200: z.unknown().describe('The zip: manifest.json and the recordings'),
          400: errorSchema,
          404: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const { questionnaireId } = request.params;
      if (!(await findVersion(db, catalog, questionnaireId))) {
        throw new AppError(404, 'not_found', `No questionnaire "${questionnaireId}"`);
      }
      const { language } = request.query;
      const { chunks } = await recordingArchive(db, questionnaireId, language);
      return reply
        .header('content-type', 'application/zip')
        .header(
          'content-disposition',
          `attachment; filename="recordings-${language}-${questionnaireId}.zip"`,
        )
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(Readable.from(chunks, { objectMode: false }));
    },
  );

  app.post(
    '/audio/archive',
    {
      bodyLimit: archiveLimit,
      config: { access: staffRoles.admin },
      schema: {
        summary: 'Import a recordings archive (as exported), checked as uploads are',
        description:
          'The body is the zip (`application/zip`). Every recording is checked as a PUT is, ' +
          'and against its sha256 in the manifest; with any problem, or `?dryRun=true`, ' +
          'nothing is stored. A recording with the stored sha256 is left unchanged; each ' +
          'other is stored and audited `audio.upload`. Recordings not in it are kept.',
        tags: ['audio'],
        consumes: zipTypes,
        querystring: recordingImportQuerySchema,
        body: z.unknown().describe('The zip archive'),
        response: {
          200: recordingImportSchema,
          400: errorSchema,
          413: errorSchema,
          415: errorSchema,
        },
      },
    },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new AppError(400, 'validation_failed', 'The body must be the recordings archive');
      }
      const staff = staffOf(request);
      const result = await importRecordings(db, catalog, body, {
        actor: staffActor(staff),
        uploadedBy: staff.id,
        dryRun: request.query.dryRun,
      });
      if (result.errors.length > 0) {
        const shown = result.errors
          .slice(0, 3)
          .map((e) => (e.file ? `${e.file}: ` : '') + e.message);
        const more = result.errors.length > 3 ? ` (and ${result.errors.length - 3} more)` : '';
        throw new AppError(
          400,
          'validation_failed',
          `The recordings were not stored: ${shown.join('; ')}${more}`,
          result,
        );
      }
      return result;
    },
  );
};
