// Imports nothing but zod, so the web pages can share these schemas.
import { z } from 'zod';

/**
 * Every action the audit log records (server/API.md "Audit log"), by what it acts on. A new
 * kind of staff change adds its name here, so the audit page can name it in both languages.
 */
export const auditActions = [
  'user.create',
  'user.update',
  'kiosk.create',
  'kiosk.revoke',
  'kiosk.pairing_reissue',
  'kiosk.pair',
  'review.exclude',
  'review.keep',
  'review.include',
  'population.replace',
  'wave.create',
  'wave.update',
  'wave.close',
  'wave.targets',
  'questionnaire.publish',
  'translations.import',
  'audio.upload',
  'audio.delete',
  'paper.batch_create',
  'paper.entry',
  'paper.resolve',
  'responses.import',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** `GET /api/audit`: newest first, a page at a time. */
export const auditQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,18}$/, 'a nextCursor from an earlier page')
    .optional(),
  action: z.string().trim().min(1).max(100).optional().describe('One action, e.g. review.exclude'),
  actor: z
    .string()
    .trim()
    .min(1)
    .max(254)
    .transform((value) => value.toLowerCase())
    .optional()
    .describe("The actor's e-mail (or `kiosk:<id>` for a device pairing itself)"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditEntrySchema = z.object({
  id: z.string().describe('Increasing with each entry'),
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
});
