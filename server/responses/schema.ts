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
