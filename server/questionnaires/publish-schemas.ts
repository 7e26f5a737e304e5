// Imports nothing but zod, so the staff pages can share these schemas.
import { z } from 'zod';
import { localizedTextSchema, scoringSchema } from './schema.ts';

/** One thing wrong with an uploaded questionnaire (server/API.md "Questionnaire versions"). */
export const questionnaireProblemSchema = z.object({
  where: z.string().describe('Where in the JSON, e.g. `scoring.items[3].min`'),
  item: z.string().nullable().describe('The item, question or dimension at fault, if any'),
  message: z.string(),
});
export type QuestionnaireProblem = z.infer<typeof questionnaireProblemSchema>;

/** The body of check and publish: a questionnaire as a file in `surveys/` would hold it. */
export const questionnaireUploadSchema = z
  .looseObject({})
  .describe('A questionnaire JSON, as a file in surveys/ (see surveys/METHOD.md)');

/** `POST /api/questionnaires/check`. */
export const questionnaireCheckSchema = z.object({
  ok: z.boolean().describe('True when it may be published as it is'),
  id: z.string().nullable(),
  contentHash: z.string().nullable().describe('sha256 of its canonical JSON, when it is valid'),
  alreadyPublished: z
    .boolean()
    .describe('The same content is already published under this id (publishing again is a no-op)'),
  problems: z.array(questionnaireProblemSchema),
});
export type QuestionnaireCheck = z.infer<typeof questionnaireCheckSchema>;

/** A stored version, as `GET /api/questionnaires` lists it. */
export const questionnaireVersionSchema = z.object({
  id: z.string(),
  published: z.string().describe('The publication date the questionnaire itself states'),
  storedAt: z.string().describe('When this database first stored it (ISO 8601)'),
  contentHash: z.string(),
  fromDashboard: z.boolean().describe('Published from the dashboard (no file in surveys/)'),
  current: z
    .boolean()
    .describe(
      "The questionnaire residents are given now: the open wave's; with none open, the next wave's",
    ),
  answered: z.boolean().describe('At least one response answers it'),
});
export type QuestionnaireVersion = z.infer<typeof questionnaireVersionSchema>;

/** `GET /api/questionnaires/:id`: the definition, ready to edit and upload as a new version. */
export const questionnaireDefinitionSchema = z.object({
  id: z.string(),
  published: z.string(),
  title: localizedTextSchema,
  scoring: scoringSchema,
  survey: z.looseObject({}),
});
