// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';

/** What `responses.source` admits (migrations/0014_paper_and_import.ts). */
export const importSourcePattern = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** `POST /api/imports/responses` query (server/API.md "Paper and import"). */
export const importQuerySchema = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true')
    .describe('`false` stores the valid rows; anything else only checks (the default)'),
  source: z
    .string()
    .regex(importSourcePattern, 'lower-case letters, digits, - and _, at most 32')
    .default('csv')
    .describe('The tool the file comes from (`kobo`, `odk`, …), recorded on each response'),
  questionnaireId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("Check every row against this version, not the one of the row's wave"),
});
export type ImportQuery = z.infer<typeof importQuerySchema>;

/** One problem of the file: its line (from 1, the header is 1) and column (null: the row). */
export const importProblemSchema = z.object({
  line: z.number().int().min(1),
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

/**
 * The answer to an import, dry run or real. `valid` rows have no problem; of them,
 * `unchanged` were already stored with the same content, and a real run stores the rest
 * (`stored`). A dry run stores nothing: it would store `valid − unchanged`.
 */
export const importReportSchema = z.object({
  dryRun: z.boolean(),
  source: z.string(),
  rows: z.number().int().min(0),
  valid: z.number().int().min(0),
  stored: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  problems: z.array(importProblemSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;
