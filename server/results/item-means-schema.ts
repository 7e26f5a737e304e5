// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';

/** How many answers of one item used one missing code (98 "don't know", 99 "not applicable"). */
export const missingCountSchema = z.object({
  code: z.number().int(),
  count: z.number().int(),
  /** `count` over every response of the commune·wave, skips included; null with none. */
  rate: z.number().nullable(),
});

/** One item of one commune·wave: valid answers, their mean item score (0–100), missing codes apart. */
export const communeItemSchema = z.object({
  name: z.string(),
  n: z.number().int(),
  mean: z.number().nullable(),
  /** One entry per missing code of the questionnaire, in its order, zeros included. */
  missing: z.array(missingCountSchema),
});
export type CommuneItem = z.infer<typeof communeItemSchema>;

/** The scored items of the questionnaire the results are stated in. */
export const scoredItemSchema = z.object({
  name: z.string(),
  dimension: z.enum(['security', 'opportunity', 'culture', 'trust']),
  reverse: z.boolean(),
});

/** `GET /api/results/items`: every commune's item means (server/API.md). */
export const waveItemMeansSchema = z.object({
  wave: z.string(),
  questionnaireId: z.string(),
  threshold: z.number(),
  missingCodes: z.array(z.number().int()),
  items: z.array(scoredItemSchema),
  communes: z.array(
    z.object({
      code: z.string(),
      /** Responses of the commune·wave counted (not excluded, a version scored alike). */
      responses: z.number().int(),
      items: z.array(communeItemSchema),
    }),
  ),
});
export type WaveItemMeans = z.infer<typeof waveItemMeansSchema>;

/** `GET /api/results/:communeCode/items`: one commune's items, "don't know" and "not applicable" apart. */
export const communeItemsSchema = z.object({
  wave: z.string(),
  questionnaireId: z.string(),
  communeCode: z.string(),
  missingCodes: z.array(z.number().int()),
  responses: z.number().int(),
  items: z.array(communeItemSchema.extend(scoredItemSchema.shape)),
});
export type CommuneItems = z.infer<typeof communeItemsSchema>;
