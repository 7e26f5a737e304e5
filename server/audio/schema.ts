// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';

/** `vi`, `en`, or an ISO 639-3 code such as `tyz` (Tày), `nut` (Nùng), `hmn`, `ium`. */
export const languageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'a language code: 2 or 3 lowercase letters (vi, en, tyz)');

/**
 * A question's name, `<question>.<value>` for an answer's label, or a reserved key
 * (`_greeting`). Whether the questionnaire has it is checked against its form.
 */
export const recordingKeySchema = z
  .string()
  .max(200)
  .regex(
    /^[A-Za-z0-9_-]{1,100}(\.[A-Za-z0-9_+-]{1,64})?$/,
    'a question name, <question>.<value> or a reserved key such as _greeting',
  );

const questionnaireIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'a questionnaire id');

export const recordingParamsSchema = z.object({
  questionnaireId: questionnaireIdSchema,
  language: languageCodeSchema,
  question: recordingKeySchema,
});

export const recordingListParamsSchema = z.object({ questionnaireId: questionnaireIdSchema });
export const recordingListQuerySchema = z.object({
  language: languageCodeSchema.optional().describe('Only the recordings in this language'),
});

export const recordingFetchQuerySchema = z.object({
  v: z
    .string()
    .regex(/^[0-9a-f]{12}$/, 'the first 12 hex digits of the sha256')
    .optional()
    .describe('The version the URL was given with; with it the answer is cached for good'),
});

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

export const storedRecordingSchema = z.object({
  url: z.string().describe('Where to GET it; changes when the recording is replaced'),
  bytes: z.number().int(),
  seconds: z.number(),
  sha256: sha256Schema,
});

export const recordingListSchema = z.array(
  storedRecordingSchema.extend({
    language: z.string(),
    key: z.string(),
    contentType: z
      .string()
      .describe('audio/ogg, audio/mpeg or audio/webm: a device that cannot play it skips it'),
  }),
);
export type RecordingListEntry = z.infer<typeof recordingListSchema>[number];
