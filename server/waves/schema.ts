// Imports nothing but zod and pure date rules, so the web pages can share these schemas.
import { z } from 'zod';
import { paperProgressSchema } from '../paper/schema.ts';
import { isCalendarDate } from './wave-dates.ts';

/** A wave id: lower-case letters, digits and hyphens, as it appears in links (`2026-dot2`). */
export const waveIdSchema = z
  .string()
  .regex(/^[0-9a-z][0-9a-z-]{0,31}$/, 'lower-case letters, digits and hyphens, e.g. 2026-dot2');

const day = z
  .string()
  .refine(isCalendarDate, 'a day as YYYY-MM-DD (Asia/Ho_Chi_Minh)')
  .describe('A whole day in Asia/Ho_Chi_Minh');
const target = z.number().int().min(1).max(100_000);
const name = z.string().trim().min(1).max(200);
const questionnaireId = z.string().min(1).max(100);

export const waveStateSchema = z.enum(['planned', 'open', 'closed']);

export const communeTargetSchema = z.object({
  communeCode: z.string().regex(/^\d{5}$/, 'a five-digit commune code'),
  target,
});

/** `GET /api/waves` (server/API.md "Waves"): a wave as staff see it. */
export const waveSchema = z.object({
  id: z.string(),
  name: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  questionnaireId: z.string(),
  /** Responses each commune is to collect (the configured minimum when none was set). */
  target: z.number().int(),
  state: waveStateSchema,
  /** When an admin closed it, if they did (else it closes at the end of `closesOn`). */
  closedAt: z.iso.datetime().nullable(),
  /** Whether it has responses: its questionnaire can no longer change. */
  answered: z.boolean(),
  /** Communes whose target differs from the wave's. */
  communeTargets: z.array(communeTargetSchema),
});
export type WaveView = z.infer<typeof waveSchema>;

export const waveParamsSchema = z.object({ id: waveIdSchema });

export const newWaveSchema = z
  .object({
    id: waveIdSchema,
    name,
    opensOn: day,
    closesOn: day,
    questionnaireId,
    target: target.optional(),
  })
  .refine((wave) => wave.closesOn >= wave.opensOn, {
    path: ['closesOn'],
    message: 'must not be before opensOn',
  });
export type NewWave = z.infer<typeof newWaveSchema>;

/** `PATCH /api/waves/:id`: any of these; `target: null` goes back to the configured minimum. */
export const waveChangeSchema = z
  .object({
    name: name.optional(),
    opensOn: day.optional(),
    closesOn: day.optional(),
    questionnaireId: questionnaireId.optional(),
    target: target.nullable().optional(),
  })
  .refine((change) => Object.values(change).some((value) => value !== undefined), {
    message: 'name at least one field to change',
  });
export type WaveChange = z.infer<typeof waveChangeSchema>;

/** `PUT /api/waves/:id/targets`: every commune target of the wave, replaced at once. */
export const waveTargetsSchema = z.object({
  targets: z
    .array(communeTargetSchema)
    .max(1000)
    .refine(
      (targets) => new Set(targets.map((t) => t.communeCode)).size === targets.length,
      'a commune appears more than once',
    ),
});

export const kioskContactSchema = z.object({
  id: z.string(),
  label: z.string(),
  lastSeenAt: z.iso.datetime().nullable(),
});

/** One commune's collection in a wave. */
export const communeProgressSchema = z.object({
  code: z.string(),
  name: z.string(),
  target: z.number().int(),
  /** Responses that count in the results (scored overall, not excluded by review). */
  responses: z.number().int(),
  /** Of those, received in the last 7 days (the 7 days up to and including today). */
  lastSevenDays: z.number().int(),
  reached: z.boolean(),
  /**
   * The day the target would be reached at the last 7 days' pace; null when reached already,
   * or when nothing came in the last 7 days (no pace to project).
   */
  projectedOn: z.string().nullable(),
  kiosks: z.array(kioskContactSchema),
  /** The commune's paper forms of the wave: printed, typed once, verified, in conflict. */
  paper: paperProgressSchema,
});
export type CommuneProgress = z.infer<typeof communeProgressSchema>;

/** `GET /api/waves/:id/progress`. */
export const waveProgressSchema = z.object({
  wave: waveSchema,
  /** The day it is in Việt Nam when this was computed. */
  today: z.string(),
  summary: z.object({
    communes: z.number().int(),
    atTarget: z.number().int(),
    quietSevenDays: z.number().int().describe('Communes with no response in the last 7 days'),
    responses: z.number().int(),
    target: z.number().int(),
    /** The paper forms of the communes shown, summed. */
    paper: paperProgressSchema,
  }),
  communes: z.array(communeProgressSchema),
});
export type WaveProgress = z.infer<typeof waveProgressSchema>;
