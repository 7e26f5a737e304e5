// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';

export const dimensionKeys = ['security', 'opportunity', 'culture', 'trust'] as const;
export const dimensionKeySchema = z.enum(dimensionKeys);
export type DimensionKey = z.infer<typeof dimensionKeySchema>;

/** The four dimensions plus the overall score: the measures a commune is summarised on. */
export const measureKeys = ['overall', ...dimensionKeys] as const;
export type MeasureKey = (typeof measureKeys)[number];

export const localizedTextSchema = z.object({ vi: z.string().min(1), en: z.string().min(1) });

const positiveWeight = z.number().positive().finite();

/** A scoring item as written in a questionnaire file (METHOD.md section 1). */
const itemInputSchema = z.strictObject({
  name: z.string().min(1),
  dimension: dimensionKeySchema,
  min: z.number().int(),
  max: z.number().int(),
  reverse: z.boolean().default(false),
  weight: positiveWeight.default(1),
});

const dimensionInputSchema = z.strictObject({
  key: dimensionKeySchema,
  weight: positiveWeight.default(1),
  minAnswered: z.number().int().positive().optional(),
});

/** The scoring block as written in a file: every field but `items` may be left to its default. */
export const scoringInputSchema = z.strictObject({
  method: z.enum(['mean', 'sufficiency']).default('mean'),
  dimensions: z.array(dimensionInputSchema).default([]),
  items: z.array(itemInputSchema).min(1),
  missing: z.array(z.number().int()).default([98, 99]),
  cutoff: z.number().min(0).max(100).default(70),
});

/** The normalised scoring block: every default filled in, one entry per dimension key. */
export const scoringSchema = z.object({
  method: z.enum(['mean', 'sufficiency']),
  missing: z.array(z.number().int()),
  cutoff: z.number(),
  dimensions: z.array(
    z.object({ key: dimensionKeySchema, weight: z.number(), minAnswered: z.number().int() }),
  ),
  items: z.array(
    z.object({
      name: z.string(),
      dimension: dimensionKeySchema,
      min: z.number().int(),
      max: z.number().int(),
      reverse: z.boolean(),
      weight: z.number(),
    }),
  ),
});
export type Scoring = z.infer<typeof scoringSchema>;
export type ScoringItem = Scoring['items'][number];

/** A SurveyJS form: only the parts the server reads are typed; the rest passes through. */
export const surveyFormSchema = z.looseObject({ pages: z.array(z.looseObject({})).min(1) });

/** A questionnaire file in `surveys/`. */
export const questionnaireFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, 'lowercase letters, digits and dashes'),
  published: z.iso.date(),
  title: localizedTextSchema,
  scoring: scoringInputSchema,
  survey: surveyFormSchema,
});
export type QuestionnaireFile = z.infer<typeof questionnaireFileSchema>;

/** `GET /api/questionnaires/current` (server/API.md). */
export const questionnaireSchema = z.object({
  id: z.string(),
  title: localizedTextSchema,
  scoring: scoringSchema,
  survey: z.looseObject({}),
});
export type Questionnaire = z.infer<typeof questionnaireSchema>;
