// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';

/** A generous bound: the questionnaire has under 40 questions; anything far above is not a form. */
const maxAnswers = 500;

/** `POST /api/responses` body (server/API.md). */
export const submissionSchema = z.strictObject({
  id: z.uuid(),
  questionnaireId: z.string().min(1).max(100),
  communeCode: z.string().regex(/^\d{5}$/, 'a five-digit commune code'),
  channel: z.enum(['web', 'kiosk', 'paper']),
  answers: z
    .record(z.string().min(1).max(100), z.unknown())
    .refine(
      (answers) => Object.keys(answers).length <= maxAnswers,
      `at most ${maxAnswers} answers`,
    ),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  completedAt: z.iso.datetime({ offset: true }).optional(),
});
export type Submission = z.infer<typeof submissionSchema>;

/** No survey of this programme began before 2020; an earlier instant is a broken clock. */
export const earliestTimestamp = Date.parse('2020-01-01T00:00:00Z');
/** A device clock may run ahead, but by no more than a day. */
const allowedClockLeadMs = 24 * 60 * 60 * 1000;

/**
 * The well-formed timestamps that are still not believable: outside 2020-01-01 .. one day
 * after receipt (PostgreSQL also refuses some, such as year 0000, which answered 500), or
 * `completedAt` before `startedAt`.
 */
export function findTimestampProblems(
  submission: Pick<Submission, 'startedAt' | 'completedAt'>,
  receivedAt: Date,
): { path: string; message: string }[] {
  const latest = receivedAt.getTime() + allowedClockLeadMs;
  const problems: { path: string; message: string }[] = [];
  const instants: Partial<Record<'startedAt' | 'completedAt', number>> = {};
  for (const path of ['startedAt', 'completedAt'] as const) {
    const value = submission[path];
    if (value === undefined) continue;
    const instant = Date.parse(value);
    if (!(instant >= earliestTimestamp && instant <= latest)) {
      problems.push({ path, message: 'must be an instant from 2020-01-01 to one day after now' });
    } else instants[path] = instant;
  }
  const { startedAt, completedAt } = instants;
  if (startedAt !== undefined && completedAt !== undefined && completedAt < startedAt) {
    problems.push({ path: 'completedAt', message: 'must not be before startedAt' });
  }
  return problems;
}

const score = z.number().nullable();

/** The five scores of a response, 0–100 unrounded, `null` where METHOD.md gives none. */
export const responseScoresSchema = z.object({
  overall: score,
  security: score,
  opportunity: score,
  culture: score,
  trust: score,
});

/** The answer to an accepted submission, and to every retry of it. */
export const submissionReceiptSchema = z.object({
  id: z.uuid(),
  wave: z.string(),
  scores: responseScoresSchema,
});
export type SubmissionReceipt = z.infer<typeof submissionReceiptSchema>;
