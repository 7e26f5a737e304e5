import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit, staffActor } from '../audit/append-audit.ts';
import { staffOf, staffRoles } from '../auth/access.ts';
import type { Db } from '../db/database.ts';
import { AppError, errorBody } from '../errors.ts';
import { findVersion } from '../questionnaires/find-version.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import { errorSchema } from '../shared-schemas.ts';
import { audioArchiveRoutes } from './archive-routes.ts';
import { audioTypes, maxRecordingBytes } from './audio-format.ts';
import { checkRecordingBody } from './check-recording-body.ts';
import {
  deleteRecording,
  findRecordingMeta,
  listRecordings,
  putRecording,
  readRecordingBytes,
} from './queries.ts';
import { recordingKeyProblem } from './recording-keys.ts';
import {
  recordingFetchQuerySchema,
  recordingListParamsSchema,
  recordingListQuerySchema,
  recordingListSchema,
  recordingParamsSchema,
  storedRecordingSchema,
} from './schema.ts';
import { planRecordingAnswer, recordingHeaders, recordingUrl } from './serve-recording.ts';

export type AudioRoutesOptions = { db: Db; catalog: QuestionnaireCatalog };

/**
 * Over the largest recording taken, so that a body up to this is read and refused by the
 * route in words (413, "at most 1 MB"); a larger one is cut off by Fastify while it arrives
 * (413 too, in the same error shape).
 */
const parserLimit = maxRecordingBytes + 64 * 1024;

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Recorded audio (server/API.md "Recorded audio"): an admin stores one recording per
 * questionnaire version, language and key; anyone fetches them (the resident page and the
 * kiosk play and precache them).
 */
export const audioRoutes: FastifyPluginAsyncZod<AudioRoutesOptions> = async (app, options) => {
  const { db, catalog } = options;

  // Audio bodies are read here only; these parsers stay inside this plugin. JSON is still
  // parsed (the staff page sends `{}` with a DELETE) and refused by the PUT as not audio.
  app.addContentTypeParser(
    [...audioTypes],
    { parseAs: 'buffer', bodyLimit: parserLimit },
    (_request, body, done) => done(null, body),
  );
  app.addContentTypeParser('*', (request, _payload, done) =>
    done(
      new AppError(
        415,
        'unsupported_media_type',
        `Send the recording as ${audioTypes.join(', ')} (an archive of them as application/zip), not ${request.headers['content-type']}`,
      ),
      undefined,
    ),
  );

  const mustFindQuestionnaire = async (id: string) => {
    const questionnaire = await findVersion(db, catalog, id);
    if (!questionnaire) throw new AppError(404, 'not_found', `No questionnaire "${id}"`);
    return questionnaire;
  };

  app.put(
    '/audio/:questionnaireId/:language/:question',
    {
      bodyLimit: parserLimit,
      config: { access: staffRoles.admin },
      schema: {
        summary: "Store (or replace) a recording of a question, an answer's label or a greeting",
        description:
          'The body is the recording itself, sent as audio/ogg (Opus), audio/mpeg (MP3) or ' +
          'audio/webm; its format is read from its bytes and must match. At most 1 MB and 60 s. ' +
          '`question` is a question name, `<question>.<value>` for an answer label, or a ' +
          'reserved key (`_greeting`, `_completed`). Audited `audio.upload`.',
        tags: ['audio'],
        consumes: [...audioTypes],
        params: recordingParamsSchema,
        // Checked by checkRecordingBody: a schema cannot say what the bytes are.
        body: z.unknown().describe("The recording's bytes"),
        response: {
          201: storedRecordingSchema,
          400: errorSchema,
          404: errorSchema,
          413: errorSchema,
          415: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const { questionnaireId, language, question: key } = request.params;
      const questionnaire = await mustFindQuestionnaire(questionnaireId);
      const problem = recordingKeyProblem(questionnaire, key);
      if (problem?.kind === 'missing') throw new AppError(404, 'not_found', problem.message);
      if (problem) {
        throw new AppError(400, 'validation_failed', problem.message, [
          { path: 'params.question', message: problem.message },
        ]);
      }
      const { bytes, type, seconds } = checkRecordingBody(
        request.body,
        request.headers['content-type'],
      );
      const sha256 = sha256Of(bytes);
      const staff = staffOf(request);
      const id = { questionnaireId, language, key };
      await db.transaction().execute(async (trx) => {
        const replaced = await putRecording(trx, {
          ...id,
          contentType: type,
          bytes,
          seconds,
          sha256,
          uploadedBy: staff.id,
        });
        await appendAudit(trx, {
          actor: staffActor(staff),
          action: 'audio.upload',
          target: `${questionnaireId}/${language}/${key}`,
          details: { ...id, contentType: type, bytes: bytes.length, seconds, sha256, replaced },
        });
      });
      return reply
        .status(201)
        .send({ url: recordingUrl(id, sha256), bytes: bytes.length, seconds, sha256 });
    },
  );

  app.get(
    '/audio/:questionnaireId/:language/:question',
    {
      config: { access: 'public' },
      schema: {
        summary: 'A recording, with Range support (206) and its sha256 as the ETag',
        description:
          'Cached for a year (immutable) when fetched by the URL it was stored or listed ' +
          'with (`?v=`); replacing it changes that URL.',
        tags: ['audio'],
        params: recordingParamsSchema,
        querystring: recordingFetchQuerySchema,
        response: {
          200: z.unknown().describe("The recording's bytes"),
          206: z.unknown().describe('The bytes of the range asked for'),
          304: z.null().describe('The client holds this version'),
          400: errorSchema,
          404: errorSchema,
          416: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const { questionnaireId, language, question: key } = request.params;
      const id = { questionnaireId, language, key };
      // Twice at most: a recording replaced between reading its hash and its bytes is
      // looked up again rather than served spliced.
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const meta = await findRecordingMeta(db, id);
        if (!meta) break;
        // Set only on an answer about this version: a 404 must not say "immutable".
        const headers = recordingHeaders(meta, request.query.v);
        const answer = planRecordingAnswer(meta, request.headers);
        if (answer.kind === 'not_modified') return reply.status(304).headers(headers).send(null);
        if (answer.kind === 'unsatisfiable') {
          return reply
            .status(416)
            .headers(headers)
            .header('content-range', `bytes */${meta.byteLength}`)
            .send(
              errorBody(
                'range_not_satisfiable',
                `The recording is ${meta.byteLength} bytes; the range asked for lies outside it`,
              ),
            );
        }
        const { first, last, status } = answer;
        const bytes = await readRecordingBytes(
          db,
          { ...id, sha256: meta.sha256 },
          first,
          last - first + 1,
        );
        if (!bytes) continue;
        reply.headers(headers);
        if (status === 206) {
          reply.header('content-range', `bytes ${first}-${last}/${meta.byteLength}`);
        }
        return reply.status(status).type(meta.contentType).send(bytes);
      }
      throw new AppError(404, 'not_found', `No ${language} recording of "${key}"`);
    },
  );

  app.delete(
    '/audio/:questionnaireId/:language/:question',
    {
      config: { access: staffRoles.admin },
      schema: {
        summary: 'Remove a recording. Audited `audio.delete`',
        tags: ['audio'],
        params: recordingParamsSchema,
        response: { 204: z.null().describe('Removed'), 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const { questionnaireId, language, question: key } = request.params;
      const staff = staffOf(request);
      await db.transaction().execute(async (trx) => {
        const removed = await deleteRecording(trx, { questionnaireId, language, key });
        if (!removed) throw new AppError(404, 'not_found', `No ${language} recording of "${key}"`);
        await appendAudit(trx, {
          actor: staffActor(staff),
          action: 'audio.delete',
          target: `${questionnaireId}/${language}/${key}`,
          details: {
            questionnaireId,
            language,
            key,
            contentType: removed.content_type,
            bytes: removed.byte_length,
            seconds: removed.seconds,
            sha256: removed.sha256,
          },
        });
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/audio/:questionnaireId',
    {
      config: { access: 'public' },
      schema: {
        summary: "A questionnaire's recordings, to precache: language, key, URL, length, hash",
        tags: ['audio'],
        params: recordingListParamsSchema,
        querystring: recordingListQuerySchema,
        response: { 200: recordingListSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const { questionnaireId } = request.params;
      await mustFindQuestionnaire(questionnaireId);
      const rows = await listRecordings(db, questionnaireId, request.query.language);
      return rows.map((row) => ({
        language: row.language,
        key: row.key,
        contentType: row.content_type,
        url: recordingUrl({ questionnaireId, language: row.language, key: row.key }, row.sha256),
        seconds: row.seconds,
        bytes: row.byte_length,
        sha256: row.sha256,
      }));
    },
  );

  // The kit's archive of recordings, in a plugin of its own with its zip parser.
  await app.register(audioArchiveRoutes, { db, catalog });
};
