import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contentHash } from '../canonical-json.ts';
import type { Db } from '../db/database.ts';
import { AppError, type ErrorDetail, validationFailed } from '../errors.ts';
import { answersFingerprint } from '../integrity/answers-fingerprint.ts';
import { ownFlags } from '../integrity/own-flags.ts';
import { bearerToken, hasBearerToken } from '../kiosks/kiosk-token.ts';
import { findKioskByToken } from '../kiosks/queries.ts';
import { findAnswerProblems } from '../questionnaires/find-answer-problems.ts';
import { findVersion } from '../questionnaires/find-version.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import { scoreResponse } from '../scoring/score-response.ts';
import { errorSchema } from '../shared-schemas.ts';
import { assignWave } from '../waves/assign-wave.ts';
import { findStoredResponse, insertResponseOnce } from './queries.ts';
import {
  findTimestampProblems,
  type SubmissionReceipt,
  submissionReceiptSchema,
  submissionSchema,
} from './schema.ts';

const conflictMessage = (id: string) =>
  `A different response was already stored under the id ${id}`;

const asUtc = (timestamp: string | undefined) =>
  timestamp === undefined ? null : new Date(timestamp).toISOString();

export type ResponseRoutesOptions = {
  db: Db;
  catalog: QuestionnaireCatalog;
  communeCodes: ReadonlySet<string>;
  rateLimitPerMinute: number;
  now?: () => Date;
  /**
   * METHOD.md section 7 flags at insert time; on unless told otherwise. Only the bench turns
   * them off (BENCH_WITHOUT_FLAGS=1), to measure what they cost next to the same server.
   */
  integrityFlags?: boolean;
};

export const responseRoutes: FastifyPluginAsyncZod<ResponseRoutesOptions> = async (
  app,
  options,
) => {
  const { db, catalog, communeCodes } = options;
  const now = options.now ?? (() => new Date());
  const integrityFlags = options.integrityFlags ?? process.env.BENCH_WITHOUT_FLAGS !== '1';
  app.decorateRequest('kiosk', null);

  const kioskLookups = new WeakMap<FastifyRequest, ReturnType<typeof findKioskByToken>>();
  /**
   * Looks the kiosk token up once per request, whether the rate limit asks first or the
   * route does. A request without a bearer header is anonymous (null); one with a header
   * that names no live kiosk is refused by the route, and is counted like any anonymous one.
   */
  const kioskOf = (request: FastifyRequest) => {
    let lookup = kioskLookups.get(request);
    if (!lookup) {
      const token = bearerToken(request.headers.authorization);
      lookup = token ? findKioskByToken(db, token) : Promise.resolve(null);
      kioskLookups.set(request, lookup);
    }
    return lookup;
  };

  // Per client address. Many villagers share one mobile-network address, so the limit is
  // configuration; a kiosk with a live token is exempt. Only a live one: any other bearer
  // header counts against its address, or it would be a way around the limit.
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => request.ip,
    allowList: async (request) =>
      hasBearerToken(request.headers.authorization) && (await kioskOf(request)) !== null,
  });

  /**
   * The receipt of a response stored under this id with this content; null when none is
   * stored; 409 `id_conflict` when a different one is.
   */
  const storedReceipt = async (
    id: string,
    requestHash: string,
  ): Promise<SubmissionReceipt | null> => {
    const stored = await findStoredResponse(db, id);
    if (!stored) return null;
    if (stored.request_hash !== requestHash) {
      throw new AppError(409, 'id_conflict', conflictMessage(id));
    }
    return {
      id: stored.id,
      wave: stored.wave,
      scores: {
        overall: stored.score_overall,
        security: stored.score_security,
        opportunity: stored.score_opportunity,
        culture: stored.score_culture,
        trust: stored.score_trust,
      },
    };
  };

  app.post(
    '/responses',
    {
      config: {
        access: 'public',
        rateLimit: { max: options.rateLimitPerMinute, timeWindow: 60_000 },
      },
      // The kiosk token is checked before the body (server/API.md): a retry with a revoked
      // token must get 401 even when its body is fine.
      preValidation: async (request) => {
        if (!hasBearerToken(request.headers.authorization)) return;
        request.kiosk = (await kioskOf(request)) ?? null;
        if (!request.kiosk)
          throw new AppError(401, 'unauthorized', 'Unknown or revoked kiosk token');
      },
      schema: {
        summary: 'Submit a response (idempotent by its id)',
        tags: ['responses'],
        body: submissionSchema,
        response: {
          200: submissionReceiptSchema,
          201: submissionReceiptSchema,
          400: errorSchema,
          401: errorSchema,
          409: errorSchema,
          413: errorSchema,
          429: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const submission = request.body;
      const { kiosk } = request;
      if (!kiosk && submission.channel === 'kiosk') {
        throw new AppError(401, 'unauthorized', 'Kiosk submissions need the kiosk token');
      }
      // Held in memory once known (published versions never change): a version published by
      // another server process costs one read, here, for its first response only.
      const questionnaire = await findVersion(db, catalog, submission.questionnaireId);
      const problems: ErrorDetail[] = questionnaire
        ? findAnswerProblems(questionnaire, submission.answers)
        : [
            {
              path: 'questionnaireId',
              message: `unknown questionnaire "${submission.questionnaireId}"`,
            },
          ];
      if (!communeCodes.has(submission.communeCode)) {
        problems.push({
          path: 'communeCode',
          message: `unknown commune "${submission.communeCode}"`,
        });
      }
      if (kiosk && submission.channel !== 'kiosk') {
        problems.push({ path: 'channel', message: 'a kiosk submits with channel "kiosk"' });
      }
      if (kiosk && submission.communeCode !== kiosk.commune_code) {
        problems.push({
          path: 'communeCode',
          message: `this kiosk belongs to commune ${kiosk.commune_code}`,
        });
      }
      const receivedAt = now();
      problems.push(...findTimestampProblems(submission, receivedAt));
      if (!questionnaire || problems.length > 0) throw validationFailed(problems);

      const requestHash = contentHash(submission);
      const scores = scoreResponse(questionnaire.scoring, submission.answers);
      const startedAt = asUtc(submission.startedAt);
      const completedAt = asUtc(submission.completedAt);
      const assignment = await assignWave(
        db,
        completedAt === null ? null : new Date(completedAt),
        receivedAt,
      );
      if ('refusal' in assignment) {
        // A retry of a response stored while its wave took responses still gets its receipt.
        const stored = await storedReceipt(submission.id, requestHash);
        if (stored) return reply.status(200).send(stored);
        throw new AppError(409, 'no_open_wave', assignment.refusal);
      }
      const wave = assignment.wave.id;
      const integrity = integrityFlags
        ? {
            ownFlags: ownFlags(questionnaire.scoring, {
              answers: submission.answers,
              startedAt,
              completedAt,
            }),
            fingerprint: answersFingerprint(questionnaire.questions, submission.answers),
          }
        : null;
      const inserted = await insertResponseOnce(
        db,
        {
          id: submission.id,
          questionnaireId: questionnaire.id,
          communeCode: submission.communeCode,
          wave,
          channel: submission.channel,
          answers: submission.answers,
          requestHash,
          scores,
          // As UTC instants: PostgreSQL refuses some offsets ISO 8601 allows, such as -23:59.
          startedAt,
          completedAt,
          receivedAt,
          kioskId: kiosk?.id ?? null,
        },
        integrity,
      );
      if (inserted) return reply.status(201).send({ id: submission.id, wave, scores });

      const receipt = await storedReceipt(submission.id, requestHash);
      if (!receipt) throw new AppError(409, 'id_conflict', conflictMessage(submission.id));
      return reply.status(200).send(receipt);
    },
  );
};
