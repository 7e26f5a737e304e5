import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffActor } from '../audit/append-audit.ts';
import { staffOf, staffRoles } from '../auth/access.ts';
import type { Db } from '../db/database.ts';
import { AppError, validationFailed } from '../errors.ts';
import { errorSchema } from '../shared-schemas.ts';
import { applyReviewDecision } from './apply-decision.ts';
import { findQueueRows, type QueueRow } from './queue-query.ts';
import { decodeReviewCursor, encodeReviewCursor } from './review-cursor.ts';
import {
  type ReviewResponse,
  reviewDecisionSchema,
  reviewOutcomeSchema,
  reviewPageSchema,
  reviewParamsSchema,
  reviewQuerySchema,
} from './schema.ts';

export type ReviewRoutesOptions = { db: Db };

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());

function toReviewResponse(row: QueueRow): ReviewResponse {
  return {
    id: row.id,
    questionnaireId: row.questionnaire_id,
    communeCode: row.commune_code,
    wave: row.wave,
    channel: row.channel,
    kioskId: row.kiosk_id,
    kioskLabel: row.kiosk_label,
    startedAt: iso(row.started_at),
    completedAt: iso(row.completed_at),
    receivedAt: new Date(row.received_at).toISOString(),
    flags: row.flags,
    state: row.review_state,
    decidedBy: row.decided_by,
    decidedAt: iso(row.decided_at),
    reason: row.review_reason,
    answers: row.answers,
    scores: {
      overall: row.score_overall,
      security: row.score_security,
      opportunity: row.score_opportunity,
      culture: row.score_culture,
      trust: row.score_trust,
    },
  };
}

/**
 * Integrity review (METHOD.md section 7): the queue of flagged responses and the staff
 * decision on each. Admins and analysts only: commune officers are judged on these figures.
 */
export const reviewRoutes: FastifyPluginAsyncZod<ReviewRoutesOptions> = async (app, { db }) => {
  app.get(
    '/review',
    {
      config: { access: staffRoles.analysts },
      schema: {
        summary: 'Responses to review: flagged, kept, excluded or all, in completion order',
        description:
          '`state` defaults to `flagged` (any flag, not yet reviewed). Pass `nextCursor` back ' +
          'as `cursor` for the next page.',
        tags: ['review'],
        querystring: reviewQuerySchema,
        response: { 200: reviewPageSchema, 400: errorSchema },
      },
    },
    async (request) => {
      const { cursor: cursorText, limit, ...filters } = request.query;
      const cursor = cursorText === undefined ? null : decodeReviewCursor(cursorText);
      if (cursorText !== undefined && cursor === null) {
        throw validationFailed([
          { path: 'query.cursor', message: 'not a nextCursor from an earlier page' },
        ]);
      }
      const rows = await findQueueRows(db, { ...filters, cursor, limit });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        responses: page.map(toReviewResponse),
        nextCursor:
          rows.length > limit && last
            ? encodeReviewCursor({ at: last.sort_at, id: last.id })
            : null,
      };
    },
  );

  app.post(
    '/responses/:id/review',
    {
      config: { access: staffRoles.analysts },
      schema: {
        summary: 'Exclude, keep or include a response, with a reason',
        description:
          '`exclude` takes the response out of every figure at once; `keep` and `include` make ' +
          'it `kept` (counted). Its row and answers are never deleted; the decision is audited.',
        tags: ['review'],
        params: reviewParamsSchema,
        body: reviewDecisionSchema,
        response: { 200: reviewOutcomeSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const outcome = await applyReviewDecision(db, {
        id: request.params.id,
        decision: request.body.decision,
        reason: request.body.reason,
        actor: staffActor(staffOf(request)),
      });
      if (!outcome) throw new AppError(404, 'not_found', 'No such response');
      return outcome;
    },
  );
};
