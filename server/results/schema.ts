// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';

const wave = z.string().regex(/^[0-9a-z][0-9a-z-]{0,31}$/, 'a wave id, e.g. 2026 or 2026-dot2');
export const waveQuerySchema = z.object({ wave: wave.optional() });
/** `raked` (the default): weighted to the population wherever a commune has margins. */
export const weightingSchema = z.enum(['raked', 'none']);
export type Weighting = z.infer<typeof weightingSchema>;
export const weightsQuerySchema = z.object({ weights: weightingSchema.optional() });
export const resultsQuerySchema = waveQuerySchema.extend(weightsQuerySchema.shape);
export const communeParamsSchema = z.object({
  communeCode: z.string().regex(/^\d{5}$/, 'a five-digit commune code'),
});

/**
 * One measure of one commune in one wave (METHOD.md section 5; section 8 when raked). `n` is
 * always the count of responses with the measure. A raked measure also gives its linearised
 * `se`, its effective sample size and how many of the `n` could not be placed in a sex × age
 * band cell (they are in no weighted figure).
 */
export const measureSummarySchema = z.object({
  n: z.number().int(),
  mean: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  se: z.number().nullable().optional(),
  effectiveN: z.number().optional(),
  unplaced: z.number().int().optional(),
});
export type MeasureSummary = z.infer<typeof measureSummarySchema>;

export const communeStatusSchema = z.enum(['meets', 'below', 'insufficient']);

export const dimensionsSchema = z.object({
  security: measureSummarySchema,
  opportunity: measureSummarySchema,
  culture: measureSummarySchema,
  trust: measureSummarySchema,
});

export const communeResultSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** `raked` when the figures are weighted to the commune's population margins. */
  weighting: weightingSchema,
  n: z.number().int(),
  status: communeStatusSchema,
  rank: z.number().int().nullable(),
  confident: z.boolean(),
  pMeets: z.number().nullable(),
  overall: measureSummarySchema,
  dimensions: dimensionsSchema,
  /** Responses of the commune·wave excluded by review: counted in no figure above. */
  excluded: z.number().int(),
  /** Responses with a flag that no one has reviewed yet (METHOD.md section 7). */
  flaggedUnreviewed: z.number().int(),
});
export type CommuneResult = z.infer<typeof communeResultSchema>;

export const headlineSchema = z.object({
  total: z.number().int(),
  meeting: z.number().int(),
  share: z.number(),
  targetShare: z.number(),
  targetMet: z.boolean(),
  needed: z.number().int(),
});

/** `GET /api/results` (server/API.md). */
export const waveResultsSchema = z.object({
  wave: z.string(),
  questionnaireId: z.string(),
  threshold: z.number(),
  minN: z.number().int(),
  headline: headlineSchema,
  communes: z.array(communeResultSchema),
});
export type WaveResults = z.infer<typeof waveResultsSchema>;

export const itemResultSchema = z.object({
  name: z.string(),
  dimension: z.string(),
  reverse: z.boolean(),
  /** Valid answers, and the mean of their item scores (0–100). */
  n: z.number().int(),
  mean: z.number().nullable(),
  /** Share of the wave's responses answering with a missing code ("don't know" / "not applicable"). */
  dontKnowRate: z.number().nullable(),
  dontKnowFlag: z.boolean(),
  /** Each missing code apart (98 "don't know", 99 "not applicable"): count and share. */
  missing: z.array(
    z.object({ code: z.number(), count: z.number().int(), rate: z.number().nullable() }),
  ),
});

/** `GET /api/results/:communeCode`. */
export const communeDetailSchema = z.object({
  wave: z.string(),
  questionnaireId: z.string(),
  threshold: z.number(),
  minN: z.number().int(),
  commune: communeResultSchema,
  /** The dimension whose shortfall below the threshold pulls the overall score down most; null when none falls short. */
  weakestDimension: z.enum(['security', 'opportunity', 'culture', 'trust']).nullable(),
  responses: z.number().int(),
  items: z.array(itemResultSchema),
});

/** `GET /api/results/trend`: the road to 2030, wave by wave. */
export const trendSchema = z.object({
  threshold: z.number(),
  minN: z.number().int(),
  targetYear: z.number().int(),
  waves: z.array(
    z.object({
      wave: z.string(),
      headline: headlineSchema,
      province: measureSummarySchema,
      communes: z.array(
        z.object({
          code: z.string(),
          n: z.number().int(),
          mean: z.number().nullable(),
          ciLow: z.number().nullable(),
          ciHigh: z.number().nullable(),
          status: communeStatusSchema,
        }),
      ),
    }),
  ),
});
