// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';

/** ISO 639-1 (vi, en) or 639-3 (tyz, nut, hmn, ium); `qaa` and the like for test languages. */
export const languageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'an ISO 639 code: two or three lowercase letters');

/** `surveys/languages/<code>/language.json`. */
export const languageFileSchema = z.strictObject({
  code: languageCodeSchema,
  /** The language's name in the language itself, as its speakers read it on the button. */
  name: z.string().trim().min(1).max(60),
  /** Its name in Vietnamese, for staff. */
  nameVi: z.string().trim().min(1).max(60),
});
export type LanguageFile = z.infer<typeof languageFileSchema>;

/** `messages.json` and `questionnaires/<id>.json`: flat key → text; a missing key is untranslated. */
export const stringsFileSchema = z.record(z.string().min(1), z.string());

/** `GET /api/languages`: every language the server holds. */
export const languageSummarySchema = z.object({
  code: languageCodeSchema,
  name: z.string(),
  nameVi: z.string(),
  /** Complete for the current questionnaire: residents are shown only these. */
  offered: z.boolean(),
  /** Translated over needed: the pages' messages and the current questionnaire's strings. */
  coverage: z.number().min(0).max(1),
  /** Changes whenever what `GET /api/languages/:code` gives changes (its ETag). */
  version: z.string(),
});
export type LanguageSummary = z.infer<typeof languageSummarySchema>;
export const languageListSchema = z.array(languageSummarySchema);

/** `GET /api/languages/:code`: what a page needs to show the form in the language. */
export const languagePackSchema = z.object({
  code: languageCodeSchema,
  name: z.string(),
  questionnaireId: z.string(),
  messages: z.record(z.string(), z.string()),
  /** The current questionnaire's strings, by the keys of questionnaire-strings.ts. */
  strings: z.record(z.string(), z.string()),
});
export type LanguagePack = z.infer<typeof languagePackSchema>;

/** One problem of an imported kit, by its row (from 1, the header being row 1) and key. */
export const kitProblemSchema = z.object({
  row: z.number().int().nullable(),
  key: z.string().nullable(),
  code: z.enum([
    'missing_columns',
    'no_language',
    'source_language',
    'unknown_key',
    'duplicate_key',
    'missing_key',
    'placeholders',
    'markup',
    'too_long',
  ]),
  message: z.string(),
});
export type KitProblem = z.infer<typeof kitProblemSchema>;

/** What checking an imported kit found; nothing is stored while `errors` is not empty. */
export const kitCheckSchema = z.object({
  language: z.string().nullable(),
  questionnaireId: z.string(),
  errors: z.array(kitProblemSchema),
  warnings: z.array(kitProblemSchema),
  translated: z.number().int(),
  needed: z.number().int(),
  coverage: z.number(),
  stored: z.boolean(),
});
export type KitCheck = z.infer<typeof kitCheckSchema>;

export const languageParamsSchema = z.object({ code: languageCodeSchema });
export const languagePackQuerySchema = z.object({
  v: z
    .string()
    .max(64)
    .optional()
    .describe('The version from the list: makes the answer cacheable'),
});
export const kitQuerySchema = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
export const kitImportQuerySchema = z.object({
  dryRun: z.stringbool().default(false).describe('Check only: list the problems, store nothing'),
});
