// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';

/**
 * One row of a margin as sent. Only the types are checked here; what the values must be
 * (a known commune, a category of the variable, a whole number from 0) is checked by
 * `checkMargins`, which names every problem by row and field instead of stopping at one.
 */
export const marginRowSchema = z.strictObject({
  communeCode: z.string().max(20).describe('Five digits, leading zeros kept, e.g. "01273"'),
  variable: z.string().max(40).describe('`sex` or `age_band`'),
  category: z
    .string()
    .max(40)
    .describe('`female`, `male` for sex; `18-29`, `30-44`, `45-59`, `60+` for age_band'),
  population: z.number().describe('People of the commune in this category: a whole number ≥ 0'),
});

/** `PUT /api/population`: every margin at once; what is not in it is no longer a margin. */
export const populationBodySchema = z.strictObject({
  source: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('Where the figures come from, e.g. "Cục Thống kê, 2025"'),
  // 56 communes × 6 rows is 336; room for a file with mistakes to be reported whole.
  margins: z.array(marginRowSchema).max(5000),
});

export const populationStoredSchema = z.object({
  communes: z.number().int().describe('Communes that now have margins'),
});

export const populationSchema = z.object({
  source: z.string().nullable().describe('null while no margins are stored'),
  margins: z.array(
    z.object({
      communeCode: z.string(),
      variable: z.enum(['sex', 'age_band']),
      category: z.string(),
      population: z.number().int(),
    }),
  ),
  updatedAt: z.iso.datetime().nullable(),
  updatedBy: z.string().nullable().describe("The admin's e-mail at the time"),
  isDemo: z.boolean().describe('Synthetic margins loaded by `npm run demo`'),
});
export type Population = z.infer<typeof populationSchema>;
