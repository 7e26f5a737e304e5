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

/** A file in the recordings archive: a plain name, no folder, so none is written outside it. */
const archiveFileSchema = z
  .string()
  .regex(/^[A-Za-z0-9_+-][A-Za-z0-9_.+-]{0,199}$/, 'a file name in the archive, with no folder');

/**
 * `manifest.json` of the translator's recordings archive: which file is which key's recording.
 * `type` and `sha256` are checked when given (a file added by hand may leave them out: the
 * type then follows the name's extension, and is still read from the bytes).
 */
export const recordingManifestSchema = z.object({
  questionnaireId: questionnaireIdSchema,
  language: languageCodeSchema,
  recordings: z
    .array(
      z.object({
        key: recordingKeySchema,
        file: archiveFileSchema,
        sha256: sha256Schema.optional(),
        type: z.enum(['audio/ogg', 'audio/mpeg', 'audio/webm']).optional(),
        seconds: z.number().optional(),
      }),
    )
    .max(2000),
});
export type RecordingManifest = z.infer<typeof recordingManifestSchema>;

const archiveProblemSchema = z.object({
  key: z.string().nullable(),
  file: z.string().nullable(),
  message: z.string(),
});
export type ArchiveProblem = z.infer<typeof archiveProblemSchema>;

/** The answer to a recordings archive's import, and the details of its refusal. */
export const recordingImportSchema = z.object({
  questionnaireId: z.string().nullable(),
  language: z.string().nullable(),
  errors: z.array(archiveProblemSchema),
  warnings: z.array(archiveProblemSchema),
  recordings: z.array(
    z.object({
      key: z.string(),
      sha256: sha256Schema,
      status: z
        .enum(['added', 'replaced', 'unchanged'])
        .describe('unchanged: the stored recording has the same sha256'),
    }),
  ),
  added: z.number().int(),
  replaced: z.number().int(),
  unchanged: z.number().int(),
  stored: z.boolean(),
});
export type RecordingImport = z.infer<typeof recordingImportSchema>;

export const recordingImportQuerySchema = z.object({
  dryRun: z.stringbool().default(false).describe('Check only: list the problems, store nothing'),
});
export const recordingArchiveQuerySchema = z.object({
  language: languageCodeSchema.describe('The language whose recordings the archive holds'),
});
