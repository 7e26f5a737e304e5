// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';
import { responseScoresSchema } from '../responses/schema.ts';

/** The response flags of METHOD.md section 7. */
export const responseFlags = ['too_fast', 'straight_line', 'duplicate', 'burst'] as const;
export type ResponseFlag = (typeof responseFlags)[number];

export const reviewStates = ['unreviewed', 'kept', 'excluded'] as const;
export type ReviewState = (typeof reviewStates)[number];

/**
 * What the queue lists: `flagged` (any flag, not yet reviewed), `kept`, `excluded`, or `all`
 * (every response, flagged or not, so staff can review any of them).
 */
export const reviewQueueStates = ['flagged', 'kept', 'excluded', 'all'] as const;
export type ReviewQueueState = (typeof reviewQueueStates)[number];

export const reviewQuerySchema = z.object({
  wave: z
    .string()
    .regex(/^\d{4}$/, 'a year, e.g. 2026')
    .optional(),
  communeCode: z
    .string()
    .regex(/^\d{5}$/, 'a five-digit commune code')
    .optional(),
  flag: z.enum(responseFlags).optional(),
  state: z.enum(reviewQueueStates).default('flagged'),
  cursor: z.string().max(200).optional().describe('The nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReviewQuery = z.infer<typeof reviewQuerySchema>;

const instant = z.iso.datetime();

/** One response in the queue (server/API.md "Integrity"). */
export const reviewResponseSchema = z.object({
  id: z.uuid(),
  questionnaireId: z.string(),
  communeCode: z.string(),
  wave: z.string(),
  channel: z.enum(['web', 'kiosk', 'paper']),
  kioskId: z.uuid().nullable(),
  kioskLabel: z.string().nullable(),
  startedAt: instant.nullable(),
  completedAt: instant.nullable(),
  receivedAt: instant,
  flags: z.array(z.string()),
  state: z.enum(reviewStates),
  decidedBy: z.string().nullable(),
  decidedAt: instant.nullable(),
  reason: z.string().nullable(),
  answers: z.record(z.string(), z.unknown()),
  scores: responseScoresSchema,
});
export type ReviewResponse = z.infer<typeof reviewResponseSchema>;

export const reviewPageSchema = z.object({
  responses: z.array(reviewResponseSchema),
  nextCursor: z.string().nullable(),
});

export const reviewDecisions = ['exclude', 'keep', 'include'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

export const reviewParamsSchema = z.object({ id: z.uuid() });

export const reviewDecisionSchema = z.strictObject({
  decision: z.enum(reviewDecisions),
  reason: z.string().trim().min(5, '5 or more characters').max(2000),
});

/** The answer to a decision: the response's review state as it now stands. */
export const reviewOutcomeSchema = z.object({
  id: z.uuid(),
  state: z.enum(reviewStates),
  decidedBy: z.string().nullable(),
  decidedAt: instant.nullable(),
  reason: z.string().nullable(),
});
export type ReviewOutcome = z.infer<typeof reviewOutcomeSchema>;
